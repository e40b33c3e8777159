/**
 * Volume-weighted average price (VWAP) of the typical price (high + low + close) / 3: over a
 * rolling window of bars, or since the start of each session.
 */
import { ExactRollingSum } from '../core/ExactRollingSum.js';
import { checkPeriod, column, FeatureArgumentError, sameLength } from '../core/errors.js';
import type { BarColumns, BarInput, FeatureDefinition, StreamingFeature } from '../core/types.js';

/** High, low, close and volume columns, equal lengths. */
export interface HlcvColumns {
  readonly high: ArrayLike<number>;
  readonly low: ArrayLike<number>;
  readonly close: ArrayLike<number>;
  readonly volume: ArrayLike<number>;
}

/**
 * Scratch sums of `rollingVwap`, reused by every call: a per-call object lets V8 discard the kernel's
 * optimised code at each garbage collection ("weak objects" deopt; see `ema`). Safe: the kernel
 * clears them first and runs to completion without calling user code.
 */
const ROLLING_VWAP_PV = new ExactRollingSum();
const ROLLING_VWAP_VOL = new ExactRollingSum();

/**
 * Rolling VWAP, aligned to the input: `out[i] = Σ tp·v / Σ v` over bars `i − period + 1 .. i`,
 * with `tp = (high + low + close) / 3` (each `tp·v` rounded once, both sums exactly rounded, see
 * `ExactRollingSum`). Units: price.
 *
 * Warm-up: NaN for `i < period − 1`. NaN while a NaN (or infinite) input is in the window, and where the
 * window's volume is 0 (0/0: no trade, no price).
 *
 * @param columns - `high`, `low`, `close`, `volume`
 * @param period - window length in bars (whole number >= 1)
 * @returns a Float64Array of the same length
 * @throws {FeatureArgumentError} for an invalid period or unequal column lengths
 * @example rollingVwap({ high: [3, 6], low: [1, 2], close: [2, 4], volume: [1, 3] }, 2) // [NaN, 3.5]
 */
export function rollingVwap(columns: HlcvColumns, period: number): Float64Array {
  checkPeriod('rollingVwap', period);
  const { high, low, close, volume } = columns;
  const n = sameLength('rollingVwap', high, low, close, volume);
  const out = new Float64Array(n);
  const pv = ROLLING_VWAP_PV;
  pv.clear();
  const vol = ROLLING_VWAP_VOL;
  vol.clear();
  // The products of the window, kept so a leaving bar removes exactly what it added.
  const ring = new Float64Array(period);
  let nans = 0;
  for (let i = 0; i < n; i++) {
    const k = i % period;
    if (i >= period) {
      const oldPv = ring[k]!;
      if (oldPv === oldPv) {
        pv.remove(oldPv);
        vol.remove(volume[i - period]!);
      } else nans--;
    }
    const v = volume[i]!;
    const x = ((high[i]! + low[i]! + close[i]!) / 3) * v;
    // Finite x implies finite v; an infinity would poison the exact sums, so it counts as NaN.
    if (x - x === 0) {
      ring[k] = x;
      pv.add(x);
      vol.add(v);
    } else {
      ring[k] = Number.NaN;
      nans++;
    }
    out[i] = i >= period - 1 && nans === 0 ? pv.sum() / vol.sum() : Number.NaN;
  }
  return out;
}

/**
 * Streaming rolling VWAP: `add(bar)` returns the VWAP including the bar, equal to `rollingVwap`
 * at the same index.
 *
 * @example
 * const v = new RollingVwap(2);
 * v.add({ high: 3, low: 1, close: 2, volume: 1 }); v.add({ high: 6, low: 2, close: 4, volume: 3 }); // 3.5
 */
