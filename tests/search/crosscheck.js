#!/usr/bin/env node
// Randomized cross-check of the two tokenizers and stemmers, run by hand
// (not in CI):
//
//   node tests/search/crosscheck.js [count] [seed]
//
// Generates random strings (ASCII, punctuation, connectors, accents and
// combining marks, CJK, Hangul, fullwidth and compatibility forms, Greek,
// Cyrillic, Turkish, emoji, camelCase and English words, random code
// points), runs them through src/text/tokenize.rs (the example
// `examples/tokens.rs`, through cargo) and themes/default/static/js/search-text.js,
// and prints the inputs whose tokens or stems differ. Every code point is
// also checked alone; those that differ alone (the two sides' Unicode
// versions differ: unicode-normalization's tables against the ICU of node)
// are listed, and random inputs holding one are counted apart. Exits 1
// when a random input with no such code point differs.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const text = require('../../themes/default/static/js/search-text.js');

const count = Number(process.argv[2] || 5000);
let seed = Number(process.argv[3] || 1) >>> 0;
function rand(n) {
  // xorshift32
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed % n;
}
const pick = (xs) => xs[rand(xs.length)];
const range = (a, b) => String.fromCodePoint(a + rand(b - a + 1));

const WORDS = ('running runs runner handling handled handler errors threading threads ' +
  'concurrency concurrent asynchronous performance performing scalability scaling libraries ' +
  'library packages packaging generalizations oscillators relational conditional hopefulness ' +
  'archaeology possibly agreed feed sky happy controll caresses ponies ties cats yes by ' +
  'readFile HTTPServer getHTTPResponseCode IOError iPhone v8Engine asyncio.gather node:http ' +
  'async/await C++ C# F# e.g. i.e. fs.readFileSync __init__ @types/node user@example.com ' +
  'https://example.com/a?b=1#c 3.15 x86_64 utf-8 python3.12 ΟΔΟΣ Σ ς Москва İstanbul DİYARBAKIR ' +
  'ılık Straße STRAẞE café naïve Ǆemal ﬁle Ⅻ ½ ² ５ ＡＢＣ ｶﾞｯｺｳ 東京都に住む データ 한국어 𠮷野家').split(' ');

const PIECES = [
  () => pick(WORDS),
  () => pick(WORDS),
  () => range(0x61, 0x7a),
  () => range(0x41, 0x5a),
  () => range(0x30, 0x39),
  () => pick(['.', '_', ':', '/', '-', '+', '#', '@', '++', '#', '..', '--']),
  () => pick([' ', ' ', '  ', '\t', '\n', ',', ';', '!', '?', '(', ')', '"', "'", '=', '&', '*', '%', '$', '~', '`', '|', '\\', '<', '>', '[', ']', '{', '}']),
  () => range(0xc0, 0x24f), // Latin-1 and Latin Extended
  () => range(0x300, 0x36f), // combining diacritics
  () => pick(['\u0483', '\u0591', '\u05b0', '\u093c', '\u0951', '\u3099', '\u309a', '\u20dd', '\u20e3', '\ufe0f', '\u200d', '\u200b', '\u00ad', '\u0345']),
  () => range(0x370, 0x3ff), // Greek
  () => pick(['Σ', 'σ', 'ς', 'ΣΣ', 'ΑΣ', 'Σ.', '\u0130', '\u0131', 'ß', '\u1e9e', 'ǅ', 'ǈ', 'ﬀ', 'ﬃ', 'ﬅ', 'ŉ', 'ǰ']),
  () => range(0x400, 0x4ff), // Cyrillic
  () => range(0x3040, 0x30ff), // kana
  () => range(0x4e00, 0x9fff), // CJK
  () => range(0x3400, 0x4dbf),
  () => range(0xf900, 0xfaff), // compatibility ideographs
  () => range(0xac00, 0xd7af), // Hangul syllables
  () => range(0x1100, 0x11ff), // Hangul jamo
  () => range(0x3130, 0x318f), // compatibility jamo
  () => range(0xff01, 0xffef), // fullwidth and halfwidth forms
  () => range(0x3000, 0x303f), // CJK punctuation (々 〆 〇 …)
  () => range(0x2150, 0x218f), // number forms
  () => range(0x2460, 0x24ff), // enclosed alphanumerics
  () => range(0x1d400, 0x1d7ff), // mathematical alphanumerics
  () => range(0x20000, 0x2ffff), // CJK extensions
  () => range(0x1f300, 0x1faff), // emoji
  () => range(0x600, 0x6ff), // Arabic
  () => range(0x900, 0x97f), // Devanagari
  () => range(0xe00, 0xe7f), // Thai
  () => range(0x80, 0xffff).replace(/[\ud800-\udfff]/, 'x'), // any BMP
  () => range(0x10000, 0x3ffff), // any astral, assigned or not
];

function randomString() {
  const n = rand(12);
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[rand(PIECES.length)]();
  if (rand(50) === 0) s += 'a'.repeat(55 + rand(20));
  return s;
}

const inputs = [];
for (let i = 0; i < count; i++) inputs.push(randomString());
const singles = inputs.length;
for (let c = 0; c <= 0x10ffff; c++) {
  if (c < 0xd800 || c > 0xdfff) inputs.push(String.fromCodePoint(c));
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verdict-xcheck-'));
const inFile = path.join(dir, 'in.jsonl');
const outFile = path.join(dir, 'out.jsonl');
fs.writeFileSync(inFile, inputs.map((s) => JSON.stringify(s)).join('\n') + '\n');
execFileSync('sh', ['-c', 'cargo run --quiet --example tokens < "$0" > "$1"', inFile, outFile], {
  cwd: path.join(__dirname, '..', '..'),
  stdio: ['ignore', 'ignore', 'inherit'],
});
const rust = fs.readFileSync(outFile, 'utf8').trimEnd().split('\n');

const differs = (i) => {
  const t = text.tokenize(inputs[i]);
  return JSON.stringify([t, t.map(text.stem)]) !== JSON.stringify(JSON.parse(rust[i]));
};
const skew = new Set();
for (let i = singles; i < inputs.length; i++) if (differs(i)) skew.add(inputs[i]);
let diverged = 0;
let skewed = 0;
let tokens = 0;
for (let i = 0; i < singles; i++) {
  tokens += text.tokenize(inputs[i]).length;
  if (!differs(i)) continue;
  if (Array.from(inputs[i]).some((c) => skew.has(c))) {
    skewed++;
    continue;
  }
  diverged++;
  if (diverged <= 20) {
    const t = text.tokenize(inputs[i]);
    const cps = Array.from(inputs[i], (c) => c.codePointAt(0).toString(16)).join(' ');
    console.log(`input ${JSON.stringify(inputs[i])} [${cps}]`);
    console.log(`  js   ${JSON.stringify([t, t.map(text.stem)])}\n  rust ${rust[i]}`);
  }
}
fs.rmSync(dir, { recursive: true });
const hex = Array.from(skew, (c) => c.codePointAt(0).toString(16).toUpperCase());
console.log(`${skew.size} code points differ alone: ${hex.join(' ')}`);
console.log(`${singles} random inputs, ${tokens} tokens: ${diverged} differ, ` +
  `${skewed} more differ through those code points`);
process.exitCode = diverged ? 1 : 0;
