/**
 * The tear sheets a newcomer gets from the CLI, laid out by headless Chromium: a single-symbol run,
 * a 20-symbol run with a benchmark (and equity in the tens of millions), and a sweep. In each,
 * no text overflows its chart or overlaps another text (every SVG text element's bounding box is
 * compared with its SVG's and with every other text's of that SVG), no marker label covers a bar,
 * and nothing is wider than the page. Screenshots go to packages/tests/artifacts/ for a human look.
 *
 * Needs /usr/bin/chromium; skips without it outside CI, fails without it in CI.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { main } from 'qt-backtest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const required = process.env['CI'] === 'true' || process.env['QT_REQUIRE_SHARED_DATA'] === '1';
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../../..');
const artifacts = resolve(here, '../../artifacts');
const daily = join(repoRoot, 'data-fixtures', 'daily');

/**
 * Layout problems of the page: overflowing or overlapping texts, marker labels over bars, page
 * overflow. (Browser code as text: the repository's TypeScript has no DOM library.)
 */
const LAYOUT_PROBLEMS = `(() => {
  const problems = [];
  const area = (a, b) =>
    Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
  for (const svg of document.querySelectorAll('svg.chart')) {
    const name = svg.getAttribute('aria-label') ?? '?';
    const sb = svg.getBoundingClientRect();
    const texts = Array.from(svg.querySelectorAll('text')).map((t) => ({ b: t.getBoundingClientRect(), s: t.textContent ?? '', cls: t.getAttribute('class') ?? '' }));
    for (const t of texts) {
      if (t.b.left < sb.left - 0.5 || t.b.right > sb.right + 0.5 || t.b.top < sb.top - 0.5 || t.b.bottom > sb.bottom + 0.5) {
        problems.push('"' + t.s + '" overflows the chart "' + name + '"');
      }
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        if (area(texts[i].b, texts[j].b) > 1) problems.push('"' + texts[i].s + '" overlaps "' + texts[j].s + '" in "' + name + '"');
      }
    }
    // Marker labels (histogram) and legends never cover a bar.
    const bars = Array.from(svg.querySelectorAll('rect.bin, rect.bar, rect.bar-compare')).map((r) => r.getBoundingClientRect());
    for (const t of texts.filter((x) => x.cls === 'legend')) {
      if (bars.some((b) => area(t.b, b) > 1)) problems.push('label "' + t.s + '" covers a bar in "' + name + '"');
    }
  }
  if (document.documentElement.scrollWidth > window.innerWidth) {
    problems.push('the page is ' + document.documentElement.scrollWidth + 'px wide in a ' + window.innerWidth + 'px window');
  }
  for (const el of document.querySelectorAll('header p, section')) {
    if (el.scrollWidth > el.clientWidth + 1) problems.push(el.tagName.toLowerCase() + ' ' + (el.id || (el.textContent ?? '').slice(0, 40)) + ' overflows (' + el.scrollWidth + ' > ' + el.clientWidth + ')');
  }
  return problems;
})()`;

async function layoutProblems(page: Page): Promise<string[]> {
  return (await page.evaluate(LAYOUT_PROBLEMS)) as string[];
}

/** Runs the CLI; fails the test with its output unless it exits 0. */
async function cli(...argv: string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd: repoRoot });
  expect(code, `qt-backtest ${argv.join(' ')}\n${out}${err}`).toBe(0);
  return out;
}

const name = hasChromium
  ? 'tear sheets from the CLI, laid out in headless Chromium'
  : required
    ? 'tear sheets from the CLI in headless Chromium (FAILS: /usr/bin/chromium is missing and CI requires it)'
    : 'tear sheets from the CLI in headless Chromium (SKIPPED: /usr/bin/chromium not found)';

