/**
 * Small bar series for the strategies' tests (internal; not part of the public API).
 */
import { BAR_FIELDS, createBarSeries, DAY_MS, isoDate, type BacktestResult, type BarSeries, type LoadedBars } from '@qt-backtest/core';

/** The first bar's date of {@link testSeries} (2024-01-01, one bar a day, no calendar). */
export const TEST_START = Date.UTC(2024, 0, 1);

/** `YYYY-MM-DD` of test bar `i`. */
export const testDate = (i: number): string => isoDate(TEST_START + i * DAY_MS);

/** One bar as `[open, high, low, close]`. */
export type TestOhlc = readonly [number, number, number, number];

/**
 * A daily series of one bar a day from {@link TEST_START} (or at `dates`), from closes (open = high
 * = low = close) or from `[open, high, low, close]` rows; volume 1e6.
 */
export function testSeries(symbol: string, bars: readonly (number | TestOhlc)[], dates?: readonly string[]): BarSeries {
  const rows = bars.map((b): TestOhlc => (typeof b === 'number' ? [b, b, b, b] : b));
  const col = (j: number): Float64Array => Float64Array.from(rows, (r) => r[j]!);
  return createBarSeries({
    symbol,
    time: Float64Array.from(rows, (_, i) => (dates === undefined ? TEST_START + i * DAY_MS : Date.parse(`${dates[i]!}T00:00:00Z`))),
    open: col(0),
    high: col(1),
    low: col(2),
    close: col(3),
    volume: new Float64Array(rows.length).fill(1e6),
    fields: BAR_FIELDS,
    frequency: 'daily',
    adjustment: 'raw',
    source: symbol,
  });
}

/** The fills of a result as `[symbol, side, quantity, date, price]` rows. */
export function fillRows(result: BacktestResult): (string | number)[][] {
  return result.fills.map((f) => [f.symbol, f.side, f.quantity, isoDate(f.time), f.price]);
}

/** Final cash plus every position at its symbol's last close: what the last equity must equal. */
export function markedEquity(result: BacktestResult, data: LoadedBars): number {
  const last = result.time.length - 1;
  let marked = result.finalCash;
  for (const s of result.symbols) {
    const q = result.positions.get(s)![last]!;
    if (q !== 0) marked += q * data.get(s).close[data.get(s).length - 1]!;
  }
  return marked;
}
