/**
 * Aroon (Chande): how recently the highest high and the lowest low of a window occurred.
 */
import { checkPeriod, column, FeatureArgumentError, sameLength } from '../core/errors.js';
import type { BarColumns, BarInput, FeatureDefinition, StreamingFeature } from '../core/types.js';
import { RollingHighLow } from './stochastic.js';

/** Batch output of {@link aroon}: three aligned columns. */
export type AroonColumns = { readonly up: Float64Array; readonly down: Float64Array; readonly oscillator: Float64Array };

/** One streaming value of {@link Aroon} (a new frozen object per bar). */
export type AroonValue = Readonly<{ up: number; down: number; oscillator: number }>;

/**
 * Aroon, aligned to the input (TA-Lib `AROON`/`AROONOSC`): over the last `period + 1` bars
 * (the current bar and `period` before it), with `f = 100/period`,
 * `up = f·(period − bars since the highest high)`, `down = f·(period − bars since the lowest low)`,
 * `oscillator = f·(bars since the low − bars since the high)` (= up − down). On ties the most recent
 * extreme counts (TA-Lib). up/down in [0, 100], oscillator in [−100, 100]. First value at index
 * `period`.
 *
 * NaN: all three are NaN while a NaN high or low is in the window.
 *
 * @param columns - `high`, `low` of equal length
 * @param period - look-back (whole number >= 2, TA-Lib's range)
 * @returns `{ up, down, oscillator }`, Float64Arrays of the input's length
 * @throws {FeatureArgumentError} for an invalid period or columns of different lengths
 * @example aroon({ high: [1, 3, 2], low: [0, 1, 0.5] }, 2) // up[2] = 50, down[2] = 0, oscillator[2] = 50
 */
export function aroon(columns: Pick<Required<BarColumns>, 'high' | 'low'>, period: number): AroonColumns {
  checkPeriod('aroon', period, 2);
  const { high, low } = columns;
  const n = sameLength('aroon', high, low);
  const window = new RollingHighLow(period + 1);
  const factor = 100 / period;
  const up = new Float64Array(n);
  const down = new Float64Array(n);
  const oscillator = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (window.add(high[i]!, low[i]!)) {
      up[i] = factor * (period - window.highAge);
      down[i] = factor * (period - window.lowAge);
      oscillator[i] = factor * (window.lowAge - window.highAge);
    } else {
      up[i] = down[i] = oscillator[i] = Number.NaN;
    }
  }
  return { up, down, oscillator };
}

const NOT_READY: AroonValue = Object.freeze({ up: Number.NaN, down: Number.NaN, oscillator: Number.NaN });

/**
 * Streaming Aroon: `add(bar)` returns a new frozen `{ up, down, oscillator }` equal to
 * `aroon(columns, period)` at the same index (all NaN for the first `period` bars).
 *
 * @example
 * const a = new Aroon(25);
 * const { up, down, oscillator } = a.add({ high, low });
 */
export class Aroon implements StreamingFeature<BarInput, AroonValue> {
  readonly period: number;
  readonly warmUp: number;
  readonly #window: RollingHighLow;
  readonly #factor: number;
  #value: AroonValue = NOT_READY;

  /** @throws {FeatureArgumentError} for an invalid period (whole number >= 2) */
  constructor(period: number) {
    checkPeriod('Aroon', period, 2);
    this.period = period;
    this.warmUp = period + 1;
    this.#window = new RollingHighLow(period + 1);
    this.#factor = 100 / period;
  }

  get value(): AroonValue {
    return this.#value;
  }

  get isReady(): boolean {
    return !Number.isNaN(this.#value.up);
  }

  /** @throws {FeatureArgumentError} when the bar lacks `high` or `low` */
  add(bar: BarInput): AroonValue {
    const { high, low } = bar;
    if (high === undefined || low === undefined) {
      throw new FeatureArgumentError(`Aroon: a bar needs "high" and "low", got "${JSON.stringify(bar)}"`);
    }
    const w = this.#window;
    const f = this.#factor;
    const p = this.period;
    this.#value = w.add(high, low)
      ? Object.freeze({ up: f * (p - w.highAge), down: f * (p - w.lowAge), oscillator: f * (w.lowAge - w.highAge) })
      : Object.freeze({ up: Number.NaN, down: Number.NaN, oscillator: Number.NaN });
    return this.#value;
  }
}

/** The registered definition of `aroon(period)` over high and low (outputs up, down, oscillator). */
export function aroonFeature(period: number): FeatureDefinition<AroonColumns> {
  checkPeriod('aroonFeature', period, 2);
  return {
    name: `aroon(${period})`,
    inputs: ['high', 'low'],
    batch: (c) => aroon({ high: column('aroon', c, 'high'), low: column('aroon', c, 'low') }, period),
    stream: () => new Aroon(period),
  };
}
