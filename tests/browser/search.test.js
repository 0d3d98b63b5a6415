'use strict';

// Client-side search (docs/search.md; themes/default/static/js/search.js) in
// headless Chromium, on sites built by the verdict binary under test:
//   - the bundled guide served over http: lazy loading, first results for
//     aspect titles (the judged queries are search-relevance.test.js's),
//     prefix-as-you-type, typo tolerance, answers, the keyboard (`/`, arrows,
//     Enter, Esc), the ARIA combobox, ?highlight=, the results page
//     (search/?q=), axe in light and dark mode with the list open, 360 px,
//     and the box without JavaScript;
//   - the guide built with relative_urls: true and opened from file://;
//   - the guide built for and served under a base path (/docs/);
//   - a fixture whose page title and text are HTML, and HTML typed as a
//     query: shown as text, no dialog, no <img> created.
// Query time and payloads on a 10,000-page site are measured by
// scripts/bench-search.py, not asserted here.
// Every page fails on a console error, uncaught error, failed request or
// request leaving the local origin (helpers.watchPage).

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const h = require('./helpers');

const SITE = h.REPO_ROOT;
const SUITE_TIMEOUT = 600_000;
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };
const INPUT = '#verdict-search-input';

/** Front-matter titles of content/aspects/*.md (not the section page), with their paths. */
function aspectPages() {
  const dir = path.join(SITE, 'content', 'aspects');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== '_index.md')
    .sort()
    .map((f) => {
      const m = fs.readFileSync(path.join(dir, f), 'utf8').match(/^title:\s*["']?(.*?)["']?\s*$/m);
      return { title: m[1], path: `/aspects/${f.replace(/\.md$/, '')}/` };
    });
}

/** Copies the guide into tmp and switches it to relative_urls: true. */
function relativeCopy(tmp) {
  const site = h.copySite(SITE, path.join(tmp, 'site'));
  const yamlPath = path.join(site, 'content', 'site.yaml');
  const yaml = fs.readFileSync(yamlPath, 'utf8');
  const switched = yaml.replace(/^([ \t]*)relative_urls:[ \t]*false[ \t]*$/m, '$1relative_urls: true');
  fs.writeFileSync(yamlPath, switched !== yaml ? switched : `${yaml}\nrelative_urls: true\n`);
  return site;
}

/** Types `text` into the header box (after clearing it) and waits until its results are drawn. */
async function typeQuery(page, text, { clear = true } = {}) {
  const input = page.locator(INPUT);
  if (clear) await input.fill('');
  await input.focus();
  await input.pressSequentially(text);
  await waitForResults(page, text);
}

async function waitForResults(page, text) {
  await page.waitForFunction(
    (q) => {
      const form = document.querySelector('form.site-search');
      return !!form && form.getAttribute('data-search-shown') === q;
    },
    text,
    { timeout: 15_000 },
  );
}

/** The options of the header list: id, text, target and kind. */
function options(page) {
  return page.$$eval('.site-search [role="option"]', (os) =>
    os.map((o) => ({
      id: o.id,
      text: o.textContent,
      href: o.getAttribute('data-href'),
      kind: o.classList.contains('search-answer') ? 'answer' : o.classList.contains('search-all') ? 'all' : 'page',
      selected: o.getAttribute('aria-selected'),
    })),
  );
}

/** The page hits among the options (answers and "all results" left out). */
async function pageHits(page) {
  return (await options(page)).filter((o) => o.kind === 'page');
}

/** Runs window.verdictSearch.query in the page: {results, total, answers}. */
function query(page, text, limit) {
  return page.evaluate(
    async ({ text, limit }) => {
      const r = await window.verdictSearch.query(text, limit ? { limit } : undefined);
      return {
        results: r.results.map((x) => ({ url: x.url, href: x.href, title: x.title, anchor: x.anchor, heading: x.heading, excerpt: x.excerpt, score: x.score })),
        total: r.total,
        answers: r.answers,
      };
    },
    { text, limit },
  );
}

/** The path of a result URL (root-relative in absolute mode), without query and fragment. */
function pathOf(href, base) {
  return new URL(href, base).pathname;
}


let browser;
before(async () => {
  browser = await h.launchBrowser();
});
after(async () => {
  if (browser) await browser.close();
});

describe('search on the bundled guide over http', { timeout: SUITE_TIMEOUT }, () => {
  let tmp;
  let out;
  let server;
  const open = async (p, options = {}) => {
    const { page, context, check } = await h.openPage(browser, server.origin);
    if (options.viewport) await page.setViewportSize(options.viewport);
    await h.visit(page, server.base + p.replace(/^\//, ''));
    return { page, context, check };
  };

  before(async () => {
    tmp = h.tempDir('verdict-search-');
    out = path.join(tmp, 'public');
    h.buildSite({ root: SITE, out });
    assert.ok(fs.existsSync(path.join(out, 'search', 'dir.js')), 'the build wrote search/dir.js');
    server = await h.serveDir(out, '/');
  });
  after(async () => {
    if (server) await server.close();
    h.removeDir(tmp);
  });

  it('loads nothing for search until the box is used; focusing it loads the directory', async () => {
    const { page, context, check } = await open('/aspects/speed/');
    try {
      const input = page.locator(INPUT);
      assert.equal(await input.isDisabled(), false, 'the script enables the box');
      assert.doesNotMatch(await input.getAttribute('placeholder'), /JavaScript/);
      const early = server.requests.filter((r) => /\/search\/|search-text|search-engine/.test(r));
      assert.deepEqual(early, [], 'no index file, tokenizer or search engine is loaded with the page');
      await input.focus();
      await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/search\/dir\.js$/.test(e.name)));
      assert.equal(await input.getAttribute('role'), 'combobox');
      assert.equal(await input.getAttribute('aria-expanded'), 'false');
      check();
    } finally {
      await context.close();
    }
  });

  it('typing an aspect title gives that aspect page first, with its answer above the pages', async () => {
    const { page, context, check } = await open('/');
    try {
      const aspects = aspectPages();
      assert.ok(aspects.length >= 5, 'the guide has aspect pages');
      const wrong = [];
      for (const a of aspects) {
        await typeQuery(page, a.title);
        const opts = await options(page);
        const firstPage = opts.find((o) => o.kind === 'page');
        if (!firstPage || pathOf(firstPage.href, server.base) !== a.path) {
          wrong.push(`"${a.title}": first page ${firstPage && firstPage.href}, expected ${a.path}`);
        }
        const answer = opts.find((o) => o.kind === 'answer');
        if (!answer) wrong.push(`"${a.title}": no answer shown`);
        else if (opts.indexOf(answer) !== 0) wrong.push(`"${a.title}": the answer is not above the pages`);
      }
      assert.deepEqual(wrong, []);
      // The answer has its winner badge and one line, and leads to the aspect page.
      await typeQuery(page, 'speed');
      const badge = await page.locator('.site-search .search-answer .search-badge').first().textContent();
      assert.ok(badge.trim().length > 0, 'the answer has a winner badge');
      const line = await page.locator('.site-search .search-answer .search-line').first().textContent();
      assert.ok(line.trim().length > 10, 'the answer has its line');
      check();
    } finally {
      await context.close();
    }
  });

  it('matches the last word as a prefix while typing, and several words rank pages with all of them first', async () => {
    const { page, context, check } = await open('/about/');
    try {
      await typeQuery(page, 'gunic');
      let hits = await pageHits(page);
      assert.ok(hits.length > 0, 'a prefix finds pages');
      assert.equal(pathOf(hits[0].href, server.base), '/aspects/scalability/');
      assert.match(await page.locator('.site-search .search-hit mark').first().textContent(), /^gunicorn$/i);
      // A finished word (a space after it) of 3 letters is a whole word, no
      // prefix; one of 4+ letters found nowhere is still tried as a prefix.
      await typeQuery(page, 'gun ');
      assert.equal((await pageHits(page)).length, 0, '"gun " is a whole word, found nowhere');
      await typeQuery(page, 'gunic ');
      hits = await pageHits(page);
      assert.equal(pathOf(hits[0].href, server.base), '/aspects/scalability/');
      // Two words: every page shown first holds both.
      const r = await query(page, 'pickle untrusted');
      assert.ok(r.results.length > 0);
      assert.equal(pathOf(r.results[0].url, server.base), '/aspects/security/');
      const both = await query(page, 'pickle');
      assert.ok(both.total <= r.total, 'a second word adds pages that hold either word');
      await typeQuery(page, 'pickle untr');
      hits = await pageHits(page);
      assert.equal(pathOf(hits[0].href, server.base), '/aspects/security/');
      check();
    } finally {
      await context.close();
    }
  });

  it('finds a word of 5+ letters with a one-letter typo when nothing matches exactly', async () => {
    const { page, context, check } = await open('/');
    try {
      for (const [typo, first] of [['gunicorm', '/aspects/scalability/'], ['celry', '/aspects/scalability/'], ['picklle', '/aspects/security/']]) {
        const r = await query(page, typo);
        assert.ok(r.results.length > 0, `"${typo}" finds something`);
        assert.equal(pathOf(r.results[0].url, server.base), first, `"${typo}"`);
      }
      // Short words get no typo tolerance.
      assert.equal((await query(page, 'gul ')).total, 0, '"gul" (3 letters) is not corrected');
      // The highlight terms carry the corrected word.
      const r = await query(page, 'gunicorm');
      assert.match(r.results[0].href, /[?&]highlight=[^#]*gunicorn/);
      check();
    } finally {
      await context.close();
    }
  });

  it('shows results grouped by page: title, best heading, an excerpt with the terms in <mark>', async () => {
    const { page, context, check } = await open('/');
    try {
      const r = await query(page, 'gil');
      const urls = r.results.map((x) => x.url);
      assert.equal(new Set(urls).size, urls.length, 'one result per page');
      for (const x of r.results) {
        assert.ok(x.title, 'a title');
        const words = x.excerpt.split(/\s+/).filter((w) => w && w !== '…');
        assert.ok(words.length <= 32, `excerpt of about 30 words: ${words.length}`);
        assert.ok(x.score > 0);
      }
      const withHeading = r.results.find((x) => x.heading);
      assert.ok(withHeading, 'a result names its best section');
      assert.ok(withHeading.href.endsWith(`#${withHeading.anchor}`), 'and links to its anchor');
      await typeQuery(page, 'gil');
      const marks = await page.$$eval('.site-search .search-hit mark', (ms) => ms.map((m) => m.textContent.toLowerCase()));
      assert.ok(marks.length > 0 && marks.every((m) => m === 'gil'), `marks: ${marks}`);
      assert.ok((await pageHits(page)).length <= 10, 'at most 10 pages in the list');
      check();
    } finally {
      await context.close();
    }
  });

  it('follows the combobox pattern: arrows move, Esc closes, Enter opens the result with ?highlight= and its anchor', async () => {
    const { page, context, check } = await open('/choosing/');
    try {
      const input = page.locator(INPUT);
      // `/` focuses the box from the page.
      await page.locator('h1').click();
      await page.keyboard.press('/');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'verdict-search-input');
      assert.equal(await input.inputValue(), '', 'the slash is not typed into the box');
      await input.pressSequentially('gil');
      await waitForResults(page, 'gil');
      assert.equal(await input.getAttribute('aria-expanded'), 'true');
      const listId = await input.getAttribute('aria-controls');
      assert.equal(await page.locator(`[id="${listId}"]`).getAttribute('role'), 'listbox');
      assert.ok(await page.locator(`[id="${listId}"]`).isVisible());
      const opts = await options(page);
      assert.ok(opts.length >= 2);
      assert.equal(await input.getAttribute('aria-activedescendant'), null);

      await page.keyboard.press('ArrowDown');
      assert.equal(await input.getAttribute('aria-activedescendant'), opts[0].id);
      await page.keyboard.press('ArrowDown');
      assert.equal(await input.getAttribute('aria-activedescendant'), opts[1].id);
      assert.equal(await page.locator(`[id="${opts[1].id}"]`).getAttribute('aria-selected'), 'true');
      assert.equal(await page.locator(`[id="${opts[0].id}"]`).getAttribute('aria-selected'), 'false');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      assert.equal(await input.getAttribute('aria-activedescendant'), opts[opts.length - 1].id, 'ArrowUp wraps to the last option');
      await page.keyboard.press('ArrowDown');
      assert.equal(await input.getAttribute('aria-activedescendant'), opts[0].id, 'ArrowDown wraps to the first');

      await page.keyboard.press('Escape');
      assert.equal(await input.getAttribute('aria-expanded'), 'false');
      assert.equal(await page.locator(`[id="${listId}"]`).isVisible(), false);
      assert.equal(await input.inputValue(), 'gil', 'Esc closes the list and keeps the text');

      await page.keyboard.press('ArrowDown');
      assert.equal(await input.getAttribute('aria-expanded'), 'true', 'ArrowDown opens it again');
      const hit = (await options(page)).find((o) => o.kind === 'page' && o.href.includes('#'));
      assert.ok(hit, 'a result with an anchor');
      while ((await input.getAttribute('aria-activedescendant')) !== hit.id) await page.keyboard.press('ArrowDown');
      await Promise.all([page.waitForURL((u) => u.href.includes('highlight=')), page.keyboard.press('Enter')]);
      await page.waitForLoadState('load');
      const url = new URL(page.url());
      assert.equal(url.href, new URL(hit.href, server.base).href);
      assert.match(url.searchParams.get('highlight'), /\bgil\b/);
      assert.ok(url.hash.length > 1, 'the URL carries the anchor');
      await page.waitForSelector('main mark.search-highlight');
      const marks = await page.$$eval('main mark.search-highlight', (ms) => ms.map((m) => m.textContent.toLowerCase()));
      assert.ok(marks.length > 0 && marks.every((m) => m === 'gil'), `marks: ${marks}`);
      check();
    } finally {
      await context.close();
    }
  });

  it('`/` does nothing while typing in another field; a click on a result opens it', async () => {
    const { page, context, check } = await open('/');
    try {
      await page.evaluate(() => {
        const t = document.createElement('textarea');
        t.id = 'other-field';
        t.setAttribute('aria-label', 'other');
        document.querySelector('main').appendChild(t);
      });
      await page.locator('#other-field').focus();
      await page.keyboard.type('a/b');
      assert.equal(await page.locator('#other-field').inputValue(), 'a/b');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'other-field');
      await typeQuery(page, 'celery');
      const first = (await pageHits(page))[0];
      await Promise.all([page.waitForURL((u) => u.href.includes('highlight=')), page.locator('.site-search .search-hit').first().click()]);
      assert.equal(page.url(), new URL(first.href, server.base).href);
      check();
    } finally {
      await context.close();
    }
  });

  it('marks ?highlight= terms in <main>: words, their stems, and a half-typed word as a prefix', async () => {
    const { page, context, check } = await open('/aspects/security/?highlight=pickle+untrusted');
    try {
      await page.waitForSelector('main mark.search-highlight');
      const marks = await page.$$eval('main mark.search-highlight', (ms) => ms.map((m) => m.textContent.toLowerCase()));
      assert.ok(marks.includes('pickle') && marks.includes('untrusted'), `marks: ${marks}`);
      assert.ok(marks.every((m) => /^(pickle[a-z]*|untrusted)$/.test(m)), `marks: ${marks}`);
      assert.equal(await page.locator('header mark, footer mark').count(), 0, 'only <main> is marked');
      check();
      // A stem: "loads" marks "load"/"loading" too.
      await h.visit(page, `${server.base}aspects/security/?highlight=loads`);
      await page.waitForSelector('main mark.search-highlight');
      const stems = await page.$$eval('main mark.search-highlight', (ms) => [...new Set(ms.map((m) => m.textContent.toLowerCase()))]);
      assert.ok(stems.some((m) => m !== 'loads'), `stem variants marked: ${stems}`);
      // A prefix found nowhere as a word: "pickl" marks "pickle".
      await h.visit(page, `${server.base}aspects/security/?highlight=pickl`);
      await page.waitForSelector('main mark.search-highlight');
      assert.match(await page.locator('main mark.search-highlight').first().textContent(), /^pickl/i);
      const text = await page.evaluate(() => document.querySelector('main').textContent);
      assert.ok(text.includes('pickle'), 'marking keeps the text as it was');
      check();
    } finally {
      await context.close();
    }
  });

  it('the results page shows ?q= results on load and keeps the URL in step while refining', async () => {
    const { page, context, check } = await open('/search/?q=gunicorn');
    try {
      assert.equal(await page.locator('h1').textContent(), 'Search');
      const input = page.locator('#verdict-search-page-input');
      assert.equal(await input.inputValue(), 'gunicorn');
      await page.waitForSelector('.search-results .search-hit');
      const first = await page.locator('.search-results .search-hit a').first().getAttribute('href');
      assert.equal(pathOf(first, page.url()), '/aspects/scalability/');
      assert.match(await page.locator('[data-search-status]').textContent(), /gunicorn/);
      await input.fill('pickle');
      await page.waitForFunction(() => /pickle/.test(document.querySelector('[data-search-status]').textContent));
      assert.equal(new URL(page.url()).searchParams.get('q'), 'pickle', 'history.replaceState keeps ?q= current');
      const links = await page.$$eval('.search-results .search-hit a', (as) => as.map((a) => a.getAttribute('href')));
      assert.equal(pathOf(links[0], page.url()), '/aspects/security/');
      // `/` focuses the page's own box here.
      await page.locator('h1').click();
      await page.keyboard.press('/');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'verdict-search-page-input');
      // An answer shows above the pages, with a real link.
      await input.fill('speed');
      await page.waitForSelector('.search-answers .search-answer a');
      assert.equal(pathOf(await page.locator('.search-answers a').first().getAttribute('href'), page.url()), '/aspects/speed/');
      // Enter in the header box opens the results page for its words. (Its
      // own results are let finish first: a shard still loading when the
      // page navigates away is cancelled, which the check would count.)
      await page.locator(INPUT).fill('celery');
      await waitForResults(page, 'celery');
      await Promise.all([page.waitForURL((u) => u.searchParams.get('q') === 'celery'), page.locator(INPUT).press('Enter')]);
      await page.waitForSelector('.search-results .search-hit');
      check();
    } finally {
      await context.close();
    }
  });

  for (const scheme of ['light', 'dark']) {
    it(`has no serious axe violations with the list open, and the results page, in ${scheme} mode`, async () => {
      const context = await browser.newContext({ viewport: DESKTOP, colorScheme: scheme });
      const page = await context.newPage();
      const check = h.watchPage(page, server.origin);
      try {
        await h.visit(page, `${server.base}aspects/speed/`);
        await typeQuery(page, 'speed');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowDown');
        let serious = await h.axeSerious(page);
        assert.deepEqual(serious, [], JSON.stringify(serious, null, 1));
        await h.visit(page, `${server.base}search/?q=event+loop`);
        await page.waitForSelector('.search-results .search-hit');
        serious = await h.axeSerious(page);
        assert.deepEqual(serious, [], JSON.stringify(serious, null, 1));
        await h.visit(page, `${server.base}aspects/security/?highlight=pickle`);
        await page.waitForSelector('main mark');
        serious = await h.axeSerious(page);
        assert.deepEqual(serious, [], JSON.stringify(serious, null, 1));
        check();
      } finally {
        await context.close();
      }
    });
  }

  it('fits a 360-px screen with the list open', async () => {
    const { page, context, check } = await open('/aspects/speed/', { viewport: PHONE });
    try {
      await typeQuery(page, 'python');
      const box = await page.evaluate(() => {
        const r = document.querySelector('.search-popup').getBoundingClientRect();
        const i = document.querySelector('#verdict-search-input').getBoundingClientRect();
        return { left: r.left, right: r.right, inputW: i.width, page: document.documentElement.scrollWidth, screen: innerWidth };
      });
      assert.ok(box.left >= 0 && box.right <= box.screen, `the list is on screen: ${JSON.stringify(box)}`);
      assert.ok(box.page <= box.screen, `the page is not wider than the screen: ${JSON.stringify(box)}`);
      assert.ok(box.inputW >= 250, `the box takes the width on a phone: ${box.inputW}`);
      check();
    } finally {
      await context.close();
    }
  });

  it('without JavaScript the box says search needs it, and nothing breaks', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const check = h.watchPage(page, server.origin);
    try {
      await h.visit(page, `${server.base}aspects/speed/`);
      const input = page.locator(INPUT);
      assert.equal(await input.isDisabled(), true);
      assert.match(await input.getAttribute('placeholder'), /needs JavaScript/);
      assert.equal(await page.locator('label[for="verdict-search-input"]').count(), 1, 'the box has a label');
      await h.visit(page, `${server.base}search/?q=gil`);
      assert.match(await page.locator('main').textContent(), /needs JavaScript/);
      check();
    } finally {
      await context.close();
    }
  });
});

