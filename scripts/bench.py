#!/usr/bin/env python3
"""Build-speed benchmark: verdict (release) on the synthetic corpus, and Hugo
side by side when `hugo` is installed (apt-get install -y hugo).

usage: scripts/bench.py [N ...] [--runs R] [--gen PATH] [--baseline BIN]

For each N (default 1000) the corpus generator (../shared/bench/gen_corpus.py
by default) writes N pages of technical Markdown with two code blocks each;
its Hugo layout is wrapped into a verdict site (tags move under `extra`).
Each tool builds R times (default 5), alternating, and the script prints the
median and minimum wall time and the ratio. `--baseline BIN` also times
another verdict binary (an older build) in the same alternation, to compare a
change against what it replaces. Timings are printed, never asserted.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def make_site(hugo_dir, site):
    os.makedirs(os.path.join(site, "content", "posts"))
    with open(os.path.join(site, "content", "site.yaml"), "w") as f:
        f.write("title: Bench\nbase_url: https://bench.example/\n")
    with open(os.path.join(site, "content", "_index.md"), "w") as f:
        f.write("---\ntitle: Bench\n---\n\nA synthetic corpus.\n")
    src = os.path.join(hugo_dir, "content", "posts")
    for name in sorted(os.listdir(src)):
        text = open(os.path.join(src, name), encoding="utf-8").read()
        text = re.sub(r"^tags: (.*)$", r"extra:\n  tags: \1", text, count=1, flags=re.M)
        with open(os.path.join(site, "content", "posts", name), "w", encoding="utf-8") as f:
            f.write(text)


def timed(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sizes", nargs="*", type=int, default=[1000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--gen", default=os.path.join(ROOT, "..", "shared", "bench", "gen_corpus.py"))
    ap.add_argument("--baseline", help="another verdict binary to time side by side")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    verdict = os.path.join(ROOT, "target", "release", "verdict")
    hugo = shutil.which("hugo")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            subprocess.run([sys.executable, args.gen, str(n), "--out", tmp], check=True, stdout=subprocess.DEVNULL)
            hugo_dir = os.path.join(tmp, f"N{n}", "hugo")
            site = os.path.join(tmp, f"verdict-{n}")
            make_site(hugo_dir, site)
            v, h, b = [], [], []
            for _ in range(args.runs):
                v.append(timed([verdict, "build", "--root", site, "--out", os.path.join(tmp, f"out-v-{n}")]))
                if args.baseline:
                    b.append(timed([args.baseline, "build", "--root", site, "--out", os.path.join(tmp, f"out-b-{n}")]))
                if hugo:
                    h.append(timed([hugo, "--quiet", "-s", hugo_dir, "-d", os.path.join(tmp, f"out-h-{n}")]))
            print(f"N={n}: verdict median {statistics.median(v)*1000:.0f} ms (min {min(v)*1000:.0f} ms, {args.runs} runs)")
            if args.baseline:
                print(f"N={n}: baseline median {statistics.median(b)*1000:.0f} ms (min {min(b)*1000:.0f} ms)")
                print(f"N={n}: verdict/baseline = {statistics.median(v)/statistics.median(b):.2f}")
            if hugo:
                print(f"N={n}: hugo    median {statistics.median(h)*1000:.0f} ms (min {min(h)*1000:.0f} ms)")
                print(f"N={n}: verdict/hugo = {statistics.median(v)/statistics.median(h):.2f}")
            else:
                print("hugo is not installed (apt-get install -y hugo) — verdict alone measured")


if __name__ == "__main__":
    main()