export class RollingVwap implements StreamingFeature<BarInput, number> {
  readonly period: number;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #pv = new ExactRollingSum();
  readonly #vol = new ExactRollingSum();
  readonly #ringPv: Float64Array;
  readonly #ringVol: Float64Array;
  #count = 0;
  #nans = 0;

  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(period: number) {
    checkPeriod('RollingVwap', period);
    this.period = period;
    this.warmUp = period;
    this.#ringPv = new Float64Array(period);
    this.#ringVol = new Float64Array(period);
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  add(bar: BarInput): number {
    const k = this.#count % this.period;
    if (this.#count >= this.period) {
      const oldPv = this.#ringPv[k]!;
      if (oldPv === oldPv) {
        this.#pv.remove(oldPv);
        this.#vol.remove(this.#ringVol[k]!);
      } else this.#nans--;
    }
    const v = bar.volume ?? Number.NaN;
    const x = (((bar.high ?? Number.NaN) + (bar.low ?? Number.NaN) + (bar.close ?? Number.NaN)) / 3) * v;
    this.#ringVol[k] = v;
    if (x - x === 0) {
      this.#ringPv[k] = x;
      this.#pv.add(x);
      this.#vol.add(v);
    } else {
      this.#ringPv[k] = Number.NaN;
      this.#nans++;
    }
    this.#count++;
    this.value = this.#count >= this.period && this.#nans === 0 ? this.#pv.sum() / this.#vol.sum() : Number.NaN;
    return this.value;
  }
}

/** Options of {@link sessionVwap}. */
export interface SessionVwapOptions {
  /**
   * A session id per bar (e.g. the trading day number): the VWAP restarts on every bar whose id
   * differs (`!==`) from the previous bar's. Same length as the columns.
   */
  readonly session: ArrayLike<number>;
}

/**
 * Scratch sums of `sessionVwap`, reused by every call: a per-call object lets V8 discard the kernel's
 * optimised code at each garbage collection ("weak objects" deopt; see `ema`). Safe: the kernel
 * clears them first and runs to completion without calling user code.
 */
const SESSION_VWAP_PV = new ExactRollingSum();
const SESSION_VWAP_VOL = new ExactRollingSum();

/**
 * Session VWAP, aligned to the input: `out[i] = Σ tp·v / Σ v` over the bars from the first bar of
 * `i`'s session through `i` (`tp = (high + low + close) / 3`, exactly rounded sums). Units: price.
 *
 * A session starts at index 0 and wherever `session[i] !== session[i − 1]`. No warm-up (defined
 * from each session's first bar with volume); NaN until the session has traded (0/0), and from a
 * NaN (or infinite) input to the end of its session. With a single session this is the cumulative VWAP of
 * `technicalindicators`' `VWAP`.
 *
 * @param columns - `high`, `low`, `close`, `volume`
 * @param options - `session`: one id per bar
 * @returns a Float64Array of the same length
 * @throws {FeatureArgumentError} when `session` or a column differs in length
 * @example sessionVwap({ high: [3, 6, 5], low: [1, 2, 3], close: [2, 4, 4], volume: [1, 3, 2] }, { session: [1, 1, 2] }) // [2, 3.5, 4]
 */
export function sessionVwap(columns: HlcvColumns, options: SessionVwapOptions): Float64Array {
  const { high, low, close, volume } = columns;
  const session = options.session;
  const n = sameLength('sessionVwap', high, low, close, volume);
  if (session.length !== n) {
    throw new FeatureArgumentError(`sessionVwap: session has "${session.length}" ids for ${n} bars`);
  }
  const out = new Float64Array(n);
  const pv = SESSION_VWAP_PV;
  pv.clear();
  const vol = SESSION_VWAP_VOL;
  vol.clear();
  let poisoned = false;
  for (let i = 0; i < n; i++) {
    if (i === 0 || session[i] !== session[i - 1]) {
      pv.clear();
      vol.clear();
      poisoned = false;
    }
    const v = volume[i]!;
    const x = ((high[i]! + low[i]! + close[i]!) / 3) * v;
    if (x - x === 0) {
      pv.add(x);
      vol.add(v);
    } else poisoned = true;
    out[i] = poisoned ? Number.NaN : pv.sum() / vol.sum();
  }
  return out;
}

/**
 * Streaming session VWAP: `add(bar, session)` returns the VWAP including the bar, restarting when
 * `session` differs from the previous bar's; equal to `sessionVwap` at the same index.
 *
 * @example
 * const v = new SessionVwap();
 * v.add({ high: 3, low: 1, close: 2, volume: 1 }, 1); // 2
 * v.add({ high: 5, low: 3, close: 4, volume: 2 }, 2); // 4 (new session)
 */
export class SessionVwap {
  readonly warmUp = 1;
  value = Number.NaN;
  readonly #pv = new ExactRollingSum();
  readonly #vol = new ExactRollingSum();
  #session = Number.NaN;
  #count = 0;
  #poisoned = false;

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  /** Feeds one bar with its session id; returns the VWAP of the session so far. */
  add(bar: BarInput, session: number): number {
    if (this.#count === 0 || session !== this.#session) {
      this.#pv.clear();
      this.#vol.clear();
      this.#poisoned = false;
    }
    this.#session = session;
    this.#count++;
    const v = bar.volume ?? Number.NaN;
    const x = (((bar.high ?? Number.NaN) + (bar.low ?? Number.NaN) + (bar.close ?? Number.NaN)) / 3) * v;
    if (x - x === 0) {
      this.#pv.add(x);
      this.#vol.add(v);
    } else this.#poisoned = true;
    this.value = this.#poisoned ? Number.NaN : this.#pv.sum() / this.#vol.sum();
    return this.value;
  }
}

const HLCV = ['high', 'low', 'close', 'volume'] as const;

function hlcv(name: string, c: BarColumns): HlcvColumns {
  return { high: column(name, c, 'high'), low: column(name, c, 'low'), close: column(name, c, 'close'), volume: column(name, c, 'volume') };
}

/** The registered definition of `rollingVwap(period)` over high, low, close and volume. */
export function rollingVwapFeature(period: number): FeatureDefinition<Float64Array> {
  checkPeriod('rollingVwapFeature', period);
  return {
    name: `rollingVwap(${period})`,
    inputs: HLCV,
    batch: (c) => rollingVwap(hlcv('rollingVwap', c), period),
    stream: () => new RollingVwap(period),
  };
}

/**
 * The registered definition of `sessionVwap` with the session ids captured: bar `i` of the data it
 * is run on belongs to `session[i]` (the data may be a prefix of the ids; the stream counts bars).
 */
export function sessionVwapFeature(session: ArrayLike<number>): FeatureDefinition<Float64Array> {
  return {
    name: 'sessionVwap',
    inputs: HLCV,
    batch: (c) => {
      const columns = hlcv('sessionVwap', c);
      const n = columns.close.length;
      if (n > session.length) throw new FeatureArgumentError(`sessionVwap: ${n} bars but only "${session.length}" session ids`);
      return sessionVwap(columns, { session: prefix(session, n) });
    },
    stream: () => {
      const inner = new SessionVwap();
      let i = 0;
      const adapter: StreamingFeature<BarInput, number> = {
        warmUp: inner.warmUp,
        get isReady() {
          return inner.isReady;
        },
        get value() {
          return inner.value;
        },
        add: (bar) => {
          if (i >= session.length) throw new FeatureArgumentError(`sessionVwap: bar ${i} has no session id (only "${session.length}")`);
          return inner.add(bar, session[i++]!);
        },
      };
      return adapter;
    },
  };
}

/** The first `n` values, without copying typed arrays. */
function prefix(values: ArrayLike<number>, n: number): ArrayLike<number> {
  if (values.length === n) return values;
  if (values instanceof Float64Array) return values.subarray(0, n);
  return Array.prototype.slice.call(values, 0, n) as number[];
}
