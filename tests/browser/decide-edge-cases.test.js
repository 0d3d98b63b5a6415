'use strict';

// Adversarial regression tests for the decision helper (js/decide.js and the
// decide embed), from an attack on it. They build tests/fixtures/brokers
// plus a few small guides written here, serve it, and answer as a reader
// would. The site has several guides, so each helper's keys in the address
// carry its guide's id (`?d.left.size=a`). The comment above each test says
// what went wrong before the fix.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./helpers');

const BROKERS = path.join(h.REPO_ROOT, 'tests', 'fixtures', 'brokers');
const REASON = 'reason: "See [ops](aspects/operations.md)."';
const TECHS = `- id: alpha
  name: Alpha
  summary: "First."
  colour: "#1f5fbf"
- id: beta
  name: Beta
  summary: "Second."
  colour: "#b02a37"
`;

/** A two-answer question: `a` gives alpha `wa`, `b` gives beta `wb`. */
function q(id, { multiple = false, a = 'a', b = 'b', wa = 2, wb = 2 } = {}) {
  return `  - id: ${id}
    question: "Question ${id}"
${multiple ? '    multiple: true\n' : ''}    answers:
      - id: ${a}
        label: "Answer ${a}"
        weights: { alpha: ${wa} }
        ${REASON}
      - id: ${b}
        label: "Answer ${b}"
        weights: { beta: ${wb} }
        ${REASON}
`;
}

const GUIDES = {
  // Question ids that are slugs but also Object.prototype properties.
  ctor: `questions:\n${q('constructor')}`,
  proto: `questions:\n${q('__proto__')}`,
  // An answer id that is Object.prototype's accessor.
  protoanswer: `questions:\n${q('pick', { a: '__proto__' })}`,
  // Two questions of the same shape, for two guides on one page.
  left: `questions:\n${q('size')}`,
  right: `questions:\n${q('speed', { wa: 3, wb: 3 })}`,
  // Three answers of 0.1 each for alpha; margin 0.3; a fourth question makes
  // a wider gap possible, so the build accepts the margin.
  float: `close_margin: 0.3
questions:
  - id: q1
    question: "Q1"
    answers:
      - { id: a, label: "A", weights: { alpha: 0.1 }, ${REASON.replace(': ', ': ')} }
  - id: q2
    question: "Q2"
    answers:
      - { id: a, label: "A", weights: { alpha: 0.1 }, ${REASON} }
  - id: q3
    question: "Q3"
    answers:
      - { id: a, label: "A", weights: { alpha: 0.1 }, ${REASON} }
  - id: q4
    question: "Q4"
    answers:
      - { id: a, label: "A", weights: { alpha: 5 }, ${REASON} }
`,
  // q1 has one answer for alpha, q2 one for beta: both answered is a tie,
  // and clearing either ("No answer") makes it clear.
  clearing: `questions:
  - id: q1
    question: "Q1"
    answers:
      - { id: a, label: "For alpha", weights: { alpha: 2 }, ${REASON} }
  - id: q2
    question: "Q2"
    answers:
      - { id: b, label: "For beta", weights: { beta: 2 }, ${REASON} }
`,
  multi: `close_margin: 0.5\nquestions:\n${q('one', { wa: 1, wb: 1 })}${q('many', { multiple: true, a: 'x', b: 'y', wa: 1, wb: 1 })}`,
};

const PAGES = {
  'two.md': ['left', 'right'],
  'twice.md': ['multi', 'multi'],
};

function writeSite(root) {
  h.copySite(BROKERS, root);
  const content = path.join(root, 'content');
  for (const [id, yaml] of Object.entries(GUIDES)) {
    const dir = path.join(content, 'data', 'guides', id);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'technologies.yaml'), TECHS);
    fs.writeFileSync(path.join(dir, 'decision.yaml'), yaml);
    PAGES[`${id}.md`] = PAGES[`${id}.md`] || [id];
  }
  for (const [file, guides] of Object.entries(PAGES)) {
    const blocks = guides.map((g) => '```verdict\nguide: ' + g + '\ndecide: true\n```\n').join('\nBetween the helpers.\n\n');
    fs.writeFileSync(path.join(content, file), `---\ntitle: ${file}\ndescription: An attack page.\n---\n\n${blocks}`);
  }
}

