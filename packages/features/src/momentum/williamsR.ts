/**
 * Williams %R: where the close sits below the recent highest high, as a percentage of the range.
 */
import { assertHlc, checkPeriod, column, sameLength } from '../core/errors.js';
import type { BarColumns, BarInput, FeatureDefinition, StreamingFeature } from '../core/types.js';
import { RollingHighLow } from './stochastic.js';

/** %R from the window's extremes; a zero range gives 0, as in TA-Lib. */
function percentR(close: number, high: number, low: number): number {
  const range = high - low;
  // (close − HH) rather than −(HH − close): the same magnitude, but +0 instead of −0 at the top.
  if (range !== 0) return 100 * ((close - high) / range);
  return close === close ? 0 : Number.NaN;
}

/**
 * Williams %R, aligned to the input (TA-Lib `WILLR`): `−100·(HH − close) / (HH − LL)` with HH/LL
 * the highest high/lowest low of the last `period` bars including the current one; 0 when
 * `HH == LL` (TA-Lib's choice; the exact-zero test differs from TA-Lib only for ranges below its
 * epsilon). In [−100, 0] when each close lies within its bar's range (0 at the highest high).
 * First value at index `period − 1`.
 *
 * NaN: a NaN high or low makes %R NaN while it is in the window; a NaN close, for its own bar.
 *
 * @param columns - `high`, `low`, `close` of equal length
 * @param period - bars in the range (whole number >= 2, TA-Lib's range)
 * @returns a Float64Array of the same length
 * @throws {FeatureArgumentError} for an invalid period or columns of different lengths
 * @example williamsR({ high: [3, 4], low: [1, 2], close: [2, 3] }, 2) // Float64Array [NaN, -33.33…]
 */
export function williamsR(columns: Pick<Required<BarColumns>, 'high' | 'low' | 'close'>, period: number): Float64Array {
  checkPeriod('williamsR', period, 2);
  const { high, low, close } = columns;
  const n = sameLength('williamsR', high, low, close);
  const window = new RollingHighLow(period);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = window.add(high[i]!, low[i]!) ? percentR(close[i]!, window.high, window.low) : Number.NaN;
  }
  return out;
}

/**
 * Streaming Williams %R: `add(bar)` returns %R including `bar` (NaN during warm-up), equal to
 * `williamsR(columns, period)` at the same index.
 *
 * @example
 * const r = new WilliamsR(14);
 * r.add({ high, low, close });
 */
export class WilliamsR implements StreamingFeature<BarInput, number> {
  readonly period: number;
  readonly warmUp: number;
  readonly #window: RollingHighLow;
  #value = Number.NaN;

  /** @throws {FeatureArgumentError} for an invalid period (whole number >= 2) */
  constructor(period: number) {
    checkPeriod('WilliamsR', period, 2);
    this.period = period;
    this.warmUp = period;
    this.#window = new RollingHighLow(period);
  }

  get value(): number {
    return this.#value;
  }

  get isReady(): boolean {
    return !Number.isNaN(this.#value);
  }

  /** @throws {FeatureArgumentError} when the bar lacks `high`, `low` or `close` */
  add(bar: BarInput): number {
    assertHlc('WilliamsR', bar);
    const { high, low, close } = bar;
    const w = this.#window;
    this.#value = w.add(high, low) ? percentR(close, w.high, w.low) : Number.NaN;
    return this.#value;
  }
}

/** The registered definition of `williamsR(period)` over high, low and close. */
export function williamsRFeature(period: number): FeatureDefinition<Float64Array> {
  checkPeriod('williamsRFeature', period, 2);
  return {
    name: `williamsR(${period})`,
    inputs: ['high', 'low', 'close'],
    batch: (c) =>
      williamsR({ high: column('williamsR', c, 'high'), low: column('williamsR', c, 'low'), close: column('williamsR', c, 'close') }, period),
    stream: () => new WilliamsR(period),
  };
}
