'use strict';

// Shared helpers for the headless-Chromium tests of sites built by verdict.
//
// Everything here is local: sites are served from 127.0.0.1 on port 0 or
// opened from file://, and any request that would leave the machine is
// recorded as a failure *and* aborted before it reaches the network.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { fileURLToPath } = require('node:url');
const assert = require('node:assert/strict');
const { chromium } = require('playwright-core');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Path of the verdict binary under test: $VERDICT_BIN, else the debug build. */
function verdictBin() {
  const bin = process.env.VERDICT_BIN || path.join(REPO_ROOT, 'target', 'debug', 'verdict');
  if (!fs.existsSync(bin)) {
    assert.fail(`verdict binary not found at ${bin}: run \`cargo build\` or set VERDICT_BIN`);
  }
  return bin;
}

/** A fresh temporary directory; remove it with removeDir(). */
function tempDir(label = 'verdict-browser-') {
  return fs.mkdtempSync(path.join(os.tmpdir(), label));
}

function removeDir(dir) {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Runs `$VERDICT_BIN build --root ROOT --out OUT ...args`.
 * Fails the calling test with the command's stdout and stderr on a non-zero
 * exit (or if it could not be started). Returns {stdout, stderr}.
 */
function buildSite({ root, out, args = [] }) {
  const bin = verdictBin();
  const argv = ['build', '--root', root, '--out', out, ...args];
  const res = spawnSync(bin, argv, {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const cmd = [bin, ...argv].join(' ');
  if (res.error) {
    assert.fail(`could not run \`${cmd}\`: ${res.error.message}`);
  }
  if (res.status !== 0) {
    assert.fail(
      `\`${cmd}\` exited with ${res.status === null ? `signal ${res.signal}` : `status ${res.status}`}\n` +
        `--- stdout ---\n${res.stdout}\n--- stderr ---\n${res.stderr}`,
    );
  }
  return { stdout: res.stdout, stderr: res.stderr };
}

/**
 * Copies a site folder: content/, and themes/ and static/ when present.
 * Never copies public/, target/ or anything else.
 */
function copySite(src, dest) {
  const content = path.join(src, 'content');
  if (!fs.existsSync(content)) {
    assert.fail(`${src} is not a site: it has no content/ folder`);
  }
  fs.mkdirSync(dest, { recursive: true });
  for (const name of ['content', 'themes', 'static']) {
    const from = path.join(src, name);
    if (fs.existsSync(from)) {
      fs.cpSync(from, path.join(dest, name), { recursive: true });
    }
  }
  return dest;
}

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

/** Normalises a serving prefix to '/' or '/something/'. */
function normalisePrefix(prefix) {
  let p = prefix || '/';
  if (!p.startsWith('/')) p = `/${p}`;
  if (!p.endsWith('/')) p = `${p}/`;
  return p;
}

/**
 * Starts a small static file server on 127.0.0.1, port 0, serving `dir`
 * under `prefix` (default '/'; e.g. '/docs/' serves dir/index.html at /docs/).
 *
 * - a directory is served by its index.html (a directory URL without a
 *   trailing slash is redirected to the slash form, as real hosts do);
 * - content types for html/css/js/svg/xml/png/ico/json/txt (and a few more),
 *   with `X-Content-Type-Options: nosniff` so a wrong type shows up as an error;
 * - a missing file gets dir/404.html (when there is one) with status 404;
 * - a path with a `..` segment is refused with 400.
 *
 * Returns {origin, base, prefix, close, requests}; `base` is origin + prefix,
 * `requests` lists "METHOD path STATUS" of everything served.
 */
async function serveDir(dir, prefix = '/') {
  const root = path.resolve(dir);
  const pre = normalisePrefix(prefix);
  const requests = [];

  const server = http.createServer((req, res) => {
    const send = (status, body, headers = {}) => {
      requests.push(`${req.method} ${req.url} ${status}`);
      res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const notFound = () => {
      const page = path.join(root, '404.html');
      if (fs.existsSync(page)) {
        send(404, fs.readFileSync(page), {
          'Content-Type': CONTENT_TYPES['.html'],
          'X-Content-Type-Options': 'nosniff',
        });
      } else {
        send(404, 'not found\n', { 'Content-Type': CONTENT_TYPES['.txt'] });
      }
    };

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(405, 'method not allowed\n', { 'Content-Type': CONTENT_TYPES['.txt'], Allow: 'GET, HEAD' });
      return;
    }
    const rawPath = (req.url || '/').split(/[?#]/, 1)[0];
    let pathname;
    try {
      pathname = decodeURIComponent(rawPath);
    } catch {
      send(400, 'bad request\n', { 'Content-Type': CONTENT_TYPES['.txt'] });
      return;
    }
    const segments = pathname.split(/[/\\]/);
    if (pathname.includes('\0') || segments.includes('..')) {
      send(400, 'bad request: path escapes the served folder\n', { 'Content-Type': CONTENT_TYPES['.txt'] });
      return;
    }
    if (pre !== '/' && pathname === pre.slice(0, -1)) {
      send(301, '', { Location: pre });
      return;
    }
    if (!pathname.startsWith(pre)) {
      send(404, 'not found (outside the served prefix)\n', { 'Content-Type': CONTENT_TYPES['.txt'] });
      return;
    }
    const rel = pathname.slice(pre.length);
    let file = path.resolve(root, `.${path.sep}${rel}`);
    if (file !== root && !file.startsWith(root + path.sep)) {
      send(400, 'bad request: path escapes the served folder\n', { 'Content-Type': CONTENT_TYPES['.txt'] });
      return;
    }
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      notFound();
      return;
    }
    if (stat.isDirectory()) {
      if (!pathname.endsWith('/')) {
        const query = (req.url || '').slice(rawPath.length);
        send(301, '', { Location: `${rawPath}/${query}` });
        return;
      }
      file = path.join(file, 'index.html');
      if (!fs.existsSync(file)) {
        notFound();
        return;
      }
    } else if (!stat.isFile()) {
      notFound();
      return;
    }
    send(200, fs.readFileSync(file), {
      'Content-Type': contentType(file),
      'X-Content-Type-Options': 'nosniff',
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    prefix: pre,
    base: origin + pre,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Launches headless Chromium (Debian's /usr/bin/chromium) with a fresh profile. */
async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    assert.fail(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium chromium-driver`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

// URL schemes that never leave the page, allowed in both modes.
const LOCAL_SCHEMES = new Set(['data:', 'about:', 'blob:']);

/**
 * Whether `url` is allowed for a page watched with `allowedOrigin`:
 * 'file:' (or 'file://') allows file: URLs, otherwise the URL's origin must
 * equal allowedOrigin (e.g. 'http://127.0.0.1:41234'). data:, about: and
 * blob: are always allowed.
 */
function isAllowedUrl(url, allowedOrigin) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (LOCAL_SCHEMES.has(u.protocol)) return true;
  if (isFileMode(allowedOrigin)) return u.protocol === 'file:';
  return u.origin === new URL(allowedOrigin).origin;
}

function isFileMode(allowedOrigin) {
  return allowedOrigin === 'file:' || allowedOrigin === 'file://' || String(allowedOrigin).startsWith('file:');
}

function stripFragment(url) {
  const i = url.indexOf('#');
  return i === -1 ? url : url.slice(0, i);
}

/**
 * Records, for one page: console messages of type error, uncaught page
 * errors, requests not under `allowedOrigin` (see isAllowedUrl), failed
 * requests, and responses with status >= 400.
 *
 * Returns `check(options)`, which asserts all those lists are empty and
 * otherwise throws one AssertionError listing every problem. Options:
 *   ignoreStatus: [url, ...]  responses (and their "Failed to load resource"
 *                             console errors) expected to be >= 400, e.g. the
 *                             404 page's own document.
 * Also `check.problems(options)` returns the problems as strings, and
 * `check.reset()` empties the lists.
 */
function watchPage(page, allowedOrigin) {
  const consoleErrors = [];
  const pageErrors = [];
  const outsideRequests = [];
  const failedRequests = [];
  const badResponses = [];

  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const loc = msg.location() || {};
    consoleErrors.push({ text: msg.text(), url: loc.url || '', line: loc.lineNumber });
  });
  page.on('pageerror', (err) => {
    pageErrors.push(err && err.stack ? err.stack.split('\n').slice(0, 3).join(' | ') : String(err));
  });
  page.on('request', (req) => {
    if (!isAllowedUrl(req.url(), allowedOrigin)) {
      outsideRequests.push(`${req.method()} ${req.url()} (${req.resourceType()})`);
    }
  });
  page.on('requestfailed', (req) => {
    const failure = req.failure();
    // Chromium fetches the favicon on its own schedule ("other") and at
    // times cancels that fetch itself (net::ERR_ABORTED) when the page moves
    // on: nothing is missing. A missing favicon is still a 404 response,
    // which is checked below.
    if (req.resourceType() === 'other' && failure && failure.errorText === 'net::ERR_ABORTED') return;
    failedRequests.push({
      url: req.url(),
      text: `${req.method()} ${req.url()} (${req.resourceType()}): ${failure ? failure.errorText : 'failed'}`,
    });
  });
  page.on('response', (res) => {
    if (res.status() >= 400) {
      badResponses.push({
        url: res.url(),
        text: `${res.status()} ${res.request().method()} ${res.url()} (${res.request().resourceType()})`,
      });
    }
  });

  const problems = ({ ignoreStatus = [] } = {}) => {
    const ignored = new Set(ignoreStatus.map(stripFragment));
    const out = [];
    const section = (title, items) => {
      if (items.length) out.push(`${title} (${items.length}):`, ...items.map((s) => `    - ${s}`));
    };
    section(
      'console errors',
      consoleErrors
        .filter((c) => !(ignored.has(stripFragment(c.url)) && /Failed to load resource/.test(c.text)))
        .map((c) => `${c.text}${c.url ? ` [at ${c.url}${c.line !== undefined ? `:${c.line + 1}` : ''}]` : ''}`),
    );
    section('page errors', pageErrors);
    section('requests leaving the allowed origin ' + (isFileMode(allowedOrigin) ? '(file:)' : allowedOrigin), outsideRequests);
    section('failed requests', failedRequests.map((f) => f.text));
    section(
      'error responses',
      badResponses.filter((r) => !ignored.has(stripFragment(r.url))).map((r) => r.text),
    );
    return out;
  };

  const check = (options = {}) => {
    const found = problems(options);
    if (found.length) {
      assert.fail(`problems on ${page.url()}:\n  ${found.join('\n  ')}`);
    }
  };
  check.problems = problems;
  check.reset = () => {
    for (const list of [consoleErrors, pageErrors, outsideRequests, failedRequests, badResponses]) {
      list.length = 0;
    }
  };
  return check;
}

/**
 * Opens a new page in its own browser context, watched by watchPage, with
 * every request outside `allowedOrigin` aborted before it reaches the
 * network (it is still recorded as an outside request).
 * Returns {page, context, check}; close with `await context.close()`.
 */
async function openPage(browser, allowedOrigin) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.route('**/*', (route) => {
    if (isAllowedUrl(route.request().url(), allowedOrigin)) {
      return route.continue();
    }
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  const check = watchPage(page, allowedOrigin);
  return { page, context, check };
}

/**
 * Navigates and waits for the load event, then lets pending callbacks
 * (late request failures, console messages) arrive. Returns the response.
 */
async function visit(page, url) {
  const response = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
  await page.waitForTimeout(100);
  return response;
}

/**
 * For a page opened from file://: every `a[href]` whose resolved URL is a
 * file: URL must name an existing file (fragment and query stripped). A
 * directory is a failure too, since file:// serves no index.html.
 * Returns a list of problems as strings (empty when all links are good).
 */
async function fileLinkProblems(page) {
  const links = await page.$$eval('a[href]', (as) =>
    as.map((a) => ({ raw: a.getAttribute('href'), url: a.href })),
  );
  const problems = [];
  for (const { raw, url } of links) {
    if (!url.startsWith('file:')) continue;
    const bare = url.split('#', 1)[0].split('?', 1)[0];
    let file;
    try {
      file = fileURLToPath(bare);
    } catch (e) {
      problems.push(`href="${raw}" -> ${url}: not a usable file URL (${e.message})`);
      continue;
    }
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      problems.push(`href="${raw}" -> ${file}: no such file`);
      continue;
    }
    if (stat.isDirectory()) {
      problems.push(`href="${raw}" -> ${file}: a directory (file:// serves no index.html)`);
    } else if (!stat.isFile()) {
      problems.push(`href="${raw}" -> ${file}: not a regular file`);
    }
  }
  return problems;
}

/**
 * What the page's stylesheets do: how many are in document.styleSheets, each
 * <link rel=stylesheet> and whether it has a sheet, and `styledElements`: how
 * many elements look different with the page's stylesheets than without them
 * (measured by disabling every sheet for a moment). This works from file://
 * too, where a sheet's cssRules cannot be read.
 */
async function stylesheetReport(page) {
  return page.evaluate(() => {
    const props = [
      'display', 'position', 'color', 'background-color', 'background-image', 'font-family',
      'font-size', 'font-weight', 'line-height', 'margin-top', 'margin-left', 'padding-top',
      'padding-left', 'border-top-width', 'border-top-style', 'max-width', 'width', 'text-decoration-line',
    ];
    const elements = [document.documentElement, ...document.querySelectorAll('body, body *')].slice(0, 400);
    const snapshot = () =>
      elements.map((el) => {
        const cs = getComputedStyle(el);
        return props.map((p) => cs.getPropertyValue(p)).join('|');
      });
    const sheets = [...document.styleSheets];
    const styled = snapshot();
    const was = sheets.map((s) => s.disabled);
    sheets.forEach((s) => {
      s.disabled = true;
    });
    const bare = snapshot();
    sheets.forEach((s, i) => {
      s.disabled = was[i];
    });
    return {
      styleSheets: sheets.length,
      links: [...document.querySelectorAll('link[rel~="stylesheet"]')].map((l) => ({
        href: l.href,
        hasSheet: l.sheet !== null,
      })),
      styledElements: styled.filter((v, i) => v !== bare[i]).length,
    };
  });
}

/**
 * Problems with the page's styling: no stylesheet at all, a linked stylesheet
 * with no sheet, or stylesheets that change nothing on the page (which is
 * what a stylesheet that failed to load looks like). A stylesheet request
 * that fails is also reported by watchPage.
 */
function stylesheetProblems(report) {
  const problems = [];
  if (report.styleSheets === 0) problems.push('no stylesheet (document.styleSheets is empty)');
  for (const l of report.links) {
    if (!l.hasSheet) problems.push(`stylesheet ${l.href} has no sheet (not loaded)`);
  }
  if (report.styleSheets > 0 && report.styledElements === 0) {
    problems.push(
      `no stylesheet applied: the page looks the same without its stylesheets (${report.links
        .map((l) => l.href)
        .join(', ') || 'no <link rel=stylesheet>'})`,
    );
  }
  return problems;
}

/** Every file under `dir` (recursively) whose name ends with `ext`, sorted. */
function listFiles(dir, ext) {
  const out = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && entry.name.endsWith(ext)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}


/**
 * Starts `verdict serve --port 0 --root ROOT`; resolves to {origin, child}
 * once it prints where it listens. Kill `child` when done.
 */
function startServe(root, waitMs = 20_000) {
  const { spawn } = require('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn(verdictBin(), ['serve', '--port', '0', '--root', root], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), waitMs);
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

/** Saves `root/rel` as editors with atomic saves do (a temporary file renamed over it); returns the old text. */
function atomicEdit(root, rel, fn) {
  const file = path.join(root, rel);
  const text = fs.readFileSync(file, 'utf8');
  const tmpFile = `${file}.tmp~`;
  fs.writeFileSync(tmpFile, fn(text));
  fs.renameSync(tmpFile, file);
  return text;
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page; returns every violation with up to three of its nodes and their count. */
async function axeViolations(page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
      count: v.nodes.length,
    }));
  });
}

/** The page's axe violations of impact serious or critical. */
async function axeSerious(page) {
  return (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

module.exports = {
  axeViolations,
  axeSerious,
  startServe,
  atomicEdit,
  REPO_ROOT,
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  buildSite,
  copySite,
  serveDir,
  launchBrowser,
  watchPage,
  openPage,
  visit,
  isAllowedUrl,
  fileLinkProblems,
  stylesheetReport,
  stylesheetProblems,
  listFiles,
  tempDir,
  removeDir,
  verdictBin,
};
