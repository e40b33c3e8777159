/**
 * Donchian channels: the highest high and lowest low of the last `period` bars.
 */
import { checkPeriod, column, FeatureArgumentError, sameLength } from '../core/errors.js';
import type { BarInput, FeatureDefinition, StreamingFeature } from '../core/types.js';
import { SlidingExtremum } from '../statistics/rollingMax.js';

/** Donchian outputs, one aligned column each. */
export type DonchianChannels = {
  /** Highest high of the window. */
  readonly upper: Float64Array;
  /** Lowest low of the window. */
  readonly lower: Float64Array;
  /** (upper + lower) / 2. */
  readonly middle: Float64Array;
};

/** One streaming Donchian value (frozen, a new object per bar). */
export type DonchianValue = { readonly upper: number; readonly lower: number; readonly middle: number };

/**
 * Donchian channels, aligned to the input: over bars `i − period + 1 .. i` INCLUDING the current
 * bar (TA-Lib MAX/MIN convention; a breakout rule "close above yesterday's upper" must compare with
 * `upper[i − 1]`), upper = highest high, lower = lowest low, middle = (upper + lower)/2. Price units.
 * First value at index `period − 1`; NaN before it and while a NaN high (for upper) or low (for
 * lower; middle if either) is in the window. O(n) total by monotonic deques.
 *
 * @param columns - `{ high, low }` of equal length
 * @param period - window length in bars (whole number >= 1)
 * @returns `{ upper, lower, middle }`, Float64Arrays of the input's length
 * @throws {FeatureArgumentError} for an invalid period or columns of different lengths
 * @example donchian({ high: [2, 3, 2.5], low: [1, 2, 0.5] }, 2).upper // Float64Array [NaN, 3, 3]
 */
export function donchian(columns: { readonly high: ArrayLike<number>; readonly low: ArrayLike<number> }, period: number): DonchianChannels {
  checkPeriod('donchian', period);
  const { high, low } = columns;
  const n = sameLength('donchian', high, low);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const middle = new Float64Array(n);
  const hi = new SlidingExtremum(period, 1);
  const lo = new SlidingExtremum(period, -1);
  for (let i = 0; i < n; i++) {
    const u = hi.add(high[i]!);
    const l = lo.add(low[i]!);
    upper[i] = u;
    lower[i] = l;
    middle[i] = (u + l) / 2;
  }
  return { upper, lower, middle };
}

/**
 * Streaming Donchian channels: `add({ high, low })` returns a new frozen `{ upper, lower, middle }`
 * equal to `donchian(columns, period)` at the same index.
 *
 * @example
 * const d = new Donchian(2); d.add({ high: 2, low: 1 }); d.add({ high: 3, low: 2 }).upper; // 3
 */
export class Donchian implements StreamingFeature<BarInput, DonchianValue> {
  readonly period: number;
  readonly warmUp: number;
  value: DonchianValue = Object.freeze({ upper: Number.NaN, lower: Number.NaN, middle: Number.NaN });
  readonly #hi: SlidingExtremum;
  readonly #lo: SlidingExtremum;

  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(period: number) {
    checkPeriod('Donchian', period);
    this.period = period;
    this.warmUp = period;
    this.#hi = new SlidingExtremum(period, 1);
    this.#lo = new SlidingExtremum(period, -1);
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value.middle);
  }

  /** @throws {FeatureArgumentError} when the bar has no high or low */
  add(bar: BarInput): DonchianValue {
    const { high, low } = bar;
    if (high === undefined || low === undefined) throw new FeatureArgumentError(`Donchian: bar needs "high" and "low", got "${JSON.stringify(bar)}"`);
    const u = this.#hi.add(high);
    const l = this.#lo.add(low);
    this.value = Object.freeze({ upper: u, lower: l, middle: (u + l) / 2 });
    return this.value;
  }
}

/** The registered definition of `donchian(period)` over high and low. */
export function donchianFeature(period: number): FeatureDefinition<DonchianChannels> {
  checkPeriod('donchianFeature', period);
  return {
    name: `donchian(${period})`,
    inputs: ['high', 'low'],
    batch: (c) => donchian({ high: column('donchian', c, 'high'), low: column('donchian', c, 'low') }, period),
    stream: () => new Donchian(period),
  };
}
