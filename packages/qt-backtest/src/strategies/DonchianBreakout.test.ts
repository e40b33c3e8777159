import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backtest, isoDate, loadBars, type BacktestResult } from '@qt-backtest/core';
import { atr } from '@qt-backtest/features';
import { describe, expect, it } from 'vitest';
import { DonchianBreakout } from './DonchianBreakout.js';
import { builtinStrategies } from './registry.js';
import { fillRows, markedEquity, testDate, testSeries } from '../internal/testBars.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const date = testDate;

type Ohlc = readonly [open: number, high: number, low: number, close: number];


const fills = fillRows;
const orderOf = (r: BacktestResult, id: string) => r.orders.find((o) => o.id === id)!;

// entry = 3, exit = 2, atrPeriod = 2, atrStop = 0.5. Channels exclude the signal bar; ATR(2) includes it.
// t   O      H      L      C       TR    ATR(2)    upper(3 before) lower(2 before)
const BARS: readonly Ohlc[] = [
  [10, 11, 9, 10], //                                 0
  [10, 11, 9, 10], //                                 1   TR 2
  [10, 11, 9, 10], //                                 2   TR 2, ATR 2
  [10, 12, 10, 12], //                                3   TR 2, ATR 2; 12 > upper 11: BUY, stop = 12 − 0.5 × 2 = 11
  [12.5, 13, 12, 12.75], //                           4   buy fills at the open 12.5; TR 1, ATR 1.5
  [12.5, 12.75, 11, 11.5], //                         5   low 11 reaches the stop: SELL at 11; TR 1.75, ATR 1.625
  [11, 11.25, 9.5, 9.75], //                          6   flat; upper 13; TR 2, ATR 1.8125
  [10, 10.5, 9.5, 10.25], //                          7   upper 13; TR 1, ATR 1.40625
  [10.25, 13.5, 10, 13.25], //                        8   TR 3.5, ATR 2.453125; 13.25 > upper 12.75: BUY, stop = 12.0234375
  [13.5, 14, 13.25, 13.75], //                        9   buy fills at 13.5; lower 9.5
  [13.75, 14, 12.5, 12.75], //                        10  low 12.5 > stop; lower 10
  [12.75, 13, 12.25, 12.375], //                      11  12.375 < lower 12.5: cancel the stop, SELL at market
  [12.125, 12.25, 11.5, 11.75], //                    12  sells at the open 12.125 (the cancelled stop would have filled too)
];
const PARAMS = { symbols: ['X'], entry: 3, exit: 2, atrPeriod: 2, atrStop: 0.5, size: 10 } as const;

