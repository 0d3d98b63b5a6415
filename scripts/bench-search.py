#!/usr/bin/env python3
"""Search benchmark: index size, build overhead, first-query payload, query
CPU and relevance, on the synthetic corpus (N pages) and the bundled guide;
Pagefind side by side when npm can install it. Prints figures, never asserts.

usage: scripts/bench-search.py [--pages N] [--runs R] [--bin PATH] [--gen PATH]
                               [--cache DIR] [--judged FILE] [--no-pagefind]
                               [--payload-queries 20] [--cpu-queries 500]
                               [--sample 500] [--skip-build-time]

Steps (docs/search.md describes the index):
 1. Builds the release binary (or takes --bin). The corpus generator
    (../shared/bench/gen_corpus.py) writes N pages once into --cache
    (default /tmp/verdict-bench-search); scripts/bench.py's make_site wraps
    its Hugo layout into a verdict site. The guide is this repository's
    content/ (copied, so site.yaml can be switched).
 2. Sizes: plain text = the text of <main> of every built page (nav, script
    and style left out), computed from the HTML; also the text shards' own
    text. Index = every search/*.js; postings+dictionary = the term shards
    named in dir.js. Both as % of the plain text (targets 150% and 50%).
 3. Build time with search on and off (site.yaml `search: false`), R
    alternating runs, medians, overhead (target ≤ 20% at N=10000).
 4. First query in headless Chromium (scripts/bench-search.js serves the
    site on 127.0.0.1 and records every request): a fresh context per query,
    the gzip -6 sizes of search files fetched (engine JS, directory, term
    shards, text shards, answers) and the number of sequential rounds.
    Every request is delayed by 100 ms (DevTools throttling) and a file
    asked for 50 ms or more after the first file of the current round
    opens a new round (asked = when the script inserted its <script src>).
    Rounds are given with the engine script the page loads itself
    (<script defer>) and without it. Targets: ≤ 100 KB gz, ≤ 3 rounds; the
    guide's whole search payload ≤ 20 KB gz.
 5. Query CPU: per query a cold call (loads its files), then
    verdictSearch.clearCache() and a timed call (decode, score, excerpts):
    p50/p95/max (target p95 ≤ 20 ms at N=10000).
 6. Relevance (corpus): sampled pages' exact title → first (≥ 98%), title
    with punctuation as spaces → first (≥ 95%), title with its rarest word
    (document frequency over the pages' text) cut to 4 letters → top 5
    (≥ 90%). A hit is counted by URL and, since synthetic titles may
    repeat, also when the result has the target's title.
 7. Relevance (guide): tests/search/judged.json ({query, first, also}).
 8. Pagefind (npm package, installed into the cache folder): index size and
    first-query payload on the same 10k site (search off, <main> indexed).
"""
import argparse
import gzip
import html
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True  # no scripts/__pycache__ from importing bench.py
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from bench import make_site  # noqa: E402

DRIVER = os.path.join(ROOT, "scripts", "bench-search.js")
TARGETS = {
    "index": 150.0,
    "postings": 50.0,
    "overhead": 20.0,
    "payload_kb": 100.0,
    "rounds": 3,
    "guide_kb": 20.0,
    "p95_ms": 20.0,
    "exact": 98.0,
    "punct": 95.0,
    "prefix": 90.0,
}


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def gz(data):
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def fmt_kb(n):
    return f"{n / 1024:.1f} KB"


def pct(part, whole):
    return 100.0 * part / whole if whole else float("nan")


def quantile(xs, q):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    i = min(len(xs) - 1, max(0, int(round(q * (len(xs) - 1)))))
    return xs[i]


# ---------------------------------------------------------------- sites


def verdict_binary(args):
    if args.bin:
        return os.path.abspath(args.bin)
    log("cargo build --release")
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
    return os.path.join(target, "release", "verdict")


def corpus_site(args):
    """The verdict site around the generated corpus (made once, cached)."""
    n = args.pages
    gen_out = os.path.join(args.cache, "gen")
    hugo = os.path.join(gen_out, f"N{n}", "hugo")
    if not os.path.isfile(os.path.join(hugo, ".complete")):
        log(f"generating {n} pages with {args.gen}")
        shutil.rmtree(os.path.join(gen_out, f"N{n}"), ignore_errors=True)
        subprocess.run([sys.executable, args.gen, str(n), "--out", gen_out], check=True, stdout=subprocess.DEVNULL)
        open(os.path.join(hugo, ".complete"), "w").close()
    site = os.path.join(args.cache, f"site-{n}")
    if not os.path.isfile(os.path.join(site, ".complete")):
        shutil.rmtree(site, ignore_errors=True)
        make_site(hugo, site)
        open(os.path.join(site, ".complete"), "w").close()
    return site


def guide_site(args):
    """A copy of this repository's site (content/, themes/, static/)."""
    site = os.path.join(args.cache, "guide")
    shutil.rmtree(site, ignore_errors=True)
    os.makedirs(site)
    for name in ("content", "themes", "static"):
        if os.path.isdir(os.path.join(ROOT, name)):
            shutil.copytree(os.path.join(ROOT, name), os.path.join(site, name), symlinks=True)
    return site


