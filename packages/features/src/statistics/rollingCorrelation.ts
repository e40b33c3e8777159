/**
 * Rolling Pearson correlation of two series.
 */
import { checkPeriod, sameLength } from '../core/errors.js';
import type { FeatureDefinition } from '../core/types.js';
import { pairFeature, type PairFeatureOptions, WindowedPairSums } from './rollingBeta.js';

/**
 * Rolling Pearson correlation of `x` and `y`, aligned to the input: `out[i]` is the correlation of
 * the pairs `i − period + 1 .. i`, in [−1, 1] (clamped against rounding).
 *
 * Warm-up: NaN for `i < period − 1`. NaN while a pair with a NaN (or infinity) is in the window, and
 * where either series is flat over the window (its spread below rounding noise). Stable O(1)
 * updates, equal to a from-scratch two-pass computation to ~1e-13 relative on data of steady
 * scale (see `WindowedPairSums` for the precise bound).
 *
 * @param x - first series
 * @param y - second series, same length
 * @param period - window length (whole number >= 2)
 * @returns a Float64Array of the same length
 * @throws {FeatureArgumentError} for an invalid period or unequal lengths
 * @example rollingCorrelation([1, 2, 3, 4], [2, 4, 6, 5], 3) // [NaN, NaN, 1, 0.5]
 */
export function rollingCorrelation(x: ArrayLike<number>, y: ArrayLike<number>, period: number): Float64Array {
  checkPeriod('rollingCorrelation', period, 2);
  const n = sameLength('rollingCorrelation', x, y);
  const out = new Float64Array(n);
  const sums = new WindowedPairSums(period);
  for (let i = 0; i < n; i++) {
    sums.push(x[i]!, y[i]!);
    out[i] = sums.correlation();
  }
  return out;
}

/**
 * Streaming rolling correlation: `add(x, y)` returns the correlation including the pair, equal to
 * `rollingCorrelation` at the same index.
 *
 * @example
 * const r = new RollingCorrelation(3); r.add(1, 2); r.add(2, 4); r.add(3, 6); // 1
 */
export class RollingCorrelation {
  readonly period: number;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #sums: WindowedPairSums;

  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(period: number) {
    checkPeriod('RollingCorrelation', period, 2);
    this.period = period;
    this.warmUp = period;
    this.#sums = new WindowedPairSums(period);
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  /** Feeds one pair; returns the correlation. */
  add(x: number, y: number): number {
    this.#sums.push(x, y);
    this.value = this.#sums.correlation();
    return this.value;
  }
}

/**
 * The registered definition of the rolling correlation of the close with a captured `benchmark`
 * column (same index as the data it runs on). By default on one-bar simple returns of both (see
 * {@link PairFeatureOptions}).
 *
 * @throws {FeatureArgumentError} for an invalid period or option
 * @example rollingCorrelationFeature(spy.close, 60)
 */
export function rollingCorrelationFeature(benchmark: ArrayLike<number>, period: number, options: PairFeatureOptions = {}): FeatureDefinition<Float64Array> {
  return pairFeature('rollingCorrelation', benchmark, period, options, rollingCorrelation, () => new RollingCorrelation(period));
}
