#!/usr/bin/env python3
"""Node.js vs Python HTTP server benchmark for the bundled guide.

usage: python3 scripts/bench-servers/run.py [--dry-run] [--uvloop] [--quick]
                                             [--runs R] [--duration S] ...

Starts two single-process servers side by side, each pinned to CPU core 0:

  nodejs   server.js under `node` (plain node:http, no framework)
  python   app.py, a bare ASGI app, under uvicorn: one worker, no access log,
           `--loop asyncio --http h11` (the pure-Python HTTP parser and the
           standard event loop; uvloop and httptools are not used)
  python-uvloop   only with --uvloop: the same app with `--loop uvloop
           --http httptools`

and drives them with wrk (`-t1`, pinned to core 1). This script also keeps to
core 1. Endpoints: /io waits 10 ms on a timer (a stand-in for a database or
service call) and returns a small JSON body; /cpu computes a naive recursive
fib(22) in the language itself and returns it as JSON.

Measures, in this order:
  1. start-up time: spawn, poll GET / every 5 ms until 200 (10 times each,
     alternating which server goes first); the resident memory (VmRSS) of each
     of those fresh processes 1 s after its first response is the idle figure;
  2. /io throughput and p50/p99 latency at 1, 10, 50, 100, 200, 400
     connections; 3. /cpu throughput and p99 latency at 1, 10, 50
     connections. Every point is run R times (default 3) for D seconds
     (default 10), alternating the servers, after a 5 s warm-up per server and
     endpoint; the median is reported;
  4. VmRSS of the long-running servers after all the load runs.

Before it starts it waits (up to --max-wait seconds) until the 1-minute load
average is at most --max-load. During each run it records how much CPU time
processes other than the server and wrk used, as a noise indicator.

Installs what it needs when missing: wrk (apt-get), a venv at --venv with the
pinned requirements.txt (+ requirements-standard.txt for --uvloop).

Writes the datasets into content/data/guides/nodepy/benchmarks.yaml below the
marker line (everything after it is replaced; everything above it is kept),
and the raw per-run numbers into scripts/bench-servers/results.json.
--dry-run prints the YAML and writes nothing.
"""
import argparse
import datetime
import http.client
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
YAML_PATH = os.path.join(ROOT, "content", "data", "guides", "nodepy", "benchmarks.yaml")
RAW_PATH = os.path.join(HERE, "results.json")
MARKER = "# measured: written by scripts/bench-servers/run.py; do not edit below"
SOURCE_ID = "verdict-server-bench"
COMMAND = "python3 scripts/bench-servers/run.py"

SERVER_CORE = 0
CLIENT_CORE = 1
CLK_TCK = os.sysconf("SC_CLK_TCK")


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- setup

def ensure_wrk():
    if shutil.which("wrk"):
        return
    log("wrk not found; installing it with apt-get")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if subprocess.run(["apt-get", "install", "-y", "wrk"], env=env).returncode != 0:
        subprocess.run(["apt-get", "update"], env=env, check=True)
        subprocess.run(["apt-get", "install", "-y", "wrk"], env=env, check=True)


def ensure_venv(venv, uvloop):
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        log(f"creating venv {venv}")
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    reqs = ["-r", os.path.join(HERE, "requirements.txt")]
    if uvloop:
        reqs += ["-r", os.path.join(HERE, "requirements-standard.txt")]
    subprocess.run([py, "-m", "pip", "install", "-q", "--disable-pip-version-check"] + reqs,
                   check=True)
    return py


