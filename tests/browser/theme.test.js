'use strict';

// The default theme as readers meet it, on the bundled guide and on a second
// site about three databases (tests/fixtures/databases) built with the same
// theme and embeds:
//   - an axe-core scan of every page, light and dark, at desktop width and at
//     a 360-px phone width: no serious or critical violation;
//   - at 360 px no page is wider than the screen; the comparison table scrolls
//     in its own box with its first column sticky;
//   - the theme toggle switches modes and remembers the choice;
//   - every page has a meta description, canonical URL and Open Graph
//     title/description; the print stylesheet hides the chrome;
//   - the CSS and JS a page loads stay under 50 KB.
// Figures (page count, heaviest page, axe results) are printed as test
// diagnostics.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./helpers');

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };
const SUITE_TIMEOUT = 900_000;

/** Page paths (starting with /) from a built site's sitemap.xml. */
function sitemapPaths(out) {
  const xml = fs.readFileSync(path.join(out, 'sitemap.xml'), 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
}

/** Builds `root` into a temp folder and serves it; returns {out, server, paths, cleanup}. */
async function buildAndServe(root) {
  const tmp = h.tempDir('verdict-theme-');
  const out = path.join(tmp, 'public');
  h.buildSite({ root, out });
  const paths = sitemapPaths(out);
  // Served under base_url's path, as it would be hosted: the home page's path.
  const prefix = paths.reduce((a, b) => (a.length <= b.length ? a : b));
  const server = await h.serveDir(out, prefix);
  return { tmp, out, server, paths };
}

async function newPage(browser, server, options) {
  const context = await browser.newContext({ serviceWorkers: 'block', ...options });
  const page = await context.newPage();
  const check = h.watchPage(page, server.origin);
  return { context, page, check };
}


/** axe results of the page at path `p`: serious/critical ones as messages, and how many others. */
async function axeScan(page, p) {
  const serious = [];
  let others = 0;
  for (const v of await h.axeViolations(page)) {
    if (v.impact === 'serious' || v.impact === 'critical') {
      serious.push(`${p}: [${v.impact}] ${v.id}: ${v.help} (${v.count}×, e.g. ${v.nodes.join(', ')})`);
    } else {
      others += 1;
    }
  }
  return { serious, others };
}

function describeSite(label, rootFn) {
  describe(label, { timeout: SUITE_TIMEOUT }, () => {
    let browser;
    let site;
    before(async () => {
      browser = await h.launchBrowser();
      site = await buildAndServe(rootFn());
    });
    after(async () => {
      if (browser) await browser.close();
      if (site) {
        await site.server.close();
        h.removeDir(site.tmp);
      }
    });

    for (const scheme of ['light', 'dark']) {
      for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
        it(`has no serious or critical axe violations (${scheme}, ${name})`, async (t) => {
          const { context, page, check } = await newPage(browser, site.server, { viewport, colorScheme: scheme });
          const failures = [];
          let minor = 0;
          try {
            for (const p of site.paths) {
              await h.visit(page, site.server.origin + p);
              const effective = await page.evaluate(() =>
                getComputedStyle(document.documentElement).colorScheme,
              );
              assert.equal(effective, scheme, `${p}: the page follows the system's ${scheme} mode`);
              const { serious, others } = await axeScan(page, p);
              failures.push(...serious);
              minor += others;
              check();
            }
          } finally {
            await context.close();
          }
          t.diagnostic(`${site.paths.length} pages scanned, ${failures.length} serious/critical, ${minor} minor/moderate violations`);
          assert.deepEqual(failures, [], failures.join('\n'));
        });
      }
    }

    it('has no serious or critical axe violations in dark mode chosen with the toggle on a light system', async (t) => {
      const { context, page, check } = await newPage(browser, site.server, { viewport: DESKTOP, colorScheme: 'light' });
      const failures = [];
      try {
        await h.visit(page, site.server.origin + site.paths[0]);
        await page.locator('[data-theme-toggle]').click();
        for (const p of site.paths) {
          await h.visit(page, site.server.origin + p);
          assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
          failures.push(...(await axeScan(page, p)).serious);
          check();
        }
      } finally {
        await context.close();
      }
      t.diagnostic(`${site.paths.length} pages scanned in toggled dark mode, ${failures.length} serious/critical`);
      assert.deepEqual(failures, [], failures.join('\n'));
    });

    it('fits a 360-px screen; wide tables scroll in their own box', async (t) => {
      const { context, page, check } = await newPage(browser, site.server, { viewport: PHONE });
      try {
        let tables = 0;
        for (const p of site.paths) {
          await h.visit(page, site.server.origin + p);
          const report = await page.evaluate(() => {
            const doc = document.documentElement;
            const boxes = [...document.querySelectorAll('.table-scroll')].map((box) => {
              const r = box.getBoundingClientRect();
              const first = box.querySelector('tbody th[scope="row"]');
              return {
                withinScreen: r.left >= 0 && r.right <= window.innerWidth + 0.5,
                scrolls: getComputedStyle(box).overflowX === 'auto',
                focusable: box.tabIndex === 0,
                sticky: first ? getComputedStyle(first).position : null,
                comparison: box.classList.contains('comparison'),
                wider: box.scrollWidth > box.clientWidth,
              };
            });
            return { pageWidth: doc.scrollWidth, screen: window.innerWidth, boxes };
          });
          assert.ok(report.pageWidth <= report.screen, `${p}: page is ${report.pageWidth}px wide on a ${report.screen}px screen`);
          for (const b of report.boxes) {
            tables += 1;
            assert.ok(b.withinScreen && b.scrolls && b.focusable, `${p}: table box ${JSON.stringify(b)}`);
            if (b.comparison) {
              assert.equal(b.sticky, 'sticky', `${p}: the comparison's first column stays in view`);
              assert.ok(b.wider, `${p}: the comparison scrolls sideways at 360 px`);
            }
          }
          check();
        }
        t.diagnostic(`${site.paths.length} pages at 360 px, ${tables} scrolling tables`);
      } finally {
        await context.close();
      }
    });

    it('scrolling the comparison keeps the category column in view', async () => {
      const comparison = site.paths.find((p) => /comparison/.test(p));
      assert.ok(comparison, 'the site has a comparison page');
      const { context, page, check } = await newPage(browser, site.server, { viewport: PHONE });
      try {
        await h.visit(page, site.server.origin + comparison);
        const box = page.locator('.comparison').first();
        await box.focus();
        await page.keyboard.press('End');
        await box.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
        const pos = await page.evaluate(() => {
          const box = document.querySelector('.comparison');
          const th = box.querySelector('tbody th[scope="row"]');
          return { scrolled: box.scrollLeft, thLeft: th.getBoundingClientRect().left, boxLeft: box.getBoundingClientRect().left };
        });
        assert.ok(pos.scrolled > 0, 'the box scrolled');
        assert.ok(Math.abs(pos.thLeft - pos.boxLeft) < 2, `category cell stays at the box's left edge: ${JSON.stringify(pos)}`);
        check();
      } finally {
        await context.close();
      }
    });

    it('the theme toggle switches modes and remembers the choice', async () => {
      const { context, page, check } = await newPage(browser, site.server, { viewport: DESKTOP, colorScheme: 'light' });
      try {
        await h.visit(page, site.server.origin + site.paths[0]);
        const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        const lightBg = await bg();
        const toggle = page.locator('[data-theme-toggle]');
        assert.equal(await toggle.isVisible(), true, 'the toggle shows once its script runs');
        assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
        await toggle.click();
        assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
        assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
        const darkBg = await bg();
        assert.notEqual(darkBg, lightBg, 'the background changes');
        const media = await page.evaluate(() =>
          [...document.querySelectorAll('link[data-highlight]')].map((l) => `${l.dataset.highlight}:${l.media}`),
        );
        for (const m of media) {
          assert.ok(m === 'dark:all' || m === 'light:not all', `code colours follow the toggle: ${media}`);
        }
        await h.visit(page, site.server.origin + site.paths[site.paths.length - 1]);
        assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'the choice is remembered');
        assert.equal(await bg(), darkBg);
        await page.locator('[data-theme-toggle]').click();
        assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
        check();
      } finally {
        await context.close();
      }
    });

    it('every page has its meta description, canonical URL and Open Graph tags; one h1; a skip link', async () => {
      const { context, page, check } = await newPage(browser, site.server, { viewport: DESKTOP });
      try {
        for (const p of site.paths) {
          await h.visit(page, site.server.origin + p);
          const meta = await page.evaluate(() => {
            const attr = (sel, a) => (document.querySelector(sel) || {}).getAttribute?.call(document.querySelector(sel), a) || '';
            return {
              description: attr('meta[name="description"]', 'content'),
              canonical: attr('link[rel="canonical"]', 'href'),
              ogTitle: attr('meta[property="og:title"]', 'content'),
              ogDescription: attr('meta[property="og:description"]', 'content'),
              h1: document.querySelectorAll('h1').length,
              skip: attr('a.skip-link', 'href'),
              main: !!document.querySelector('main#main'),
              levels: [...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')].map((e) => +e.tagName[1]),
            };
          });
          assert.ok(meta.description.length > 20, `${p}: meta description`);
          assert.match(meta.canonical, /^https?:\/\//, `${p}: canonical URL`);
          assert.ok(meta.ogTitle && meta.ogDescription, `${p}: Open Graph title and description`);
          assert.equal(meta.h1, 1, `${p}: exactly one h1`);
          assert.ok(meta.skip === '#main' && meta.main, `${p}: skip link to main`);
          for (let i = 1; i < meta.levels.length; i++) {
            assert.ok(meta.levels[i] <= meta.levels[i - 1] + 1, `${p}: heading levels skip from h${meta.levels[i - 1]} to h${meta.levels[i]}`);
          }
          check();
        }
      } finally {
        await context.close();
      }
    });

    it('prints without the site chrome', async () => {
      const { context, page, check } = await newPage(browser, site.server, { viewport: DESKTOP });
      try {
        await h.visit(page, site.server.origin + site.paths[site.paths.length - 1]);
        await page.emulateMedia({ media: 'print' });
        const hidden = await page.evaluate(() =>
          ['.site-header', '.site-footer', '.theme-toggle'].map((s) => {
            const el = document.querySelector(s);
            return el !== null && getComputedStyle(el).display === 'none';
          }),
        );
        assert.deepEqual(hidden, [true, true, true]);
        check();
      } finally {
        await context.close();
      }
    });

    it('keeps the CSS and JS of every page under 50 KB; reports page weights', async (t) => {
      const { context, page, check } = await newPage(browser, site.server, { viewport: DESKTOP });
      const sizes = new Map();
      page.on('response', async (res) => {
        try {
          const body = await res.body();
          sizes.set(res.url(), { type: res.request().resourceType(), bytes: body.length });
        } catch {
          /* redirects have no body */
        }
      });
      try {
        let heaviest = { path: '', bytes: 0 };
        for (const p of site.paths) {
          sizes.clear();
          await h.visit(page, site.server.origin + p);
          await page.waitForLoadState('networkidle');
          let total = 0;
          let cssJs = 0;
          for (const { type, bytes } of sizes.values()) {
            total += bytes;
            if (type === 'stylesheet' || type === 'script') cssJs += bytes;
          }
          assert.ok(cssJs < 50 * 1024, `${p}: ${cssJs} bytes of CSS and JS`);
          if (total > heaviest.bytes) heaviest = { path: p, bytes: total, cssJs };
          check();
        }
        t.diagnostic(`${site.paths.length} pages; heaviest ${heaviest.path}: ${heaviest.bytes} bytes in all, ${heaviest.cssJs} bytes of CSS+JS (uncompressed)`);
      } finally {
        await context.close();
      }
    });
  });
}

describeSite('default theme on the bundled guide', () => h.REPO_ROOT);
describeSite('default theme on a three-database fixture', () => path.join(h.REPO_ROOT, 'tests', 'fixtures', 'databases'));
