/**
 * Stochastic oscillator (Lane; TA-Lib `STOCH` with SMA smoothing): where the close sits in the
 * recent high–low range, smoothed (%K) and smoothed again (%D). Also the rolling high/low window
 * it shares with Williams %R and Aroon.
 */
import { assertHlc, checkPeriod, column, sameLength } from '../core/errors.js';
import type { BarColumns, BarInput, FeatureDefinition, StreamingFeature } from '../core/types.js';
import { Sma, sma } from '../trend/sma.js';

/**
 * Highest high and lowest low of the last `length` bars (including the current one) and how many
 * bars ago each occurred; on ties the most recent bar wins (TA-Lib's `AROON` rule). Amortised O(1)
 * per bar: the window is rescanned only when its extreme drops out (TA-Lib's scheme). Batch and
 * streaming faces both run through it, so they agree exactly.
 *
 * @internal
 */
export class RollingHighLow {
  readonly length: number;
  readonly #highs: Float64Array;
  readonly #lows: Float64Array;
  #t = -1;
  #highAt = -1;
  #lowAt = -1;
  #high = Number.NEGATIVE_INFINITY;
  #low = Number.POSITIVE_INFINITY;
  #nans = 0; // bars in the window with a NaN high or low

  constructor(length: number) {
    this.length = length;
    this.#highs = new Float64Array(length);
    this.#lows = new Float64Array(length);
  }

  /** Highest high in the window (meaningful when `add` returned true). */
  get high(): number {
    return this.#high;
  }

  /** Lowest low in the window (meaningful when `add` returned true). */
  get low(): number {
    return this.#low;
  }

  /** Bars since the highest high (0 = the current bar). */
  get highAge(): number {
    return this.#t - this.#highAt;
  }

  /** Bars since the lowest low (0 = the current bar). */
  get lowAge(): number {
    return this.#t - this.#lowAt;
  }

  /**
   * Adds a bar; returns whether the window is full and free of NaN (then `high`, `low` and the
   * ages are defined). NaN highs/lows are skipped by the extreme tracking and counted instead.
   */
  add(high: number, low: number): boolean {
    const w = this.length;
    const highs = this.#highs;
    const lows = this.#lows;
    const t = ++this.#t;
    const k = t % w;
    if (t >= w) {
      const oh = highs[k]!;
      const ol = lows[k]!;
      if (oh !== oh || ol !== ol) this.#nans--;
    }
    highs[k] = high;
    lows[k] = low;
    if (high !== high || low !== low) this.#nans++;
    const trailing = t - w + 1;
    if (this.#highAt < trailing) {
      let best = Number.NEGATIVE_INFINITY;
      let at = -1;
      for (let j = trailing < 0 ? 0 : trailing; j <= t; j++) {
        const v = highs[j % w]!;
        if (v >= best) {
          best = v;
          at = j;
        }
      }
      this.#high = best;
      this.#highAt = at;
    } else if (high >= this.#high) {
      this.#high = high;
      this.#highAt = t;
    }
    if (this.#lowAt < trailing) {
      let best = Number.POSITIVE_INFINITY;
      let at = -1;
      for (let j = trailing < 0 ? 0 : trailing; j <= t; j++) {
        const v = lows[j % w]!;
        if (v <= best) {
          best = v;
          at = j;
        }
      }
      this.#low = best;
      this.#lowAt = at;
    } else if (low <= this.#low) {
      this.#low = low;
      this.#lowAt = t;
    }
    return trailing >= 0 && this.#nans === 0;
  }
}

/** Parameters of {@link stochastic}; defaults 14, 3, 3. */
export interface StochasticOptions {
  /** Bars in the high–low range, including the current one (default 14). */
  readonly k?: number;
  /** SMA period turning raw %K into %K (default 3; 1 gives the fast, unsmoothed %K). */
  readonly smoothK?: number;
  /** SMA period of %D over %K (default 3). */
  readonly d?: number;
}

/** Batch output of {@link stochastic}: two aligned columns. */
export type StochasticColumns = { readonly k: Float64Array; readonly d: Float64Array };

/** One streaming value of {@link Stochastic} (a new frozen object per bar). */
export type StochasticValue = Readonly<{ k: number; d: number }>;

function resolve(name: string, options: StochasticOptions): [number, number, number] {
  const { k = 14, smoothK = 3, d = 3 } = options;
  checkPeriod(`${name} k`, k);
  checkPeriod(`${name} smoothK`, smoothK);
  checkPeriod(`${name} d`, d);
  return [k, smoothK, d];
}

/** Raw %K; a zero range gives 0, as in TA-Lib. */
function rawK(close: number, high: number, low: number): number {
  const range = high - low;
  if (range !== 0) return 100 * ((close - low) / range);
  return close === close ? 0 : Number.NaN;
}

