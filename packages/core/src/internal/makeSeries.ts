/**
 * Builds small daily series for tests: rows of `[isoDate, open, high, low, close, volume?]`.
 */
import { type BarSeries, createBarSeries } from '../data/BarSeries.js';
import { DAY_MS, dayOfIsoDate } from '../time/civil.js';

/** One test bar: date, open, high, low, close and optional volume (default 1,000,000). */
export type TestRow = readonly [date: string, open: number, high: number, low: number, close: number, volume?: number];

/** A daily `BarSeries` from rows (dates ascending). */
export function makeSeries(symbol: string, rows: readonly TestRow[]): BarSeries {
  const col = (k: number, fallback = Number.NaN): Float64Array =>
    Float64Array.from(rows, (r) => (r[k] as number | undefined) ?? fallback);
  return createBarSeries({
    symbol,
    time: Float64Array.from(rows, (r) => dayOfIsoDate(r[0]) * DAY_MS),
    open: col(1),
    high: col(2),
    low: col(3),
    close: col(4),
    volume: col(5, 1_000_000),
    fields: ['open', 'high', 'low', 'close', 'volume'],
    frequency: 'daily',
    adjustment: 'raw',
    source: 'test',
  });
}

/** `n` consecutive weekday rows from `start` with a flat price `p` (open = high = low = close). */
export function flatRows(start: string, n: number, p: number, volume = 1_000_000): TestRow[] {
  const rows: TestRow[] = [];
  let d = dayOfIsoDate(start);
  while (rows.length < n) {
    const wd = (((d + 4) % 7) + 7) % 7;
    if (wd !== 0 && wd !== 6) rows.push([new Date(d * DAY_MS).toISOString().slice(0, 10), p, p, p, p, volume]);
    d++;
  }
  return rows;
}
