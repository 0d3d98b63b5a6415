'use strict';

// Charts drawn at build time (```verdict chart: <dataset>) in headless
// Chromium: the bundled guide's figures page and tests/fixtures/charts
// (every kind of chart) show every chart, in light and dark mode, with no
// console error or failed request, no serious axe violation, legible text
// (its colour follows the page's) and no horizontal scrolling at 360 px.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const h = require('./helpers');

const SUITE_TIMEOUT = 300_000;


/** Per chart: its size on screen, and the colours of its text and of the page behind it. */
async function chartReport(page) {
  return page.$$eval('figure.benchmark svg.chart', (svgs) => svgs.map((svg) => {
    const box = svg.getBoundingClientRect();
    const text = svg.querySelector('text.chart-value, text.chart-label');
    return {
      width: box.width,
      height: box.height,
      role: svg.getAttribute('role'),
      title: svg.querySelector('title') && svg.querySelector('title').textContent,
      desc: svg.querySelector('desc') && svg.querySelector('desc').textContent,
      fill: text ? getComputedStyle(text).fill : null,
      fontSize: text ? text.getBoundingClientRect().height : 0,
      background: getComputedStyle(document.body).backgroundColor,
    };
  }));
}

function luminance(rgb) {
  const [r, g, b] = rgb.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

let browser;
before(async () => {
  browser = await h.launchBrowser();
});
after(async () => {
  if (browser) await browser.close();
});

for (const [name, root, pagePath, count] of [
  ['the bundled guide\'s figures page', h.REPO_ROOT, 'figures/', null],
  ['every kind of chart (fixture)', path.join(h.REPO_ROOT, 'tests', 'fixtures', 'charts'), '', 5],
]) {
  describe(`charts: ${name}`, { timeout: SUITE_TIMEOUT }, () => {
    let tmp;
    let out;
    let server;
    before(async () => {
      tmp = h.tempDir('verdict-charts-');
      out = path.join(tmp, 'public');
      h.buildSite({ root, out });
      server = await h.serveDir(out, '/');
    });
    after(async () => {
      if (server) await server.close();
      h.removeDir(tmp);
    });

    for (const colorScheme of ['light', 'dark']) {
      it(`shows every chart in ${colorScheme} mode, legible, with no console error and no serious axe violation`, async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
        const page = await context.newPage();
        const check = h.watchPage(page, server.origin);
        try {
          await h.visit(page, `${server.base}${pagePath}`);
          const charts = await chartReport(page);
          assert.ok(charts.length > 0, 'the page has charts');
          if (count !== null) assert.equal(charts.length, count);
          for (const c of charts) {
            assert.ok(c.width > 300 && c.height > 60, `drawn: ${JSON.stringify(c)}`);
            assert.equal(c.role, 'img');
            assert.ok(c.title && c.desc, 'a title and a description');
            assert.ok(c.fontSize >= 11, `text at least 11 px high: ${c.fontSize}`);
            const contrast = Math.abs(luminance(c.fill) - luminance(c.background));
            assert.ok(contrast > 100, `text ${c.fill} on ${c.background}`);
          }
          const serious = await h.axeSerious(page);
          assert.deepEqual(serious, [], JSON.stringify(serious, null, 1));
          check();
        } finally {
          await context.close();
        }
      });
    }

    it('fits a 360-px screen, the charts scaled to its width', async () => {
      const { page, context, check } = await h.openPage(browser, server.origin);
      try {
        await page.setViewportSize({ width: 360, height: 740 });
        await h.visit(page, `${server.base}${pagePath}`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 360, `page is ${width}px wide`);
        for (const c of await chartReport(page)) {
          assert.ok(c.width <= 340 && c.width > 250, `chart ${c.width}px wide`);
          assert.ok(c.fontSize >= 9.5, `text ${c.fontSize}px high on a phone`);
        }
        check();
      } finally {
        await context.close();
      }
    });

    it('keeps the numbers in a table under each chart', async () => {
      const { page, context, check } = await h.openPage(browser, server.origin);
      try {
        await h.visit(page, `${server.base}${pagePath}`);
        const charts = await page.locator('figure.benchmark:has(svg)').count();
        assert.equal(await page.locator('figure.benchmark:has(svg) details.benchmark-numbers table').count(), charts);
        await page.locator('details.benchmark-numbers summary').first().click();
        assert.equal(await page.locator('details.benchmark-numbers table').first().isVisible(), true);
        check();
      } finally {
        await context.close();
      }
    });
  });
}
