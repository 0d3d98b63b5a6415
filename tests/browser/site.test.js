'use strict';

// The bundled site (the repository root: content/site.yaml; or $VERDICT_SITE), built by the
// verdict binary under test ($VERDICT_BIN, else target/debug/verdict), looked
// at in headless Chromium:
//   a. served from 127.0.0.1: every page of sitemap.xml, and the 404 page;
//   b. built for a base path (https://example.com/docs/) and served under it;
//   c. built with relative_urls: true and opened from file://.
// A page fails on any console error, uncaught error, request leaving the
// local origin (or file:), failed request or response >= 400.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const h = require('./helpers');

// The site under test: the repository root, or $VERDICT_SITE if set.
const SITE = process.env.VERDICT_SITE ? path.resolve(process.env.VERDICT_SITE) : h.REPO_ROOT;
const SUITE_TIMEOUT = 600_000;

/** base_url from a site.yaml (top level), or null. */
function readBaseUrl(siteYaml) {
  const m = fs.readFileSync(siteYaml, 'utf8').match(/^base_url:[ \t]*(["']?)([^"'\s#]+)\1[ \t]*(#.*)?$/m);
  return m ? m[2] : null;
}

/** The <loc> URLs of a sitemap (XML text), entities decoded. */
function sitemapLocs(xml) {
  return [...xml.matchAll(/<loc>\s*([^<]*?)\s*<\/loc>/g)].map((m) =>
    m[1]
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

/**
 * Every page URL listed by out/sitemap.xml, following a sitemap index to the
 * sitemaps it names (mapped onto `out` by their path below `prefix`).
 */
function pageLocs(out, prefix) {
  const file = path.join(out, 'sitemap.xml');
  assert.ok(fs.existsSync(file), `the build wrote no sitemap.xml in ${out}`);
  const xml = fs.readFileSync(file, 'utf8');
  if (!/<sitemapindex[\s>]/.test(xml)) return sitemapLocs(xml);
  const pages = [];
  for (const loc of sitemapLocs(xml)) {
    const p = new URL(loc).pathname;
    assert.ok(p.startsWith(prefix), `sitemap index names ${loc}, outside the base path ${prefix}`);
    const child = path.join(out, decodeURIComponent(p.slice(prefix.length)));
    assert.ok(fs.existsSync(child), `sitemap index names ${loc}, but ${child} was not built`);
    pages.push(...sitemapLocs(fs.readFileSync(child, 'utf8')));
  }
  return pages;
}

/**
 * Opens `url` in a fresh watched page and returns the list of its problems
 * (watchPage's, a status other than `status`, not exactly one <h1>, an empty
 * <title>, plus whatever `extra(page)` returns).
 */
async function pageProblems(browser, allowedOrigin, url, { status = 200, extra, ignoreStatus = [] } = {}) {
  const { page, context, check } = await h.openPage(browser, allowedOrigin);
  try {
    const problems = [];
    let response;
    try {
      response = await h.visit(page, url);
    } catch (e) {
      return [`could not load: ${e.message.split('\n')[0]}`, ...check.problems({ ignoreStatus })];
    }
    // file:// navigations have no HTTP status.
    if (response && !url.startsWith('file:') && response.status() !== status) {
      problems.push(`status ${response.status()}, expected ${status}`);
    }
    problems.push(...check.problems({ ignoreStatus }));
    const h1s = await page.locator('h1').count();
    if (h1s !== 1) problems.push(`${h1s} <h1> elements, expected exactly one`);
    const title = (await page.title()).trim();
    if (!title) problems.push('empty or missing <title>');
    if (extra) problems.push(...(await extra(page)));
    return problems;
  } finally {
    await context.close();
  }
}

/** Fails with every page's problems at once, so one run shows them all. */
function assertNoProblems(results, what) {
  const bad = results.filter((r) => r.problems.length);
  if (bad.length) {
    assert.fail(
      `${bad.length} of ${results.length} ${what} have problems:\n\n` +
        bad.map((r) => `${r.page}\n  ${r.problems.join('\n  ')}`).join('\n\n'),
    );
  }
}

/** Every href/src attribute value in an HTML document. */
function urlAttributes(html) {
  const out = [];
  const re = /\s(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;
  for (const m of html.matchAll(re)) {
    out.push({ attr: m[1].toLowerCase(), value: m[2] ?? m[3] ?? m[4] });
  }
  return out;
}

let browser;

before(async () => {
  browser = await h.launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
});

describe('bundled site served over http', { timeout: SUITE_TIMEOUT }, () => {
  let tmp;
  let out;
  let server;
  let prefix;

  before(async () => {
    assert.ok(fs.existsSync(path.join(SITE, 'content', 'site.yaml')), `${SITE} has no content/site.yaml`);
    tmp = h.tempDir('verdict-site-');
    out = path.join(tmp, 'public');
    h.buildSite({ root: SITE, out });
    const baseUrl = readBaseUrl(path.join(SITE, 'content', 'site.yaml'));
    // Serve under the base_url's path, so that the sitemap's paths and the
    // site's own root-relative links both resolve locally.
    prefix = baseUrl ? new URL(baseUrl).pathname : '/';
    server = await h.serveDir(out, prefix);
  });

  after(async () => {
    if (server) await server.close();
    h.removeDir(tmp);
  });

  it('visits every page of sitemap.xml with no errors, one <h1> and a <title>', async (t) => {
    const locs = pageLocs(out, server.prefix);
    assert.ok(locs.length > 0, 'sitemap.xml lists no page');
    const results = [];
    for (const loc of locs) {
      const u = new URL(loc);
      if (!u.pathname.startsWith(server.prefix)) {
        results.push({ page: loc, problems: [`not under the base path ${server.prefix}`] });
        continue;
      }
      const url = server.origin + u.pathname + u.search;
      results.push({ page: `${u.pathname} (sitemap: ${loc})`, problems: await pageProblems(browser, server.origin, url) });
    }
    t.diagnostic(`visited ${results.length} sitemap pages at ${server.base}`);
    assertNoProblems(results, 'sitemap pages');
  });

  it('serves the 404 page for a missing URL, with no errors', async () => {
    const page404 = path.join(out, '404.html');
    assert.ok(fs.existsSync(page404), 'the build wrote no 404.html');
    for (const missing of [`${server.base}verdict-browser-test-no-such-page/`, `${server.base}no/such/deep/page.html`]) {
      const problems = await pageProblems(browser, server.origin, missing, {
        status: 404,
        ignoreStatus: [missing],
      });
      assertNoProblems([{ page: missing, problems }], '404 pages');
    }
  });
});

describe('bundled site under a base path', { timeout: SUITE_TIMEOUT }, () => {
  const BASE = 'https://example.com/docs/';
  let tmp;
  let out;

  before(() => {
    tmp = h.tempDir('verdict-basepath-');
    const site = h.copySite(SITE, path.join(tmp, 'site'));
    out = path.join(tmp, 'public');
    h.buildSite({ root: site, out, args: ['--base-url', BASE] });
  });

  after(() => h.removeDir(tmp));

  it('writes every root-relative href/src under /docs/', (t) => {
    const files = h.listFiles(out, '.html');
    assert.ok(files.length > 0, 'no .html file was built');
    const bad = [];
    let rootRelativeCount = 0;
    for (const file of files) {
      const html = fs.readFileSync(file, 'utf8');
      for (const { attr, value } of urlAttributes(html)) {
        const v = value.trim();
        const rootRelative = v.startsWith('/') && !v.startsWith('//');
        if (rootRelative) rootRelativeCount += 1;
        if (rootRelative && !v.startsWith('/docs/')) {
          bad.push(`${path.relative(out, file)}: ${attr}="${v}"`);
        }
        if (/^https?:\/\/example\.com(\/|$)/.test(v) && !v.startsWith(BASE)) {
          bad.push(`${path.relative(out, file)}: ${attr}="${v}" (absolute URL outside ${BASE})`);
        }
      }
    }
    t.diagnostic(`checked ${rootRelativeCount} root-relative href/src values in ${files.length} .html files`);
    if (bad.length) assert.fail(`${bad.length} links outside the base path /docs/:\n  ${bad.join('\n  ')}`);
  });

  it('lists only URLs under the base URL in sitemap.xml', () => {
    const locs = pageLocs(out, '/docs/');
    assert.ok(locs.length > 0, 'sitemap.xml lists no page');
    const outside = locs.filter((l) => !l.startsWith(BASE));
    if (outside.length) assert.fail(`sitemap URLs outside ${BASE}:\n  ${outside.join('\n  ')}`);
  });

  it('loads the home page under /docs/ with no errors', async () => {
    const server = await h.serveDir(out, '/docs/');
    try {
      const problems = await pageProblems(browser, server.origin, server.base);
      assertNoProblems([{ page: server.base, problems }], 'pages under /docs/');
    } finally {
      await server.close();
    }
  });
});

describe('bundled site opened from file://', { timeout: SUITE_TIMEOUT }, () => {
  let tmp;
  let out;

  before(() => {
    tmp = h.tempDir('verdict-file-');
    const site = h.copySite(SITE, path.join(tmp, 'site'));
    const yamlPath = path.join(site, 'content', 'site.yaml');
    const yaml = fs.readFileSync(yamlPath, 'utf8');
    const switched = yaml.replace(/^([ \t]*)relative_urls:[ \t]*false[ \t]*$/m, '$1relative_urls: true');
    fs.writeFileSync(
      yamlPath,
      switched !== yaml ? switched : `${yaml}${yaml.endsWith('\n') ? '' : '\n'}relative_urls: true\n`,
    );
    out = path.join(tmp, 'public');
    h.buildSite({ root: site, out });
  });

  after(() => h.removeDir(tmp));

  it('opens every page with no errors, its stylesheet applied and every local link pointing at a file', async (t) => {
    // 404.html is left out: only a web server ever shows it, for a missing
    // URL at any depth, so it links with absolute paths under base_url even
    // in relative mode (tests/build.rs checks that).
    const files = h.listFiles(out, '.html').filter((f) => path.relative(out, f) !== '404.html');
    assert.ok(files.length > 0, 'no .html file was built');
    const results = [];
    for (const file of files) {
      const url = pathToFileURL(file).href;
      const problems = await pageProblems(browser, 'file:', url, {
        extra: async (page) => [
          ...h.stylesheetProblems(await h.stylesheetReport(page)),
          ...(await h.fileLinkProblems(page)),
        ],
      });
      results.push({ page: path.relative(out, file), problems });
    }
    t.diagnostic(`opened ${results.length} pages from file://`);
    assertNoProblems(results, 'pages opened from file://');
  });
});
