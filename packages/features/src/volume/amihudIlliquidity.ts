/**
 * Amihud (2002) illiquidity: the average absolute return per dollar traded, a price-impact proxy
 * from daily bars (Y. Amihud, "Illiquidity and stock returns: cross-section and time-series
 * effects", J. Financial Markets 5, 2002).
 */
import { ExactRollingSum } from '../core/ExactRollingSum.js';
import { checkPeriod, column, sameLength } from '../core/errors.js';
import type { BarInput, FeatureDefinition, StreamingFeature } from '../core/types.js';

/** Ring marker for a bar that is not in the average (no volume). Real terms are >= 0. */
const SKIPPED = -1;

/** A bar's term `|r| / (close·volume)`, SKIPPED without volume, NaN when unknown. */
function term(close: number, previous: number, volume: number): number {
  const dollars = close * volume;
  if (dollars === 0) return close === close && previous === previous ? SKIPPED : Number.NaN;
  const x = Math.abs(close / previous - 1) / dollars;
  // An infinity (previous close 0) would poison the exact sum: it counts as NaN.
  return x - x === 0 ? x : Number.NaN;
}

/**
 * Scratch sums of `amihudIlliquidity`, reused by every call: a per-call object lets V8 discard the kernel's
 * optimised code at each garbage collection ("weak objects" deopt; see `ema`). Safe: the kernel
 * clears them first and runs to completion without calling user code.
 */
const AMIHUD_ILLIQUIDITY_SUM = new ExactRollingSum();

/**
 * Amihud illiquidity, aligned to the input: `out[t] = 1e6 · mean(|r_i| / (close_i · volume_i))`
 * over the bars `i = t − period + 1 .. t` that traded, with `r_i = close_i / close_{i−1} − 1`.
 * Units: absolute return per million dollars (currency units) of volume — the 1e6 scaling is
 * Amihud's, so typical large-cap values are small positive numbers; `volume` in shares.
 *
 * Bars with zero volume (or zero close) are left out of the average, as Amihud averages over
 * days with trading; NaN when no bar in the window traded. Warm-up: the first value is at index
 * `period` (it needs `period` returns). NaN while a bar with a NaN input, or the bar after it (its
 * return needs the previous close), is in the window. The sum is exactly rounded.
 *
 * @param columns - `close` and `volume`
 * @param period - window length in bars (whole number >= 1; 21 ≈ a month of days)
 * @returns a Float64Array of the same length
 * @throws {FeatureArgumentError} for an invalid period or unequal lengths
 * @example amihudIlliquidity({ close: [10, 11, 9.9], volume: [1e5, 2e5, 1e5] }, 2) // [NaN, NaN, ≈0.0732]: (0.1/2.2e6 + 0.1/9.9e5) / 2 · 1e6
 */
export function amihudIlliquidity(columns: { readonly close: ArrayLike<number>; readonly volume: ArrayLike<number> }, period: number): Float64Array {
  checkPeriod('amihudIlliquidity', period);
  const { close, volume } = columns;
  const n = sameLength('amihudIlliquidity', close, volume);
  const out = new Float64Array(n).fill(Number.NaN);
  const sum = AMIHUD_ILLIQUIDITY_SUM;
  sum.clear();
  const ring = new Float64Array(period);
  let count = 0;
  let nans = 0;
  for (let i = 1; i < n; i++) {
    const k = i % period;
    if (i > period) {
      const old = ring[k]!;
      if (old !== old) nans--;
      else if (old !== SKIPPED) {
        sum.remove(old);
        count--;
      }
    }
    const x = term(close[i]!, close[i - 1]!, volume[i]!);
    ring[k] = x;
    if (x !== x) nans++;
    else if (x !== SKIPPED) {
      sum.add(x);
      count++;
    }
    if (i >= period && nans === 0 && count > 0) out[i] = (sum.sum() / count) * 1e6;
  }
  return out;
}

/**
 * Streaming Amihud illiquidity: `add({ close, volume })` returns the value including the bar, equal
 * to `amihudIlliquidity` at the same index.
 *
 * @example
 * const a = new AmihudIlliquidity(21); for (const bar of bars) a.add(bar);
 */
export class AmihudIlliquidity implements StreamingFeature<BarInput, number> {
  readonly period: number;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #sum = new ExactRollingSum();
  readonly #ring: Float64Array;
  #previous = Number.NaN;
  #index = 0;
  #count = 0;
  #nans = 0;

  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(period: number) {
    checkPeriod('AmihudIlliquidity', period);
    this.period = period;
    this.warmUp = period + 1;
    this.#ring = new Float64Array(period);
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  add(bar: BarInput): number {
    const i = this.#index++;
    const c = bar.close ?? Number.NaN;
    const previous = this.#previous;
    this.#previous = c;
    if (i === 0) return this.value;
    const k = i % this.period;
    if (i > this.period) {
      const old = this.#ring[k]!;
      if (old !== old) this.#nans--;
      else if (old !== SKIPPED) {
        this.#sum.remove(old);
        this.#count--;
      }
    }
    const x = term(c, previous, bar.volume ?? Number.NaN);
    this.#ring[k] = x;
    if (x !== x) this.#nans++;
    else if (x !== SKIPPED) {
      this.#sum.add(x);
      this.#count++;
    }
    this.value = i >= this.period && this.#nans === 0 && this.#count > 0 ? (this.#sum.sum() / this.#count) * 1e6 : Number.NaN;
    return this.value;
  }
}

/** The registered definition of `amihudIlliquidity(period)` over close and volume. */
export function amihudIlliquidityFeature(period: number): FeatureDefinition<Float64Array> {
  checkPeriod('amihudIlliquidityFeature', period);
  return {
    name: `amihudIlliquidity(${period})`,
    inputs: ['close', 'volume'],
    batch: (c) => amihudIlliquidity({ close: column('amihudIlliquidity', c, 'close'), volume: column('amihudIlliquidity', c, 'volume') }, period),
    stream: () => new AmihudIlliquidity(period),
  };
}
