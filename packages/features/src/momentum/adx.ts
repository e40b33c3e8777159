/**
 * Wilder's directional movement system: +DI, −DI and the average directional index (ADX).
 */
import { ExactRollingSum } from '../core/ExactRollingSum.js';
import { assertHlc, checkPeriod, column, sameLength } from '../core/errors.js';
import type { BarColumns, BarInput, FeatureDefinition, StreamingFeature } from '../core/types.js';
import { trueRangeOf } from '../volatility/trueRange.js';

/** Batch output of {@link adx}: three aligned columns. */
export type AdxColumns = {
  readonly adx: Float64Array;
  readonly plusDI: Float64Array;
  readonly minusDI: Float64Array;
};

/** One streaming value of {@link Adx} (a new frozen object per bar). */
export type AdxValue = Readonly<{ adx: number; plusDI: number; minusDI: number }>;

/**
 * The streaming face's smoothing state: one `step` per bar, given the moves from the previous bar.
 * `adx()` inlines exactly this arithmetic, in the same order (keep them in step).
 */
class DmiState {
  readonly #period: number;
  readonly #plusSeed = new ExactRollingSum();
  readonly #minusSeed = new ExactRollingSum();
  readonly #trSeed = new ExactRollingSum();
  readonly #dxSeed = new ExactRollingSum();
  #run = 0; // consecutive bars with defined moves and true range
  #plusDM = 0;
  #minusDM = 0;
  #tr = 0;
  plusDI = Number.NaN;
  minusDI = Number.NaN;
  adx = Number.NaN;

  constructor(period: number) {
    this.#period = period;
  }