describe('search opened from file:// with relative_urls', { timeout: SUITE_TIMEOUT }, () => {
  let tmp;
  let out;
  before(() => {
    tmp = h.tempDir('verdict-search-file-');
    const site = relativeCopy(tmp);
    out = path.join(tmp, 'public');
    h.buildSite({ root: site, out });
  });
  after(() => h.removeDir(tmp));

  it('searches, opens a result with its highlight, and shows the results page', async () => {
    const { page, context, check } = await h.openPage(browser, 'file:');
    try {
      await h.visit(page, pathToFileURL(path.join(out, 'aspects', 'speed', 'index.html')).href);
      await typeQuery(page, 'gunicorn');
      const first = (await pageHits(page))[0];
      assert.ok(first, 'results from file://');
      const target = new URL(first.href, page.url());
      assert.equal(target.protocol, 'file:');
      assert.ok(fs.existsSync(decodeURIComponent(target.pathname)), `the result is a file: ${target.pathname}`);
      assert.ok(target.pathname.endsWith('/aspects/scalability/index.html'), target.pathname);
      await page.keyboard.press('ArrowDown');
      while ((await options(page)).find((o) => o.selected === 'true').kind !== 'page') await page.keyboard.press('ArrowDown');
      await Promise.all([page.waitForURL((u) => u.href.includes('highlight=')), page.keyboard.press('Enter')]);
      await page.waitForSelector('main mark.search-highlight');
      // The results page, from a page one folder deeper, with ?q=.
      const all = await page.evaluate(() => document.querySelector('form.site-search').getAttribute('action'));
      const resultsUrl = new URL(all, page.url());
      resultsUrl.search = '?q=pickle';
      await h.visit(page, resultsUrl.href);
      await page.waitForSelector('.search-results .search-hit');
      const link = await page.locator('.search-results .search-hit a').first().getAttribute('href');
      const resolved = new URL(link, page.url());
      assert.ok(resolved.pathname.endsWith('/aspects/security/index.html'), resolved.href);
      assert.deepEqual(await h.fileLinkProblems(page), []);
      // The answers file works from file:// too; its links stay relative.
      const r = await query(page, 'speed');
      assert.ok(r.answers.length > 0, 'an answer for "speed"');
      assert.ok(fs.existsSync(decodeURIComponent(new URL(r.answers[0].url, page.url()).pathname)), r.answers[0].url);
      check();
    } finally {
      await context.close();
    }
  });

  it('opens results from the home page (root ./) and a page two folders deep alike', async () => {
    const { page, context, check } = await h.openPage(browser, 'file:');
    try {
      const found = [];
      for (const p of [['index.html'], ['overview', 'python', 'index.html']]) {
        await h.visit(page, pathToFileURL(path.join(out, ...p)).href);
        const r = await query(page, 'celery');
        found.push(decodeURIComponent(new URL(r.results[0].url, page.url()).pathname));
      }
      assert.equal(found[0], found[1]);
      assert.ok(found[0].endsWith('/aspects/scalability/index.html') && fs.existsSync(found[0]), found[0]);
      check();
    } finally {
      await context.close();
    }
  });
});

