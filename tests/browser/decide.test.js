'use strict';

// The decision helper (```verdict decide: true / decide: weights;
// themes/default/static/js/decide.js) in headless Chromium, answered as a
// reader would:
//   - the bundled guide's "Help me decide" page over http: reader profiles
//     (a real-time chat product with a JavaScript team, an ML-heavy data
//     product with a Python team, in-process ML with a JavaScript team, a
//     profile that pulls both ways), the
//     address round-trip, Back, the keyboard alone, axe in light and dark
//     mode, 360 px, print, and the page without JavaScript;
//   - the guide built with relative_urls: true and opened from file://;
//   - tests/fixtures/brokers: a three-broker guide with no decision.yaml gets
//     a working "weigh what matters" helper; a questionnaire whose labels,
//     help and reasons hold HTML shows it as text; a shared address with ids
//     that no longer exist drops them with a visible notice.
// Every page fails on a console error, uncaught error, failed request or
// request leaving the local origin (helpers.watchPage).

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const h = require('./helpers');

const SITE = h.REPO_ROOT;
const BROKERS = path.join(h.REPO_ROOT, 'tests', 'fixtures', 'brokers');
const SUITE_TIMEOUT = 600_000;
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };
const QUIZ = 'section[data-decide="questions"]';
const WEIGH = 'section[data-decide="weights"]';

// Reader profiles for the bundled guide: question id → answer id(s), as in
// content/data/guides/nodepy/decision.yaml.
const CHAT_JS_TEAM = {
  workload: 'io-realtime',
  concurrency: 'many-idle',
  realtime: 'core',
  ml: 'none',
  team: 'javascript',
  frontend: 'share',
};
const ML_PYTHON_TEAM = {
  workload: 'data-ml',
  ml: 'in-process',
  team: 'python',
  libraries: ['data-science'],
};
// choosing.md question 2: models or data libraries in the process mean
// Python even in a JavaScript shop, so they outweigh the team's language plus
// the two small leans that come with it (Python 8, Node.js 6).
const ML_JS_TEAM = {
  team: 'javascript',
  ml: 'in-process',
  deployment: ['node-platform'],
  frontend: 'share',
};
// Pulls both ways: a JavaScript team on a Node.js platform whose product
// renders its front end on the server and needs ML in process (Python 8,
// Node.js 7: within the margin of 1). Real-time features no longer count on
// their own: the many open connections they need count once, under
// "concurrency".
const TORN = {
  team: 'javascript',
  ml: 'in-process',
  frontend: 'ssr',
  deployment: ['node-platform'],
};


/** Clicks the label of each answer of `profile` inside the widget `scope`. */
async function answer(page, scope, param, profile) {
  for (const [q, a] of Object.entries(profile)) {
    for (const id of [].concat(a)) {
      const input = page.locator(`${scope} input[name="${param}.${q}"][value="${id}"]`);
      assert.equal(await input.count(), 1, `answer ${q}=${id} exists`);
      await input.check();
    }
  }
}

async function summary(page, scope) {
  return (await page.locator(`${scope} [data-decide-summary]`).textContent()).trim();
}

/** The ranking as [[name, score text]], best first. */
async function ranking(page, scope) {
  return page.$$eval(`${scope} .decide-rank`, (items) =>
    items.map((li) => [li.querySelector('.decide-rank-name').textContent, li.querySelector('.decide-rank-score').textContent]));
}

let browser;
before(async () => {
  browser = await h.launchBrowser();
});
after(async () => {
  if (browser) await browser.close();
});

