'use strict';

// Regression tests for `verdict serve` with an open page, from an attack on
// it: a theme with a strict Content-Security-Policy (no inline scripts) still
// reloads under serve (the reload script is a file); search, ?highlight=
// and the decision helper work from memory as in the built site.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const h = require('./helpers');

const WAIT = 20_000;

let browser;
let tmp;
let site;
let server;
before(async () => {
  browser = await h.launchBrowser();
  tmp = h.tempDir('verdict-serve-attack-');
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
  await page.waitForTimeout(300);
  return { page, context, errors };
}

const edit = (rel, fn) => h.atomicEdit(site, rel, fn);

describe('verdict serve, adversarial', { timeout: 120_000 }, () => {
  it('search, ?highlight= and the decision helper work from memory', async () => {
    const { page, context, errors } = await open('/about/');
    try {
      const input = page.locator('.site-search input[name="q"]');
      await page.waitForFunction(() => !document.querySelector('.site-search input[name="q"]').disabled, null, { timeout: WAIT });
      await input.focus();
      await input.pressSequentially('gunicorn');
      await page.waitForSelector('.site-search .search-hit', { timeout: WAIT });
      await page.goto(`${server.origin}/aspects/scalability/?highlight=gunicorn`, { waitUntil: 'load' });
      await page.waitForSelector('main mark', { timeout: WAIT });
      await page.goto(`${server.origin}/decide/`, { waitUntil: 'load' });
      await page.waitForSelector('[data-decide] [data-decide-summary]', { timeout: WAIT });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('still reloads an open page when the theme sets a strict Content-Security-Policy', async () => {
    edit('themes/default/templates/base.html', (t) => t.replace(
      '<meta charset="utf-8">',
      `<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'self' 'unsafe-inline'">`,
    ));
    // Let serve rebuild every page with the policy.
    await new Promise((r) => setTimeout(r, 1500));
    const { page, context, errors } = await open('/about/');
    try {
      assert.match(await page.content(), /Content-Security-Policy/);
      assert.deepEqual(errors.filter((e) => /Content Security Policy/i.test(e)), [], 'the reload script is not blocked');
      await page.evaluate(() => { window.verdictMarker = 1; });
      edit('content/about.md', (t) => `${t}\n\nA sentence added under a strict policy.\n`);
      await page.waitForFunction(
        () => !window.verdictMarker && document.body.textContent.includes('A sentence added under a strict policy.'),
        null,
        { timeout: WAIT },
      );
      assert.deepEqual(errors.filter((e) => /Content Security Policy/i.test(e)), [], 'the reload script is not blocked');
    } finally {
      await context.close();
    }
  });
});
