/**
 * Rolling percentile rank of the current value within its window.
 */
import { checkPeriod, column } from '../core/errors.js';
import type { FeatureDefinition, StreamingFeature } from '../core/types.js';
import { SortedWindow } from './rollingQuantile.js';

/**
 * Rolling percentile rank, aligned to the input: where `x[i]` sits among `values[i − period + 1 ..
 * i]` (a window that includes it), in [0, 1]:
 *
 *     rank = (less + (equal − 1)/2) / (period − 1)
 *
 * with `less` the number of window values below x and `equal` the number equal to x (x included),
 * i.e. the 0-based position of x in the sorted window with ties averaged, scaled so the window's
 * minimum scores 0, its maximum 1 and a flat window 0.5. pandas' `rolling(n).rank(pct=True)` (ties
 * 'average') is (less + (equal + 1)/2)/n instead, in (0, 1]: ours = (pandasRank·n − 1)/(n − 1).
 * NaN for `i < period − 1` and while a NaN is in the window. O(log w) per value plus the sorted
 * window's memmove (see `SortedWindow`).
 *
 * @param values - input series
 * @param period - window length (whole number >= 2)
 * @returns a Float64Array of the same length, values in [0, 1]
 * @throws {FeatureArgumentError} for an invalid period
 * @example rollingRank([3, 1, 2, 2], 3) // Float64Array [NaN, NaN, 0.5, 0.75] (last: (1 + 0.5)/2)
 */
export function rollingRank(values: ArrayLike<number>, period: number): Float64Array {
  checkPeriod('rollingRank', period, 2);
  const n = values.length;
  const out = new Float64Array(n);
  const w = new SortedWindow(period);
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    w.add(x);
    out[i] = rankOf(w, x);
  }
  return out;
}

function rankOf(w: SortedWindow, x: number): number {
  if (!w.ready) return Number.NaN;
  const less = w.countBelow(x);
  const equal = w.countAtOrBelow(x) - less;
  return (less + (equal - 1) / 2) / (w.period - 1);
}

/**
 * Streaming rolling percentile rank: `add(x)` returns the value `rollingRank` has at the same
 * index.
 *
 * @example
 * const r = new RollingRank(3); r.add(3); r.add(1); r.add(2); // 0.5
 */
export class RollingRank implements StreamingFeature<number, number> {
  readonly period: number;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #window: SortedWindow;

  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(period: number) {
    checkPeriod('RollingRank', period, 2);
    this.period = period;
    this.warmUp = period;
    this.#window = new SortedWindow(period);
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  add(x: number): number {
    this.#window.add(x);
    this.value = rankOf(this.#window, x);
    return this.value;
  }
}

/** The registered definition of `rollingRank(period)` over the close. */
export function rollingRankFeature(period: number): FeatureDefinition<Float64Array> {
  checkPeriod('rollingRankFeature', period, 2);
  return {
    name: `rollingRank(${period})`,
    inputs: ['close'],
    batch: (c) => rollingRank(column('rollingRank', c, 'close'), period),
    stream: () => new RollingRank(period),
  };
}