describe('search under a base path', { timeout: SUITE_TIMEOUT }, () => {
  let tmp;
  let out;
  let server;
  before(async () => {
    tmp = h.tempDir('verdict-search-base-');
    const site = h.copySite(SITE, path.join(tmp, 'site'));
    out = path.join(tmp, 'public');
    // The server reads files per request: start it first to learn its port.
    server = await h.serveDir(out, '/docs/');
    h.buildSite({ root: site, out, args: ['--base-url', `${server.origin}/docs/`] });
  });
  after(async () => {
    if (server) await server.close();
    h.removeDir(tmp);
  });

  it('loads the index under /docs/ and links results under /docs/', async () => {
    const { page, context, check } = await h.openPage(browser, server.origin);
    try {
      await h.visit(page, `${server.base}aspects/speed/`);
      await typeQuery(page, 'celery');
      const hits = await pageHits(page);
      assert.equal(pathOf(hits[0].href, page.url()), '/docs/aspects/scalability/');
      assert.ok(server.requests.some((r) => r.startsWith('GET /docs/search/dir.js 200')), 'dir.js under /docs/');
      assert.ok(!server.requests.some((r) => / (4|5)\d\d$/.test(r)), server.requests.filter((r) => / (4|5)\d\d$/.test(r)).join('\n'));
      await h.visit(page, `${server.base}search/?q=speed`);
      await page.waitForSelector('.search-results .search-hit a');
      const links = await page.$$eval('main .search-hit a, main .search-answer a', (as) => as.map((a) => a.getAttribute('href')));
      assert.ok(links.length > 0 && links.every((l) => l.startsWith('/docs/')), links.join(' '));
      check();
    } finally {
      await context.close();
    }
  });
});

