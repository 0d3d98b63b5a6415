#!/usr/bin/env python3
"""`verdict serve` benchmark: edit-to-reload latency, a burst of saves, and
concurrent connections. Prints figures; asserts nothing.

usage: scripts/bench-serve.py [--pages N] [--edits E] [--gen PATH] [--no-wrk]

- Latency: for E edits (default 20) of one page, the time from the save (the
  final rename of an atomic save) to the `reload` event on the reload
  channel, median and worst; on the bundled guide, and on a synthetic
  corpus of N pages (default 10,000; 0 skips it) made by the corpus
  generator (../shared/bench/gen_corpus.py by default, `--gen` to change).
  The full build time of each site is printed beside it.
- Burst: 100 atomic saves of one page as fast as possible; once the events
  settle, is the last save's content what the server serves?
- Connections: 200 concurrent connections for 5 s with wrk (installed from
  Debian when missing, unless --no-wrk): requests/s and errors.
"""
import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "verdict")


class Serve:
    def __init__(self, root):
        self.proc = subprocess.Popen([BIN, "serve", "--port", "0", "--root", root],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.built_ms = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise SystemExit("serve exited")
            m = re.match(r"built (\d+) pages in (\d+) ms", line)
            if m:
                self.built_ms = int(m.group(2))
            m = re.match(r"serving http://127\.0\.0\.1:(\d+)(/\S*)", line)
            if m:
                self.port, self.base = int(m.group(1)), m.group(2)
                break
        threading.Thread(target=lambda: [None for _ in self.proc.stdout], daemon=True).start()
        self.events = []
        self.cond = threading.Condition()
        self.sock = socket.create_connection(("127.0.0.1", self.port))
        self.sock.sendall(f"GET /__verdict/events HTTP/1.1\r\nHost: localhost:{self.port}\r\n\r\n".encode())
        threading.Thread(target=self._read, daemon=True).start()
        time.sleep(0.3)

    def _read(self):
        buf = b""
        while True:
            data = self.sock.recv(65536)
            if not data:
                return
            buf += data
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                if line.startswith(b"event: "):
                    with self.cond:
                        self.events.append((time.perf_counter(), line[7:].decode()))
                        self.cond.notify_all()

    def wait_event(self, after, timeout=60):
        deadline = time.perf_counter() + timeout
        with self.cond:
            while True:
                for t, name in self.events:
                    if t >= after:
                        return t, name
                left = deadline - time.perf_counter()
                if left <= 0:
                    return None, None
                self.cond.wait(left)

    def get(self, path):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}") as r:
            return r.read().decode("utf-8", "replace")

    def stop(self):
        self.proc.kill()
        self.proc.wait()


def atomic(path, text):
    tmp = path + ".tmp~"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.rename(tmp, path)
    return time.perf_counter()


def latency(name, root, page_rel, url, edits):
    s = Serve(root)
    path = os.path.join(root, "content", page_rel)
    original = open(path, encoding="utf-8").read()
    times = []
    for i in range(edits):
        saved = atomic(path, original + f"\n\nEdit number {i} for the benchmark.\n")
        t, ev = s.wait_event(saved)
        if t is None:
            print(f"{name}: edit {i}: no event within 60 s")
            continue
        times.append((t - saved) * 1000)
        time.sleep(0.15)
    body = s.get(url)
    ok = f"Edit number {edits - 1} for the benchmark." in body
    print(f"{name}: full first build {s.built_ms} ms; edit-to-reload-event over {len(times)} edits: "
          f"median {statistics.median(times):.1f} ms, worst {max(times):.1f} ms; last edit served: {ok}")
    atomic(path, original)
    return s


def burst(s, root, page_rel, url):
    path = os.path.join(root, "content", page_rel)
    original = open(path, encoding="utf-8").read()
    start = time.perf_counter()
    for i in range(100):
        atomic(path, original + f"\n\nBurst save {i}.\n")
    # Settle: no new event for 2 s.
    last = start
    while True:
        t, _ = s.wait_event(last + 1e-6, timeout=2)
        if t is None:
            break
        last = t
    body = s.get(url)
    final = "Burst save 99." in body and "Burst save 98." not in body
    print(f"burst of 100 atomic saves: final content served: {final}; "
          f"{sum(1 for t, _ in s.events if t >= start)} reload events; settled {(last - start) * 1000:.0f} ms after the first save")
    atomic(path, original)


def connections(s, url, use_wrk):
    wrk = shutil.which("wrk")
    if not wrk and use_wrk:
        subprocess.run(["apt-get", "install", "-y", "wrk"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wrk = shutil.which("wrk")
    if not wrk:
        print("wrk not available: connections not measured")
        return
    out = subprocess.run([wrk, "-t2", "-c200", "-d5s", f"http://127.0.0.1:{s.port}{url}"],
                         capture_output=True, text=True).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    print(f"200 concurrent connections for 5 s: {rps.group(1) if rps else '?'} requests/s; "
          f"socket errors: {errors.group(1) if errors else 'none'}; non-2xx: {non2xx.group(1) if non2xx else 0}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--gen", default=os.path.join(ROOT, "..", "shared", "bench", "gen_corpus.py"))
    ap.add_argument("--no-wrk", action="store_true")
    a = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        guide = os.path.join(tmp, "guide")
        for d in ("content", "themes", "static"):
            if os.path.isdir(os.path.join(ROOT, d)):
                shutil.copytree(os.path.join(ROOT, d), os.path.join(guide, d))
        s = latency("bundled guide", guide, "about.md", "/about/", a.edits)
        burst(s, guide, "about.md", "/about/")
        connections(s, "/about/", not a.no_wrk)
        s.stop()
        if a.pages:
            subprocess.run([sys.executable, a.gen, str(a.pages), "--out", tmp], check=True, stdout=subprocess.DEVNULL)
            hugo = os.path.join(tmp, f"N{a.pages}", "hugo")
            site = os.path.join(tmp, f"corpus-{a.pages}")
            os.makedirs(os.path.join(site, "content", "posts"))
            with open(os.path.join(site, "content", "site.yaml"), "w") as f:
                f.write("title: Bench\nbase_url: https://bench.example/\n")
            with open(os.path.join(site, "content", "_index.md"), "w") as f:
                f.write("---\ntitle: Bench\n---\n\nA synthetic corpus.\n")
            src = os.path.join(hugo, "content", "posts")
            names = sorted(os.listdir(src))
            for n in names:
                text = open(os.path.join(src, n), encoding="utf-8").read()
                text = re.sub(r"^tags: (.*)$", r"extra:\n  tags: \1", text, count=1, flags=re.M)
                with open(os.path.join(site, "content", "posts", n), "w", encoding="utf-8") as f:
                    f.write(text)
            page = names[len(names) // 2]
            slug = page[:-3]
            s = latency(f"{a.pages}-page corpus", site, os.path.join("posts", page), f"/posts/{slug}/", a.edits)
            s.stop()


if __name__ == "__main__":
    main()