describe('"weigh what matters" and hostile text on a fixture guide', { timeout: SUITE_TIMEOUT }, () => {
  let tmp;
  let server;
  const open = async (p) => {
    const { page, context, check } = await h.openPage(browser, server.origin);
    await h.visit(page, server.origin + p);
    return { page, context, check };
  };

  before(async () => {
    tmp = h.tempDir('verdict-decide-');
    const out = path.join(tmp, 'public');
    server = await h.serveDir(out, '/brokers/');
    h.buildSite({ root: BROKERS, out, args: ['--base-url', `${server.origin}/brokers/`] });
  });
  after(async () => {
    if (server) await server.close();
    h.removeDir(tmp);
  });

  it('scores three brokers from the verdicts, with no decision.yaml', async () => {
    const { page, context, check } = await open('/brokers/weigh/');
    try {
      assert.equal(await page.locator(`${WEIGH} fieldset`).count(), 4, 'one question per aspect');
      assert.match(await summary(page, WEIGH), /Answer any question/);
      await answer(page, WEIGH, 'w.brokers', { throughput: 'lots' });
      assert.match(await summary(page, WEIGH), /^Kafka leads with 2 points; RabbitMQ 0 points, NATS 0 points\.$/);
      assert.match(page.url(), /\?w\.brokers\.throughput=lots$/, 'a site with two guides names the guide in the address');
      // Routing gives RabbitMQ 1 and NATS 0.5 (its own scores): at "a lot", 2 and 1.
      await answer(page, WEIGH, 'w.brokers', { routing: 'lots' });
      assert.deepEqual(await ranking(page, WEIGH), [['Kafka', '2 points'], ['RabbitMQ', '2 points'], ['NATS', '1 point']]);
      const close = await summary(page, WEIGH);
      assert.match(close, /^Too close to call between Kafka \(2 points\), RabbitMQ \(2 points\) and NATS \(1 point\): within 1 point, any of them works on these answers\./);
      assert.match(close, /would tip it/);
      const tip = await page.locator(`${WEIGH} .decide-tip`).textContent();
      assert.match(tip, /(puts (Kafka|RabbitMQ|NATS) ahead|makes (Kafka|RabbitMQ|NATS)’s lead clear)/);
      // "Depends" moves nobody.
      await answer(page, WEIGH, 'w.brokers', { replay: 'lots' });
      assert.deepEqual(await ranking(page, WEIGH), [['Kafka', '2 points'], ['RabbitMQ', '2 points'], ['NATS', '1 point']]);
      await answer(page, WEIGH, 'w.brokers', { operations: 'lots' });
      assert.deepEqual(await ranking(page, WEIGH), [['NATS', '3 points'], ['Kafka', '2 points'], ['RabbitMQ', '2 points']]);
      assert.match(await summary(page, WEIGH), /^Too close to call between NATS \(3 points\), Kafka \(2 points\) and RabbitMQ \(2 points\)/);
      // For and against each broker, and why: the verdicts' own reasons, linked to their pages.
      const nats = await page.locator(`${WEIGH} .decide-rank`).first().textContent();
      assert.match(nats, /For: Operations matters a lot \(\+2\)/);
      assert.match(nats, /Against: Throughput matters a lot \(Kafka \+2\)/);
      const why = page.locator(`${WEIGH} .decide-why-result li`, { hasText: 'Operations' });
      assert.match(await why.textContent(), /^Operations matters a lot: NATS \+2\. Verdict: NATS\. Fixture: a single binary/);
      assert.match(await page.locator(`${WEIGH} .decide-count`).textContent(), /^4 of 4 aspects weighed\.$/);
      assert.equal(await why.locator('a[href$="/brokers/aspects/operations/"]').count(), 1);
      check();
    } finally {
      await context.close();
    }
  });

  it('shows HTML from YAML as text: labels, questions, help, reasons and technology names', async () => {
    const { page, context, check } = await open('/brokers/quiz/');
    try {
      let dialogs = 0;
      page.on('dialog', async (d) => { dialogs += 1; await d.dismiss(); });
      await answer(page, QUIZ, 'd.hostile', { first: 'a', second: 'x' });
      await page.locator(`${QUIZ} details`).first().evaluate((d) => { d.open = true; });
      const section = page.locator(QUIZ);
      assert.equal(await section.locator('img, script:not([type="application/json"]), b, em').count(), 0, 'no element made from YAML text');
      assert.match(await section.locator('legend').first().textContent(), /<\/script><script>alert\('q'\)<\/script>/);
      assert.match(await summary(page, QUIZ), /^Alpha <b>bold<\/b> leads with 3 points; Beta <img src=x onerror=alert\(1\)> −1 point\.$/);
      const detail = await section.locator('[data-decide-detail]').textContent();
      assert.match(detail, /“<img src=x onerror=alert\('label'\)>Alpha's way”/);
      assert.match(detail, /<b onmouseover=alert\(1\)>says<\/b>/);
      await page.waitForTimeout(200);
      assert.equal(dialogs, 0, 'no script ran');
      check();
    } finally {
      await context.close();
    }
  });

  it('drops ids of a shared address that no longer exist, says so, and keeps the rest', async () => {
    const { page, context, check } = await open('/brokers/quiz/?d.hostile.first=b&d.hostile.gone=a&d.hostile.second=zz&d.hostile.second=x&other=1#top');
    try {
      const notice = page.locator(`${QUIZ} [data-decide-notice]`);
      assert.equal(await notice.isVisible(), true);
      assert.match(await notice.textContent(), /no longer in this guide.*d\.hostile\.gone=a, d\.hostile\.second=zz/);
      assert.equal(await page.locator(`${QUIZ} input[name="d.hostile.first"][value="b"]`).isChecked(), true);
      assert.equal(await page.locator(`${QUIZ} input[name="d.hostile.second"][value="x"]`).isChecked(), true);
      const url = new URL(page.url());
      assert.equal(url.search, '?other=1&d.hostile.first=b&d.hostile.second=x');
      assert.equal(url.hash, '#top');
      assert.match(await summary(page, QUIZ), /Too close to call/);
      check();
    } finally {
      await context.close();
    }
  });
});

describe('the bundled guide\'s "Help me decide" page', { timeout: SUITE_TIMEOUT }, () => {
  let tmp;
  let out;
  let server;
  const open = async (p, options = {}) => {
    const context = await browser.newContext({
      viewport: options.viewport || DESKTOP,
      colorScheme: options.colorScheme || 'light',
      javaScriptEnabled: options.javaScriptEnabled !== false,
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    const check = h.watchPage(page, server.origin);
    await h.visit(page, server.base + p.replace(/^\//, ''));
    return { page, context, check };
  };
  const legend = (page, q) => page.locator(`${QUIZ} fieldset[data-question="${q}"] legend`).textContent();

  before(async () => {
    tmp = h.tempDir('verdict-decide-guide-');
    out = path.join(tmp, 'public');
    h.buildSite({ root: SITE, out });
    server = await h.serveDir(out, '/');
  });
  after(async () => {
    if (server) await server.close();
    h.removeDir(tmp);
  });

  it('is linked from the home, comparison and conclusion pages', async () => {
    for (const p of ['index.html', 'comparison/index.html', 'conclusion/index.html']) {
      const html = fs.readFileSync(path.join(out, p), 'utf8');
      const main = html.slice(html.indexOf('<main'));
      assert.match(main, /<a href="\/decide\/">/, `${p} links to the helper in its text`);
    }
  });

  it('a real-time chat product with a JavaScript team comes out Node.js', async () => {
    const { page, context, check } = await open('/decide/');
    try {
      await answer(page, QUIZ, 'd', CHAT_JS_TEAM);
      const text = await summary(page, QUIZ);
      assert.match(text, /^Node\.js leads with (\d+) points; Python (\d+) points?\.$/);
      const [, node, python] = text.match(/(\d+) points; Python (\d+)/).map(Number);
      assert.ok(node - python > 2, text);
      const [first] = await ranking(page, QUIZ);
      assert.equal(first[0], 'Node.js');
      const why = await page.locator(`${QUIZ} .decide-why-result`).textContent();
      assert.match(why, /JavaScript or TypeScript/);
      assert.ok(await page.locator(`${QUIZ} .decide-why-result a[href^="/choosing/#"]`).count() > 0, 'reasons link their evidence');
      check();
    } finally {
      await context.close();
    }
  });

  it('an ML-heavy data product with a Python team comes out Python', async () => {
    const { page, context, check } = await open('/decide/');
    try {
      await answer(page, QUIZ, 'd', ML_PYTHON_TEAM);
      const text = await summary(page, QUIZ);
      assert.match(text, /^Python leads with (\d+) points; Node\.js (\d+) points?\.$/);
      const [, python, node] = text.match(/(\d+) points; Node\.js (\d+)/).map(Number);
      assert.ok(python - node > 2, text);
      check();
    } finally {
      await context.close();
    }
  });

  it('in-process ML with a JavaScript team, a Node.js platform and shared types comes out Python, as choosing.md says', async () => {
    const { page, context, check } = await open('/decide/');
    try {
      await answer(page, QUIZ, 'd', ML_JS_TEAM);
      assert.equal(await summary(page, QUIZ), 'Python leads with 8 points; Node.js 6 points.');
      const [first] = await ranking(page, QUIZ);
      assert.equal(first[0], 'Python');
      // Adding real-time features at the heart of the product does not bring
      // the many-connections difference back a second time.
      await answer(page, QUIZ, 'd', { realtime: 'core' });
      assert.equal(await summary(page, QUIZ), 'Python leads with 8 points; Node.js 6 points.');
      check();
    } finally {
      await context.close();
    }
  });

  it('a profile that pulls both ways is too close to call, and names the question that would tip it', async () => {
    const { page, context, check } = await open('/decide/');
    try {
      await answer(page, QUIZ, 'd', TORN);
      const text = await summary(page, QUIZ);
      assert.match(text, /^Too close to call between Python \(8 points\) and Node\.js \(7 points\): within 1 point, either works on these answers\./);
      const ttm = (await legend(page, 'time-to-market')).trim();
      assert.ok(text.endsWith(`Your answer to “${ttm}” would tip it.`), text);
      const tip = await page.locator(`${QUIZ} .decide-tip`).textContent();
      assert.match(tip, /makes Python’s lead clear/);
      // Following the tip does tip it.
      await answer(page, QUIZ, 'd', { 'time-to-market': 'admin' });
      assert.match(await summary(page, QUIZ), /^Python leads with 9 points; Node\.js 7 points\.$/);
      check();
    } finally {
      await context.close();
    }
  });

  it('keeps the answers in the address: a new page opened at it shows the same result; Back undoes the last answer', async () => {
    const { page, context, check } = await open('/decide/');
    try {
      await answer(page, QUIZ, 'd', { team: 'javascript' });
      await answer(page, QUIZ, 'd', { ml: 'in-process' });
      await answer(page, QUIZ, 'd', { libraries: ['data-science', 'orchestration'] });
      const url = page.url();
      assert.match(url, /\/decide\/\?d\.team=javascript&d\.ml=in-process&d\.libraries=data-science&d\.libraries=orchestration$/);
      const before = [await summary(page, QUIZ), await ranking(page, QUIZ)];

      const other = await open(url.slice(server.base.length - 1));
      try {
        assert.deepEqual([await summary(other.page, QUIZ), await ranking(other.page, QUIZ)], before);
        assert.equal(await other.page.locator(`${QUIZ} input[value="orchestration"]`).isChecked(), true);
        await other.page.reload();
        assert.deepEqual([await summary(other.page, QUIZ), await ranking(other.page, QUIZ)], before, 'reload keeps it');
        other.check();
      } finally {
        await other.context.close();
      }

      await page.goBack();
      await page.waitForFunction(() => !location.search.includes('orchestration'));
      assert.equal(await page.locator(`${QUIZ} input[value="orchestration"]`).isChecked(), false, 'Back undid the last answer');
      assert.equal(await page.locator(`${QUIZ} input[value="data-science"]`).isChecked(), true);
      await page.goBack();
      await page.goBack();
      await page.waitForFunction(() => !location.search.includes('d.ml'));
      assert.equal(await page.locator(`${QUIZ} input[name="d.team"][value="javascript"]`).isChecked(), true);
      assert.equal(await page.locator(`${QUIZ} input[name="d.ml"][value=""]`).isChecked(), true, 'an undone single answer is "no answer" again');
      assert.match(await summary(page, QUIZ), /^Node\.js leads with 4 points; Python 0 points\.$/);
      await page.goForward();
      await page.waitForFunction(() => location.search.includes('d.ml'));
      assert.match(await summary(page, QUIZ), /^Python leads with 8 points; Node\.js 4 points\.$/, 'in-process ML outweighs the team (choosing.md question 2)');
      await page.locator(`${QUIZ} [data-decide-reset]`).click();
      assert.match(await summary(page, QUIZ), /^Answer any question/);
      assert.equal(new URL(page.url()).search, '');
      check();
    } finally {
      await context.close();
    }
  });

  it('can be answered with the keyboard alone, and reset', async () => {
    const { page, context, check } = await open('/decide/');
    try {
      const questions = await page.locator(`${QUIZ} fieldset`).count();
      const done = new Set();
      for (let i = 0; i < 400; i += 1) {
        await page.keyboard.press('Tab');
        const focus = await page.evaluate((scope) => {
          const a = document.activeElement;
          if (!a || !a.closest(scope)) return { outside: true };
          return { tag: a.tagName, type: a.type, name: a.name, value: a.value, reset: a.hasAttribute('data-decide-reset') };
        }, QUIZ);
        if (focus.reset) break;
        if (focus.tag !== 'INPUT' || done.has(focus.name)) continue;
        done.add(focus.name);
        // A radio group: the arrow picks the first answer (from "No answer", the last).
        // Checkboxes: Space ticks the first.
        await page.keyboard.press(focus.type === 'radio' ? 'ArrowDown' : 'Space');
      }
      assert.equal(done.size, questions, 'every question was reached with Tab');
      assert.equal(await page.evaluate(() => document.activeElement.hasAttribute('data-decide-reset')), true, 'Tab reaches the reset button');
      assert.match(await page.locator(`${QUIZ} .decide-count`).textContent(), new RegExp(`^${questions} of ${questions} questions answered\\.$`));
      assert.doesNotMatch(await summary(page, QUIZ), /^Answer any question/);
      await page.keyboard.press('Enter');
      assert.match(await summary(page, QUIZ), /^Answer any question/);
      assert.equal(await page.locator(`${QUIZ} input:checked:not([data-default])`).count(), 0);
      check();
    } finally {
      await context.close();
    }
  });

  it('arrowing through one question\'s answers makes one history entry; the summary stays in view while answering', async () => {
    const { page, context, check } = await open('/decide/');
    try {
      await page.locator(`${QUIZ} input[name="d.realtime"][value="core"]`).check();
      await page.locator(`${QUIZ} input[name="d.team"][value=""]`).focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      assert.match(page.url(), /\?d\.team=both&d\.realtime=core$/);
      const live = page.locator(`${QUIZ} [data-decide-live]`);
      assert.equal(await live.isVisible(), true, 'the one-line summary shows');
      const box = await live.boundingBox();
      assert.ok(box.y + box.height <= DESKTOP.height + 1 && box.y > DESKTOP.height / 2, `at the bottom of the screen: ${JSON.stringify(box)}`);
      assert.equal(await live.locator('[data-decide-live-text]').textContent(), await summary(page, QUIZ));
      await page.goBack();
      await page.waitForFunction(() => !location.search.includes('d.team'));
      assert.equal(await page.locator(`${QUIZ} input[name="d.team"][value=""]`).isChecked(), true, 'one Back undid the team answer');
      assert.equal(await page.locator(`${QUIZ} input[name="d.realtime"][value="core"]`).isChecked(), true);
      check();
    } finally {
      await context.close();
    }
  });

  it('"weigh what matters" scores the guide\'s aspects from their verdicts', async () => {
    const { page, context, check } = await open('/decide/');
    try {
      assert.equal(await page.locator(`${WEIGH} fieldset`).count(), 10, 'one question per aspect');
      await answer(page, WEIGH, 'w', { speed: 'lots', scalability: 'some' });
      // Scalability keeps half a point for Python: its measured part is the
      // speed measurement, counted in full under speed.
      assert.match(await summary(page, WEIGH), /^Node\.js leads with 3 points; Python 0\.5 points\.$/);
      assert.match(page.url(), /\?w\.speed=lots&w\.scalability=some$/);
      // Both widgets share the address without clobbering each other.
      await answer(page, QUIZ, 'd', { team: 'python' });
      assert.match(page.url(), /\?w\.speed=lots&w\.scalability=some&d\.team=python$/);
      check();
    } finally {
      await context.close();
    }
  });

  for (const colorScheme of ['light', 'dark']) {
    it(`has no serious axe violations with a result shown, in ${colorScheme} mode`, async () => {
      const { page, context, check } = await open('/decide/', { colorScheme });
      try {
        await answer(page, QUIZ, 'd', TORN);
        await answer(page, WEIGH, 'w', { speed: 'lots' });
        await page.locator(`${QUIZ} details`).first().evaluate((d) => { d.open = true; });
        const serious = await h.axeSerious(page);
        assert.deepEqual(serious, [], JSON.stringify(serious, null, 1));
        check();
      } finally {
        await context.close();
      }
    });
  }

  it('fits a 360-px screen with a result shown', async () => {
    const { page, context, check } = await open('/decide/', { viewport: PHONE });
    try {
      await answer(page, QUIZ, 'd', CHAT_JS_TEAM);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= PHONE.width, `page is ${width}px wide`);
      check();
    } finally {
      await context.close();
    }
  });

  it('prints as the answers given and the result', async () => {
    const { page, context, check } = await open('/decide/?d.team=python&d.ml=in-process&d.libraries=data-science');
    try {
      await page.emulateMedia({ media: 'print' });
      const shown = await page.$$eval(`${QUIZ} .decide-answers li`, (items) =>
        items.filter((li) => li.offsetParent !== null).map((li) => li.textContent.trim()));
      assert.equal(shown.length, 3, shown.join(' | '));
      const fieldsets = await page.$$eval(`${QUIZ} fieldset`, (fs) => fs.filter((f) => f.offsetParent !== null).length);
      assert.equal(fieldsets, 3, 'unanswered questions are left out');
      assert.equal(await page.locator(`${QUIZ} [data-decide-summary]`).isVisible(), true);
      assert.equal(await page.locator(`${QUIZ} .decide-ranking`).isVisible(), true);
      assert.equal(await page.locator(`${QUIZ} [data-decide-reset]`).isVisible(), false);
      check();
    } finally {
      await context.close();
    }
  });

  it('without JavaScript still shows the questions, which way each answer leans, and why', async () => {
    const { page, context } = await open('/decide/', { javaScriptEnabled: false });
    try {
      const questions = await page.locator(`${QUIZ} fieldset`).count();
      assert.equal(questions, 9);
      const leaning = await page.locator(`${QUIZ} .decide-lean`).allTextContents();
      assert.ok(leaning.some((t) => /^Node\.js \+\d$/.test(t)) && leaning.some((t) => /^Python \+\d$/.test(t)), leaning.join(' | '));
      assert.equal(await page.locator(`${QUIZ} details.decide-why`).count(), questions);
      await page.locator(`${QUIZ} details summary`).first().click();
      assert.equal(await page.locator(`${QUIZ} details dd a`).first().isVisible(), true, 'reasons and their links show');
      assert.equal(await page.locator(`${QUIZ} noscript`).count(), 1);
    } finally {
      await context.close();
    }
  });
});

describe('the decision helper from file://', { timeout: SUITE_TIMEOUT }, () => {
  let tmp;
  let out;
  before(() => {
    tmp = h.tempDir('verdict-decide-file-');
    const site = h.copySite(SITE, path.join(tmp, 'site'));
    const yamlPath = path.join(site, 'content', 'site.yaml');
    const yaml = fs.readFileSync(yamlPath, 'utf8');
    fs.writeFileSync(yamlPath, yaml.replace(/^([ \t]*)relative_urls:[ \t]*false[ \t]*$/m, '$1relative_urls: true'));
    out = path.join(tmp, 'public');
    h.buildSite({ root: site, out });
  });
  after(() => h.removeDir(tmp));

  it('scores answers and keeps them in the address', async () => {
    const { page, context, check } = await h.openPage(browser, 'file:');
    try {
      await h.visit(page, pathToFileURL(path.join(out, 'decide', 'index.html')).href);
      await answer(page, QUIZ, 'd', CHAT_JS_TEAM);
      assert.match(await summary(page, QUIZ), /^Node\.js leads with/);
      assert.match(page.url(), /decide\/index\.html\?d\.team=javascript/);
      await page.reload();
      assert.match(await summary(page, QUIZ), /^Node\.js leads with/);
      check();
    } finally {
      await context.close();
    }
  });
});