describe('search shows everything as text', { timeout: SUITE_TIMEOUT }, () => {
  const PAYLOAD = '<img src=x onerror=alert(1)>';
  let tmp;
  let out;
  let server;
  before(async () => {
    tmp = h.tempDir('verdict-search-xss-');
    const site = path.join(tmp, 'site');
    fs.mkdirSync(path.join(site, 'content'), { recursive: true });
    const w = (f, s) => fs.writeFileSync(path.join(site, 'content', f), s);
    w('site.yaml', 'title: Escaping\ndescription: A site whose text is HTML.\nbase_url: https://example.com/\nlanguage: en\n');
    w('_index.md', '---\ntitle: Escaping test\ndescription: The home page of a site whose text looks like HTML.\n---\n\nSee [the page](xss.md).\n');
    w(
      'xss.md',
      `---\ntitle: "${PAYLOAD}"\ndescription: "A page titled ${PAYLOAD} for the escaping test."\n---\n\n` +
        'The text &lt;img src=x onerror=alert(1)&gt; and &lt;script&gt;alert(2)&lt;/script&gt; stays text, onerror and all.\n\n' +
        '## Heading &lt;img src=y onerror=alert(3)&gt;\n\nMore onerror text under an HTML heading.\n',
    );
    out = path.join(tmp, 'public');
    h.buildSite({ root: site, out });
    server = await h.serveDir(out, '/');
  });
  after(async () => {
    if (server) await server.close();
    h.removeDir(tmp);
  });

  it('renders titles, headings, text and queries that are HTML harmlessly', async () => {
    const { page, context, check } = await h.openPage(browser, server.origin);
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    try {
      await h.visit(page, server.base);
      const imgs = () => page.evaluate(() => document.querySelectorAll('img').length);
      const before0 = await imgs();
      await typeQuery(page, 'onerror');
      const title = await page.locator('.site-search .search-hit .search-title').first().textContent();
      assert.equal(title, PAYLOAD, 'the title is shown as text');
      assert.match(await page.locator('.site-search .search-hit').first().textContent(), /<img src=x onerror=alert\(1\)>|<script>/);
      await typeQuery(page, PAYLOAD);
      await typeQuery(page, '<script>alert(4)</script> onerror');
      await h.visit(page, `${server.base}search/?q=${encodeURIComponent(PAYLOAD)}`);
      await page.waitForFunction(() => /img/.test(document.querySelector('[data-search-status]').textContent));
      assert.equal(await page.locator('#verdict-search-page-input').inputValue(), PAYLOAD);
      await page.waitForSelector('.search-results .search-hit');
      assert.equal(await page.locator('.search-results .search-title').first().textContent(), PAYLOAD);
      await h.visit(page, `${server.base}xss/?highlight=${encodeURIComponent(PAYLOAD)}`);
      await page.waitForSelector('main mark.search-highlight');
      await page.waitForTimeout(300);
      assert.equal(await imgs(), before0, 'no <img> element was created');
      assert.deepEqual(dialogs, [], 'no dialog fired');
      assert.equal(await page.evaluate(() => document.querySelectorAll('img[src="x"], img[src="y"], script:not([src])').length), 0);
      check();
    } finally {
      await context.close();
    }
  });
});
