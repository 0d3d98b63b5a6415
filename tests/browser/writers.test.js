'use strict';

// What writers expect, as readers meet it in headless Chromium, on
// tests/fixtures/brokers built with --drafts: a draft's banner is visible
// text; a page's date is a <time>; the comparison table's group headings
// label their rows (th scope=rowgroup) and stay in view while the table
// scrolls at 360 px; several recommended technologies read as a phrase. Each
// page has no serious axe violation in light mode, dark mode, and dark mode
// chosen with the toggle.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const h = require('./helpers');

const SUITE_TIMEOUT = 300_000;
const BROKERS = path.join(h.REPO_ROOT, 'tests', 'fixtures', 'brokers');
const PAGES = ['comparison/', 'picks/', 'upcoming/'];


describe('writers\' expectations on the brokers fixture (--drafts)', { timeout: SUITE_TIMEOUT }, () => {
  let browser;
  let tmp;
  let server;
  before(async () => {
    browser = await h.launchBrowser();
    tmp = h.tempDir('verdict-writers-');
    const out = path.join(tmp, 'public');
    server = await h.serveDir(out, '/brokers/');
    h.buildSite({ root: BROKERS, out, args: ['--drafts', '--base-url', `${server.origin}/brokers/`] });
  });
  after(async () => {
    if (browser) await browser.close();
    if (server) await server.close();
    if (tmp) h.removeDir(tmp);
  });

  async function open(options) {
    const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 900 }, ...options });
    const page = await context.newPage();
    return { context, page, check: h.watchPage(page, server.origin) };
  }

  for (const colorScheme of ['light', 'dark']) {
    it(`has no serious axe violation in ${colorScheme} mode`, async () => {
      const { context, page, check } = await open({ colorScheme });
      try {
        for (const p of PAGES) {
          await h.visit(page, `${server.origin}/brokers/${p}`);
          const serious = await h.axeSerious(page);
          assert.deepEqual(serious, [], `${p}: ${JSON.stringify(serious, null, 1)}`);
          check();
        }
      } finally {
        await context.close();
      }
    });
  }

  it('has no serious axe violation in dark mode chosen with the toggle', async () => {
    const { context, page, check } = await open({ colorScheme: 'light' });
    try {
      await h.visit(page, `${server.origin}/brokers/${PAGES[0]}`);
      await page.locator('[data-theme-toggle]').click();
      for (const p of PAGES) {
        await h.visit(page, `${server.origin}/brokers/${p}`);
        assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
        const serious = await h.axeSerious(page);
        assert.deepEqual(serious, [], `${p}: ${JSON.stringify(serious, null, 1)}`);
        check();
      }
    } finally {
      await context.close();
    }
  });

  it('a draft says so in visible text, and a published page does not', async () => {
    const { context, page, check } = await open({});
    try {
      await h.visit(page, `${server.origin}/brokers/upcoming/`);
      const banner = page.locator('.draft-banner');
      assert.equal(await banner.isVisible(), true);
      assert.match(await banner.innerText(), /^Draft\. This page is not published/);
      const box = await banner.boundingBox();
      assert.ok(box.height > 20 && box.width > 200, `banner drawn: ${JSON.stringify(box)}`);
      // The banner comes before the page's heading, in reading order.
      const order = await page.evaluate(() => {
        const b = document.querySelector('.draft-banner');
        const h1 = document.querySelector('h1');
        return b.compareDocumentPosition(h1) & Node.DOCUMENT_POSITION_FOLLOWING;
      });
      assert.ok(order, 'the banner precedes the h1');
      assert.equal(await page.locator('time').getAttribute('datetime'), '2026-04-01');
      assert.equal(await page.locator('time').innerText(), '1 April 2026');
      await h.visit(page, `${server.origin}/brokers/comparison/`);
      assert.equal(await page.locator('.draft-banner').count(), 0);
      check();
    } finally {
      await context.close();
    }
  });

  it('group headings label their rows and stay in view while the table scrolls', async () => {
    const { context, page, check } = await open({ viewport: { width: 360, height: 740 } });
    try {
      await h.visit(page, `${server.origin}/brokers/comparison/`);
      const groups = page.getByRole('rowheader', { name: 'Messaging', exact: true });
      assert.equal(await groups.count(), 1, 'the group heading is a row header');
      const report = await page.evaluate(() => {
        const box = document.querySelector('.comparison');
        const span = box.querySelector('th[scope="rowgroup"] > span');
        const before = span.getBoundingClientRect().left;
        box.scrollLeft = box.scrollWidth;
        return {
          scrolled: box.scrollLeft,
          before,
          after: span.getBoundingClientRect().left,
          boxLeft: box.getBoundingClientRect().left,
          headings: [...box.querySelectorAll('th[scope="rowgroup"]')].map((th) => th.textContent),
          pageWidth: document.documentElement.scrollWidth,
        };
      });
      assert.deepEqual(report.headings, ['Messaging', 'Performance', 'Operations']);
      assert.ok(report.scrolled > 0, 'the table scrolls at 360 px');
      assert.ok(report.after >= report.boxLeft && report.after < report.boxLeft + 40, `the group name stays in view: ${JSON.stringify(report)}`);
      assert.ok(report.pageWidth <= 360, `page is ${report.pageWidth}px wide`);
      check();
    } finally {
      await context.close();
    }
  });

  it('several recommended technologies read as one phrase', async () => {
    const { context, page, check } = await open({});
    try {
      await h.visit(page, `${server.origin}/brokers/comparison/`);
      const text = async (id) => page.locator(`#use-case-${id} .use-case-rec`).innerText();
      assert.equal(await text('event-log'), 'Recommended: Kafka');
      assert.equal(await text('work-queue'), 'Recommended: RabbitMQ or NATS');
      assert.equal(await text('notifications'), 'Recommended: NATS, RabbitMQ or Kafka');
      assert.equal(await text('prototype'), 'Recommended: Any of them');
      check();
    } finally {
      await context.close();
    }
  });
});