const SCOPE = 'section[data-decide]';
async function summary(page, n = 0) {
  return (await page.locator(`${SCOPE} [data-decide-summary]`).nth(n).textContent()).trim();
}

let browser;
let tmp;
let server;
before(async () => {
  tmp = h.tempDir('verdict-decide-attack-');
  const root = path.join(tmp, 'site');
  const out = path.join(tmp, 'public');
  writeSite(root);
  server = await h.serveDir(out, '/brokers/');
  h.buildSite({ root, out, args: ['--base-url', `${server.origin}/brokers/`] });
  browser = await h.launchBrowser();
});
after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
  h.removeDir(tmp);
});

async function open(p) {
  const { page, context, check } = await h.openPage(browser, server.origin);
  await h.visit(page, `${server.origin}/brokers/${p}`);
  return { page, context, check };
}

describe('decision helper under attack', { timeout: 300_000 }, () => {
  // Was: a question id `constructor` (a valid slug) kills the widget:
  // `chosen["constructor"]` is Object, so writeForm/readForm throw ("chosen[qid].push
  // is not a function"); the summary never changes. `__proto__` likewise.
  for (const id of ['ctor', 'proto']) {
    it(`works with a question id that is an Object.prototype name (${id})`, async () => {
      const { page, context, check } = await open(`${id}/`);
      try {
        await page.locator(`${SCOPE} input[value="a"]`).check();
        assert.match(await summary(page), /^Alpha leads with 2 points; Beta 0 points\.$/);
        await page.reload();
        assert.equal(await page.locator(`${SCOPE} input[value="a"]`).isChecked(), true, 'the answer survives a reload');
        check();
      } finally {
        await context.close();
      }
    });
  }

  // Was: clicking answer `__proto__` works, but the shared/reloaded address
  // `?d.pick=__proto__` is "no longer in this guide" (q.byId.__proto__ set the
  // prototype, so hasOwnProperty is false) and the answer is dropped.
  it('keeps an answer whose id is __proto__ across a reload', async () => {
    const { page, context, check } = await open('protoanswer/');
    try {
      await page.locator(`${SCOPE} input[value="__proto__"]`).check();
      assert.match(await summary(page), /^Alpha leads/);
      await page.reload();
      assert.equal(await page.locator(`${SCOPE} [data-decide-notice]`).isVisible(), false, 'no "no longer in this guide" notice');
      assert.equal(await page.locator(`${SCOPE} input[value="__proto__"]`).isChecked(), true);
      check();
    } finally {
      await context.close();
    }
  });

  // Was: both questionnaires use the `d.` prefix, and each treats every
  // `d.*` key as its own: on load each drops the other's answers with a
  // false "no longer in this guide" notice and removes them from the
  // address; answering one erases the other's answers from the address.
  it('keeps two questionnaires of different guides on one page apart', async () => {
    const { page, context, check } = await open('two/?d.left.size=a&d.right.speed=b');
    try {
      for (const n of [0, 1]) {
        assert.equal(await page.locator(`${SCOPE} [data-decide-notice]`).nth(n).isVisible(), false, `widget ${n}: no notice`);
      }
      assert.match(await summary(page, 0), /^Alpha leads with 2 points/);
      assert.match(await summary(page, 1), /^Beta leads with 3 points/);
      await page.locator(`${SCOPE} input[name="d.left.size"][value="b"]`).check();
      const url = new URL(page.url());
      assert.deepEqual(url.searchParams.getAll('d.right.speed'), ['b'], 'the other widget\'s answer stays in the address');
      check();
    } finally {
      await context.close();
    }
  });

  // Was: two embeds of the same guide do not follow each other: answering
  // the second one writes only its own answers and erases the first's from
  // the address (the first still shows them; a reload loses them).
  it('keeps the answers of the same questionnaire shown twice', async () => {
    const { page, context, check } = await open('twice/');
    try {
      await page.locator(`${SCOPE}`).nth(0).locator('input[name="d.multi.one"][value="a"]').check();
      await page.locator(`${SCOPE}`).nth(1).locator('input[name="d.multi.many"][value="x"]').check();
      const url = new URL(page.url());
      assert.deepEqual(url.searchParams.getAll('d.multi.one'), ['a'], `first widget's answer lost: ${url.search}`);
      assert.equal(await summary(page, 0), await summary(page, 1), 'both widgets show the same result');
      check();
    } finally {
      await context.close();
    }
  });

  // Was: 0.1 + 0.1 + 0.1 = 0.30000000000000004 > 0.3, so "Alpha leads with
  // 0.3 points; Beta 0 points", although the README says a gap of
  // close_margin or fewer points is too close to call.
  it('calls a gap equal to close_margin too close, whatever the float sums', async () => {
    const { page, context, check } = await open('float/?d.float.q1=a&d.float.q2=a&d.float.q3=a');
    try {
      assert.match(await summary(page), /^Too close to call between Alpha \(0\.3 points\) and Beta \(0 points\)/);
      check();
    } finally {
      await context.close();
    }
  });

  // Was: "No single answer would tip it", but setting either question to
  // "No answer" makes the result clear (the tipping search never tries the
  // "No answer" radio, though the build's widest_gap counts it).
  it('does not say nothing would tip it when clearing an answer would', async () => {
    const { page, context, check } = await open('clearing/?d.clearing.q1=a&d.clearing.q2=b');
    try {
      const s = await summary(page);
      assert.match(s, /^Too close to call/);
      assert.doesNotMatch(s, /No single answer would tip it/);
      check();
    } finally {
      await context.close();
    }
  });

  // Was: in print, an unanswered multiple-choice question still shows its
  // legend (single-choice ones are hidden through their checked "No
  // answer"), so the printout lists a question with no answer under it.
  it('prints only the questions answered', async () => {
    const { page, context, check } = await open('multi/?d.multi.one=a');
    try {
      await page.emulateMedia({ media: 'print' });
      const shown = await page.$$eval(`${SCOPE} fieldset`, (fs) =>
        fs.filter((f) => getComputedStyle(f).display !== 'none').map((f) => f.dataset.question));
      assert.deepEqual(shown, ['one']);
      check();
    } finally {
      await context.close();
    }
  });

  // Was: the questions, answers and reasons are in the search index (a
  // search for "exchanges" finds weigh/ through the routing verdict shown in
  // the form), but ?highlight= skips everything inside <form>, so the page a
  // result opens marks nothing.
  it('marks a searched word that the index found in the helper', async () => {
    const { page, context, check } = await open('weigh/?highlight=exchanges');
    try {
      await page.waitForTimeout(800);
      assert.ok(await page.locator('main mark.search-highlight').count() > 0, 'no mark');
      check();
    } finally {
      await context.close();
    }
  });

  // Held from the start: hostile query strings never make elements or dialogs, and
  // other params and the hash are kept.
  it('survives hostile query strings', async () => {
    let dialogs = 0;
    const { page, context, check } = await open('multi/?d.multi.one=a&d.multi.one=b&d.multi.many=x&d.multi.many=x&d.multi.%22%5D=1&d.multi.one%22%5D=a&d.multi.=' +
      '&d.multi.many=%3C%2Fscript%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&__proto__=1&d.multi.__proto__[x]=1&d.multi.constructor=2&d.multi.hasOwnProperty=a&d.=1&keep=1#frag');
    try {
      page.on('dialog', async (d) => { dialogs += 1; await d.dismiss(); });
      assert.equal(await page.locator('main img').count(), 0);
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('keep'), '1');
      assert.equal(url.hash, '#frag');
      assert.deepEqual(url.searchParams.getAll('d.multi.one'), ['b']);
      assert.deepEqual(url.searchParams.getAll('d.multi.many'), ['x']);
      assert.equal(dialogs, 0);
      check();
    } finally {
      await context.close();
    }
  });
});
