/**
 * A backtest result as plain JSON data (times as `YYYY-MM-DD` for daily data, ISO date-times
 * otherwise), and as CSV tables.
 */
import type { BacktestResult } from '../backtest/BacktestResult.js';
import { DAY_MS, isoDate } from '../time/civil.js';
import { LazyArray } from './jsonChunks.js';

/** Formats epoch-ms times as dates when every time is a date label, else as ISO instants. */
export function timeFormatter(time: Float64Array): (t: number) => string {
  let daily = true;
  for (let i = 0; i < time.length && daily; i++) daily = time[i]! % DAY_MS === 0;
  return daily ? isoDate : isoInstantFormatter();
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * `new Date(t).toISOString()`, about ten times faster on consecutive bars: the date part is kept
 * from the previous call while the day is the same (a 10-million-bar report formats every time
 * twice).
 */
function isoInstantFormatter(): (t: number) => string {
  let day = Number.NaN;
  let prefix = '';
  return (t: number): string => {
    const d = Math.floor(t / DAY_MS);
    if (!(Number.isFinite(t) && d * DAY_MS >= -8.64e15 && d * DAY_MS + DAY_MS <= 8.64e15)) return new Date(t).toISOString();
    if (d !== day) {
      day = d;
      prefix = `${new Date(d * DAY_MS).toISOString().slice(0, 11)}`;
    }
    const ms = t - d * DAY_MS;
    const h = Math.floor(ms / 3_600_000);
    const m = Math.floor((ms % 3_600_000) / 60_000);
    const sec = Math.floor((ms % 60_000) / 1000);
    const milli = ms % 1000;
    return `${prefix}${pad2(h)}:${pad2(m)}:${pad2(sec)}.${milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : milli}Z`;
  };
}

/** A number as JSON text (`null` for NaN and ±Infinity, as `JSON.stringify`). */
const jsonNumber = (x: number): string => (Number.isFinite(x) ? String(x) : 'null');

/**
 * The result as JSON-ready data: curves as arrays of `{ time, equity, cash, longValue, shortValue }`,
 * positions per symbol, open positions, orders, fills, trades (with `side` and net `pnl`), margin
 * calls, ruin, delistings, the inferred frequency and the diagnostics, with formatted times.
 *
 * @example
 * JSON.stringify(resultToJson(result));
 */
export function resultToJson(result: BacktestResult): Record<string, unknown> {
  const doc = resultJsonDocument(result);
  const positions = doc['positions'] as Record<string, LazyArray<number>>;
  return {
    ...doc,
    equity: (doc['equity'] as LazyArray<unknown>).toJSON(),
    positions: Object.fromEntries(Object.entries(positions).map(([s, q]) => [s, q.toJSON()])),
  };
}

/**
 * {@link resultToJson} with the per-bar arrays (`equity`, `positions`) as {@link LazyArray}s, whose
 * rows are made only while they are written: what `writeReport` streams into result.json.
 */
export function resultJsonDocument(result: BacktestResult): Record<string, unknown> {
  const fmt = timeFormatter(result.time);
  return {
    strategy: result.strategy,
    params: result.params,
    symbols: result.symbols,
    initialCash: result.initialCash,
    finalEquity: result.finalEquity,
    finalCash: result.finalCash,
    exact: result.exact,
    totals: result.totals,
    policy: result.policy,
    equity: new LazyArray(
      result.time.length,
      (i) => ({
        time: fmt(result.time[i]!),
        equity: result.equity[i]!,
        cash: result.cash[i]!,
        longValue: result.longValue[i]!,
        shortValue: result.shortValue[i]!,
      }),
      // Times are ISO text without characters JSON escapes.
      (i) =>
        `{"time":"${fmt(result.time[i]!)}","equity":${jsonNumber(result.equity[i]!)},"cash":${jsonNumber(result.cash[i]!)},"longValue":${jsonNumber(result.longValue[i]!)},"shortValue":${jsonNumber(result.shortValue[i]!)}}`,
    ),
    positions: Object.fromEntries([...result.positions].map(([s, q]) => [s, new LazyArray(q.length, (i) => q[i]!, (i) => jsonNumber(q[i]!))])),
    openPositions: result.openPositions.map((p) => ({ ...p, entryTime: fmt(p.entryTime) })),
    orders: result.orders.map((o) => ({ ...o, submittedAt: fmt(o.submittedAt) })),
    fills: result.fills.map((f) => ({ ...f, time: fmt(f.time) })),
    // The Trade's own names are result.json's (`side`, `pnl` net of fees, `fees`, `grossPnl`).
    trades: result.trades.map((t) => ({
      ...t,
      entryTime: fmt(t.entryTime),
      exitTime: fmt(t.exitTime),
    })),
    marginCalls: result.marginCalls.map((m) => ({ ...m, time: fmt(m.time) })),
    ruin: result.ruin === null ? null : { ...result.ruin, time: fmt(result.ruin.time) },
    delistings: result.delistings.map((d) => ({ ...d, time: fmt(d.time), lastBarTime: fmt(d.lastBarTime) })),
    frequency: { ...result.frequency, barsPerSession: Number.isNaN(result.frequency.barsPerSession) ? null : result.frequency.barsPerSession },
    diagnostics: result.diagnostics,
  };
}

/** RFC 4180 field quoting. */
function csvField(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as CSV with a header line. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [...csvChunks(header, rows.length, (i) => rows[i]!)].join('');
}

/**
 * Rows as CSV text in chunks of about `chunkChars` characters (a 10-million-row table is larger
 * than one string may be): the header line, then `row(0) … row(count − 1)`.
 */
export function* csvChunks(
  header: readonly string[],
  count: number,
  row: (i: number) => readonly unknown[],
  chunkChars = 1 << 20,
): Generator<string, void, undefined> {
  let buffer = `${header.map(csvField).join(',')}\n`;
  for (let i = 0; i < count; i++) {
    buffer += `${row(i).map(csvField).join(',')}\n`;
    if (buffer.length >= chunkChars) {
      yield buffer;
      buffer = '';
    }
  }
  yield buffer;
}

/** The equity curve as CSV: `time,equity,cash`. */
export function equityCsv(result: BacktestResult): string {
  return [...equityCsvChunks(result)].join('');
}

/** {@link equityCsv} in chunks (streamed by `writeReport`). */
export function equityCsvChunks(result: BacktestResult): Generator<string, void, undefined> {
  const fmt = timeFormatter(result.time);
  const { time, equity, cash } = result;
  // Times and numbers need no CSV quoting: rows are written directly.
  const n = time.length;
  return (function* (): Generator<string, void, undefined> {
    let buffer = 'time,equity,cash\n';
    for (let i = 0; i < n; i++) {
      buffer += `${fmt(time[i]!)},${equity[i]},${cash[i]}\n`;
      if (buffer.length >= 1 << 20) {
        yield buffer;
        buffer = '';
      }
    }
    yield buffer;
  })();
}

/** Closed round trips as CSV. */
export function tradesCsv(result: BacktestResult): string {
  const fmt = timeFormatter(result.time);
  return toCsv(
    ['symbol', 'side', 'entryTime', 'entryPrice', 'exitTime', 'exitPrice', 'quantity', 'grossPnl', 'fees', 'pnl'],
    result.trades.map((t) => [t.symbol, t.side, fmt(t.entryTime), t.entryPrice, fmt(t.exitTime), t.exitPrice, t.quantity, t.grossPnl, t.fees, t.pnl]),
  );
}

/** Fills as CSV. */
export function fillsCsv(result: BacktestResult): string {
  const fmt = timeFormatter(result.time);
  return toCsv(
    ['orderId', 'symbol', 'side', 'time', 'quantity', 'price', 'slippage', 'fee'],
    result.fills.map((f) => [f.orderId, f.symbol, f.side, fmt(f.time), f.quantity, f.price, f.slippage, f.fee]),
  );
}