describe.skipIf(!hasChromium && !required)(name, () => {
  let browser: Browser;
  let dir = '';
  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is required in CI (apt-get install chromium)`).toBe(true);
    dir = mkdtempSync(join(tmpdir(), 'qt-layout-'));
    mkdirSync(artifacts, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a report, checks the layout, saves a full-page screenshot; returns the page. */
  async function open(report: string, png: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });
    expect(await layoutProblems(page)).toEqual([]);
    const file = join(artifacts, png);
    rmSync(file, { force: true });
    await page.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(20_000);
    return page;
  }

  it('single-symbol run: sections, price chart with fills, robustness panel, no overlaps', async () => {
    const out = join(dir, 'single');
    const summary = await cli('run', '--data', join(daily, 'MKT.csv'), '--strategy', 'sma-cross', '--fee-per-share', '0.005', '--fee-min', '1', '--slippage-bps', '5', '--out', out);
    expect(summary).toMatch(/^robustness\s+Sharpe -?\d/m);
    const page = await open(join(out, 'report.html'), 'tear-sheet-single.png');
    for (const s of ['headline', 'robustness', 'equity', 'exposure', 'pnl-by-symbol', 'prices', 'annual', 'trades']) {
      expect(await page.locator(`[data-section="${s}"]`).count(), s).toBe(1);
    }
    expect(await page.locator('[data-section="prices"] svg path.marker-up').count()).toBeGreaterThan(5);
    expect(await page.locator('[data-section="prices"] svg path.marker-down').count()).toBeGreaterThan(5);
    expect(await page.locator('[data-section="robustness"] table tbody tr').count()).toBe(4);
    expect(await page.locator('[data-section="robustness"] svg').count()).toBe(3);
    expect(await page.locator('[data-section="exposure"] svg path.series').count()).toBe(4);
    expect(await page.locator('header').innerText()).toContain('Traded (1): MKT');
    expect(await page.locator('body').innerText()).not.toContain('— hours');
    await page.close();
  });

  it('20-symbol run with a benchmark and equity in the tens of millions: labels whole, benchmark not traded', async () => {
    const out = join(dir, 'twenty');
    await cli(
      'run', '--data', daily, '--adjusted', '--strategy', 'momentum-rotation', '--param', 'top=5', '--benchmark', 'MKT',
      '--cash', '20000000', '--fee-per-share', '0.005', '--fee-min', '1', '--slippage-bps', '5', '--out', out,
    );
    const page = await open(join(out, 'report.html'), 'tear-sheet-20-symbols.png');
    const header = await page.locator('header').innerText();
    expect(header).toContain('Traded (19):');
    expect(header).toContain('benchmark MKT (not traded)');
    expect(header).not.toMatch(/Traded \(19\):[^·]*\bMKT\b/);
    // Equity labels of 8 digits and more are drawn whole (the defect cut "20,000,000" to ":0,000,000").
    const ticks = await page.locator('[data-section="equity"] svg text.tick').allTextContents();
    expect(ticks.some((t) => /^\d{2},\d{3},\d{3}$/.test(t))).toBe(true);
    expect(await page.locator('[data-section="annual"] svg rect.bar-compare').count()).toBeGreaterThan(5);
    expect(await page.locator('[data-section="rolling"] svg').count()).toBe(3); // Sharpe, volatility, beta
    expect(await page.locator('[data-section="prices"] svg').count()).toBe(6);
    expect(await page.locator('[data-section="pnl-by-symbol"] table tbody tr').count()).toBe(19);
    await page.close();
  });

  it('sweep: heat map of two parameters, trials table, number of trials and deflated Sharpe, then the best trial', async () => {
    const out = join(dir, 'sweep');
    await cli('sweep', '--data', join(daily, 'MKT.csv'), '--strategy', 'sma-cross', '--param', 'fast=5:30:5', '--param', 'slow=40,60,80,100,150', '--workers', '1', '--out', out, '--quiet');
    const page = await open(join(out, 'report.html'), 'tear-sheet-sweep.png');
    const sweep = page.locator('[data-section="sweep"]');
    expect(await sweep.locator('h2').innerText()).toBe('Parameter sweep: 30 trials');
    expect(await sweep.locator('table.sweep-grid tbody tr').count()).toBe(6); // fast = 5 … 30
    expect(await sweep.locator('table.sweep-grid thead th').count()).toBe(6); // corner + 5 slow values
    expect(await sweep.locator('table.sweep-grid td.best').count()).toBe(1);
    expect(await sweep.locator('table.trials tbody tr').count()).toBe(30);
    expect(await sweep.innerText()).toMatch(/Deflated Sharpe ratio\s+\d\.\d{3}/);
    // The best trial's parameters: only the sizing in effect, never both size and sizePct.
    const header = await page.locator('header').innerText();
    expect(header).toContain('sizePct');
    expect(header).not.toMatch(/"size":/);
    await page.close();
  });
});
