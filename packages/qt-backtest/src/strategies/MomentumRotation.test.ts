import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backtest, isoDate, loadBars } from '@qt-backtest/core';
import { describe, expect, it } from 'vitest';
import { MomentumRotation } from './MomentumRotation.js';
import { builtinStrategies } from './registry.js';
import { fillRows, markedEquity, testSeries } from '../internal/testBars.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');


const fills = fillRows;

// Bars every ten days: the first bar of a month is 01-01 (the first bar seen), 02-10 and 03-01.
const DATES = ['2024-01-01', '2024-01-11', '2024-01-21', '2024-01-31', '2024-02-10', '2024-02-20', '2024-03-01', '2024-03-11'];
const DATA = [
  testSeries('A', [10, 10, 10, 11, 12, 12, 12, 12], DATES),
  testSeries('B', [20, 20, 20, 20, 22, 22, 20, 20], DATES),
  testSeries('C', [40, 40, 40, 40, 40, 44, 48, 48], DATES),
  // The benchmark has by far the best momentum, and must never be traded.
  testSeries('BENCH', [100, 200, 400, 800, 1600, 3200, 6400, 12800], DATES),
];

describe('MomentumRotation', () => {
  it('rotates monthly into the top names by lookback return, sells before it buys', () => {
    // 02-10: returns over 2 bars A 12/10 − 1 = 0.2, B 0.1, C 0 → hold A, B at 0.5 × 10,000 each:
    //        floor(5000 / 12) = 416 A, floor(5000 / 22) = 227 B, filled at the 02-20 open; cash 14.
    // 03-01: A 12/12 − 1 = 0, B 20/22 − 1 < 0, C 48/40 − 1 = 0.2 → hold C, A. Equity 14 + 416 × 12 +
    //        227 × 20 = 9546, target 4773: close B; A is above target, so it sells first to
    //        floor(4773 / 12) = 397 (−19); then C buys floor(4773 / 48) = 99. Filled at the 03-11 open.
    const result = backtest({ data: DATA, strategy: new MomentumRotation({ symbols: ['A', 'B', 'C'], lookback: 2, top: 2, fraction: 1 }), cash: 10_000 });
    expect(fills(result)).toEqual([
      ['A', 'buy', 416, '2024-02-20', 12],
      ['B', 'buy', 227, '2024-02-20', 22],
      ['B', 'sell', 227, '2024-03-11', 20],
      ['A', 'sell', 19, '2024-03-11', 12],
      ['C', 'buy', 99, '2024-03-11', 48],
    ]);
    expect(result.finalCash).toBe(30);
  });

  it('holds every candidate at fraction / top when top exceeds the symbols', () => {
    // 02-10: weight 1 / 4 → 2500 each: floor(2500 / 12) = 208 A, floor(2500 / 22) = 113 B, floor(2500 / 40) = 62 C.
    const strategy = builtinStrategies['momentum-rotation']!.create({ lookback: 2, top: 4, fraction: 1 }, ['A', 'B', 'C']);
    const result = backtest({ data: DATA, strategy, cash: 10_000 });
    expect(fills(result).slice(0, 3)).toEqual([
      ['A', 'buy', 208, '2024-02-20', 12],
      ['B', 'buy', 113, '2024-02-20', 22],
      ['C', 'buy', 62, '2024-02-20', 44], // C's 02-20 open (its signal close was 40)
    ]);
    expect(result.fills.some((f) => f.symbol === 'BENCH')).toBe(false);
  });

  it('breaks ties by symbol name and skips symbols without lookback + 1 closes or a bar today', () => {
    const dates = ['2024-01-30', '2024-01-31', '2024-02-01', '2024-02-02'];
    const result = backtest({
      data: [
        testSeries('B', [10, 10, 11, 11], dates),
        testSeries('A', [20, 20, 22, 22], dates), // the same return as B: A wins the tie
        testSeries('Z', [1, 1, 1], dates.slice(1)), // only 2 closes on 02-01: not ranked (lookback 2)
      ],
      strategy: new MomentumRotation({ symbols: ['B', 'A', 'Z'], lookback: 2, top: 1, fraction: 0.5 }),
      cash: 1000,
    });
    expect(fills(result)).toEqual([['A', 'buy', 22, '2024-02-02', 22]]);
  });

  it('rebalances when the year changes even if the month number does not', () => {
    const dates = ['2023-01-10', '2023-01-20', '2024-01-10', '2024-01-20'];
    const result = backtest({
      data: [testSeries('A', [10, 11, 12, 12], dates)],
      strategy: new MomentumRotation({ symbols: ['A'], lookback: 1, top: 1, fraction: 0.5 }),
      cash: 1200,
    });
    // 2023-01-10: no return yet; 2024-01-10: a new month → floor(600 / 12) = 50 shares.
    expect(fills(result)).toEqual([['A', 'buy', 50, '2024-01-20', 12]]);
  });

  it('runs on the fixture data with sane results', async () => {
    const data = await loadBars(join(root, 'data-fixtures', 'daily'), { adjustment: 'adjusted' });
    const symbols = data.symbols.filter((s) => s !== 'MKT');
    const result = backtest({ data, strategy: builtinStrategies['momentum-rotation']!.create({}, symbols), cash: 1_000_000 });
    expect(result.fills.length).toBeGreaterThan(100);
    expect(result.fills.some((f) => f.symbol === 'MKT')).toBe(false);
    expect(result.orders.filter((o) => o.status === 'rejected')).toEqual([]);
    // Orders only on the first bar of a month; at most `top` = 5 names held; never short.
    const month = (t: number): string => isoDate(t).slice(0, 7);
    const firstOfMonth = new Set(Array.from(result.time).filter((t, i) => i === 0 || month(t) !== month(result.time[i - 1]!)));
    expect(result.orders.every((o) => firstOfMonth.has(o.submittedAt))).toBe(true);
    let mostHeld = 0;
    let leastQuantity = 0;
    for (let t = 0; t < result.time.length; t++) {
      let held = 0;
      for (const q of result.positions.values()) {
        leastQuantity = Math.min(leastQuantity, q[t]!);
        if (q[t] !== 0) held++;
      }
      mostHeld = Math.max(mostHeld, held);
    }
    expect(mostHeld).toBe(5);
    expect(leastQuantity).toBe(0);
    const last = result.time.length - 1;
    expect(result.equity[last]).toBeCloseTo(markedEquity(result, data), 6);
    expect(result.finalEquity).toBeCloseTo(result.equity[last]!, 6);
    expect(result.finalCash).toBeGreaterThanOrEqual(0);
    expect(result.finalEquity).toBeGreaterThan(0.3 * result.initialCash);
    expect(result.finalEquity).toBeLessThan(10 * result.initialCash);
  });
});
