/**
 * Kyle's lambda from bars: the price impact of signed order flow, estimated as the rolling OLS
 * slope of price changes on signed dollar volume (A. S. Kyle, "Continuous Auctions and Insider
 * Trading", Econometrica 53, 1985; cf. the bar-level estimator in M. López de Prado, "Advances in
 * Financial Machine Learning", 2018, ch. 19, which regresses on signed share volume — here on
 * signed dollar volume).
 */
import { checkPeriod, column, sameLength } from '../core/errors.js';
import type { BarInput, FeatureDefinition, StreamingFeature } from '../core/types.js';
import { WindowedPairSums } from '../statistics/rollingBeta.js';

/**
 * Kyle's lambda, aligned to the input: the OLS slope (with intercept) of `Δp_i = close_i −
 * close_{i−1}` on `s_i = b_i · close_i · volume_i` over the bars `i = t − period + 1 .. t`, where
 * the trade sign `b_i` follows the tick rule: +1 when `Δp_i > 0`, −1 when `Δp_i < 0`, the previous
 * sign when `Δp_i = 0` (0 before the first price change; a NaN change leaves the sign as it was).
 * Units: price per dollar of signed volume (e.g. 1e-9 means a $1M net buy moves the price 0.001).
 *
 * This is a bar-level proxy: the whole bar's volume gets one sign, so the slope measures how far
 * prices move per dollar of volume on the move's side. Warm-up: the first value is at index
 * `period`. NaN while a bar with a NaN input, or the bar after it, is in the window, and where the
 * signed volume is flat over the window. Stable O(1) windowed sums (see `WindowedPairSums`).
 *
 * @param columns - `close` and `volume`
 * @param period - number of bar changes in the regression (whole number >= 2)
 * @returns a Float64Array of the same length
 * @throws {FeatureArgumentError} for an invalid period or unequal lengths
 * @example kyleLambda({ close, volume }, 20)
 */
export function kyleLambda(columns: { readonly close: ArrayLike<number>; readonly volume: ArrayLike<number> }, period: number): Float64Array {
  checkPeriod('kyleLambda', period, 2);
  const { close, volume } = columns;
  const n = sameLength('kyleLambda', close, volume);
  const out = new Float64Array(n);
  if (n > 0) out[0] = Number.NaN;
  const sums = new WindowedPairSums(period);
  let sign = 0;
  for (let i = 1; i < n; i++) {
    const c = close[i]!;
    const dp = c - close[i - 1]!;
    if (dp > 0) sign = 1;
    else if (dp < 0) sign = -1;
    sums.push(sign * c * volume[i]!, dp);
    out[i] = sums.slope();
  }
  return out;
}

/**
 * Streaming Kyle's lambda: `add({ close, volume })` returns the value including the bar, equal to
 * `kyleLambda` at the same index.
 *
 * @example
 * const k = new KyleLambda(20); for (const bar of bars) k.add(bar);
 */
export class KyleLambda implements StreamingFeature<BarInput, number> {
  readonly period: number;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #sums: WindowedPairSums;
  #previous = Number.NaN;
  #sign = 0;
  #started = false;

  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(period: number) {
    checkPeriod('KyleLambda', period, 2);
    this.period = period;
    this.warmUp = period + 1;
    this.#sums = new WindowedPairSums(period);
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  add(bar: BarInput): number {
    const c = bar.close ?? Number.NaN;
    const previous = this.#previous;
    this.#previous = c;
    if (!this.#started) {
      this.#started = true;
      return this.value;
    }
    const dp = c - previous;
    if (dp > 0) this.#sign = 1;
    else if (dp < 0) this.#sign = -1;
    this.#sums.push(this.#sign * c * (bar.volume ?? Number.NaN), dp);
    this.value = this.#sums.slope();
    return this.value;
  }
}

/** The registered definition of `kyleLambda(period)` over close and volume. */
export function kyleLambdaFeature(period: number): FeatureDefinition<Float64Array> {
  checkPeriod('kyleLambdaFeature', period, 2);
  return {
    name: `kyleLambda(${period})`,
    inputs: ['close', 'volume'],
    batch: (c) => kyleLambda({ close: column('kyleLambda', c, 'close'), volume: column('kyleLambda', c, 'volume') }, period),
    stream: () => new KyleLambda(period),
  };
}
