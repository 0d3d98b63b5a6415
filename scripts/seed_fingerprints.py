#!/usr/bin/env python3
"""Writes tests/seed-fingerprints.txt: usage: seed_fingerprints.py SEED_FILE > tests/seed-fingerprints.txt"""
import re, sys
def fnv(s):
    h = 0xcbf29ce484222325
    for b in s.encode('utf-8'):
        h ^= b
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h
def words_a(t):
    return [w for w in re.split(r'[^0-9a-z]+', t.lower()) if w]
def words_b(t):
    out=[]
    for tok in t.lower().split():
        w=''.join(c for c in tok if c.isascii() and c.isalnum())
        if w: out.append(w)
    return out
text=open(sys.argv[1],encoding='utf-8').read()
hs=set()
for ws in (words_a(text), words_b(text)):
    for i in range(len(ws)-7):
        hs.add(fnv(' '.join(ws[i:i+8])))
print("# FNV-1a 64 hashes of every 8-word run of the seed article (../shared/seed/),")
print("# words lowercased ASCII alphanumerics, split two ways (see tests/content.rs).")
print("# One-way fingerprints: the article's text is not in this repository.")
for h in sorted(hs): print('%016x' % h)