  /** `up = high − previousHigh`, `down = previousLow − low`, `tr` = the bar's true range. */
  step(up: number, down: number, tr: number): void {
    const p = this.#period;
    // x − x is 0 for finite x, NaN for NaN and ±Infinity.
    if (up - up !== 0 || down - down !== 0 || tr - tr !== 0) {
      this.#run = 0;
      this.#plusSeed.clear();
      this.#minusSeed.clear();
      this.#trSeed.clear();
      this.#dxSeed.clear();
      this.plusDI = this.minusDI = this.adx = Number.NaN;
      return;
    }
    // Wilder's one-bar DM: only the larger of the two moves counts, and only if positive.
    const plusDM = up > 0 && up > down ? up : 0;
    const minusDM = down > 0 && down > up ? down : 0;
    const run = ++this.#run;
    if (run < p) {
      this.#plusSeed.add(plusDM);
      this.#minusSeed.add(minusDM);
      this.#trSeed.add(tr);
      return;
    }
    if (run === p) {
      this.#plusDM = this.#plusSeed.sum();
      this.#minusDM = this.#minusSeed.sum();
      this.#tr = this.#trSeed.sum();
    }
    const plus = (this.#plusDM = this.#plusDM - this.#plusDM / p + plusDM);
    const minus = (this.#minusDM = this.#minusDM - this.#minusDM / p + minusDM);
    const trSum = (this.#tr = this.#tr - this.#tr / p + tr);
    const flat = trSum === 0;
    const plusDI = flat ? 0 : 100 * (plus / trSum);
    const minusDI = flat ? 0 : 100 * (minus / trSum);
    const diSum = minusDI + plusDI;
    const dx = flat || diSum === 0 ? Number.NaN : 100 * (Math.abs(minusDI - plusDI) / diSum);
    this.plusDI = plusDI;
    this.minusDI = minusDI;
    if (run < 2 * p - 1) {
      if (dx === dx) this.#dxSeed.add(dx);
    } else if (run === 2 * p - 1) {
      if (dx === dx) this.#dxSeed.add(dx);
      this.adx = this.#dxSeed.sum() / p;
    } else if (dx === dx) {
      this.adx = (this.adx * (p - 1) + dx) / p;
    }
  }
}

/**
 * Scratch sums of `adx`, reused by every call: a per-call object lets V8 discard the kernel's
 * optimised code at each garbage collection ("weak objects" deopt; see `ema`). Safe: the kernel
 * clears them first and runs to completion without calling user code.
 */
const ADX_PLUS_SEED = new ExactRollingSum();
const ADX_MINUS_SEED = new ExactRollingSum();
const ADX_TR_SEED = new ExactRollingSum();
const ADX_DX_SEED = new ExactRollingSum();

/**
 * Wilder's DMI, aligned to the input, with TA-Lib's algorithm (`ta_PLUS_DI.c`, `ta_MINUS_DI.c`,
 * `ta_ADX.c`, default unstable period 0):
 *
 * - One-bar moves from index 1: `up = high[i] − high[i−1]`, `down = low[i−1] − low[i]`;
 *   `+DM1 = up` if `up > 0 && up > down`, `−DM1 = down` if `down > 0 && down > up`, else 0 (equal
 *   moves give 0 to both). `TR1` = true range (previous close).
 * - Seed: the sums of `+DM1`, `−DM1`, `TR1` over indices 1..period−1 (`period − 1` values; exactly
 *   rounded sums). From index `period` on, Wilder's running sum `S = S − S/period + X` (so the first
 *   smoothed value, at index `period`, is `seed·(1 − 1/period) + X[period]`, not a plain sum of
 *   `period` values as in some other libraries).
 * - `+DI = 100·(S+DM / S_TR)`, `−DI = 100·(S−DM / S_TR)`, first at index `period`; 0 when
 *   `S_TR == 0`.
 * - `DX = 100·|−DI − +DI| / (−DI + +DI)`; the first ADX, at index `2·period − 1`, is the (exactly
 *   rounded) sum of the `period` DX values at indices period..2·period−1 divided by `period`; then
 *   `ADX = (ADX_prev·(period − 1) + DX) / period`. A DX that is undefined (`S_TR == 0` or
 *   `+DI + −DI == 0`) adds nothing to the seed sum and leaves a later ADX unchanged, as in TA-Lib.
 *
 * Differences from TA-Lib's C code: seed sums are exactly rounded (TA-Lib adds in order; last-bit
 * differences), and zero tests are exact (TA-Lib tests `|x| < 1e-8` in 0.4, `1e-14` in later
 * versions), so results differ only for ranges that small. Ranges: DI and ADX in [0, 100].
 *
 * Missing values: a bar whose moves or true range are NaN or ±Infinity (a NaN high or low in it or
 * the previous bar, or a NaN previous close) gives NaN outputs and restarts the whole system, like
 * `ema`; it then warms up again (+DI/−DI after `period` further valid bars, ADX after
 * `2·period − 1`), so no value depends on data before a gap and one bad bar cannot poison every
 * later value.
 *
 * @param columns - `high`, `low`, `close` of equal length
 * @param period - Wilder period (whole number >= 2, TA-Lib's range)
 * @returns `{ adx, plusDI, minusDI }`, Float64Arrays of the input's length
 * @throws {FeatureArgumentError} for an invalid period or columns of different lengths
 * @example const { adx: strength, plusDI, minusDI } = adx({ high, low, close }, 14);
 */
export function adx(columns: Pick<Required<BarColumns>, 'high' | 'low' | 'close'>, period: number): AdxColumns {
  checkPeriod('adx', period, 2);
  const { high, low, close } = columns;
  const n = sameLength('adx', high, low, close);
  const adxOut = new Float64Array(n);
  const plusOut = new Float64Array(n);
  const minusOut = new Float64Array(n);
  // DmiState.step's arithmetic, inlined with the state in locals plus a steady-state fast path
  // (through DmiState this loop ran ~1.8× a bare hand-written ADX loop on 1M bars, now ~1.4×).
  // The streaming face uses DmiState; the tests hold the two to bit-for-bit agreement.
  const plusSeed = ADX_PLUS_SEED;
  plusSeed.clear();
  const minusSeed = ADX_MINUS_SEED;
  minusSeed.clear();
  const trSeed = ADX_TR_SEED;
  trSeed.clear();
  const dxSeed = ADX_DX_SEED;
  dxSeed.clear();
  const full = 2 * period - 1;
  let run = 0;
  let plusDM = 0;
  let minusDM = 0;
  let trSum = 0;
  let value = Number.NaN;
  let previousHigh = Number.NaN;
  let previousLow = Number.NaN;
  let previousClose = Number.NaN;
  for (let i = 0; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const up = h - previousHigh;
    const down = previousLow - l;
    const tr = trueRangeOf(h, l, previousClose);
    previousHigh = h;
    previousLow = l;
    previousClose = close[i]!;
    const valid = up - up === 0 && down - down === 0 && tr - tr === 0;
    if (run > full && valid) {
      // Steady state (almost every bar): the branch below with the seed phases skipped.
      const plus1 = up > 0 && up > down ? up : 0;
      const minus1 = down > 0 && down > up ? down : 0;
      plusDM = plusDM - plusDM / period + plus1;
      minusDM = minusDM - minusDM / period + minus1;
      trSum = trSum - trSum / period + tr;
      const flat = trSum === 0;
      const plusDI = flat ? 0 : 100 * (plusDM / trSum);
      const minusDI = flat ? 0 : 100 * (minusDM / trSum);
      const diSum = minusDI + plusDI;
      if (!flat && diSum !== 0) value = (value * (period - 1) + 100 * (Math.abs(minusDI - plusDI) / diSum)) / period;
      adxOut[i] = value;
      plusOut[i] = plusDI;
      minusOut[i] = minusDI;
      continue;
    }
    if (!valid) {
      run = 0;
      plusSeed.clear();
      minusSeed.clear();
      trSeed.clear();
      dxSeed.clear();
      value = Number.NaN;
      adxOut[i] = plusOut[i] = minusOut[i] = Number.NaN;
      continue;
    }
    const plus1 = up > 0 && up > down ? up : 0;
    const minus1 = down > 0 && down > up ? down : 0;
    ++run;
    if (run < period) {
      plusSeed.add(plus1);
      minusSeed.add(minus1);
      trSeed.add(tr);
      adxOut[i] = plusOut[i] = minusOut[i] = Number.NaN;
      continue;
    }
    if (run === period) {
      plusDM = plusSeed.sum();
      minusDM = minusSeed.sum();
      trSum = trSeed.sum();
    }
    plusDM = plusDM - plusDM / period + plus1;
    minusDM = minusDM - minusDM / period + minus1;
    trSum = trSum - trSum / period + tr;
    const flat = trSum === 0;
    const plusDI = flat ? 0 : 100 * (plusDM / trSum);
    const minusDI = flat ? 0 : 100 * (minusDM / trSum);
    const diSum = minusDI + plusDI;
    const dx = flat || diSum === 0 ? Number.NaN : 100 * (Math.abs(minusDI - plusDI) / diSum);
    if (run < full) {
      if (dx === dx) dxSeed.add(dx);
    } else if (run === full) {
      if (dx === dx) dxSeed.add(dx);
      value = dxSeed.sum() / period;
    } else if (dx === dx) {
      value = (value * (period - 1) + dx) / period;
    }
    adxOut[i] = value;
    plusOut[i] = plusDI;
    minusOut[i] = minusDI;
  }
  return { adx: adxOut, plusDI: plusOut, minusDI: minusOut };
}

const NOT_READY: AdxValue = Object.freeze({ adx: Number.NaN, plusDI: Number.NaN, minusDI: Number.NaN });

/**
 * Streaming DMI: `add(bar)` returns a new frozen `{ adx, plusDI, minusDI }` equal to `adx(columns,
 * period)` at the same index. `warmUp` (and `isReady`) refer to the ADX, the last output to appear
 * (at `2·period` bars); +DI/−DI are defined from bar `period + 1`.
 *
 * @example
 * const d = new Adx(14);
 * const { adx, plusDI, minusDI } = d.add({ high, low, close });
 */
export class Adx implements StreamingFeature<BarInput, AdxValue> {
  readonly period: number;
  readonly warmUp: number;
  readonly #state: DmiState;
  #value: AdxValue = NOT_READY;
  #previousHigh = Number.NaN;
  #previousLow = Number.NaN;
  #previousClose = Number.NaN;

  /** @throws {FeatureArgumentError} for an invalid period (whole number >= 2) */
  constructor(period: number) {
    checkPeriod('Adx', period, 2);
    this.period = period;
    this.warmUp = 2 * period;
    this.#state = new DmiState(period);
  }

  get value(): AdxValue {
    return this.#value;
  }

  get isReady(): boolean {
    return !Number.isNaN(this.#value.adx);
  }

  /** @throws {FeatureArgumentError} when the bar lacks `high`, `low` or `close` */
  add(bar: BarInput): AdxValue {
    assertHlc('Adx', bar);
    const { high, low, close } = bar;
    const state = this.#state;
    state.step(high - this.#previousHigh, this.#previousLow - low, trueRangeOf(high, low, this.#previousClose));
    this.#previousHigh = high;
    this.#previousLow = low;
    this.#previousClose = close;
    this.#value = Object.freeze({ adx: state.adx, plusDI: state.plusDI, minusDI: state.minusDI });
    return this.#value;
  }
}

/** The registered definition of `adx(period)` over high, low and close (outputs adx, plusDI, minusDI). */
export function adxFeature(period: number): FeatureDefinition<AdxColumns> {
  checkPeriod('adxFeature', period, 2);
  return {
    name: `adx(${period})`,
    inputs: ['high', 'low', 'close'],
    batch: (c) => adx({ high: column('adx', c, 'high'), low: column('adx', c, 'low'), close: column('adx', c, 'close') }, period),
    stream: () => new Adx(period),
  };
}