def set_search(site, on):
    """Sets `search:` in content/site.yaml (removes the key for on)."""
    path = os.path.join(site, "content", "site.yaml")
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"^search:.*\n?", "", text, flags=re.M)
    if not text.endswith("\n"):
        text += "\n"
    if not on:
        text += "search: false\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def build(binary, site, out):
    start = time.perf_counter()
    r = subprocess.run([binary, "build", "--root", site, "--out", out], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - start
    if r.returncode != 0:
        sys.exit(f"verdict build failed for {site}:\n{r.stdout}{r.stderr}")
    return took


def build_times(binary, site, outs, runs):
    on, off = [], []
    for i in range(runs):
        set_search(site, False)
        off.append(build(binary, site, outs["off"]))
        set_search(site, True)
        on.append(build(binary, site, outs["on"]))
        log(f"  run {i + 1}/{runs}: search on {on[-1]:.1f} s, off {off[-1]:.1f} s")
    return on, off


# ---------------------------------------------------------------- HTML text


MAIN = re.compile(r"<main\b[^>]*>(.*)</main>", re.S)
DROP = re.compile(r"<(nav|script|style|template|noscript)\b[^>]*>.*?</\1\s*>", re.S | re.I)
BLOCK = re.compile(r"</?(?:p|div|li|h[1-6]|pre|td|th|tr|dt|dd|section|article|header|footer|figcaption|blockquote|br|table|ul|ol)\b[^>]*>", re.I)
TAG = re.compile(r"<[^>]*>")
OG_TITLE = re.compile(r'<meta property="og:title" content="([^"]*)"')


def main_text(raw):
    """The text inside <main>, without <nav>, <script>, <style>, <template>
    (elements of these kinds do not nest in verdict's pages)."""
    m = MAIN.search(raw)
    if not m:
        return None
    t = DROP.sub(" ", m.group(1))
    t = BLOCK.sub("\n", t)
    t = html.unescape(TAG.sub("", t))
    t = re.sub(r"[ \t\r\f\v]+", " ", t)
    return re.sub(r"\s*\n\s*", "\n", t).strip()


def site_pages(out):
    """(url, title, main text) of every built page (not search/, 404, redirects)."""
    pages = []
    for dirpath, dirnames, files in os.walk(out):
        rel = os.path.relpath(dirpath, out)
        if rel == "search" or rel.startswith("search" + os.sep) or rel.startswith("pagefind"):
            dirnames[:] = []
            continue
        dirnames.sort()
        for name in sorted(files):
            if not name.endswith(".html") or (rel == "." and name == "404.html"):
                continue
            raw = open(os.path.join(dirpath, name), encoding="utf-8").read()
            text = main_text(raw)
            if text is None:
                continue
            m = OG_TITLE.search(raw)
            title = html.unescape(m.group(1)) if m else ""
            url = "" if rel == "." else rel.replace(os.sep, "/") + "/"
            if name != "index.html":
                url = url + name
            pages.append((url, title, text))
    return pages


WORD = re.compile(r"[^\W_]+")


def words(text):
    return WORD.findall(text.lower())


# ---------------------------------------------------------------- index files


def read_call(path, name):
    """The JSON arguments of `verdictSearch.NAME(...)` in a shard file."""
    text = open(path, encoding="utf-8").read().strip()
    prefix = f"verdictSearch.{name}("
    if not text.startswith(prefix):
        raise ValueError(f"{path}: does not start with {prefix}")
    body = text[len(prefix):].rstrip(";").rstrip()
    if body.endswith(")"):
        body = body[:-1]
    return json.loads("[" + body + "]")


def index_files(out):
    d = os.path.join(out, "search")
    dir_js = os.path.join(d, "dir.js")
    if not os.path.isfile(dir_js):
        return None
    directory = read_call(dir_js, "dir")[0]
    files = {name: os.path.getsize(os.path.join(d, name)) for name in os.listdir(d) if name.endswith(".js")}
    t = directory.get("terms", [])
    if isinstance(t, dict):  # {"first": [...], "tag": …}: t0.js … t<N-1>.js
        terms = [f"t{i}.js" for i in range(len(t.get("first", [])))]
    else:
        terms = [e[1] for e in t]
    text = directory.get("text", [])
    if isinstance(text, dict):  # {"count": N, "tag": …}: x0.js … x<N-1>.js
        texts = [f"x{i}.js" for i in range(text.get("count", 0))]
    else:
        texts = list(text)
    answers = directory.get("answers")
    return {"dir": directory, "files": files, "terms": terms, "texts": texts, "answers": answers}


def shard_text_bytes(out, idx):
    total = 0
    for name in idx["texts"]:
        for page in read_call(os.path.join(out, "search", name), "text")[1]:
            url, title, sections = page[0], page[1], page[2]
            total += len(title.encode())
            for sec in sections:
                total += len(sec[1].encode()) + len(sec[2].encode())
    return total


def gz_all(out, names):
    return sum(gz(open(os.path.join(out, "search", n), "rb").read()) for n in names)


def sizes(name, out, pages):
    idx = index_files(out)
    plain = sum(len(t.encode()) for _, _, t in pages)
    r = {"site": name, "pages": len(pages), "plain": plain}
    if idx is None:
        return r
    all_js = sorted(idx["files"])
    r.update({
        "files": len(all_js),
        "index": sum(idx["files"].values()),
        "postings": sum(idx["files"][n] for n in idx["terms"]),
        "text_shards": sum(idx["files"][n] for n in idx["texts"]),
        "dir": idx["files"].get("dir.js", 0),
        "answers": idx["files"].get(idx["answers"], 0) if idx["answers"] else 0,
        "n_terms": len(idx["terms"]),
        "n_texts": len(idx["texts"]),
        "index_gz": gz_all(out, all_js),
        "shard_text": shard_text_bytes(out, idx),
    })
    engine = [os.path.join(out, "js", f) for f in os.listdir(os.path.join(out, "js")) if f.startswith("search")]
    r["engine_gz"] = sum(gz(open(p, "rb").read()) for p in engine)
    r["engine"] = sum(os.path.getsize(p) for p in engine)
    return r


# ---------------------------------------------------------------- browser


def ensure_playwright():
    if not os.path.isdir(os.path.join(ROOT, "tests", "browser", "node_modules", "playwright-core")):
        log("npm ci --prefix tests/browser (playwright-core for the browser driver)")
        subprocess.run(["npm", "ci", "--prefix", os.path.join(ROOT, "tests", "browser"), "--no-audit", "--no-fund"],
                       check=True, stdout=subprocess.DEVNULL)


def driver(job):
    ensure_playwright()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(job, f)
        path = f.name
    try:
        r = subprocess.run(["node", DRIVER, path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    finally:
        os.unlink(path)
    if r.returncode != 0:
        raise RuntimeError(f"browser driver failed:\n{r.stderr[-3000:]}")
    return json.loads(r.stdout)


def is_search_file(path, engine):
    if engine == "pagefind":
        return path.startswith("pagefind/")
    if path.startswith("search/"):
        return path.endswith(".js")
    return bool(re.match(r"js/search[^/]*\.js$", path))


LATENCY = 100  # ms added to every request in the payload runs


def rounds(reqs):
    """Sequential rounds (lists of paths). Every request is delayed by
    LATENCY ms, so a request that waited for another one's answer starts at
    least LATENCY ms after it: a request starting LATENCY/2 or more after
    the first request of the current round opens a new round."""
    out, first = [], float("-inf")
    for r in sorted(reqs, key=lambda r: r["start"]):
        if r["start"] - first >= LATENCY / 2:
            out.append([])
            first = r["start"]
        out[-1].append(r["path"])
    return out


def describe_rounds(rs, engine):
    parts = []
    for group in rs:
        kinds = {}
        for p in group:
            k = kind_of(p, engine)
            kinds[k] = kinds.get(k, 0) + 1
        parts.append(" + ".join(f"{k}" + (f"×{n}" if n > 1 else "") for k, n in kinds.items()))
    return " → ".join(f"[{p}]" for p in parts)


# Command-line options, set by main() (the number of results a first query shows).
ARGS = argparse.Namespace(results=6)


def first_query_payload(out, page, queries, engine="verdict"):
    runs = driver({"task": "payload", "root": out, "page": page, "queries": queries, "engine": engine, "limit": ARGS.results,
                   "latency": LATENCY})
    cache, rows = {}, []
    for run in runs:
        reqs = [r for r in run["requests"] if is_search_file(r["path"], engine) and not r.get("failed")]
        total, kinds = 0, {}
        for r in reqs:
            if r["path"] not in cache:
                p = os.path.join(out, r["path"])
                cache[r["path"]] = gz(open(p, "rb").read()) if os.path.isfile(p) else 0
            total += cache[r["path"]]
            k = kind_of(r["path"], engine)
            kinds[k] = kinds.get(k, 0) + cache[r["path"]]
        rs = rounds(reqs)
        # Rounds the query itself waits for: without the engine script the
        # page loads on its own (<script defer>), when it does.
        page_load = [r for r in reqs if r["start"] < run.get("queryStart", 0)]
        qrs = rounds([r for r in reqs if r not in page_load])
        rows.append({"query": run["query"], "gz": total, "files": len(reqs), "rounds": len(rs), "qrounds": len(qrs),
                     "sequence": describe_rounds(rs, engine), "ms": run.get("ms"),
                     "kinds": kinds, "error": run.get("error"), "top": [x["url"] for x in run.get("results", [])[:3]]})
    return rows


def kind_of(path, engine):
    name = path.rsplit("/", 1)[-1]
    if engine == "pagefind":
        for k in ("pagefind.js", "worker", "wasm", "entry", "meta", "index", "fragment", "filter"):
            if k in name:
                return k
        return "other"
    if path.startswith("js/"):
        return "engine"
    if name == "dir.js":
        return "dir"
    if re.match(r"t[^a-z]", name) or name.startswith("t-"):
        return "terms"
    if re.match(r"x[^a-z]", name) or name.startswith("x-"):
        return "text"
    if re.match(r"a[^a-z]", name) or name.startswith("a-"):
        return "answers"
    return "other"


def payload_summary(rows):
    ok = [r for r in rows if not r["error"]]
    if not ok:
        return None
    gzs = [r["gz"] for r in ok]
    rs = [r["rounds"] for r in ok]
    qrs = [r["qrounds"] for r in ok]
    worst = max(ok, key=lambda r: r["gz"])
    kinds = {}
    for r in ok:
        for k, v in r["kinds"].items():
            kinds.setdefault(k, []).append(v)
    return {"median": statistics.median(gzs), "max": max(gzs), "rounds_median": statistics.median(rs),
            "rounds_max": max(rs), "qrounds_median": statistics.median(qrs), "qrounds_max": max(qrs), "worst": worst, "n": len(ok), "errors": len(rows) - len(ok),
            "kinds": {k: statistics.median(v) for k, v in kinds.items()},
            "files_median": statistics.median([r["files"] for r in ok]),
            "ms_median": statistics.median([r["ms"] for r in ok]), "ms_max": max(r["ms"] for r in ok)}


# ---------------------------------------------------------------- queries


def rarest_word_query(title, df):
    """The title with its rarest word (by document frequency; among words of
    5+ letters when there is one) cut to its first 4 letters."""
    toks = [(m.start(), m.end(), m.group(0)) for m in WORD.finditer(title)]
    if not toks:
        return None, None
    long = [t for t in toks if len(t[2]) > 4] or toks
    s, e, w = min(long, key=lambda t: (df.get(t[2].lower(), 0), -len(t[2])))
    last = (s, e) == (toks[-1][0], toks[-1][1])
    return title[:s] + w[:4] + title[e:], last


def punct_to_spaces(title):
    return re.sub(r"[^\w\s]|_", " ", title)


def corpus_queries(pages, n_sample, n_cpu, seed=1):
    rng = random.Random(seed)
    posts = [p for p in pages if p[0].startswith("posts/") and p[0] != "posts/"]
    df = {}
    for _, _, text in pages:
        for w in set(words(text)):
            df[w] = df.get(w, 0) + 1
    sample = rng.sample(posts, min(n_sample, len(posts)))
    rel = []
    for url, title, _ in sample:
        cut, last = rarest_word_query(title, df)
        rel.append({"url": url, "title": title, "exact": title, "punct": punct_to_spaces(title), "prefix": cut,
                    "cut_last": last})
    # CPU: a third titles, a third single words, a third prefixes.
    cpu = []
    for i in range(n_cpu):
        url, title, text = rng.choice(posts)
        ws = [w for w in words(text) if not w.isdigit()]
        if i % 3 == 0:
            cpu.append(title)
        elif i % 3 == 1:
            cpu.append(rng.choice(ws))
        else:
            w = rng.choice([w for w in ws if len(w) >= 4] or ws)
            cpu.append(w[:rng.randint(2, min(5, len(w)))])
    return rel, cpu, df


def titles_by_url(pages):
    return {u: t for u, t, _ in pages}


def relevance(rel, answers, titles):
    """Hit rates for the three query kinds; answers: query → results."""
    out = {}
    for kind, top in (("exact", 1), ("punct", 1), ("prefix", 5)):
        by_url = by_title = 0
        misses = []
        for r in rel:
            res = answers.get(r[kind], [])
            urls = [x["url"] for x in res[:top]]
            got_titles = [x.get("title") or titles.get(x["url"], "") for x in res[:top]]
            if r["url"] in urls:
                by_url += 1
                by_title += 1
            elif r["title"] in got_titles:
                by_title += 1
            else:
                misses.append((r[kind], r["url"], urls[:3]))
        out[kind] = {"url": pct(by_url, len(rel)), "title": pct(by_title, len(rel)), "misses": misses, "n": len(rel)}
    cut = [r for r in rel if r["cut_last"]]
    mid = [r for r in rel if not r["cut_last"]]
    for name, group in (("prefix_last", cut), ("prefix_mid", mid)):
        hit = sum(1 for r in group if r["url"] in [x["url"] for x in answers.get(r["prefix"], [])[:5]])
        out[name] = {"url": pct(hit, len(group)), "n": len(group)}
    out["punct_differs"] = sum(1 for r in rel if r["punct"] != r["exact"])
    return out


def judged(out, page, path):
    items = json.load(open(path, encoding="utf-8"))
    qs = [it["query"] for it in items]
    res = driver({"task": "batch", "root": out, "page": page, "queries": qs, "engine": "verdict", "limit": 10})
    by_q = {r["query"]: r for r in res["results"]}
    norm = lambda u: u.strip("/").replace("index.html", "").strip("/")  # noqa: E731
    top1 = top3 = 0
    misses = []
    for it in items:
        got = [norm(x["url"]) for x in by_q[it["query"]].get("results", [])]
        ok_first = {norm(it["first"])} | {norm(a) for a in it.get("also", [])}
        h1 = bool(got) and got[0] in ok_first
        h3 = norm(it["first"]) in got[:3]
        top1 += h1
        top3 += h3
        if not (h1 and h3):
            misses.append((it["query"], "/" + norm(it["first"]) + "/", ["/" + g + "/" if g else "/" for g in got[:3]],
                           "top-1" if not h1 else "top-3"))
    return {"n": len(items), "top1": pct(top1, len(items)), "top3": pct(top3, len(items)), "misses": misses,
            "hot": [r["hot"] for r in res["results"] if "hot" in r],
            "slow": sorted(((r["hot"], r["query"]) for r in res["results"] if "hot" in r), reverse=True)[:5]}


# ---------------------------------------------------------------- pagefind


def pagefind_bin(args):
    d = os.path.join(args.cache, "pagefind")
    exe = os.path.join(d, "node_modules", ".bin", "pagefind")
    if os.path.exists(exe):
        return exe, None
    os.makedirs(d, exist_ok=True)
    if not os.path.exists(os.path.join(d, "package.json")):
        with open(os.path.join(d, "package.json"), "w") as f:
            f.write('{"private": true}\n')
    try:
        r = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "pagefind"], cwd=d, timeout=60,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    except (subprocess.TimeoutExpired, FileNotFoundError) as e:
        return None, f"npm install pagefind did not finish: {e}"
    if r.returncode != 0 or not os.path.exists(exe):
        return None, "npm install pagefind failed: " + r.stdout.strip().splitlines()[-1] if r.stdout.strip() else "?"
    return exe, None


def pagefind(args, out, page, queries):
    """Pagefind's index of `out` (made once per corpus and kept in the cache:
    indexing 10k pages takes minutes; --pagefind-reindex makes it again),
    linked into `out` as pagefind/."""
    exe, why = pagefind_bin(args)
    if not exe:
        return {"error": why}
    bundle = os.path.join(args.cache, f"pagefind-index-{args.pages}")
    took = None
    if args.pagefind_reindex or not os.path.isfile(os.path.join(bundle, ".complete")):
        shutil.rmtree(bundle, ignore_errors=True)
        start = time.perf_counter()
        r = subprocess.run([exe, "--site", out, "--output-path", bundle, "--root-selector", "main",
                            "--exclude-selectors", "nav", "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        took = time.perf_counter() - start
        if r.returncode != 0:
            return {"error": "pagefind failed: " + r.stdout[-500:]}
        open(os.path.join(bundle, ".complete"), "w").close()
    link = os.path.join(out, "pagefind")
    if os.path.islink(link):
        os.unlink(link)
    shutil.rmtree(link, ignore_errors=True)
    os.symlink(bundle, link)
    version = subprocess.run([exe, "--version"], stdout=subprocess.PIPE, text=True).stdout.strip()
    ui = re.compile(r"pagefind-(ui|modular-ui|component-ui|highlight)|\.css$|playground")
    total = total_gz = files = 0
    for dirpath, _, names in os.walk(bundle):
        for n in names:
            p = os.path.join(dirpath, n)
            if ui.search(os.path.relpath(p, bundle)) or n == ".complete":
                continue
            b = open(p, "rb").read()
            files += 1
            total += len(b)
            total_gz += gz(b)
    rows = first_query_payload(out, page, queries, engine="pagefind")
    return {"version": version, "seconds": took, "index": total, "index_gz": total_gz, "files": files,
            "payload": payload_summary(rows), "rows": rows}


# ---------------------------------------------------------------- report


def report_site(s):
    lines = [f"{s['site']}: {s['pages']} pages, plain text {fmt_kb(s['plain'])} (from <main>)"]
    if "index" not in s:
        lines.append("  no search/dir.js in the output")
        return lines
    lines += [
        f"  text in the text shards: {fmt_kb(s['shard_text'])} ({pct(s['shard_text'], s['plain']):.0f}% of the <main> text)",
        f"  index files: {s['files']} ({s['n_terms']} term shards, {s['n_texts']} text shards), {fmt_kb(s['index'])} on disk, "
        f"{fmt_kb(s['index_gz'])} gzipped (sum of files)",
        f"    term shards {fmt_kb(s['postings'])}, text shards {fmt_kb(s['text_shards'])}, dir.js {fmt_kb(s['dir'])}, "
        f"answers {fmt_kb(s['answers'])}; engine JS {fmt_kb(s['engine'])} ({fmt_kb(s['engine_gz'])} gz)",
    ]
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--bin", help="a verdict binary (default: cargo build --release)")
    ap.add_argument("--gen", default=os.path.join(ROOT, "..", "shared", "bench", "gen_corpus.py"))
    ap.add_argument("--cache", default="/tmp/verdict-bench-search")
    ap.add_argument("--judged", help="judged queries (default tests/search/judged.json)")
    ap.add_argument("--payload-queries", type=int, default=20)
    ap.add_argument("--results", type=int, default=6,
                    help="results a first query shows (and loads text for), both engines (verdict's search box shows 6)")
    ap.add_argument("--cpu-queries", type=int, default=500)
    ap.add_argument("--sample", type=int, default=500, help="pages sampled for relevance")
    ap.add_argument("--no-pagefind", action="store_true")
    ap.add_argument("--pagefind-reindex", action="store_true", help="index the corpus with Pagefind again")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every first query's rounds")
    ap.add_argument("--skip-build-time", action="store_true", help="one build each, no timing runs")
    ap.add_argument("--reuse", action="store_true", help="use the outputs of the last run (no builds at all)")
    ap.add_argument("--json", help="also write every figure to this file")
    args = ap.parse_args()
    global ARGS
    ARGS = args
    t_start = time.perf_counter()
    os.makedirs(args.cache, exist_ok=True)
    binary = verdict_binary(args)
    version = subprocess.run([binary, "--version"], stdout=subprocess.PIPE, text=True).stdout.strip()
    head = subprocess.run(["git", "-C", ROOT, "log", "-1", "--format=%h %s"], stdout=subprocess.PIPE, text=True).stdout.strip()
    log(f"binary {binary} ({version}); checkout {head}")

    figures = {"binary": binary, "checkout": head}
    table = []  # (measure, site, value, target, verdict)

    def row(measure, site, value, target="", ok=None):
        table.append((measure, site, value, target, "" if ok is None else ("ok" if ok else "MISSED")))

    # --- sites and builds
    corpus = corpus_site(args)
    guide = guide_site(args)
    sites = [(f"corpus-{args.pages}", corpus, args.runs), ("guide", guide, max(args.runs, 5))]
    outs = {}
    for name, site, runs in sites:
        o = {"on": os.path.join(args.cache, f"out-{name}-on"), "off": os.path.join(args.cache, f"out-{name}-off")}
        outs[name] = o
        if args.reuse and os.path.isfile(os.path.join(o["on"], "index.html")):
            log(f"{name}: reusing {o['on']}")
            continue
        if args.skip_build_time or args.reuse:
            log(f"{name}: one build with search on")
            set_search(site, True)
            build(binary, site, o["on"])
            continue
        log(f"{name}: {runs} alternating builds, search off/on")
        on, off = build_times(binary, site, o, runs)
        mon, moff = statistics.median(on), statistics.median(off)
        over = pct(mon - moff, moff)
        figures[f"build-{name}"] = {"on": on, "off": off, "overhead": over}
        row("build time search on / off (median)", name, f"{mon:.2f} s / {moff:.2f} s ({runs} runs each)")
        row("build overhead of search", name, f"{over:+.1f}%", "≤ 20% (10k)" if name.startswith("corpus") else "",
            over <= TARGETS["overhead"] if name.startswith("corpus") else None)
    set_search(corpus, True)
    set_search(guide, True)

    # --- sizes
    pages = {}
    for name, _, _ in sites:
        log(f"{name}: reading the built pages")
        pages[name] = site_pages(outs[name]["on"])
        s = sizes(name, outs[name]["on"], pages[name])
        figures[f"sizes-{name}"] = s
        for line in report_site(s):
            print(line)
        if "index" in s:
            row("index files (search/*.js) / plain text", name,
                f"{pct(s['index'], s['plain']):.0f}% ({fmt_kb(s['index'])} / {fmt_kb(s['plain'])})", "≤ 150%",
                pct(s["index"], s["plain"]) <= TARGETS["index"])
            row("postings+dictionary (term shards) / plain", name,
                f"{pct(s['postings'], s['plain']):.0f}% ({fmt_kb(s['postings'])})", "≤ 50%",
                pct(s["postings"], s["plain"]) <= TARGETS["postings"])
            row("index gzipped (sum of files) / plain", name, f"{pct(s['index_gz'], s['plain']):.0f}%")
        if name == "guide" and "index" in s:
            whole = s["index_gz"] + s["engine_gz"]
            figures["guide-whole-gz"] = whole
            row("whole search payload gz (index + engine JS)", name, fmt_kb(whole), "≤ 20 KB", whole <= TARGETS["guide_kb"] * 1024)
    print()

    cname = f"corpus-{args.pages}"
    have_engine = os.path.isdir(os.path.join(outs[cname]["on"], "js")) and any(
        f.startswith("search.") for f in os.listdir(os.path.join(outs[cname]["on"], "js")))
    if not have_engine:
        print("the built site has no js/search.*.js (the browser engine is not in this build): browser steps skipped")
    rel, cpu, _ = corpus_queries(pages[cname], args.sample, args.cpu_queries)
    start_page = "posts/page-00001/" if os.path.isdir(os.path.join(outs[cname]["on"], "posts", "page-00001")) else ""

    if have_engine:
        # --- first-query payload
        rng = random.Random(7)
        pq = [r["exact"] for r in rng.sample(rel, min(len(rel), args.payload_queries // 2))]
        pq += rng.sample(cpu, min(len(cpu), args.payload_queries - len(pq)))
        for name, page in ((cname, start_page), ("guide", "")):
            qs = pq if name == cname else ["gil", "npm", "speed", "asyncio", "event loop", "pickle", "celery", "typescript",
                                          "worker threads", "security", "pypi", "django", "gunicorn", "cpu bound",
                                          "ecosys", "scal", "node", "python", "free-threading", "benchmark"][:args.payload_queries]
            log(f"{name}: first-query payload, {len(qs)} queries, fresh page each")
            rows = first_query_payload(outs[name]["on"], page, qs)
            ps = payload_summary(rows)
            figures[f"payload-{name}"] = rows
            if not ps:
                row("first-query payload", name, "failed: " + (rows[0]["error"] or "")[:80])
                continue
            w = ps["worst"]
            print(f"{name}: first query, gzipped search files per query (median of {ps['n']}): "
                  + ", ".join(f"{k} {fmt_kb(v)}" for k, v in sorted(ps["kinds"].items()))
                  + f"; files median {ps['files_median']}")
            print(f"  largest: {w['query']!r} {fmt_kb(w['gz'])} in {w['files']} files, {w['rounds']} rounds "
                  + ", ".join(f"{k} {fmt_kb(v)}" for k, v in sorted(w["kinds"].items())))
            print(f"  its rounds: {w['sequence']}")
            if args.verbose:
                for r in rows:
                    print(f"    {r['query']!r}: {fmt_kb(r['gz'])}, {r['ms']:.0f} ms, {r['sequence']}")
            if ps["errors"]:
                print(f"  {ps['errors']} queries failed: {[r['error'][:100] for r in rows if r['error']][:2]}")
            limit = TARGETS["payload_kb"] if name == cname else TARGETS["guide_kb"]
            row("first-query payload gz, median / max", name, f"{fmt_kb(ps['median'])} / {fmt_kb(ps['max'])}",
                f"≤ {limit:.0f} KB", ps["max"] <= limit * 1024)
            row("first-query rounds, median / max (all search files)", name,
                f"{ps['rounds_median']:g} / {ps['rounds_max']}", "≤ 3", ps["rounds_max"] <= TARGETS["rounds"])
            row("  rounds after the query starts (page-load engine JS left out)", name,
                f"{ps['qrounds_median']:g} / {ps['qrounds_max']}", "≤ 3", ps["qrounds_max"] <= TARGETS["rounds"])
            row(f"first query's time to results at {LATENCY} ms per request, median / max", name,
                f"{ps['ms_median']:.0f} / {ps['ms_max']:.0f} ms")

        # --- CPU and relevance on the corpus
        qs = list(dict.fromkeys(cpu + [r[k] for r in rel for k in ("exact", "punct", "prefix")]))
        log(f"{cname}: {len(qs)} queries in one page (cold call, clearCache, timed call)")
        res = driver({"task": "batch", "root": outs[cname]["on"], "page": start_page, "queries": qs,
                      "engine": "verdict", "limit": 10})
        by_q = {r["query"]: r for r in res["results"]}
        errs = [r for r in res["results"] if r.get("error")]
        if errs:
            print(f"{len(errs)} queries failed, e.g. {errs[0]['query']!r}: {errs[0]['error'][:200]}")
        if res.get("pageErrors"):
            print("page errors:", res["pageErrors"][:3])
        hot = [by_q[q]["hot"] for q in cpu if "hot" in by_q.get(q, {})]
        cold = [by_q[q]["cold"] for q in cpu if "cold" in by_q.get(q, {})]
        figures["cpu"] = {q: (by_q[q].get("cold"), by_q[q].get("hot")) for q in cpu if q in by_q}
        if hot:
            row("query CPU, files loaded (p50 / p95 / max)", cname,
                f"{quantile(hot, .5):.1f} / {quantile(hot, .95):.1f} / {max(hot):.1f} ms ({len(hot)} q)", "p95 ≤ 20 ms",
                quantile(hot, .95) <= TARGETS["p95_ms"])
            row("query incl. loading its files (p50 / p95)", cname, f"{quantile(cold, .5):.1f} / {quantile(cold, .95):.1f} ms")
            slow = sorted(((by_q[q]["hot"], q) for q in cpu if "hot" in by_q.get(q, {})), reverse=True)[:8]
            print("slowest queries (files loaded): " + ", ".join(f"{q!r} {t:.1f} ms" for t, q in slow))
            all_hot = [r["hot"] for r in res["results"] if "hot" in r]
            print(f"all {len(all_hot)} queries incl. relevance ones: p50 {quantile(all_hot, .5):.1f} ms, "
                  f"p95 {quantile(all_hot, .95):.1f} ms, max {max(all_hot):.1f} ms")
        answers = {q: r.get("results", []) for q, r in by_q.items()}
        rv = relevance(rel, answers, titles_by_url(pages[cname]))
        figures["relevance"] = rv
        for kind, label, target in (("exact", "exact title → first", "exact"), ("punct", "title, punctuation→spaces → first", "punct"),
                                    ("prefix", "rarest word cut to 4 letters → top 5", "prefix")):
            v = rv[kind]
            row(label, cname, f"{v['title']:.1f}% (by URL {v['url']:.1f}%, n={v['n']})", f"≥ {TARGETS[target]:.0f}%",
                v["title"] >= TARGETS[target])
        row("  cut word last / not last → top 5", cname,
            f"{rv['prefix_last']['url']:.1f}% (n={rv['prefix_last']['n']}) / {rv['prefix_mid']['url']:.1f}% (n={rv['prefix_mid']['n']})")
        print(f"relevance: {rv['punct_differs']} of {len(rel)} sampled titles have punctuation")
        for kind in ("exact", "punct", "prefix"):
            for q, url, got in rv[kind]["misses"][:5]:
                print(f"  miss ({kind}): {q!r} → want {url}, got {got}")

        # --- judged guide queries
        jpath = args.judged or os.path.join(ROOT, "tests", "search", "judged.json")
        if not os.path.isfile(jpath) and os.path.isfile("/tmp/judged/judged.json"):
            jpath = "/tmp/judged/judged.json"
        if os.path.isfile(jpath):
            log(f"guide: judged queries from {jpath}")
            j = judged(outs["guide"]["on"], "", jpath)
            figures["judged"] = j
            row("judged queries top-1 (first or also)", "guide", f"{j['top1']:.0f}% (n={j['n']})")
            row("judged queries: `first` in top 3", "guide", f"{j['top3']:.0f}%")
            if j["hot"]:
                row("query CPU, files loaded (p50 / max)", "guide", f"{quantile(j['hot'], .5):.1f} / {max(j['hot']):.1f} ms")
            print("guide, slowest judged queries (files loaded): " + ", ".join(f"{q!r} {t:.1f} ms" for t, q in j["slow"]))
            for q, want, got, what in j["misses"]:
                print(f"  judged miss ({what}): {q!r} want {want}, got {got}")
        else:
            print("no judged query file (tests/search/judged.json)")

    # --- pagefind
    if args.no_pagefind:
        print("Pagefind: skipped (--no-pagefind)")
    elif not os.path.isfile(os.path.join(outs[cname]["off"], "index.html")):
        print("Pagefind: skipped (needs the search-off build; drop --skip-build-time)")
    else:
        log("pagefind: indexing the search-off corpus build")
        rng = random.Random(7)
        pq = [r["exact"] for r in rng.sample(rel, min(len(rel), args.payload_queries // 2))]
        pq += rng.sample(cpu, min(len(cpu), args.payload_queries - len(pq)))
        pf = pagefind(args, outs[cname]["off"], start_page, pq)
        figures["pagefind"] = {k: v for k, v in pf.items() if k != "rows"}
        if "error" in pf:
            print("Pagefind: not measured:", pf["error"])
            row("Pagefind", cname, "not measured (" + pf["error"][:60] + ")")
        else:
            s = figures.get(f"sizes-{cname}", {})
            plain = s.get("plain") or 1
            row(f"Pagefind {pf['version']}: index / plain (gz on disk)", cname,
                f"{pct(pf['index'], plain):.0f}% ({fmt_kb(pf['index'])}, {pf['files']} files"
                + (f", indexed in {pf['seconds']:.0f} s)" if pf["seconds"] else ", index from the cache)"))
            p = pf["payload"]
            if p:
                row("Pagefind first-query payload gz, median / max", cname, f"{fmt_kb(p['median'])} / {fmt_kb(p['max'])}")
                row("Pagefind first-query rounds, median / max", cname, f"{p['rounds_median']:g} / {p['rounds_max']}")
                row(f"Pagefind first query's time at {LATENCY} ms per request, median / max", cname,
                    f"{p['ms_median']:.0f} / {p['ms_max']:.0f} ms")
                print(f"Pagefind rounds of {p['worst']['query']!r}: {p['worst']['sequence']}")
                print("Pagefind first query, median gz per kind: "
                      + ", ".join(f"{k} {fmt_kb(v)}" for k, v in sorted(p["kinds"].items())))
            else:
                row("Pagefind first-query payload", cname, "failed: " + str(pf["rows"][0].get("error"))[:80])

    # --- table
    print()
    print(f"verdict: {version}, {binary}; checkout {head}")
    w0 = max(len(r[0]) for r in table)
    w1 = max(len(r[1]) for r in table)
    w2 = max(len(r[2]) for r in table)
    w3 = max(len(r[3]) for r in table)
    for r in table:
        print(f"{r[0]:<{w0}}  {r[1]:<{w1}}  {r[2]:<{w2}}  {r[3]:<{w3}}  {r[4]}")
    print(f"(whole run {time.perf_counter() - t_start:.0f} s)")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(figures, f, indent=1, default=str)


if __name__ == "__main__":
    main()
