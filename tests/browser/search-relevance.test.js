'use strict';

// Relevance of search on the bundled guide, judged: tests/search/judged.json
// lists what a reader would type and the page that should come first (and
// others that would do as well). The built site is served from 127.0.0.1 and
// each query goes through the browser's own engine (verdictSearch.query), as
// the search box would send it; an answer from the guide (shown above the
// page hits) counts as a result, linking to the page that argues it. The hit rates are printed; the test fails
// below the floors set here, and lists every miss.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./helpers');

const JUDGED = JSON.parse(
  fs.readFileSync(path.join(h.REPO_ROOT, 'tests', 'search', 'judged.json'), 'utf8'),
);
// Floors (fractions of the judged queries): top-1 and top-3 hit rates.
const MIN_TOP1 = 0.9;
const MIN_TOP3 = 0.95;

describe('search relevance on the bundled guide', { timeout: 300_000 }, () => {
  let tmp;
  let server;
  let browser;

  before(async () => {
    tmp = h.tempDir();
    const out = path.join(tmp, 'public');
    h.buildSite({ root: h.REPO_ROOT, out });
    server = await h.serveDir(out, '/');
    browser = await h.launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.close();
    h.removeDir(tmp);
  });

  it(`puts the judged page first for at least ${MIN_TOP1 * 100}% of ${JUDGED.length} queries`, async () => {
    const { page, context, check } = await h.openPage(browser, server.origin);
    try {
      await h.visit(page, `${server.base}`);
      const got = await page.evaluate(async (queries) => {
        const out = [];
        for (const q of queries) {
          const r = await window.verdictSearch.query(q);
          // What the reader sees first: the guide's answers (each links to
          // the page that argues it), then the page hits.
          const shown = r.answers.map((a) => a.url).concat(r.results.map((x) => x.url));
          out.push(shown.slice(0, 5).map((u) => new URL(u, location.href).pathname));
        }
        return out;
      }, JUDGED.map((j) => j.query));
      let top1 = 0;
      let top3 = 0;
      const misses = [];
      JUDGED.forEach((j, i) => {
        const good = new Set([j.first, ...(j.also || [])]);
        const urls = got[i];
        if (urls.length && good.has(urls[0])) top1 += 1;
        if (urls.slice(0, 3).some((u) => good.has(u))) top3 += 1;
        else misses.push(`${JSON.stringify(j.query)} → ${JSON.stringify(urls.slice(0, 3))} (want ${j.first})`);
        if (urls.length && !good.has(urls[0]) && misses.indexOf(j.query) < 0) {
          misses.push(`top-1 miss ${JSON.stringify(j.query)} → ${urls[0]} (want ${j.first})`);
        }
      });
      const n = JUDGED.length;
      console.log(
        `search relevance: top-1 ${top1}/${n} (${((100 * top1) / n).toFixed(1)}%), ` +
          `top-3 ${top3}/${n} (${((100 * top3) / n).toFixed(1)}%)`,
      );
      for (const m of misses) console.log(`  ${m}`);
      assert.ok(top1 / n >= MIN_TOP1, `top-1 ${top1}/${n} below ${MIN_TOP1}\n${misses.join('\n')}`);
      assert.ok(top3 / n >= MIN_TOP3, `top-3 ${top3}/${n} below ${MIN_TOP3}\n${misses.join('\n')}`);
      // Words that are also names of Object.prototype members are words.
      const odd = await page.evaluate(async () => {
        const r = await window.verdictSearch.query('constructor toString __proto__ valueOf');
        return Array.isArray(r.results);
      });
      assert.equal(odd, true);
      assert.deepEqual(check.problems(), []);
    } finally {
      await context.close();
    }
  });
});
