/**
 * `qt-backtest factor` end to end on real data (20-day momentum of shared/data/stock_prices.csv,
 * periods 1/5/10, 5 quantiles), then its factor.html opened from a file:// URL in headless
 * Chromium: every section visible, SVG charts with real sizes and marks, the IC table filled with
 * the figures of factor.json, no network request, no script error. A full-page screenshot is saved
 * to packages/tests/artifacts/factor-tear-sheet.png for a human look.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { runCli } from './runCli.js';
import { describe, expect, it } from 'vitest';
import { hasSharedData, needsSharedData, sharedDataDir } from './sharedData.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const required = process.env['CI'] === 'true' || process.env['QT_REQUIRE_SHARED_DATA'] === '1';
const artifacts = resolve(dirname(fileURLToPath(import.meta.url)), '../../artifacts');

/** 20-day momentum as a wide CSV (date column, one column per symbol), from the wide closes. */
function momentumCsv(pricesCsv: string): string {
  const lines = readFileSync(pricesCsv, 'utf8').trim().split('\n');
  const rows = lines.slice(1).map((l) => l.split(','));
  const out = [lines[0]!];
  for (let i = 20; i < rows.length; i++) {
    out.push(
      [rows[i]![0]!, ...rows[i]!.slice(1).map((v, j) => {
        const a = Number(v);
        const b = Number(rows[i - 20]![j + 1]);
        return v === '' || rows[i - 20]![j + 1] === '' ? '' : String(a / b - 1);
      })].join(','),
    );
  }
  return out.join('\n');
}

describe.skipIf(!hasSharedData || (!hasChromium && !required))(`qt-backtest factor → tear sheet in headless Chromium ${needsSharedData}`, () => {
  it('writes factor.json and factor.html for 20-day momentum, and the page renders every section', async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is required in CI`).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'qt-factor-'));
    const prices = join(sharedDataDir, 'stock_prices.csv');
    writeFileSync(join(dir, 'mom20.csv'), momentumCsv(prices));
    const run = await runCli(['factor', '--factor', 'mom20.csv', '--prices', prices, '--periods', '1,5,10', '--quantiles', '5', '--out', 'report'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report', 'factor.json'), 'utf8'));
    // alphalens 77084f1 on the same data: 10-day IC mean 0.021638985…, t 5.8624 (alphalens_momentum20.json)
    expect(report.icSummary['10'].mean).toBeCloseTo(0.02163898522107684, 12);
    expect(Object.keys(report.quantileTurnover)).toEqual(['1', '2', '3', '4', '5']);
    expect(run.stdout).toMatch(/IC 10 +mean 0\.0216/);

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(join(dir, 'report', 'factor.html')).href, { waitUntil: 'load' });
      expect(await page.title()).toBe('Factor tear sheet: mom20.csv');
      for (const section of ['ic', 'returns', 'turnover']) {
        const el = page.locator(`[data-section="${section}"]`);
        expect(await el.isVisible(), section).toBe(true);
        const svgs = await el.locator('svg').all();
        expect(svgs.length, section).toBeGreaterThan(2);
        for (const svg of svgs) {
          const box = await svg.boundingBox();
          expect(box?.width ?? 0, section).toBeGreaterThan(300);
          expect(box?.height ?? 0, section).toBeGreaterThan(100);
        }
        expect(await el.locator('svg :is(path.series, rect.bar, rect.bin)').count(), section).toBeGreaterThan(2);
      }
      const icRow = await page.locator('[data-section="ic"] table tr', { hasText: 'IC mean' }).innerText();
      expect(icRow).toContain('0.0216'); // 10-day mean IC
      expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
      expect(errors).toEqual([]);
      mkdirSync(artifacts, { recursive: true });
      const png = join(artifacts, 'factor-tear-sheet.png');
      rmSync(png, { force: true });
      await page.screenshot({ path: png, fullPage: true });
      expect(statSync(png).size).toBeGreaterThan(20_000);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 400_000);
});
