/**
 * `qt-backtest run --alpha` end to end on real data: a user's Alpha class file (20-day momentum)
 * over the 20 stocks of shared/data/stock_prices.csv (2010–2017), with fees and slippage, under each
 * portfolio construction; the result directory is complete and the trading follows the rebalance
 * schedule. A look-ahead alpha is refused before any trading.
 */
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './runCli.js';
import { hasSharedData, needsSharedData, sharedDataDir } from './sharedData.js';

const here = dirname(fileURLToPath(import.meta.url));

const cli = runCli;

describe.skipIf(!hasSharedData)(`qt-backtest run --alpha on stock_prices.csv ${needsSharedData}`, () => {
  const common = (dir: string) => [
    'run', '--data', join(sharedDataDir, 'stock_prices.csv'), '--from', '2010-01-04', '--to', '2017-12-29',
    '--alpha', join(here, 'fixtures', 'Momentum20.ts'), '--param', 'lookback=20', '--cash', '1000000',
    '--fee-per-share', '0.005', '--fee-min', '1', '--slippage-bps', '5', '--rebalance-every', '21', '--out', join(dir, 'out'),
  ];

  it.each(['equal-weight', 'insight-weighted', 'long-short-quantile'])('--portfolio %s: a costed backtest with a report', async (portfolio) => {
    const dir = mkdtempSync(join(tmpdir(), 'qt-run-alpha-'));
    try {
      const r = await cli([...common(dir), '--portfolio', portfolio], dir);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('FrameworkStrategy(Momentum20(lookback=20)');
      for (const f of ['result.json', 'report.html']) expect(existsSync(join(dir, 'out', f)), f).toBe(true);
      const result = JSON.parse(readFileSync(join(dir, 'out', 'result.json'), 'utf8'));
      const fills = result.fills as Array<{ time: string | number; fee: number; side: string }>;
      expect(fills.length).toBeGreaterThan(50);
      // per-share fee with a $1 minimum (core charges 0.9999999999999999 for some minimum fills: rounding, noted)
      expect(fills.every((f) => f.fee >= 1 - 1e-9)).toBe(true);
      if (portfolio === 'long-short-quantile') expect(fills.some((f) => f.side === 'sell')).toBe(true);
      // fills happen only on the bar after a rebalance (every 21 bars from the first): at most one fill date per 21-bar block
      const dates = [...new Set(fills.map((f) => String(f.time)))];
      expect(dates.length).toBeLessThanOrEqual(Math.ceil(2013 / 21) + 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('refuses an alpha that reads the next bar (exit 1, nothing written)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qt-run-alpha-'));
    try {
      const args = common(dir).map((a) => (a.endsWith('Momentum20.ts') ? join(here, 'fixtures', 'PeekAlpha.ts') : a)).filter((a) => a !== 'lookback=20' && a !== '--param');
      const r = await cli(args, dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^error: PeekAlpha\(\): not causal: score of "\w+" at row \d+ is .* it reads data after the bar\n$/);
      expect(existsSync(join(dir, 'out'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('rejects an unknown portfolio as a usage error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qt-run-alpha-'));
    try {
      const r = await cli([...common(dir), '--portfolio', 'magic'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('error: --portfolio "magic": expected one of equal-weight, insight-weighted, long-short-quantile\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
