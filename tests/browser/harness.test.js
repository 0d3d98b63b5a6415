'use strict';

// Tests of the test harness itself (helpers.js), on tiny hand-made pages
// written to a temp dir at test time. These prove that watchPage really sees
// console errors, page errors, outside requests and failed requests, so that
// a green site.test.js means something. They need Chromium but not verdict.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const h = require('./helpers');

const OUTSIDE = 'http://example.invalid/x.png';

/** Writes `files` ({relative path: content}) under `dir`. */
function writeFiles(dir, files) {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
}

const page = (title, body, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
  `<link rel="icon" href="data:,">${head}</head><body>${body}</body></html>\n`;

function makeSite(dir) {
  writeFiles(dir, {
    'index.html': page(
      'Good',
      '<h1>Good</h1><p><a href="sub/">sub</a> <a href="sub/index.html#top">sub file</a> <a href="#x">self</a></p>' +
        '<img src="img/dot.svg" alt="dot"><script src="app.js"></script>',
      '<link rel="stylesheet" href="style.css">',
    ),
    'style.css': 'body { color: rgb(1, 2, 3); }\nh1 { margin: 0; }\n',
    'app.js': 'document.documentElement.dataset.ok = "1";\n',
    'img/dot.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>\n',
    'data.json': '{"ok":true}\n',
    'notes.txt': 'plain\n',
    'feed.xml': '<?xml version="1.0"?><feed/>\n',
    'sub/index.html': page('Sub', '<h1 id="top">Sub</h1><a href="../index.html">home</a>', '<link rel="stylesheet" href="../style.css">'),
    '404.html': page('Not found', '<h1>Page not found</h1>'),
    'bad/outside.html': page('Outside', `<h1>Outside</h1><img src="${OUTSIDE}" alt="">`),
    'bad/console.html': page('Console', '<h1>Console</h1><script>console.error("boom from the harness");</script>'),
    'bad/throw.html': page('Throw', '<h1>Throw</h1><script>throw new Error("uncaught in harness");</script>'),
    'bad/missing.html': page('Missing', '<h1>Missing</h1><script src="../no-such-script.js"></script>'),
    'bad/links.html': page(
      'Links',
      '<h1>Links</h1><a href="../sub/">dir</a> <a href="../nope.html">missing</a> <a href="../index.html#frag">ok</a> <a href="https://example.org/">external link</a>',
    ),
    'bad/nostyle.html': page('No style', '<h1>No style</h1>', '<link rel="stylesheet" href="../missing.css">'),
    'bad/fetch.html': page('Fetch', `<h1>Fetch</h1><script>fetch("${OUTSIDE.replace('x.png', 'api')}").catch(() => {});</script>`),
  });
}

/** Raw GET that does not normalise `..` the way browsers and URL() do. */
function rawGet(origin, rawPath) {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('harness', () => {
  let dir;
  let browser;
  let server;
  let prefixed;

  before(async () => {
    dir = h.tempDir('verdict-harness-');
    makeSite(path.join(dir, 'site'));
    server = await h.serveDir(path.join(dir, 'site'));
    prefixed = await h.serveDir(path.join(dir, 'site'), '/docs/');
    browser = await h.launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.close();
    if (prefixed) await prefixed.close();
    h.removeDir(dir);
  });

  describe('serveDir', () => {
    it('serves files with their content types and directories by index.html', async () => {
      const cases = {
        '/': 'text/html; charset=utf-8',
        '/sub/': 'text/html; charset=utf-8',
        '/style.css': 'text/css; charset=utf-8',
        '/app.js': 'text/javascript; charset=utf-8',
        '/img/dot.svg': 'image/svg+xml',
        '/data.json': 'application/json; charset=utf-8',
        '/notes.txt': 'text/plain; charset=utf-8',
        '/feed.xml': 'application/xml; charset=utf-8',
      };
      for (const [p, type] of Object.entries(cases)) {
        const res = await rawGet(server.origin, p);
        assert.equal(res.status, 200, p);
        assert.equal(res.headers['content-type'], type, p);
      }
      assert.match((await rawGet(server.origin, '/sub/')).body, /<title>Sub<\/title>/);
    });

    it('redirects a directory without its slash', async () => {
      const res = await rawGet(server.origin, '/sub?q=1');
      assert.equal(res.status, 301);
      assert.equal(res.headers.location, '/sub/?q=1');
    });

    it('answers a missing file with 404.html and status 404', async () => {
      const res = await rawGet(server.origin, '/no/such/page/');
      assert.equal(res.status, 404);
      assert.match(res.body, /Page not found/);
    });

    it('refuses paths with ..', async () => {
      for (const p of ['/../etc/passwd', '/sub/../../etc/passwd', '/%2e%2e/etc/passwd', '/sub/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd', '/..%5c..%5cetc']) {
        const res = await rawGet(server.origin, p);
        assert.equal(res.status, 400, p);
        assert.doesNotMatch(res.body, /root:/, p);
      }
    });

    it('serves under a prefix and nothing outside it', async () => {
      assert.equal((await rawGet(prefixed.origin, '/docs/')).status, 200);
      assert.equal((await rawGet(prefixed.origin, '/docs/style.css')).status, 200);
      const bare = await rawGet(prefixed.origin, '/docs');
      assert.equal(bare.status, 301);
      assert.equal(bare.headers.location, '/docs/');
      assert.equal((await rawGet(prefixed.origin, '/style.css')).status, 404);
      assert.equal((await rawGet(prefixed.origin, '/')).status, 404);
      const missing = await rawGet(prefixed.origin, '/docs/nope/');
      assert.equal(missing.status, 404);
      assert.match(missing.body, /Page not found/);
    });
  });

  describe('watchPage over http', () => {
    const open = () => h.openPage(browser, server.origin);

    it('passes a clean page', async () => {
      const { page, context, check } = await open();
      try {
        const res = await h.visit(page, `${server.origin}/`);
        assert.equal(res.status(), 200);
        check();
        assert.equal(await page.evaluate(() => document.documentElement.dataset.ok), '1');
        assert.deepEqual(h.stylesheetProblems(await h.stylesheetReport(page)), []);
        assert.equal(await page.evaluate(() => getComputedStyle(document.body).color), 'rgb(1, 2, 3)');
      } finally {
        await context.close();
      }
    });

    it('catches a request leaving the origin, and blocks it', async () => {
      const { page, context, check } = await open();
      try {
        await h.visit(page, `${server.origin}/bad/outside.html`);
        assert.throws(check, (e) => {
          assert.match(e.message, /requests leaving the allowed origin/);
          assert.ok(e.message.includes(OUTSIDE), e.message);
          assert.match(e.message, /failed requests/);
          assert.ok(e.message.includes('bad/outside.html'), 'names the page');
          return true;
        });
      } finally {
        await context.close();
      }
    });

    it('catches an outside fetch from script', async () => {
      const { page, context, check } = await open();
      try {
        await h.visit(page, `${server.origin}/bad/fetch.html`);
        await page.waitForTimeout(200);
        assert.throws(check, /example\.invalid\/api/);
      } finally {
        await context.close();
      }
    });

    it('catches console.error', async () => {
      const { page, context, check } = await open();
      try {
        await h.visit(page, `${server.origin}/bad/console.html`);
        assert.throws(check, /console errors \(1\):\n\s+- boom from the harness/);
      } finally {
        await context.close();
      }
    });

    it('catches an uncaught page error', async () => {
      const { page, context, check } = await open();
      try {
        await h.visit(page, `${server.origin}/bad/throw.html`);
        assert.throws(check, /page errors \(1\):\n\s+- Error: uncaught in harness/);
      } finally {
        await context.close();
      }
    });

    it('catches a 404 subresource', async () => {
      const { page, context, check } = await open();
      try {
        await h.visit(page, `${server.origin}/bad/missing.html`);
        assert.throws(check, (e) => {
          assert.match(e.message, /error responses \(1\):\n\s+- 404 GET http:\/\/127\.0\.0\.1:\d+\/no-such-script\.js \(script\)/);
          return true;
        });
      } finally {
        await context.close();
      }
    });

    it('catches a stylesheet that did not load', async () => {
      const { page, context, check } = await open();
      try {
        await h.visit(page, `${server.origin}/bad/nostyle.html`);
        assert.throws(check, /missing\.css/);
        const problems = h.stylesheetProblems(await h.stylesheetReport(page));
        assert.ok(problems.some((p) => p.includes('missing.css')), problems.join('\n'));
      } finally {
        await context.close();
      }
    });

    it('ignores only the expected 404 of a not-found page', async () => {
      const { page, context, check } = await open();
      try {
        const url = `${server.origin}/no/such/page/`;
        const res = await h.visit(page, url);
        assert.equal(res.status(), 404);
        assert.throws(check, /404 GET/);
        check({ ignoreStatus: [url] });
      } finally {
        await context.close();
      }
    });

    it('lists every problem of a page at once', async () => {
      const { page, context, check } = await open();
      try {
        await h.visit(page, `${server.origin}/bad/console.html`);
        await page.evaluate(
          (u) => {
            console.error('second error');
            const img = new Image();
            img.src = u;
            document.body.append(img);
            setTimeout(() => {
              throw new Error('late throw');
            }, 0);
          },
          OUTSIDE,
        );
        await page.waitForTimeout(300);
        const problems = check.problems().join('\n');
        for (const want of ['boom from the harness', 'second error', 'late throw', OUTSIDE]) {
          assert.ok(problems.includes(want), `missing ${want} in:\n${problems}`);
        }
        check.reset();
        check();
      } finally {
        await context.close();
      }
    });
  });

  describe('watchPage over file://', () => {
    const fileUrl = (rel) => pathToFileURL(path.join(dir, 'site', rel)).href;
    const open = () => h.openPage(browser, 'file:');

    it('passes a clean page, with its stylesheet applied', async () => {
      const { page, context, check } = await open();
      try {
        await h.visit(page, fileUrl('index.html'));
        check();
        assert.deepEqual(h.stylesheetProblems(await h.stylesheetReport(page)), []);
        assert.equal(await page.evaluate(() => getComputedStyle(document.body).color), 'rgb(1, 2, 3)');
      } finally {
        await context.close();
      }
    });

    it('catches an outside request and console.error', async () => {
      const { page, context, check } = await open();
      try {
        await h.visit(page, fileUrl('bad/outside.html'));
        assert.throws(check, (e) => e.message.includes(OUTSIDE) && /\(file:\)/.test(e.message));
        check.reset();
        await page.evaluate(() => console.error('file boom'));
        await page.waitForTimeout(50);
        assert.throws(check, /file boom/);
      } finally {
        await context.close();
      }
    });

    it('catches a missing local file', async () => {
      const { page, context, check } = await open();
      try {
        await h.visit(page, fileUrl('bad/missing.html'));
        assert.throws(check, /no-such-script\.js/);
      } finally {
        await context.close();
      }
    });

    it('catches a stylesheet that did not load', async () => {
      const { page, context } = await open();
      try {
        await h.visit(page, fileUrl('bad/nostyle.html'));
        const problems = h.stylesheetProblems(await h.stylesheetReport(page));
        assert.ok(problems.length > 0, 'a missing stylesheet must be reported');
      } finally {
        await context.close();
      }
    });

    it('finds links to directories and missing files', async () => {
      const { page, context } = await open();
      try {
        await h.visit(page, fileUrl('bad/links.html'));
        const problems = await h.fileLinkProblems(page);
        assert.equal(problems.length, 2, problems.join('\n'));
        assert.match(problems.join('\n'), /href="\.\.\/sub\/" .*a directory/);
        assert.match(problems.join('\n'), /href="\.\.\/nope\.html" .*no such file/);
        await h.visit(page, fileUrl('sub/index.html'));
        assert.deepEqual(await h.fileLinkProblems(page), []);
      } finally {
        await context.close();
      }
    });
  });

  describe('isAllowedUrl', () => {
    it('allows only the origin (or file:) and local schemes', () => {
      const o = 'http://127.0.0.1:4000';
      assert.ok(h.isAllowedUrl('http://127.0.0.1:4000/a/b.css', o));
      assert.ok(h.isAllowedUrl('data:image/png;base64,AAAA', o));
      assert.ok(h.isAllowedUrl('about:blank', o));
      assert.ok(!h.isAllowedUrl('http://127.0.0.1:4001/', o));
      assert.ok(!h.isAllowedUrl('http://localhost:4000/', o));
      assert.ok(!h.isAllowedUrl('https://cdn.example.com/x.js', o));
      assert.ok(!h.isAllowedUrl('file:///etc/passwd', o));
      assert.ok(h.isAllowedUrl('file:///tmp/x.html', 'file:'));
      assert.ok(h.isAllowedUrl('data:,', 'file:'));
      assert.ok(!h.isAllowedUrl('http://127.0.0.1:4000/', 'file:'));
    });
  });

  describe('copySite and buildSite', () => {
    it('copies content, themes and static only', () => {
      const src = path.join(dir, 'copy-src');
      writeFiles(src, {
        'content/site.yaml': 'title: x\n',
        'content/_index.md': '# x\n',
        'themes/t/theme.yaml': 'name: t\n',
        'static/logo.svg': '<svg/>',
        'public/index.html': 'old',
        'target/debug/verdict': 'bin',
        'README.md': 'readme',
      });
      const dest = path.join(dir, 'copy-dest');
      h.copySite(src, dest);
      assert.deepEqual(fs.readdirSync(dest).sort(), ['content', 'static', 'themes']);
      assert.equal(fs.readFileSync(path.join(dest, 'content/_index.md'), 'utf8'), '# x\n');
      const bare = path.join(dir, 'copy-bare');
      writeFiles(path.join(dir, 'copy-src2'), { 'content/site.yaml': 'title: y\n' });
      h.copySite(path.join(dir, 'copy-src2'), bare);
      assert.deepEqual(fs.readdirSync(bare), ['content']);
    });

    it('fails with the command output when the build fails', () => {
      const fake = path.join(dir, 'fake-verdict');
      fs.writeFileSync(fake, '#!/bin/sh\necho "out: $*"\necho "error: content/x.md:3:7: broken" >&2\nexit 3\n', { mode: 0o755 });
      const saved = process.env.VERDICT_BIN;
      process.env.VERDICT_BIN = fake;
      try {
        assert.throws(
          () => h.buildSite({ root: '/r', out: '/o', args: ['--drafts'] }),
          (e) =>
            /status 3/.test(e.message) &&
            e.message.includes('out: build --root /r --out /o --drafts') &&
            e.message.includes('content/x.md:3:7: broken'),
        );
        fs.writeFileSync(fake, '#!/bin/sh\necho built\n', { mode: 0o755 });
        assert.equal(h.buildSite({ root: '/r', out: '/o' }).stdout, 'built\n');
      } finally {
        if (saved === undefined) delete process.env.VERDICT_BIN;
        else process.env.VERDICT_BIN = saved;
      }
    });
  });
});
