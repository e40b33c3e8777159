import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backtest, DAY_MS, loadBars, type BarSeries } from '@qt-backtest/core';
import { rsi } from '@qt-backtest/features';
import { describe, expect, it } from 'vitest';
import { builtinStrategies } from './registry.js';
import { RsiReversion } from './RsiReversion.js';
import { fillRows, markedEquity, TEST_START, testDate, testSeries } from '../internal/testBars.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const date = testDate;

/** A daily series (every day, no calendar): open = previous close + `gap` (open[0] = close[0]). */
function series(symbol: string, closes: readonly number[], gap = 0.25): BarSeries {
  // Each bar opens `gap` above the previous close (the first at its close).
  return testSeries(
    symbol,
    closes.map((c, i) => {
      const open = i === 0 ? c : closes[i - 1]! + gap;
      return [open, Math.max(c, open), Math.min(c, open), c] as const;
    }),
  );
}

const fills = fillRows;

// Wilder RSI(2) by hand (seed = mean of the first 2 gains/losses, then avg = (avg + new) / 2):
// t  close  d     avgGain    avgLoss    RSI
// 2  10     −1    0.5        0.5        50
// 3  9      −1    0.25       0.75       25        < 30: buy (fills at open[4] = 9 + 0.25)
// 4  12     +3    1.625      0.375      81.25     > 50: sell (fills at open[5] = 12.25)
// 5  13     +1    1.3125     0.1875     87.5      > 70: short with allowShort (open[6] = 13.25)
// 6  11     −2    0.65625    1.09375    37.5      < 50: cover (open[7] = 11.25)
// 7  11.5   +0.5  0.578125   0.546875   51.39     nothing
// 8  10     −1.5  0.2890625  1.0234375  22.02     < 30: buy (open[9] = 10.25)
// 9  10.5   +0.5  0.39453125 0.51171875 43.53     hold
const CLOSES = [10, 11, 10, 9, 12, 13, 11, 11.5, 10, 10.5, 10.25];

describe('RsiReversion', () => {
  it('uses the features package Wilder RSI (hand-checked values)', () => {
    const r = rsi(CLOSES, 2);
    expect(Array.from(r.subarray(0, 7))).toEqual([NaN, NaN, 50, 25, 81.25, 87.5, 37.5]);
    expect(r[8]).toBeCloseTo(22.0238, 4);
  });

  it('buys below entry and sells above exit, at the next open', () => {
    const result = backtest({ data: [series('X', CLOSES)], strategy: new RsiReversion({ symbols: ['X'], period: 2 }), cash: 10_000 });
    expect(fills(result)).toEqual([
      ['X', 'buy', 100, date(4), 9.25],
      ['X', 'sell', 100, date(5), 12.25],
      ['X', 'buy', 100, date(9), 10.25],
    ]);
    expect(result.positions.get('X')![CLOSES.length - 1]).toBe(100);
  });

  it('mirrors on the short side with allowShort', () => {
    const result = backtest({
      data: [series('X', CLOSES)],
      strategy: new RsiReversion({ symbols: ['X'], period: 2, allowShort: true, size: 10 }),
      cash: 10_000,
      margin: { initial: 0.5, maintenance: 0.25 },
    });
    expect(fills(result)).toEqual([
      ['X', 'buy', 10, date(4), 9.25],
      ['X', 'sell', 10, date(5), 12.25],
      ['X', 'sell', 10, date(6), 13.25],
      ['X', 'buy', 10, date(7), 11.25],
      ['X', 'buy', 10, date(9), 10.25],
    ]);
  });

  it('sizes by sizePct of cash on the signal bar', () => {
    // floor(0.5 × 1000 / close[3] = 9) = 55 shares; at bar 8, cash is 1000 + 55 × (12.25 − 9.25) = 1165: floor(582.5 / 10) = 58.
    const result = backtest({ data: [series('X', CLOSES)], strategy: new RsiReversion({ symbols: ['X'], period: 2, sizePct: 0.5 }), cash: 1000 });
    expect(fills(result)).toEqual([
      ['X', 'buy', 55, date(4), 9.25],
      ['X', 'sell', 55, date(5), 12.25],
      ['X', 'buy', 58, date(9), 10.25],
    ]);
  });

  it('trades only its own symbols, never the others in the data', () => {
    const result = backtest({
      data: [series('X', CLOSES), series('BENCH', CLOSES)],
      strategy: builtinStrategies['rsi-reversion']!.create({ period: 2 }, ['X']),
      cash: 10_000,
    });
    expect(result.fills.every((f) => f.symbol === 'X')).toBe(true);
    expect(result.fills).toHaveLength(3);
  });

  it('signals exactly where the batch rsi crosses the thresholds (random walk)', () => {
    let seed = 7;
    const rand = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const closes: number[] = [50];
    for (let i = 1; i < 400; i++) closes.push(Math.max(1, Math.round((closes[i - 1]! + (rand() - 0.5) * 3) * 100) / 100));
    const period = 5;
    const r = rsi(closes, period);
    const expected: [string, number][] = [];
    let held = 0;
    for (let t = 0; t + 1 < closes.length; t++) {
      const x = r[t]!;
      if (Number.isNaN(x)) continue;
      if (held === 0 && x < 30) {
        expected.push(['buy', t + 1]);
        held = 1;
      } else if (held === 1 && x > 50) {
        expected.push(['sell', t + 1]);
        held = 0;
      }
    }
    const result = backtest({ data: [series('X', closes, 0)], strategy: new RsiReversion({ symbols: ['X'], period, size: 1 }), cash: 1e6 });
    expect(expected.length).toBeGreaterThan(10);
    expect(result.fills.map((f) => [f.side, (f.time - TEST_START) / DAY_MS])).toEqual(expected);
  });

  it('runs on the fixture data with sane results', async () => {
    const data = await loadBars(join(root, 'data-fixtures', 'daily'), { adjustment: 'adjusted' });
    const symbols = data.symbols.filter((s) => s !== 'MKT');
    const result = backtest({ data, strategy: builtinStrategies['rsi-reversion']!.create({ sizePct: 0.04 }, symbols), cash: 1_000_000 });
    expect(result.fills.length).toBeGreaterThan(50);
    expect(result.fills.some((f) => f.symbol === 'MKT')).toBe(false);
    expect(result.orders.filter((o) => o.status === 'rejected')).toEqual([]);
    // Every entry is a buy (long only), and positions never go short.
    for (const q of result.positions.values()) expect(q.every((x) => x >= 0)).toBe(true);
    const last = result.time.length - 1;
    expect(result.equity[last]).toBeCloseTo(markedEquity(result, data), 6);
    expect(result.finalEquity).toBeCloseTo(result.equity[last]!, 6);
    expect(result.finalEquity).toBeGreaterThan(0.5 * result.initialCash);
    expect(result.finalEquity).toBeLessThan(3 * result.initialCash);
  });
});
