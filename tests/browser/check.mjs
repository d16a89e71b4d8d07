#!/usr/bin/env node
// Browser check for the self-contained HTML report written by
// `charterlint report PATHS --html FILE`; called by the Rust end-to-end test.
//
//   node tests/browser/check.mjs REPORT.html SCREENSHOT_DIR
//
// Prints a JSON summary on stdout. Exit 0: clean; 1: at least one failure
// (reasons on stderr); 2: bad usage; 3: Chromium could not be launched.
// Env CHROMIUM overrides the browser path (default: Debian's /usr/bin/chromium).
import { readFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const [reportArg, shotDirArg] = process.argv.slice(2);
if (!reportArg || !shotDirArg) {
  console.error('usage: node tests/browser/check.mjs REPORT.html SCREENSHOT_DIR');
  process.exit(2);
}
const reportPath = path.resolve(reportArg);
const shotDir = path.resolve(shotDirArg);
if (!existsSync(reportPath)) {
  console.error(`check.mjs: report not found: ${reportPath}`);
  process.exit(2);
}
const reportUrl = pathToFileURL(reportPath).href;
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

// A hung browser must not hang the Rust test suite.
setTimeout(() => {
  console.error('check.mjs: timed out after 120 s');
  process.exit(1);
}, 120_000).unref();

// Compare decoded paths: Chromium and Node may percent-encode a path differently.
function isReportItself(url) {
  if (url === 'about:blank') return true;
  try {
    const u = new URL(url);
    return u.protocol === 'file:' && fileURLToPath(u) === reportPath;
  } catch {
    return false;
  }
}
const short = (url) => (url.length > 120 ? url.slice(0, 117) + '...' : url);

let browser;
try {
  browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    timeout: 30_000,
    args: [
      '--no-sandbox', // CI runs as root
      // Belt and braces with request interception: nothing may leave the machine.
      '--proxy-server=127.0.0.1:9',
      '--host-resolver-rules=MAP * ~NOTFOUND',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
} catch (err) {
  console.error(`check.mjs: cannot launch Chromium at ${chromium}: ${String(err.message || err).split('\n')[0]}`);
  process.exit(3);
}

const summary = {
  report: reportPath,
  requests: [], consoleErrors: [], pageErrors: [], failedRequests: [],
  overflow320: false, scrollWidth320: null,
  axe: { serious: [], other: [] },
  screenshots: [], title: null, headings: [], headingProblems: [],
};
const reasons = [];

try {
  const page = await browser.newPage();
  page.setDefaultTimeout(30_000);

  // The report must be one self-contained file: any other request (data: URLs
  // included, as they hint at resources a later change might externalise) fails.
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    if (isReportItself(req.url())) return void req.continue();
    summary.requests.push(short(req.url()));
    req.abort(); // a no-op for data: URLs, which Chromium never lets us intercept
  });
  page.on('requestfailed', (req) => {
    summary.failedRequests.push(`${short(req.url())} (${req.failure()?.errorText ?? 'failed'})`);
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const loc = msg.location();
    summary.consoleErrors.push(loc?.url ? `${msg.text()} [${short(loc.url)}:${loc.lineNumber ?? '?'}]` : msg.text());
  });
  page.on('pageerror', (err) => summary.pageErrors.push(String(err?.message ?? err)));

  await mkdir(shotDir, { recursive: true });
  // Chromium refuses screenshots taller than about 16,384 px: a long page
  // (a whole corpus) is shot from its top down to that height.
  const MAX_SHOT_HEIGHT = 16000;
  const shot = async (name) => {
    const file = path.join(shotDir, name);
    const { width, height } = await page.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      height: document.documentElement.scrollHeight,
    }));
    if (height <= MAX_SHOT_HEIGHT) {
      await page.screenshot({ path: file, fullPage: true });
    } else {
      await page.screenshot({ path: file, captureBeyondViewport: true, clip: { x: 0, y: 0, width, height: MAX_SHOT_HEIGHT } });
    }
    summary.screenshots.push(file);
  };

  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(reportUrl, { waitUntil: 'load' });
  await shot('report-1280.png');

  summary.title = await page.title();
  summary.headings = await page.evaluate(() =>
    [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(
      (h) => `${h.tagName.toLowerCase()} ${h.textContent.replace(/\s+/g, ' ').trim()}`));
  // Going down, a heading may be at most one level deeper than the previous
  // one; the document starts at level 0, so the first heading must be an h1.
  let prev = 0;
  for (const h of summary.headings) {
    const level = Number(h[1]);
    if (level > prev + 1) summary.headingProblems.push(`h${level} after ${prev ? 'h' + prev : 'start of document'}: "${h.slice(3)}"`);
    prev = level;
  }

  // page.evaluate goes through CDP, so axe runs even under a strict CSP meta tag.
  const require = createRequire(import.meta.url);
  await page.evaluate(await readFile(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const axe = await page.evaluate((tags) =>
    window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), AXE_TAGS);
  for (const v of axe.violations) {
    const entry = {
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' ')),
    };
    (v.impact === 'serious' || v.impact === 'critical' ? summary.axe.serious : summary.axe.other).push(entry);
  }

  // The summary table's script: pressing a header sorts its column, twice
  // reverses it. Checked on every numeric column of a sortable table.
  summary.sorting = await page.evaluate(async () => {
    const problems = [];
    for (const table of document.querySelectorAll('table.sortable')) {
      const buttons = [...table.querySelectorAll('thead th button')];
      if (!buttons.length) problems.push('no sort button in a sortable table');
      for (const [column, button] of buttons.entries()) {
        const values = () => [...table.tBodies[0].rows].map((r) => r.cells[column].dataset.sort);
        if (values().some((v) => v === undefined || isNaN(v))) continue; // the text column
        for (const direction of ['ascending', 'descending']) {
          button.click();
          const got = values().map(Number);
          const sorted = [...got].sort((a, b) => (direction === 'ascending' ? a - b : b - a));
          if (got.join() !== sorted.join()) problems.push(`column ${column} not ${direction}: ${got.join(',')}`);
          if (button.parentElement.getAttribute('aria-sort') !== direction) problems.push(`column ${column}: aria-sort is not ${direction}`);
        }
      }
    }
    return problems;
  });

  await page.emulateMediaType('print');
  await shot('report-print.png');
  await page.emulateMediaType(); // back to screen

  await page.setViewport({ width: 320, height: 640 });
  const { sw, iw } = await page.evaluate(() =>
    ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
  summary.scrollWidth320 = sw;
  summary.overflow320 = sw > iw + 1;
  await shot('report-320.png');
} catch (err) {
  reasons.push(`check aborted: ${String(err.message || err).split('\n')[0]}`);
} finally {
  await browser.close().catch(() => {});
}

const n = (a, what) => a.length && reasons.push(`${a.length} ${what}: ${a.join(' | ')}`);
n(summary.requests, 'request(s) other than the report itself');
n(summary.failedRequests.filter((f) => !summary.requests.some((r) => f.startsWith(r))), 'failed request(s)');
n(summary.consoleErrors, 'console error(s)');
n(summary.pageErrors, 'page error(s)');
if (summary.overflow320) reasons.push(`horizontal scrolling at 320 px (scrollWidth ${summary.scrollWidth320})`);
n(summary.axe.serious.map((v) => `${v.id} [${v.impact}] ${v.nodes.join(', ')}`), 'serious/critical axe violation(s)');
n(summary.headingProblems, 'skipped heading level(s)');
n(summary.sorting ?? [], 'sorting problem(s)');
for (const v of summary.axe.other) console.error(`warning: axe ${v.id} [${v.impact}]: ${v.help} (${v.nodes.join(', ')})`);
for (const r of reasons) console.error(`FAIL: ${r}`);

process.stdout.write(JSON.stringify(summary, null, 2) + '\n', () => process.exit(reasons.length ? 1 : 0));
