/**
 * The aligned, read-only panel an {@link Alpha} computes on: one Float64Array per field per symbol
 * on a shared time index, NaN where a symbol has no bar.
 */
import { type BarPanel, InvariantError, LookAheadError } from '@qt-backtest/core';

/** Symbols on one time index; arrays are shared, treat them as read-only. */
export interface AlphaPanel {
  readonly time: Float64Array;
  readonly symbols: readonly string[];
  readonly open: readonly Float64Array[];
  readonly high: readonly Float64Array[];
  readonly low: readonly Float64Array[];
  readonly close: readonly Float64Array[];
  readonly volume: readonly Float64Array[];
}

/**
 * An {@link AlphaPanel} from a core `BarPanel` (arrays shared, not copied).
 *
 * @example
 * const panel = alphaPanel(alignBars((await loadBars('data/')).series.values()));
 */
export function alphaPanel(bars: BarPanel): AlphaPanel {
  return Object.freeze({
    time: bars.time,
    symbols: bars.symbols,
    open: bars.fields.open,
    high: bars.fields.high,
    low: bars.fields.low,
    close: bars.fields.close,
    volume: bars.fields.volume,
  });
}

/**
 * The panel cut after row `end − 1` (rows `0 … end − 1`): what a point-in-time computation at row
 * `end − 1` may see. Arrays are views, not copies.
 *
 * @throws {InvariantError} for `end` outside `1 … rows`.
 */
export function truncatePanel(panel: AlphaPanel, end: number): AlphaPanel {
  if (!(Number.isInteger(end) && end >= 1 && end <= panel.time.length)) {
    throw new InvariantError(`truncatePanel: end ${end} must be an integer in 1…${panel.time.length}`);
  }
  const cut = (cols: readonly Float64Array[]) => cols.map((c) => c.subarray(0, end));
  return Object.freeze({
    time: panel.time.subarray(0, end),
    symbols: panel.symbols,
    open: cut(panel.open),
    high: cut(panel.high),
    low: cut(panel.low),
    close: cut(panel.close),
    volume: cut(panel.volume),
  });
}

/**
 * `values` delayed by `k >= 0` rows: `out[t] = values[t − k]` (NaN for `t < k`). The only shift an
 * alpha needs: a negative `k` (reading later rows) is refused, so a window that reaches past the
 * decision bar cannot be written with it.
 *
 * @throws {LookAheadError} for a negative `k`; {InvariantError} for a non-integer.
 * @example
 * const prevClose = lag(close, 1);
 */
export function lag(values: ArrayLike<number>, k: number): Float64Array {
  if (k < 0) throw new LookAheadError(`lag(${k}) would read ${-k} row(s) after the decision bar`);
  if (!Number.isInteger(k)) throw new InvariantError(`lag: k must be an integer, got ${k}`);
  const out = new Float64Array(values.length).fill(Number.NaN);
  for (let t = k; t < values.length; t++) out[t] = values[t - k]!;
  return out;
}
