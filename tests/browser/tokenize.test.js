// The browser's tokenizer and stemmer (themes/default/static/js/search-text.js)
// against the vectors the Rust tests check too (tests/search/tokens.json).
// Needs no browser.
const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const fs = require('node:fs');

const text = require('../../themes/default/static/js/search-text.js');
const vectors = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'search', 'tokens.json'), 'utf8'),
);

test('tokenize matches tests/search/tokens.json', () => {
  assert.ok(vectors.tokens.length >= 40);
  const failed = [];
  for (const c of vectors.tokens) {
    const got = text.tokenize(c.text);
    if (JSON.stringify(got) !== JSON.stringify(c.tokens)) {
      failed.push(`${JSON.stringify(c.text)}\n   want ${JSON.stringify(c.tokens)}\n    got ${JSON.stringify(got)}`);
    }
  }
  assert.deepStrictEqual(failed, []);
});

test('stem matches tests/search/tokens.json', () => {
  assert.ok(vectors.stems.length >= 60);
  const failed = [];
  for (const c of vectors.stems) {
    const got = text.stem(c.word);
    if (got !== c.stem) failed.push(`${c.word} → want ${c.stem}, got ${got}`);
  }
  assert.deepStrictEqual(failed, []);
});

test('search-text.js defines window.verdictSearchText as a classic script', () => {
  const vm = require('node:vm');
  const src = fs.readFileSync(require.resolve('../../themes/default/static/js/search-text.js'), 'utf8');
  const window = {};
  vm.runInNewContext(src, { window });
  assert.deepStrictEqual(Object.keys(window.verdictSearchText).sort(), ['stem', 'tokenize']);
  assert.deepStrictEqual(Array.from(window.verdictSearchText.tokenize('readFile')), ['readfile', 'read', 'file']);
});
