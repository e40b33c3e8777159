/**
 * The HTML tear sheet of a real backtest, opened from a file:// URL in headless Chromium: every
 * section is laid out and visible, the SVG charts render with real sizes, the tables have rows,
 * and the page makes no network request. A full-page screenshot is saved to
 * packages/tests/artifacts/tear-sheet.png for a human look.
 *
 * Needs /usr/bin/chromium (Debian's `chromium` package). Skips without it on a user's machine;
 * in CI (CI=true or QT_REQUIRE_SHARED_DATA=1) a missing Chromium fails the test instead.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { backtest, loadBars, renderTearSheet, Strategy, type StrategyContext } from '@qt-backtest/core';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const required = process.env['CI'] === 'true' || process.env['QT_REQUIRE_SHARED_DATA'] === '1';
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../../..');
const artifacts = resolve(here, '../../artifacts');

const SECTIONS = ['headline', 'equity', 'drawdown', 'monthly', 'annual', 'rolling', 'distribution', 'drawdowns', 'trades'];
const CHARTS = ['equity', 'drawdown', 'annual', 'rolling', 'distribution'];
const TABLES = ['headline', 'monthly', 'drawdowns', 'trades'];

/** Rebalances between 90 % and 30 % invested every 20 bars. */
class Seesaw extends Strategy<{ symbol: string; every: number; note: string }> {
  override onBar(ctx: StrategyContext): void {
    const { symbol, every } = this.params;
    if (ctx.index % every === 0) ctx.orderTargetPercent(symbol, (ctx.index / every) % 2 === 0 ? 0.9 : 0.3);
  }
}

const name = hasChromium
  ? 'tear sheet in headless Chromium (/usr/bin/chromium)'
  : required
    ? 'tear sheet in headless Chromium (FAILS: /usr/bin/chromium is missing and CI requires it)'
    : 'tear sheet in headless Chromium (SKIPPED: /usr/bin/chromium not found; apt-get install chromium to run it)';

describe.skipIf(!hasChromium && !required)(name, () => {
  it('lays out every section, renders the SVG charts and tables, loads nothing from the network, and screenshots the page', async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is required in CI (apt-get install chromium)`).toBe(true);
    const data = await loadBars(join(repoRoot, 'data-fixtures', 'daily', 'MKT.csv'), { symbol: 'MKT' });
    const result = backtest({ data, strategy: new Seesaw({ symbol: 'MKT', every: 20, note: '<img src=x onerror=alert(1)>' }), cash: 100_000, seed: 1 });
    const close = data.get('MKT')?.close ?? new Float64Array(0);
    const html = renderTearSheet(result, { title: 'Seesaw on MKT', benchmark: { name: 'MKT buy & hold', equity: close } });
    const dir = mkdtempSync(join(tmpdir(), 'qt-tear-sheet-'));
    const file = join(dir, 'tear-sheet.html');
    writeFileSync(file, html);

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      expect(await page.title()).toBe('Seesaw on MKT');

      for (const section of SECTIONS) {
        const el = page.locator(`[data-section="${section}"]`);
        expect(await el.count(), section).toBe(1);
        expect(await el.isVisible(), section).toBe(true);
        const box = await el.boundingBox();
        expect(box?.width ?? 0, section).toBeGreaterThan(300);
        expect(box?.height ?? 0, section).toBeGreaterThan(50);
      }

      for (const section of CHARTS) {
        const svgs = page.locator(`[data-section="${section}"] svg`);
        expect(await svgs.count(), section).toBeGreaterThan(0);
        for (const svg of await svgs.all()) {
          const box = await svg.boundingBox();
          expect(box?.width ?? 0, section).toBeGreaterThan(300);
          expect(box?.height ?? 0, section).toBeGreaterThan(100);
        }
        const marks = page.locator(`[data-section="${section}"] svg :is(path.series, rect.bar, rect.bin)`);
        expect(await marks.count(), section).toBeGreaterThan(0);
        const markBox = await marks.first().boundingBox();
        expect((markBox?.width ?? 0) + (markBox?.height ?? 0), section).toBeGreaterThan(10);
        expect(await page.locator(`[data-section="${section}"] svg text.tick`).count(), section).toBeGreaterThan(2);
      }
      // Equity path spans most of the chart width.
      const equityPath = await page.locator('[data-section="equity"] svg path.series').first().boundingBox();
      expect(equityPath?.width ?? 0).toBeGreaterThan(500);

      for (const section of TABLES) {
        expect(await page.locator(`[data-section="${section}"] table tbody tr`).count(), section).toBeGreaterThan(0);
      }
      expect(await page.locator('[data-section="monthly"] table tbody tr').count()).toBe(10);
      expect(await page.locator('[data-section="monthly"] table tbody tr').first().locator('td').count()).toBe(12);
      expect(await page.locator('[data-section="trades"] table tbody tr').count()).toBe(result.trades.length);
      // The parameter with markup is shown as text, not parsed.
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('header').innerText()).toContain('<img src=x onerror=alert(1)>');

      expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
      expect(errors).toEqual([]);

      mkdirSync(artifacts, { recursive: true });
      const png = join(artifacts, 'tear-sheet.png');
      rmSync(png, { force: true });
      await page.screenshot({ path: png, fullPage: true });
      expect(statSync(png).size).toBeGreaterThan(10_000);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
