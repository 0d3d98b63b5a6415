'use strict';

// `verdict serve` with an open page in headless Chromium: an edit to a page
// reloads it by itself, keeping the scroll position; an edit to a
// stylesheet swaps it in place without a reload; a broken front matter shows
// the overlay on the open page, and fixing it clears the overlay. The
// server is the binary under test on a free port, in a temporary copy of
// the bundled guide.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const h = require('./helpers');

const WAIT = 20_000;

/** Starts `verdict serve --port 0` on `root`; resolves to {origin, child}. */
let browser;
let tmp;
let site;
let server;
before(async () => {
  browser = await h.launchBrowser();
  tmp = h.tempDir('verdict-serve-');
  site = h.copySite(h.REPO_ROOT, path.join(tmp, 'site'));
  server = await h.startServe(site);
});
after(async () => {
  if (server) server.child.kill();
  if (browser) await browser.close();
  h.removeDir(tmp);
});

async function open(p) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(server.origin + p, { waitUntil: 'load' });
  // The reload channel is open before anything is edited.
  await page.waitForTimeout(300);
  return { page, context, errors };
}

const edit = (rel, fn) => h.atomicEdit(site, rel, fn);

describe('verdict serve with an open page', { timeout: 120_000 }, () => {
  it('reloads the page by itself after an edit, keeping the scroll position', async () => {
    const { page, context, errors } = await open('/aspects/speed/');
    try {
      await page.evaluate(() => { window.scrollTo(0, 900); window.verdictMarker = 1; });
      edit('content/aspects/speed.md', (t) => t.replace(/\n## Verdict\n/, '\nA sentence added while the page was open.\n\n## Verdict\n'));
      await page.waitForFunction(() => !window.verdictMarker && document.body.textContent.includes('A sentence added while the page was open.'), null, { timeout: WAIT });
      await page.waitForFunction(() => window.scrollY > 0, null, { timeout: WAIT });
      const y = await page.evaluate(() => window.scrollY);
      assert.ok(Math.abs(y - 900) < 50, `scroll kept: ${y}`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('swaps an edited stylesheet in place, without reloading', async () => {
    const { page, context, errors } = await open('/about/');
    try {
      await page.evaluate(() => { window.verdictMarker = 1; });
      edit('themes/default/static/css/main.css', (t) => `${t}\nbody { outline: 3px solid rgb(255, 0, 0); }\n`);
      await page.waitForFunction(() => getComputedStyle(document.body).outlineColor === 'rgb(255, 0, 0)', null, { timeout: WAIT });
      assert.equal(await page.evaluate(() => window.verdictMarker), 1, 'the page was not reloaded');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('shows a broken front matter in an overlay on the open page, and clears it when fixed', async () => {
    const { page, context } = await open('/about/');
    try {
      const original = edit('content/about.md', (t) => t.replace(/^title: (.*)$/m, 'title: [$1'));
      await page.waitForSelector('#verdict-overlay', { timeout: WAIT });
      const text = await page.locator('#verdict-overlay').textContent();
      assert.match(text, /about\.md:\d+:\d+/);
      edit('content/about.md', () => original);
      await page.waitForFunction(() => !document.getElementById('verdict-overlay'), null, { timeout: WAIT });
    } finally {
      await context.close();
    }
  });
});