def versions(py):
    v = {}
    v["node"] = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    v["python"] = subprocess.run([py, "-c", "import platform; print(platform.python_version())"],
                                 capture_output=True, text=True).stdout.strip()
    code = ("import importlib.metadata as m\n"
            "for p in ['uvicorn','h11','uvloop','httptools']:\n"
            "    try: print(p, m.version(p))\n"
            "    except m.PackageNotFoundError: print(p, '-')\n")
    for line in subprocess.run([py, "-c", code], capture_output=True, text=True).stdout.split("\n"):
        if line.strip():
            k, val = line.split()
            v[k] = val
    out = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    m = re.search(r"wrk\s+(\S+)", out.stdout + out.stderr)
    v["wrk"] = m.group(1) if m else "?"
    m = re.fullmatch(r"debian/((\d+(?:\.\d+)*).*)", v["wrk"])
    if m:  # Debian's build prints "debian/4.1.0-3+b2"
        v["wrk"] = f"{m.group(2)} (Debian package {m.group(1)})"
    v["kernel"] = platform.release()
    return v


def machine():
    model, cores = "?", os.cpu_count()
    with open("/proc/cpuinfo") as f:
        info = f.read()
    m = re.search(r"model name\s*:\s*(.+)", info)
    if m:
        model = re.sub(r"\((R|TM)\)", "", m.group(1)).strip()
    virt = " VM" if re.search(r"^flags\s*:.*\bhypervisor\b", info, re.M) else ""
    with open("/proc/meminfo") as f:
        mem_kb = int(re.search(r"MemTotal:\s+(\d+)", f.read()).group(1))
    return {"cpu": model, "cores": cores, "arch": platform.machine(), "virt": virt,
            "mem_gib": round(mem_kb / 1024 / 1024)}


def loadavg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def wait_for_quiet(max_load, max_wait, force):
    start = time.time()
    while True:
        la = loadavg()
        if la <= max_load:
            return la, round(time.time() - start)
        if time.time() - start >= max_wait:
            if not force:
                sys.exit(f"load average still {la} after {max_wait} s; try later, or pass --force")
            log(f"load average still {la} after {max_wait} s; going ahead (--force)")
            return la, round(time.time() - start)
        log(f"load average {la} > {max_load}; waiting")
        time.sleep(15)


# ---------------------------------------------------------------- servers

class Server:
    def __init__(self, key, label, argv, port):
        self.key, self.label, self.argv, self.port = key, label, argv, port
        self.proc = None

    def start(self):
        cmd = ["taskset", "-c", str(SERVER_CORE)] + self.argv + self.port_args()
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(cmd, cwd=HERE, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, start_new_session=True)
        return t0

    def port_args(self):
        return [str(self.port)] if self.key == "nodejs" else ["--port", str(self.port)]

    def wait_ready(self, t0, timeout=20.0):
        """Poll GET / every ~5 ms; return seconds from spawn to the first 200."""
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.key} exited: {self.proc.stderr.read().decode()}")
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                c.request("GET", "/")
                r = c.getresponse()
                r.read()
                c.close()
                if r.status == 200:
                    return time.perf_counter() - t0
            except (ConnectionError, OSError, http.client.HTTPException):
                pass
            if time.perf_counter() - t0 > timeout:
                raise RuntimeError(f"{self.key} did not answer within {timeout} s")
            time.sleep(0.005)

    def status(self, field):
        with open(f"/proc/{self.proc.pid}/status") as f:
            m = re.search(field + r":\s+(\d+) kB", f.read())
        return int(m.group(1)) / 1024  # MiB

    def cpu_ticks(self):
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


def make_servers(py, uvloop):
    uv = [py, "-m", "uvicorn", "app:app", "--host", "127.0.0.1", "--workers", "1",
          "--no-access-log", "--log-level", "warning"]
    servers = [
        Server("nodejs", "Node.js, node:http", ["node", "server.js"], 8101),
        Server("python", "Python, uvicorn (h11, asyncio)",
               uv + ["--loop", "asyncio", "--http", "h11"], 8102),
    ]
    if uvloop:
        servers.append(Server("python-uvloop", "Python, uvicorn (httptools, uvloop)",
                              uv + ["--loop", "uvloop", "--http", "httptools"], 8103))
    return servers


# ---------------------------------------------------------------- wrk

