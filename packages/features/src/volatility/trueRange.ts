/**
 * True range (Wilder): the bar's high–low range extended to the previous close, so gaps count.
 */
import { assertHlc, column, sameLength } from '../core/errors.js';
import type { BarColumns, BarInput, FeatureDefinition, StreamingFeature } from '../core/types.js';

/**
 * The true range of one bar: `max(high − low, |high − previousClose|, |low − previousClose|)`, in
 * price units. NaN when any argument is NaN (`Math.max` propagates NaN).
 *
 * @example trueRangeOf(12, 10, 13) // 3 (the gap down from 13 counts)
 */
export function trueRangeOf(high: number, low: number, previousClose: number): number {
  return Math.max(high - low, Math.abs(high - previousClose), Math.abs(low - previousClose));
}

/**
 * True range, aligned to the input (TA-Lib `TRANGE` convention): `out[0]` is NaN (no previous
 * close), `out[i] = max(high[i] − low[i], |high[i] − close[i−1]|, |low[i] − close[i−1]|)` for
 * `i >= 1`. Price units, >= 0 when high >= low. `out[i]` is NaN when `high[i]`, `low[i]` or
 * `close[i−1]` is NaN (it reads nothing else).
 *
 * @param columns - `high`, `low`, `close` of equal length
 * @returns a Float64Array of the same length
 * @throws {FeatureArgumentError} when the columns differ in length
 * @example trueRange({ high: [10, 12], low: [9, 10], close: [9.5, 11] }) // Float64Array [NaN, 2.5]
 */
export function trueRange(columns: Pick<Required<BarColumns>, 'high' | 'low' | 'close'>): Float64Array {
  const { high, low, close } = columns;
  const n = sameLength('trueRange', high, low, close);
  const out = new Float64Array(n);
  if (n > 0) out[0] = Number.NaN;
  for (let i = 1; i < n; i++) out[i] = trueRangeOf(high[i]!, low[i]!, close[i - 1]!);
  return out;
}

/**
 * Streaming true range: `add(bar)` returns the bar's true range against the previous bar's close
 * (NaN for the first bar), equal to `trueRange(columns)` at the same index.
 *
 * @example
 * const tr = new TrueRange(); tr.add({ high: 10, low: 9, close: 9.5 }); // NaN
 * tr.add({ high: 12, low: 10, close: 11 }); // 2.5
 */
export class TrueRange implements StreamingFeature<BarInput, number> {
  readonly warmUp = 2;
  #value = Number.NaN;
  #previousClose = Number.NaN;

  get value(): number {
    return this.#value;
  }

  get isReady(): boolean {
    return !Number.isNaN(this.#value);
  }

  /** @throws {FeatureArgumentError} when the bar lacks `high`, `low` or `close` */
  add(bar: BarInput): number {
    assertHlc('TrueRange', bar);
    const { high, low, close } = bar;
    this.#value = trueRangeOf(high, low, this.#previousClose);
    this.#previousClose = close;
    return this.#value;
  }
}

/** The registered definition of `trueRange` over high, low and close. */
export function trueRangeFeature(): FeatureDefinition<Float64Array> {
  return {
    name: 'trueRange',
    inputs: ['high', 'low', 'close'],
    batch: (c) =>
      trueRange({ high: column('trueRange', c, 'high'), low: column('trueRange', c, 'low'), close: column('trueRange', c, 'close') }),
    stream: () => new TrueRange(),
  };
}
