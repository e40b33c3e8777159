/**
 * Keltner channels (the modern, ATR-based form): an EMA of the close with bands a multiple of the
 * ATR above and below it.
 */
import { assertHlc, checkPeriod, column, FeatureArgumentError } from '../core/errors.js';
import type { BarColumns, BarInput, FeatureDefinition, StreamingFeature } from '../core/types.js';
import { Ema, ema } from '../trend/ema.js';
import { Atr, atr } from './atr.js';

/** Parameters of {@link keltner}; defaults 20, 2, 10 (StockCharts' settings). */
export interface KeltnerOptions {
  /** EMA period of the middle line (default 20). */
  readonly period?: number;
  /** Band width in ATRs (default 2; finite, >= 0). */
  readonly multiplier?: number;
  /** ATR period (default 10). */
  readonly atrPeriod?: number;
}

/** Batch output of {@link keltner}: three aligned columns. */
export type KeltnerColumns = { readonly middle: Float64Array; readonly upper: Float64Array; readonly lower: Float64Array };

/** One streaming value of {@link Keltner} (a new frozen object per bar). */
export type KeltnerValue = Readonly<{ middle: number; upper: number; lower: number }>;

function resolve(name: string, options: KeltnerOptions): [number, number, number] {
  const { period = 20, multiplier = 2, atrPeriod = 10 } = options;
  checkPeriod(`${name} period`, period);
  checkPeriod(`${name} atrPeriod`, atrPeriod);
  if (!Number.isFinite(multiplier) || multiplier < 0) {
    throw new FeatureArgumentError(`${name}: multiplier must be a finite number >= 0, got "${multiplier}"`);
  }
  return [period, multiplier, atrPeriod];
}

/**
 * Keltner channels, aligned to the input: `middle = EMA(period)` of the close (TA-Lib seeding:
 * first value at index `period − 1`, the mean of the first `period` closes; see `ema`),
 * `upper/lower = middle ± multiplier·ATR(atrPeriod)` (Wilder ATR, first value at index
 * `atrPeriod`; see `atr`). Price units. `middle` is defined from index `period − 1`, the bands from
 * index `max(period − 1, atrPeriod)`.
 *
 * Missing values: inherited from `ema` and `atr` — a NaN (or ±Infinity) close restarts the EMA,
 * a non-finite true range restarts the ATR; each output is NaN until its parts have warmed up again.
 *
 * @param columns - `high`, `low`, `close` of equal length
 * @param options - `{ period = 20, multiplier = 2, atrPeriod = 10 }`
 * @returns `{ middle, upper, lower }`, Float64Arrays of the input's length
 * @throws {FeatureArgumentError} for an invalid period or multiplier, or columns of different lengths
 * @example const { middle, upper, lower } = keltner({ high, low, close }, { period: 20, multiplier: 2, atrPeriod: 10 });
 */
export function keltner(columns: Pick<Required<BarColumns>, 'high' | 'low' | 'close'>, options: KeltnerOptions = {}): KeltnerColumns {
  const [period, multiplier, atrPeriod] = resolve('keltner', options);
  const range = atr(columns, atrPeriod); // validates the column lengths first
  const middle = ema(columns.close, period);
  const n = middle.length;
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = middle[i]!;
    const width = multiplier * range[i]!;
    upper[i] = m + width;
    lower[i] = m - width;
  }
  return { middle, upper, lower };
}

/**
 * Streaming Keltner channels: `add(bar)` returns a new frozen `{ middle, upper, lower }` equal to
 * `keltner(columns, options)` at the same index. `warmUp` (and `isReady`) refer to the bands, the
 * later outputs.
 *
 * @example
 * const k = new Keltner({ period: 20 });
 * const { middle, upper, lower } = k.add({ high, low, close });
 */
export class Keltner implements StreamingFeature<BarInput, KeltnerValue> {
  readonly options: Readonly<Required<KeltnerOptions>>;
  readonly warmUp: number;
  readonly #ema: Ema;
  readonly #atr: Atr;
  #value: KeltnerValue = Object.freeze({ middle: Number.NaN, upper: Number.NaN, lower: Number.NaN });

  /** @throws {FeatureArgumentError} for an invalid period or multiplier */
  constructor(options: KeltnerOptions = {}) {
    const [period, multiplier, atrPeriod] = resolve('Keltner', options);
    this.options = Object.freeze({ period, multiplier, atrPeriod });
    this.warmUp = Math.max(period, atrPeriod + 1);
    this.#ema = new Ema(period);
    this.#atr = new Atr(atrPeriod);
  }

  get value(): KeltnerValue {
    return this.#value;
  }

  get isReady(): boolean {
    return !Number.isNaN(this.#value.upper);
  }

  /** @throws {FeatureArgumentError} when the bar lacks `high`, `low` or `close` */
  add(bar: BarInput): KeltnerValue {
    assertHlc('Keltner', bar);
    const { close } = bar;
    const range = this.#atr.add(bar); // throws for a missing high or low
    const middle = this.#ema.add(close);
    const width = this.options.multiplier * range;
    this.#value = Object.freeze({ middle, upper: middle + width, lower: middle - width });
    return this.#value;
  }
}

/** The registered definition of `keltner(period,multiplier,atrPeriod)` over high, low and close. */
export function keltnerFeature(options: KeltnerOptions = {}): FeatureDefinition<KeltnerColumns> {
  const [period, multiplier, atrPeriod] = resolve('keltnerFeature', options);
  const resolved = { period, multiplier, atrPeriod };
  return {
    name: `keltner(${period},${multiplier},${atrPeriod})`,
    inputs: ['high', 'low', 'close'],
    batch: (c) =>
      keltner({ high: column('keltner', c, 'high'), low: column('keltner', c, 'low'), close: column('keltner', c, 'close') }, resolved),
    stream: () => new Keltner(resolved),
  };
}
