#!/usr/bin/env node
'use strict';
// Browser side of scripts/bench-search.py (run by it; not a test).
//
// usage: node scripts/bench-search.js JOB.json   → JSON on stdout
//
// JOB: {task, root, page, queries, engine, limit}
//   root     folder served over HTTP on 127.0.0.1 (port 0)
//   page     path of the page to open ("posts/page-00001/")
//   engine   "verdict" (window.verdictSearch.query) or "pagefind"
//            (/pagefind/pagefind.js, search + data() of the top `limit`)
//   task     "payload": per query a fresh browser context (empty cache),
//              every request with its start and end time (ms), the results;
//              `latency` (ms) is added to every request when given;
//            "batch": one page; per query a cold call (loads what it needs),
//              then, with the loaded files kept and the engine's caches
//              cleared (verdictSearch.clearCache), a timed call; results.
// Result URLs are returned as paths relative to the site root, no leading "/".
//
// playwright-core comes from tests/browser/node_modules; Chromium from
// $CHROMIUM_PATH or /usr/bin/chromium, with the browser tests' arguments.

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { createRequire } = require('node:module');

const ROOT = path.resolve(__dirname, '..');
const { chromium } = createRequire(path.join(ROOT, 'tests', 'browser', 'package.json'))('playwright-core');
// Chromium's path and flags: the browser tests' own.
const { CHROMIUM_PATH, CHROMIUM_ARGS } = require(path.join(ROOT, 'tests', 'browser', 'helpers.js'));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
};

function serve(root) {
  const server = http.createServer((req, res) => {
    let p;
    try {
      p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.join(root, p);
    if (!file.startsWith(path.resolve(root))) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
      const body = fs.readFileSync(file);
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
        'Cache-Control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Runs one query in the page; returns {results: [{url, title}], answers, ms}.
async function runQuery(page, engine, q, limit) {
  return page.evaluate(
    async ({ engine, q, limit }) => {
      const rel = (u) => {
        const p = new URL(u, location.href).pathname.replace(/index\.html$/, '');
        return decodeURIComponent(p.replace(/^\//, ''));
      };
      if (engine === 'pagefind') {
        const t0 = performance.now();
        const pf = window.__pf || (window.__pf = await import('/pagefind/pagefind.js'));
        const s = await pf.search(q);
        const data = await Promise.all(s.results.slice(0, limit).map((r) => r.data()));
        const ms = performance.now() - t0;
        return { ms, results: data.map((d) => ({ url: rel(d.url), title: (d.meta && d.meta.title) || '' })), answers: [] };
      }
      const t0 = performance.now();
      const r = await window.verdictSearch.query(q, { limit });
      const ms = performance.now() - t0;
      const list = Array.isArray(r) ? r : r.results || [];
      const answers = (Array.isArray(r) ? r.answers : r.answers) || [];
      return {
        ms,
        results: list.slice(0, limit).map((x) => ({ url: rel(x.url), title: x.title, score: x.score })),
        answers: answers.map((a) => a.name),
      };
    },
    { engine, q, limit },
  );
}

async function waitEngine(page, engine) {
  if (engine === 'verdict') {
    await page.waitForFunction(() => window.verdictSearch && window.verdictSearch.query, null, { timeout: 20000 });
  }
}

async function payload(browser, base, job) {
  const out = [];
  for (const q of job.queries) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (job.latency) {
      // Every request waits `latency` ms (Chromium's DevTools throttling), so
      // requests that depend on each other are far apart in time.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false, latency: job.latency, downloadThroughput: -1, uploadThroughput: -1,
      });
    }
    const reqs = new Map();
    page.on('request', (r) => reqs.set(r, { url: r.url(), evStart: Date.now() }));
    // Times from the network events, replaced below by the page's own
    // where it has them: start = when a script inserted the <script src>
    // (Chromium may hold a request back: HTTP/1.1's 6 connections per
    // host, its scheduler of low-priority loads; that wait is no round
    // trip), else the resource timing's start; end = the last byte. Files
    // a worker fetches (Pagefind) keep the event times.
    const done = (r, failed) => {
      const e = reqs.get(r);
      if (!e) return;
      e.evEnd = Date.now();
      e.failed = failed;
      e.start = e.evStart;
      e.end = e.evEnd;
    };
    page.on('requestfinished', (r) => done(r, false));
    page.on('requestfailed', (r) => done(r, true));
    let res;
    let timings = [];
    await page.addInitScript(() => {
      performance.setResourceTimingBufferSize(100000);
      // When a script asks for a file: the moment it inserts a <script src>.
      window.__asked = {};
      const rec = (n) => {
        if (n && n.tagName === 'SCRIPT' && n.src && !(n.src in window.__asked)) {
          window.__asked[n.src] = performance.timeOrigin + performance.now();
        }
      };
      for (const m of ['appendChild', 'insertBefore']) {
        const orig = Node.prototype[m];
        Node.prototype[m] = function (n, ...rest) {
          rec(n);
          return orig.call(this, n, ...rest);
        };
      }
    });
    try {
      await page.goto(base + job.page, { waitUntil: 'load' });
      await waitEngine(page, job.engine);
      const queryStart = Date.now();
      res = await runQuery(page, job.engine, q, job.limit || 10);
      res.queryStart = queryStart;
      await page.waitForTimeout(150);
      timings = await page.evaluate(() =>
        performance.getEntriesByType('resource').map((e) => ({
          url: e.name,
          start: window.__asked[e.name] || performance.timeOrigin + e.startTime,
          end: performance.timeOrigin + e.responseEnd,
        })));
    } catch (e) {
      res = { error: String(e && e.message ? e.message : e), results: [] };
    }
    const byUrl = new Map(timings.map((t) => [t.url, t]));
    const requests = [];
    for (const e of reqs.values()) {
      const t = byUrl.get(e.url);
      if (t && t.end >= t.start) {
        e.start = t.start;
        e.end = t.end;
      }
      if (e.start === undefined) continue;
      const u = new URL(e.url);
      if (!u.href.startsWith(base)) continue;
      requests.push({ path: decodeURIComponent(u.pathname.replace(/^\//, '')), start: e.start, end: e.end, failed: e.failed });
    }
    out.push({ query: q, requests, ...res });
    await context.close();
  }
  return out;
}

async function batch(browser, base, job) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base + job.page, { waitUntil: 'load' });
  await waitEngine(page, job.engine);
  // Warm-up (JIT): the first queries once, untimed.
  for (const q of job.queries.slice(0, 20)) {
    await runQuery(page, job.engine, q, job.limit || 10).catch(() => {});
  }
  const out = [];
  for (const q of job.queries) {
    try {
      const cold = await runQuery(page, job.engine, q, job.limit || 10);
      if (job.engine === 'verdict') {
        await page.evaluate(() => window.verdictSearch.clearCache && window.verdictSearch.clearCache());
      }
      const hot = await runQuery(page, job.engine, q, job.limit || 10);
      out.push({ query: q, cold: cold.ms, hot: hot.ms, results: hot.results, answers: hot.answers });
    } catch (e) {
      out.push({ query: q, error: String(e && e.message ? e.message : e), results: [] });
    }
  }
  await context.close();
  return { results: out, pageErrors: errors };
}

async function main() {
  const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const server = await serve(path.resolve(job.root));
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const result = job.task === 'payload' ? await payload(browser, base, job) : await batch(browser, base, job);
    process.stdout.write(JSON.stringify(result));
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