def to_ms(s):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", s)
    if not m:
        raise ValueError(s)
    return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[m.group(2)]


def parse_wrk(out):
    r = {}
    r["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    for pct in ("50", "75", "90", "99"):
        m = re.search(r"^\s+%s%%\s+(\S+)" % pct, out, re.M)
        r["p" + pct] = to_ms(m.group(1)) if m else None
    m = re.search(r"(\d+) requests in", out)
    r["requests"] = int(m.group(1)) if m else None
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    r["socket_errors"] = sum(int(x) for x in m.groups()) if m else 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    r["non_2xx"] = int(m.group(1)) if m else 0
    return r


def proc_stat_busy():
    """(busy ticks without steal, steal ticks) summed over all cores."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    # user nice system idle iowait irq softirq steal
    return v[0] + v[1] + v[2] + v[5] + v[6], v[7]


def run_wrk(server, path, conns, seconds):
    url = f"http://127.0.0.1:{server.port}{path}"
    cmd = ["taskset", "-c", str(CLIENT_CORE), "wrk", "-t1", f"-c{conns}", f"-d{seconds}s",
           "--latency", "--timeout", "10s", url]
    busy0, srv0, la0 = proc_stat_busy(), server.cpu_ticks(), loadavg()
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = p.communicate()
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        raise RuntimeError(f"wrk failed: {err}")
    busy1, srv1 = proc_stat_busy(), server.cpu_ticks()
    r = parse_wrk(out)
    r["server_cpu_pct"] = round(100 * (srv1 - srv0) / CLK_TCK / wall, 1)
    r["all_cpu_pct"] = round(100 * (busy1[0] - busy0[0]) / CLK_TCK / wall, 1)
    # Time the hypervisor gave to other guests while ours wanted the CPU.
    r["steal_pct"] = round(100 * (busy1[1] - busy0[1]) / CLK_TCK / wall, 1)
    r["loadavg_before"] = la0
    return r


# ---------------------------------------------------------------- phases

def measure_startup(servers, reps):
    res = {s.key: {"startup_ms": [], "idle_rss_mib": []} for s in servers}
    for i in range(reps):
        order = servers if i % 2 == 0 else list(reversed(servers))
        for s in order:
            t0 = s.start()
            try:
                dt = s.wait_ready(t0)
                time.sleep(1.0)
                rss = s.status("VmRSS")
            finally:
                s.stop()
            res[s.key]["startup_ms"].append(round(dt * 1000, 2))
            res[s.key]["idle_rss_mib"].append(round(rss, 2))
            time.sleep(0.2)
    for s in servers:
        log(f"  startup {s.key}: {res[s.key]['startup_ms']} ms; idle RSS {res[s.key]['idle_rss_mib']} MiB")
    return res


def cpu_rusage_children():
    import resource
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def measure_load(servers, path, levels, runs, seconds, warmup, max_other, retries, discarded):
    res = {s.key: {} for s in servers}
    for s in servers:
        log(f"  warm-up {s.key} {path} ({warmup} s, 50 connections)")
        run_wrk(s, path, 50, warmup)
    for c in levels:
        for rep in range(runs):
            order = servers if rep % 2 == 0 else list(reversed(servers))
            for s in order:
                for attempt in range(retries + 1):
                    ch0 = cpu_rusage_children()
                    r = run_wrk(s, path, c, seconds)
                    wrk_cpu = cpu_rusage_children() - ch0
                    # Share of the machine used by everything except this server
                    # and wrk, in % of one core (the harness itself only sleeps).
                    r["other_cpu_pct"] = round(max(0.0, r["all_cpu_pct"] - r["server_cpu_pct"]
                                                   - 100 * wrk_cpu / seconds), 1)
                    if r["other_cpu_pct"] <= max_other or attempt == retries:
                        break
                    log(f"  {s.key} {path} c={c}: other processes used {r['other_cpu_pct']}% "
                        f"of a core; discarding the run and retrying in 20 s")
                    discarded.append(dict(r, server=s.key, path=path, conns=c))
                    time.sleep(20)
                res[s.key].setdefault(str(c), []).append(r)
                log(f"  {s.key:14} {path} c={c:<3} run {rep + 1}: {r['rps']:9.1f} req/s "
                    f"p50 {r['p50']:.2f} ms p99 {r['p99']:.2f} ms "
                    f"(server {r['server_cpu_pct']}% cpu, others {r['other_cpu_pct']}%, "
                    f"steal {r['steal_pct']}%, "
                    f"errors {r['socket_errors']}+{r['non_2xx']})")
                time.sleep(0.5)
    return res


def med(runs, key):
    return statistics.median(r[key] for r in runs)


# ---------------------------------------------------------------- YAML

def q(s):
    # JSON strings are valid YAML double-quoted scalars.
    return json.dumps(s, ensure_ascii=False)


def num(x, digits):
    return str(int(round(x))) if digits == 0 else f"{x:.{digits}f}"


def emit(ds):
    out = []
    out.append(f"- id: {ds['id']}")
    out.append(f"  title: {q(ds['title'])}")
    out.append(f"  kind: {ds['kind']}")
    out.append(f"  unit: {q(ds['unit'])}")
    out.append(f"  better: {ds['better']}")
    if ds["kind"] == "line":
        out.append(f"  x: {{ name: {q(ds['x']['name'])}, unit: {q(ds['x']['unit'])} }}")
    if ds["kind"] == "grouped":
        out.append("  categories: [" + ", ".join(q(c) for c in ds["categories"]) + "]")
    out.append("  series:")
    d = ds["digits"]
    for s in ds["series"]:
        out.append(f"    - technology: {s['technology']}")
        out.append(f"      label: {q(s['label'])}")
        if ds["kind"] == "line":
            pts = ", ".join(f"[{x}, {num(y, d)}]" for x, y in s["points"])
            out.append(f"      points: [{pts}]")
        elif ds["kind"] == "grouped":
            out.append("      values: [" + ", ".join(num(v, d) for v in s["values"]) + "]")
        else:
            out.append(f"      value: {num(s['value'], d)}")
    out.append(f"  source: {SOURCE_ID}")
    out.append(f"  date: {q(ds['date'])}")
    out.append("  verified: true")
    out.append(f"  method: {q(ds['method'])}")
    out.append("  environment:")
    for k in ("machine", "versions", "command"):
        out.append(f"    {k}: {q(ds['environment'][k])}")
    out.append(f"  not_shown: {q(ds['not_shown'])}")
    return "\n".join(out)


def build_datasets(data):
    v, m, a = data["versions"], data["machine"], data["args"]
    node_major = v["node"].lstrip("v").split(".")[0]
    py_minor = ".".join(v["python"].split(".")[:2])
    labels = {
        "nodejs": f"Node.js {node_major}, node:http",
        "python": f"Python {py_minor}, uvicorn (bare ASGI, h11, asyncio)",
        "python-uvloop": f"Python {py_minor}, uvicorn (bare ASGI, httptools, uvloop)",
    }
    tech = {"nodejs": "nodejs", "python": "python", "python-uvloop": "python"}
    keys = [k for k in ("nodejs", "python", "python-uvloop") if k in data["startup"]]
    vers = f"Node.js {v['node']}; Python {v['python']}, uvicorn {v['uvicorn']} (h11 {v['h11']}, asyncio"
    if "python-uvloop" in keys:
        vers += f"; also httptools {v['httptools']}, uvloop {v['uvloop']}"
    vers += f"); wrk {v['wrk']}; Linux {v['kernel']}"
    env = {
        "machine": (f"{m['cores']}-core {m['arch']}{m['virt']} ({m['cpu']}), {m['mem_gib']} GiB RAM; "
                    f"server on core {SERVER_CORE}, wrk and the harness on core {CLIENT_CORE}"),
        "versions": vers,
        "command": COMMAND + (" --uvloop" if "python-uvloop" in keys else ""),
    }
    la = data["load"]
    other = [r["other_cpu_pct"] for ep in ("io", "cpu") for k in keys
             for runs in data[ep][k].values() for r in runs]
    errors = sum(r["socket_errors"] + r["non_2xx"] for ep in ("io", "cpu") for k in keys
                 for runs in data[ep][k].values() for r in runs)
    noise = (f" The 1-minute load average was {la['start']:.2f} at the start and {la['end']:.2f} at the end; "
             f"processes other than the server and wrk used {statistics.median(other):.0f}% of one core "
             f"in the median run (at most {max(other):.0f}%).")
    # Steal (CPU time the hypervisor gave to other guests) per endpoint: a
    # median pooled over every run would hide the runs it disturbed.
    parts = []
    for ep in ("io", "cpu"):
        steal = [r["steal_pct"] for k in keys for runs in data[ep][k].values() for r in runs]
        if steal:
            hit = sum(1 for x in steal if x >= 15)
            parts.append(f"in the /{ep} runs a median of {statistics.median(steal):.0f}% of one core, "
                         f"at most {max(steal):.0f}%, and 15% or more in {hit} of {len(steal)} runs")
    noise += (" CPU time taken by the hypervisor for other guests (steal) was " + "; ".join(parts) +
              ": the runs it touched most are slower and their latency less even.")
    if data["discarded"]:
        noise += (f" {len(data['discarded'])} runs disturbed by other processes (over "
                  f"{a['max_other']:.0f}% of a core) were discarded and repeated.")
    if errors:
        noise += f" wrk counted {errors} socket errors or non-2xx responses over all runs (see results.json)."
    else:
        noise += " No run had socket errors or non-2xx responses."
    R, D, W = a["runs"], a["duration"], a["warmup"]
    pin = (f"Each server is one process pinned to core {SERVER_CORE} with `taskset`; wrk "
           f"(`-t1 --latency`) is pinned to core {CLIENT_CORE}; traffic goes over loopback.")
    def spread(ep):
        sp = [100 * (max(x["rps"] for x in runs) - min(x["rps"] for x in runs))
              / statistics.median(x["rps"] for x in runs)
              for k in keys for runs in data[ep][k].values()]
        return (f" Throughput varied between the runs of a point by {statistics.median(sp):.0f}% "
                f"in the median case and by at most {max(sp):.0f}% (highest minus lowest, "
                f"relative to the median).")
    load_method = (f"Median of {R} run{'s' if R != 1 else ''} of {D} s per point, after a {W} s warm-up per server and endpoint; "
                   f"the servers take turns run by run. " + pin)
    io_what = ("`GET /io` waits on a 10 ms timer (`setTimeout` in Node.js, `asyncio.sleep(0.010)` in Python), "
               "standing in for a database or service call, then returns a small JSON body. ")
    cpu_what = ("`GET /cpu` computes a naive recursive `fib(22)` (57,313 calls, same algorithm in both, "
                "written in the language itself, no native extension) and returns it as JSON; "
                "this is where V8's JIT compiler and CPython's bytecode interpreter differ most. ")
    common_not = ("One virtual machine and one run of the harness; loopback networking; "
                  "a single process per runtime, so neither Node.js `cluster` nor several uvicorn "
                  "workers (which would use the second core) is measured; no framework, "
                  "no real database, no TLS, no request parsing beyond the path.")
    if "python-uvloop" not in keys:
        common_not += (" uvicorn ran with its pure-Python HTTP parser (h11) and the standard asyncio "
                       "loop; the C-based `httptools` parser and `uvloop` loop that `uvicorn[standard]` "
                       "installs were not measured (`--uvloop` runs them).")
    date = data["date"]
    io_levels, cpu_levels = a["io_levels"], a["cpu_levels"]

    def line(ep, stat, levels):
        return [{"technology": tech[k], "label": labels[k],
                 "points": [[c, med(data[ep][k][str(c)], stat)] for c in levels]} for k in keys]

    def grouped(ep, stat, levels):
        return [{"technology": tech[k], "label": labels[k],
                 "values": [med(data[ep][k][str(c)], stat) for c in levels]} for k in keys]

    su = {k: data["startup"][k]["startup_ms"] for k in keys}
    rss = {k: data["startup"][k]["idle_rss_mib"] for k in keys}
    su_range = "; ".join(f"{labels[k].split(',')[0]} {min(su[k]):.1f} to {max(su[k]):.1f} ms"
                         for k in keys)
    rss_range = "; ".join(f"{labels[k].split(',')[0]} {min(rss[k]):.1f} to {max(rss[k]):.1f} MiB"
                          for k in keys)
    if "python-uvloop" in keys:
        su_range = su_range.replace("Python 3", "Python (h11) 3", 1)

    datasets = [
        {"id": "io-throughput", "kind": "line", "digits": 0,
         "title": "Throughput of an I/O-bound endpoint (10 ms simulated backend call)",
         "unit": "requests/s", "better": "higher",
         "x": {"name": "Concurrent connections", "unit": "connections"},
         "series": line("io", "rps", io_levels),
         "method": io_what + load_method + spread("io") + noise,
         "not_shown": (common_not + " The 10 ms wait is a timer, so the ceiling at low concurrency "
                       "is about 100 requests/s per connection for both runtimes; the curves part only "
                       "when the per-request overhead of the runtime and HTTP stack saturates one core.")},
        {"id": "io-latency-p50", "kind": "line", "digits": 1,
         "title": "Median latency of an I/O-bound endpoint (10 ms simulated backend call)",
         "unit": "ms", "better": "lower",
         "x": {"name": "Concurrent connections", "unit": "connections"},
         "series": line("io", "p50", io_levels),
         "method": io_what + load_method + " The figure is wrk's 50th-percentile latency." + noise,
         "not_shown": (common_not + " wrk keeps a fixed number of connections busy (a closed loop): "
                       "once a server is saturated, latency grows with queueing at that concurrency, "
                       "not with a fixed arrival rate, so it understates what clients arriving "
                       "independently would see.")},
        {"id": "io-latency-p99", "kind": "line", "digits": 1,
         "title": "99th-percentile latency of an I/O-bound endpoint (10 ms simulated backend call)",
         "unit": "ms", "better": "lower",
         "x": {"name": "Concurrent connections", "unit": "connections"},
         "series": line("io", "p99", io_levels),
         "method": io_what + load_method + " The figure is wrk's 99th-percentile latency." + noise,
         "not_shown": (common_not + " wrk keeps a fixed number of connections busy (a closed loop) and "
                       "does not correct for coordinated omission, so tail latency under overload is "
                       "understated. One percentile of 10 s runs is sensitive to pauses from other "
                       "processes on a shared virtual machine.")},
        {"id": "cpu-throughput", "kind": "grouped", "digits": 0,
         "title": "Throughput of a CPU-bound endpoint (naive fib(22) per request)",
         "unit": "requests/s", "better": "higher",
         "categories": [f"{c} connection" + ("" if c == 1 else "s") for c in cpu_levels],
         "series": grouped("cpu", "rps", cpu_levels),
         "method": cpu_what + load_method + spread("cpu") + noise,
         "not_shown": (common_not + " Both runtimes run this work on the single thread that also "
                       "serves requests, so concurrency cannot raise throughput past one core. A "
                       "Python service would normally move such work into C extensions (NumPy and the "
                       "like), a process pool or another service, and a Node.js one into worker "
                       "threads; a recursive toy function says little about code dominated by "
                       "string handling, allocation or library calls.")},
        {"id": "cpu-latency-p99", "kind": "grouped", "digits": 1,
         "title": "99th-percentile latency of a CPU-bound endpoint (naive fib(22) per request)",
         "unit": "ms", "better": "lower",
         "categories": [f"{c} connection" + ("" if c == 1 else "s") for c in cpu_levels],
         "series": grouped("cpu", "p99", cpu_levels),
         "method": cpu_what + load_method + " The figure is wrk's 99th-percentile latency." + noise,
         "not_shown": (common_not + " With more connections than cores, requests wait for the one "
                       "busy thread, so latency here mostly measures the queue that wrk's fixed "
                       "connection count builds (closed loop, no coordinated-omission correction).")},
        {"id": "idle-memory", "kind": "grouped", "digits": 1,
         "title": "Resident memory of one server process",
         "unit": "MiB", "better": "lower",
         "categories": ["Idle after start-up", "After the load runs"],
         "series": [{"technology": tech[k], "label": labels[k],
                     "values": [statistics.median(rss[k]), data["after_load_rss"][k]]} for k in keys],
         "method": ("Resident set size (`VmRSS` in `/proc/<pid>/status`, in MiB) of the server process. "
                    "Idle after start-up: median of the "
                    f"{a['startup_reps']} fresh processes of the start-up test, each read 1 s after its "
                    f"first response ({rss_range}). After the load runs: one reading of each long-running "
                    "server 2 s after its last /io and /cpu load run (up to "
                    f"{max(io_levels + cpu_levels)} connections). " + pin),
         "not_shown": ("Resident memory is not a footprint budget: it counts shared library pages "
                       "the process maps (shared with other processes) and excludes memory not yet "
                       "touched. V8 sizes its heap lazily and collects garbage when it sees fit, and "
                       "CPython's allocator keeps freed memory, so the after-load figure depends on "
                       "timing and load. A real application's own code, dependencies and caches "
                       "usually dwarf these baselines. One process each; "
                       "a multi-process deployment multiplies the figure.")},
        {"id": "startup-time", "kind": "bar", "digits": 1,
         "title": "Time from process start to the first successful response",
         "unit": "ms", "better": "lower",
         "series": [{"technology": tech[k], "label": labels[k], "value": statistics.median(su[k])}
                    for k in keys],
         "method": ("Wall time from spawning the server process (through `taskset`) to the first "
                    "HTTP 200 from `GET /`, polling every 5 ms over loopback; median of "
                    f"{a['startup_reps']} starts per server, taking turns ({su_range}). "
                    "Python starts `python -m uvicorn` from a virtual environment, which imports "
                    "uvicorn, click and h11 before it binds the port. " + pin),
         "not_shown": ("A bare server with no application code: the time a real service needs to "
                       "import its framework and dependencies, open database connections or warm "
                       "caches is not included, and that usually dominates. Warm file-system cache "
                       "(the same files were read moments before); a cold start after boot, or in a "
                       "new container, reads from disk and is slower. Python's bytecode cache "
                       "(`.pyc`) and Node.js's compile cache settings also change the figure.")},
    ]
    for ds in datasets:
        ds["date"], ds["environment"] = date, env
    return datasets


def write_yaml(text):
    with open(YAML_PATH) as f:
        old = f.read()
    lines = old.split("\n")
    if MARKER in lines:
        head = "\n".join(lines[:lines.index(MARKER)]).rstrip("\n") + "\n\n"
    else:
        head = old.rstrip("\n") + "\n\n"
    with open(YAML_PATH, "w") as f:
        f.write(head + MARKER + "\n" + text + "\n")


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--venv", default="/tmp/verdict-bench-venv")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--startup-reps", type=int, default=10)
    ap.add_argument("--io-levels", default="1,10,50,100,200,400")
    ap.add_argument("--cpu-levels", default="1,10,50")
    ap.add_argument("--uvloop", action="store_true",
                    help="also measure uvicorn with uvloop and httptools")
    ap.add_argument("--max-load", type=float, default=1.5)
    ap.add_argument("--max-wait", type=int, default=900, help="seconds to wait for a quiet machine")
    ap.add_argument("--max-other", type=float, default=20.0,
                    help="redo a run when other processes used more than this %% of a core")
    ap.add_argument("--retries", type=int, default=3)
    ap.add_argument("--force", action="store_true",
                    help="measure even if the machine is still busy after --max-wait")
    ap.add_argument("--quick", action="store_true",
                    help="1 run of 2 s per point, 1 s warm-up, 3 starts (a smoke test; implies --dry-run)")
    ap.add_argument("--from-results", metavar="JSON",
                    help="measure nothing: rebuild the YAML from a results.json of an earlier run")
    ap.add_argument("--dry-run", action="store_true", help="print the YAML, write nothing")
    a = ap.parse_args()
    if a.quick:
        a.runs, a.duration, a.warmup, a.startup_reps, a.dry_run = 1, 2, 1, 3, True

    if a.from_results:
        with open(a.from_results) as f:
            data = json.load(f)
        text = "\n\n".join(emit(ds) for ds in build_datasets(data))
        if a.dry_run:
            print(MARKER)
            print(text)
        else:
            write_yaml(text)
            log(f"wrote {os.path.relpath(YAML_PATH, ROOT)} from {a.from_results}")
        return
    if (os.cpu_count() or 1) < 2:
        sys.exit("needs at least 2 cores (server on core 0, wrk on core 1)")
    ensure_wrk()
    py = ensure_venv(a.venv, a.uvloop)
    v = versions(py)
    log("versions:", json.dumps(v))
    os.sched_setaffinity(0, {CLIENT_CORE})
    # Turn SIGTERM into SystemExit so the servers are stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))

    la_start, waited = wait_for_quiet(a.max_load, a.max_wait, a.force)
    log(f"load average at start: {la_start} (waited {waited} s)")
    t_start = time.time()
    servers = make_servers(py, a.uvloop)
    args = {"runs": a.runs, "duration": a.duration, "warmup": a.warmup,
            "startup_reps": a.startup_reps, "max_other": a.max_other,
            "io_levels": [int(x) for x in a.io_levels.split(",")],
            "cpu_levels": [int(x) for x in a.cpu_levels.split(",")]}
    data = {"date": datetime.date.today().isoformat(), "versions": v, "machine": machine(),
            "args": args}
    try:
        log("start-up time and idle memory")
        data["startup"] = measure_startup(servers, a.startup_reps)
        for s in servers:
            s.wait_ready(s.start())
        log("/io load")
        data["discarded"] = []
        data["io"] = measure_load(servers, "/io", args["io_levels"], a.runs, a.duration, a.warmup,
                                  a.max_other, a.retries, data["discarded"])
        log("/cpu load")
        data["cpu"] = measure_load(servers, "/cpu", args["cpu_levels"], a.runs, a.duration, a.warmup,
                                   a.max_other, a.retries, data["discarded"])
        time.sleep(2)
        data["after_load_rss"] = {s.key: round(s.status("VmRSS"), 2) for s in servers}
        data["peak_rss"] = {s.key: round(s.status("VmHWM"), 2) for s in servers}
    finally:
        for s in servers:
            s.stop()
    data["load"] = {"start": la_start, "end": loadavg(), "waited_s": waited}
    data["elapsed_s"] = round(time.time() - t_start)
    log(f"load average at end: {data['load']['end']}; measuring took {data['elapsed_s']} s")

    text = "\n\n".join(emit(ds) for ds in build_datasets(data))
    if a.dry_run:
        print(MARKER)
        print(text)
        return
    write_yaml(text)
    with open(RAW_PATH, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    log(f"wrote {os.path.relpath(YAML_PATH, ROOT)} and {os.path.relpath(RAW_PATH, ROOT)}")


if __name__ == "__main__":
    main()
