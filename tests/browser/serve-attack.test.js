'use strict';

// Adversarial checks of `verdict serve` with an open page: a site whose
// theme sets a strict Content-Security-Policy (no inline scripts; the
// default theme has none, so such a policy works on `verdict build` output)
// must still reload under serve; search (its files are in memory),
// ?highlight= and the decision helper must work as in the built site.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const h = require('./helpers');

const WAIT = 20_000;

function startServe(root) {
  return new Promise((resolve, reject) => {
    const child = spawn(h.verdictBin(), ['serve', '--port', '0', '--root', root], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), WAIT);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/serving (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ origin: m[1], child });
      }
    });
    child.stderr.on('data', () => {});
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

let browser;
let tmp;
let site;
let server;
before(async () => {
  browser = await h.launchBrowser();
  tmp = h.tempDir('verdict-serve-attack-');
  site = h.copySite(h.REPO_ROOT, path.join(tmp, 'site'));
  server = await startServe(site);
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

function edit(rel, fn) {
  const file = path.join(site, rel);
  const text = fs.readFileSync(file, 'utf8');
  const tmpFile = `${file}.tmp~`;
  fs.writeFileSync(tmpFile, fn(text));
  fs.renameSync(tmpFile, file);
  return text;
}

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
