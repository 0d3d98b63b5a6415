#!/usr/bin/env python3
"""Report every run of N (default 8) consecutive words shared by a seed text
and the files of a content directory.

Usage: seed_overlap.py SEED_FILE CONTENT_DIR [--n 8]

Words are compared case-insensitively with punctuation ignored. Because
"ignoring punctuation" can be read two ways, both are checked and any hit in
either counts:

  * "joined":  split on whitespace, then drop punctuation inside each word
               (Node.js -> nodejs, I/O-bound -> iobound, don't -> dont)
  * "split":   every run of letters/digits is a word
               (Node.js -> node js, I/O-bound -> i o bound, don't -> don t)

Runs may cross line breaks; a hit is reported at the line where it starts
(and ends, if different). Exit status: 0 clean, 1 overlaps found, 2 usage.
"""

import argparse
import os
import re
import sys
import unicodedata

TEXT_EXTENSIONS = {".md", ".markdown", ".yaml", ".yml", ".toml", ".json",
                   ".txt", ".html", ".csv"}


def normalise(text):
    # Fold typographic quotes and dashes so that "don’t" and "don't" agree.
    text = unicodedata.normalize("NFKC", text)
    for a, b in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'),
                 ("\u201d", '"'), ("\u2013", "-"), ("\u2014", "-")):
        text = text.replace(a, b)
    return text.lower()


def tokens_joined(text):
    """Yield (word, line) with whitespace splitting, punctuation dropped."""
    for lineno, line in enumerate(text.split("\n"), 1):
        for raw in line.split():
            word = "".join(ch for ch in raw if ch.isalnum())
            if word:
                yield word, lineno


_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def tokens_split(text):
    """Yield (word, line) where any non-alphanumeric character separates."""
    for lineno, line in enumerate(text.split("\n"), 1):
        for m in _WORD.finditer(line):
            yield m.group(0), lineno


MODES = {"joined": tokens_joined, "split": tokens_split}


def ngrams(words, n):
    for i in range(len(words) - n + 1):
        yield i, tuple(words[i:i + n])


def content_files(root):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if os.path.splitext(name)[1].lower() in TEXT_EXTENSIONS:
                yield os.path.join(dirpath, name)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("seed")
    ap.add_argument("content_dir")
    ap.add_argument("--n", type=int, default=8,
                    help="run length in words (default 8)")
    args = ap.parse_args(argv)
    if args.n < 1 or not os.path.isfile(args.seed) \
            or not os.path.isdir(args.content_dir):
        ap.print_usage(sys.stderr)
        print("error: need an existing SEED_FILE and CONTENT_DIR, n >= 1",
              file=sys.stderr)
        return 2

    with open(args.seed, encoding="utf-8", errors="replace") as f:
        seed_text = normalise(f.read())
    seed_sets = {}
    for mode, tok in MODES.items():
        words = [w for w, _ in tok(seed_text)]
        seed_sets[mode] = {g for _, g in ngrams(words, args.n)}

    hits = 0
    files = 0
    for path in content_files(args.content_dir):
        files += 1
        with open(path, encoding="utf-8", errors="replace") as f:
            text = normalise(f.read())
        reported = {}  # start line -> (end line, phrase, modes)
        for mode, tok in MODES.items():
            toks = list(tok(text))
            words = [w for w, _ in toks]
            last_end = -1
            for i, gram in ngrams(words, args.n):
                if gram not in seed_sets[mode]:
                    continue
                # Merge runs longer than n into one report.
                if i <= last_end:
                    last_end = i + args.n - 1
                    key = run_key
                    start_line, _, phrase, modes = reported[key]
                    phrase = phrase + " " + gram[-1]
                    reported[key] = (start_line, toks[last_end][1], phrase,
                                     modes)
                    continue
                last_end = i + args.n - 1
                start_line, end_line = toks[i][1], toks[last_end][1]
                run_key = (start_line, mode, i)
                reported[run_key] = (start_line, end_line, " ".join(gram),
                                     {mode})
        # Collapse identical reports from both modes.
        seen = set()
        for key in sorted(reported, key=lambda k: (k[0], k[1], k[2])):
            start_line, end_line, phrase, modes = reported[key]
            sig = (start_line, phrase)
            if sig in seen:
                continue
            seen.add(sig)
            hits += 1
            where = (f"{start_line}" if start_line == end_line
                     else f"{start_line}-{end_line}")
            print(f"{path}:{where}: [{key[1]}] \"{phrase}\"")

    if hits:
        print(f"{hits} overlap(s) of {args.n}+ words with {args.seed} "
              f"in {files} file(s)", file=sys.stderr)
        return 1
    print(f"clean: no run of {args.n} words from {args.seed} "
          f"in {files} file(s) under {args.content_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