describe('DonchianBreakout', () => {
  it('uses the features package Wilder ATR (hand-checked values)', () => {
    const a = atr({ high: BARS.map((b) => b[1]), low: BARS.map((b) => b[2]), close: BARS.map((b) => b[3]) }, 2);
    expect(Array.from(a.subarray(0, 9))).toEqual([NaN, NaN, 2, 2, 1.5, 1.625, 1.8125, 1.40625, 2.453125]);
  });

  it('enters on a breakout, exits by the ATR stop, re-enters, and exits on the channel low', () => {
    const result = backtest({ data: [testSeries('X', BARS)], strategy: new DonchianBreakout(PARAMS), cash: 10_000 });
    expect(fills(result)).toEqual([
      ['X', 'buy', 10, date(4), 12.5],
      ['X', 'sell', 10, date(5), 11],
      ['X', 'buy', 10, date(9), 13.5],
      ['X', 'sell', 10, date(12), 12.125],
    ]);
    const tags = result.fills.map((f) => orderOf(result, f.orderId).tag);
    expect(tags).toEqual(['entry', 'stop', 'entry', 'exit']);
    const stops = result.orders.filter((o) => o.type === 'stop');
    expect(stops.map((o) => [o.side, o.quantity, o.stopPrice, o.timeInForce, o.status, isoDate(o.submittedAt)])).toEqual([
      ['sell', 10, 11, 'gtc', 'filled', date(4)],
      ['sell', 10, 12.0234375, 'gtc', 'cancelled', date(9)],
    ]);
    expect(result.positions.get('X')![BARS.length - 1]).toBe(0);
  });

  it('places the stop after the entry fill: it works from the next bar, and fills at the open on a gap', () => {
    const rows: Ohlc[] = BARS.slice(0, 6).map((b) => [...b] as const);
    rows[4] = [12.5, 13, 10.5, 12.75]; // the fill bar trades below the stop (11): the stop is not working yet
    rows[5] = [10.75, 11.5, 10.5, 11.5]; // gaps below the stop: fills at the open
    const result = backtest({ data: [testSeries('X', rows)], strategy: new DonchianBreakout(PARAMS), cash: 10_000 });
    expect(fills(result)).toEqual([
      ['X', 'buy', 10, date(4), 12.5],
      ['X', 'sell', 10, date(5), 10.75],
    ]);
  });

  it('sizes by sizePct of cash on the signal bar and places no stop at a price <= 0', () => {
    // floor(0.5 × 1000 / 12) = 41 shares; the stop 12 − 10 × 2 < 0 is not placed; the channel exits
    // at bar 6 (9.75 < lower 11), filled at the open of bar 7.
    const result = backtest({ data: [testSeries('X', BARS)], strategy: new DonchianBreakout({ ...PARAMS, sizePct: 0.5, atrStop: 10 }), cash: 1000 });
    expect(result.orders.filter((o) => o.type === 'stop')).toEqual([]);
    expect(fills(result)).toEqual([
      ['X', 'buy', 41, date(4), 12.5],
      ['X', 'sell', 41, date(7), 10],
      // Re-entry at bar 8 with cash 1000 − 41 × 12.5 + 41 × 10 = 897.5: floor(448.75 / 13.25) = 33.
      ['X', 'buy', 33, date(9), 13.5],
      ['X', 'sell', 33, date(12), 12.125],
    ]);
  });

  it('trades only its own symbols, never the others in the data', () => {
    const result = backtest({
      data: [testSeries('X', BARS), testSeries('BENCH', BARS)],
      strategy: builtinStrategies['donchian-breakout']!.create({ entry: 3, exit: 2, atrPeriod: 2, atrStop: 0.5, size: 10 }, ['X']),
      cash: 10_000,
    });
    expect(fills(result)).toEqual([
      ['X', 'buy', 10, date(4), 12.5],
      ['X', 'sell', 10, date(5), 11],
      ['X', 'buy', 10, date(9), 13.5],
      ['X', 'sell', 10, date(12), 12.125],
    ]);
  });

  it('runs on the fixture data with sane results', async () => {
    const data = await loadBars(join(root, 'data-fixtures', 'daily'), { adjustment: 'adjusted' });
    const symbols = data.symbols.filter((s) => s !== 'MKT');
    const result = backtest({ data, strategy: builtinStrategies['donchian-breakout']!.create({ sizePct: 0.04 }, symbols), cash: 1_000_000 });
    expect(result.fills.length).toBeGreaterThan(50);
    expect(result.fills.some((f) => f.symbol === 'MKT')).toBe(false);
    expect(result.orders.filter((o) => o.status === 'rejected')).toEqual([]);
    const tags = new Map<string, number>();
    for (const f of result.fills) {
      const tag = orderOf(result, f.orderId).tag ?? '';
      tags.set(tag, (tags.get(tag) ?? 0) + 1);
    }
    // Both ways out happen, and every exit closes an entry (at most one open position per symbol at the end).
    expect(tags.get('stop')).toBeGreaterThan(0);
    expect(tags.get('exit')).toBeGreaterThan(0);
    expect((tags.get('entry') ?? 0) - (tags.get('stop') ?? 0) - (tags.get('exit') ?? 0)).toBeLessThanOrEqual(symbols.length);
    for (const q of result.positions.values()) expect(q.every((x) => x >= 0)).toBe(true);
    // Every stop sits in (0, close of its entry's signal bar).
    const entries = result.orders.filter((o) => o.tag === 'entry');
    for (const stop of result.orders.filter((o) => o.type === 'stop')) {
      const entry = entries.filter((e) => e.symbol === stop.symbol && e.submittedAt < stop.submittedAt).at(-1)!;
      const bars = data.get(stop.symbol);
      const signalClose = bars.close[bars.time.indexOf(entry.submittedAt)]!;
      expect(stop.stopPrice!).toBeGreaterThan(0);
      expect(stop.stopPrice!).toBeLessThan(signalClose);
    }
    const last = result.time.length - 1;
    expect(result.equity[last]).toBeCloseTo(markedEquity(result, data), 6);
    expect(result.finalEquity).toBeCloseTo(result.equity[last]!, 6);
    expect(result.finalEquity).toBeGreaterThan(0.5 * result.initialCash);
    expect(result.finalEquity).toBeLessThan(3 * result.initialCash);
  });
});