/**
 * Slow stochastic, aligned to the input (TA-Lib `STOCH` with SMA for both smoothings):
 * raw %K `= 100·(close − LL) / (HH − LL)` with HH/LL the highest high/lowest low of the last `k`
 * bars including the current one (0 when `HH == LL`, TA-Lib's choice; the exact-zero test differs
 * from TA-Lib only for ranges below its epsilon), `%K = SMA(smoothK)` of raw %K, `%D = SMA(d)` of
 * %K (exactly rounded window sums). In [0, 100] when each close lies within its bar's range. %K is
 * first defined at index `k + smoothK − 2`, %D at `k + smoothK + d − 3` (15 and 17 for 14, 3, 3).
 *
 * NaN: a NaN high or low makes raw %K NaN while it is in the `k`-bar window, a NaN close for its
 * own bar; the SMAs then stay NaN while a NaN raw %K (or %K) is in their windows.
 *
 * @param columns - `high`, `low`, `close` of equal length
 * @param options - `{ k = 14, smoothK = 3, d = 3 }`, each a whole number >= 1
 * @returns `{ k, d }`, Float64Arrays of the input's length
 * @throws {FeatureArgumentError} for an invalid period or columns of different lengths
 * @example const { k, d } = stochastic({ high, low, close }, { k: 14, smoothK: 3, d: 3 });
 */
export function stochastic(
  columns: Pick<Required<BarColumns>, 'high' | 'low' | 'close'>,
  options: StochasticOptions = {},
): StochasticColumns {
  const [kPeriod, smoothK, dPeriod] = resolve('stochastic', options);
  const { high, low, close } = columns;
  const n = sameLength('stochastic', high, low, close);
  const window = new RollingHighLow(kPeriod);
  const raw = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    raw[i] = window.add(high[i]!, low[i]!) ? rawK(close[i]!, window.high, window.low) : Number.NaN;
  }
  const k = sma(raw, smoothK);
  return { k, d: sma(k, dPeriod) };
}

const NOT_READY: StochasticValue = Object.freeze({ k: Number.NaN, d: Number.NaN });

/**
 * Streaming slow stochastic: `add(bar)` returns a new frozen `{ k, d }` equal to
 * `stochastic(columns, options)` at the same index. `warmUp` (and `isReady`) refer to %D, the later
 * output (`k + smoothK + d − 2` bars; %K is defined `d − 1` bars earlier).
 *
 * @example
 * const s = new Stochastic({ k: 14 });
 * const { k, d } = s.add({ high, low, close });
 */
export class Stochastic implements StreamingFeature<BarInput, StochasticValue> {
  readonly options: Readonly<Required<StochasticOptions>>;
  readonly warmUp: number;
  readonly #window: RollingHighLow;
  readonly #smoothK: Sma;
  readonly #smoothD: Sma;
  #value: StochasticValue = NOT_READY;

  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(options: StochasticOptions = {}) {
    const [k, smoothK, d] = resolve('Stochastic', options);
    this.options = Object.freeze({ k, smoothK, d });
    this.warmUp = k + smoothK + d - 2;
    this.#window = new RollingHighLow(k);
    this.#smoothK = new Sma(smoothK);
    this.#smoothD = new Sma(d);
  }

  get value(): StochasticValue {
    return this.#value;
  }

  get isReady(): boolean {
    return !Number.isNaN(this.#value.d);
  }

  /** @throws {FeatureArgumentError} when the bar lacks `high`, `low` or `close` */
  add(bar: BarInput): StochasticValue {
    assertHlc('Stochastic', bar);
    const { high, low, close } = bar;
    const w = this.#window;
    const raw = w.add(high, low) ? rawK(close, w.high, w.low) : Number.NaN;
    const k = this.#smoothK.add(raw);
    this.#value = Object.freeze({ k, d: this.#smoothD.add(k) });
    return this.#value;
  }
}

/** The registered definition of `stochastic(k,smoothK,d)` over high, low and close (outputs k, d). */
export function stochasticFeature(options: StochasticOptions = {}): FeatureDefinition<StochasticColumns> {
  const [k, smoothK, d] = resolve('stochasticFeature', options);
  const resolved = { k, smoothK, d };
  return {
    name: `stochastic(${k},${smoothK},${d})`,
    inputs: ['high', 'low', 'close'],
    batch: (c) =>
      stochastic({ high: column('stochastic', c, 'high'), low: column('stochastic', c, 'low'), close: column('stochastic', c, 'close') }, resolved),
    stream: () => new Stochastic(resolved),
  };
}
