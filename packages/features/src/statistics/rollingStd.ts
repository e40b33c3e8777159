/**
 * Rolling standard deviation, and the numerically stable windowed mean/variance kernel shared by
 * `bollinger`, `rollingZScore` and `yangZhangVol`.
 */
import { ExactRollingSum } from '../core/ExactRollingSum.js';
import { checkPeriod, column, FeatureArgumentError } from '../core/errors.js';
import type { FeatureDefinition, StreamingFeature } from '../core/types.js';

/*
 * How the variance stays accurate. The window mean is the exactly rounded window sum over `period`
 * (so it equals `sma` bit for bit). M2 = Σ(x − mean)² comes from SHIFTED running sums: with a shift
 * K (the window mean at the last recomputation), sy = Σ(x − K) and sy2 = Σ(x − K)² over the window,
 * updated per input by adding the new deviation and removing the old one, and
 *     M2 = sy2 − sy²/period.
 * The deviations x − K are small (exact by Sterbenz when x and K are within a factor of two), so
 * prices near 1e4 with a standard deviation of 1e-6 keep their relative accuracy (errors near
 * 1e-16, below 1e-14 right after big moves, in the tests; the naive Σx² − (Σx)²/n loses every digit
 * there, and a Welford update around rounded means loses seven). Every `period` inputs, after
 * warm-up and after a non-finite value leaves the window, K is reset to the current mean and sy, sy2 are
 * recomputed by one pass over the window (the corrected two-pass algorithm of Chan, Golub &
 * LeVeque, 1983), so rounding never accumulates past one window and the mean never drifts far from
 * K (amortised cost: one extra subtract-multiply-add per input). A window whose variance is tiny
 * next to the squares that passed through sy2 since then (a nearly flat window right after a big
 * move) is recomputed at once (see ILL_CONDITIONED). The schedule depends only on the data,
 * identically in the batch and streaming faces, which perform the same operations in the same
 * order.
 *
 * The exact window sum. The streaming face keeps it in an ExactRollingSum. The batch kernel, which
 * is benchmarked, keeps it as an unevaluated pair hi + lo that equals the window sum EXACTLY: for
 * each step it adds d = x − old (exact by Sterbenz when the two are within a factor of two) with
 * two TwoSums and checks that the second one lost nothing; then fl(hi + lo) is the correctly
 * rounded window sum, the very double ExactRollingSum.sum() returns. Whenever that cannot be
 * guaranteed (first window, after a NaN, far-apart values, a lossy step) it resynchronises from an
 * ExactRollingSum over the window. The fast path is 2–3× cheaper than ExactRollingSum's add/sum
 * calls because everything in it inlines (a real call in the loop would box hi and lo).
 */

/**
 * Recompute M2 by two passes when the squares that flowed through sy2 since the last recomputation
 * exceed M2 by this factor: the rounding they left in sy2 (about since·2^-53·flow) would otherwise be
 * a visible fraction of a small M2, e.g. a nearly flat window right after a big move.
 */
const ILL_CONDITIONED = 1024;

/** Whether `a − b` is exact (Sterbenz: same sign, within a factor of two); false for 0, NaN, ±∞. */
function exactDifference(a: number, b: number): boolean {
  return a > 0 ? b > 0 && a <= 2 * b && b <= 2 * a : a < 0 && b < 0 && a >= 2 * b && b >= 2 * a;
}

/** [Σy, Σy²] of the last `addShifted` calls (a Float64Array, so the loops' doubles stay unboxed). */
const shiftedPair = new Float64Array(2);

/**
 * Adds `y = values[j] − shift` and `y²` for j in [from, to), in that order, to `shiftedPair`
 * (the two-pass sums every recomputation of the shifted moments uses).
 */
function addShifted(values: ArrayLike<number>, from: number, to: number, shift: number): void {
  let sy = shiftedPair[0]!;
  let sy2 = shiftedPair[1]!;
  for (let j = from; j < to; j++) {
    const y = values[j]! - shift;
    sy += y;
    sy2 += y * y;
  }
  shiftedPair[0] = sy;
  shiftedPair[1] = sy2;
}

const resyncSum = new ExactRollingSum();
/** [hi, lo] of the last resynchronisation (a Float64Array, so reading it back keeps the loop's doubles unboxed). */
const resyncPair = new Float64Array(2);

/**
 * Writes the exact sum of values[from .. to) as hi + lo into `resyncPair` (hi the correctly rounded
 * sum); returns false when the sum needs more than two doubles (then only hi is meaningful).
 */
function resync(values: ArrayLike<number>, from: number, to: number): boolean {
  const s = resyncSum;
  s.clear();
  for (let j = from; j < to; j++) s.add(values[j]!);
  const hi = s.sum();
  s.remove(hi);
  const lo = s.sum();
  s.remove(lo);
  resyncPair[0] = hi;
  resyncPair[1] = lo;
  return s.sum() === 0;
}

/**
 * Windowed mean and M2 = Σ(x − mean)² over the last `period` values, written into `mean` and `m2`
 * (aligned; NaN while fewer than `period` values have been seen or while a NaN/±∞ is in the window).
 * The building block of {@link rollingStd}, `bollinger`, `rollingZScore` and `yangZhangVol`; `mean`
 * equals `sma(values, period)` bit for bit wherever the window is finite.
 *
 * @param values - input series
 * @param period - window length (whole number >= 1; not validated here)
 * @param mean - output, length `values.length`
 * @param m2 - output, length `values.length`; always >= 0
 */
export function rollingMoments(values: ArrayLike<number>, period: number, mean: Float64Array, m2: Float64Array): void {
  const n = values.length;
  let bad = 0; // non-finite values in the window
  let hi = 0; // hi + lo = the window sum, exactly, while !stale && !inexact
  let lo = 0;
  let inexact = false; // the last resynchronisation needed more than two doubles
  let shift = 0;
  let sy = 0; // Σ(x − shift) over the window
  let sy2 = 0; // Σ(x − shift)² over the window
  let flow = 0; // Σ of the squares added to and removed from sy2 since the recomputation
  let since = 0; // running updates since the last recomputation of sy, sy2
  let stale = true; // no valid previous window: recompute everything
  let i = 0;
  for (;;) {
    // Fast path: nothing in this loop that V8 does not inline.
    for (; i < n; i++) {
      const x = values[i]!;
      let old = 0;
      if (x - x !== 0) bad++;
      if (i >= period) {
        old = values[i - period]!;
        if (old - old !== 0) bad--;
      }
      if (i < period - 1 || bad > 0) {
        mean[i] = Number.NaN;
        m2[i] = Number.NaN;
        stale = true;
        continue;
      }
      if (stale || inexact || !exactDifference(x, old)) break;
      const d = x - old;
      const s = hi + d;
      const bs = s - hi;
      const e = hi - (s - bs) + (d - bs);
      const t = lo + e;
      const bt = t - lo;
      if (lo - (t - bt) + (e - bt) !== 0) break;
      hi = s;
      lo = t;
      const m = (hi + lo) / period;
      let q = 0;
      let recompute = since >= period;
      if (!recompute) {
        const y = x - shift;
        const yo = old - shift;
        const y2 = y * y;
        const yo2 = yo * yo;
        sy += y - yo;
        sy2 += y2 - yo2;
        flow += y2 + yo2;
        since++;
        q = sy2 - (sy * sy) / period;
        recompute = flow > q * ILL_CONDITIONED;
      }
      if (recompute) {
        shift = m;
        shiftedPair.fill(0);
        addShifted(values, i - period + 1, i + 1, shift);
        sy = shiftedPair[0]!;
        sy2 = shiftedPair[1]!;
        flow = sy2;
        since = 0;
        q = sy2 - (sy * sy) / period;
      }
      mean[i] = m;
      m2[i] = q > 0 ? q : 0;
    }
    if (i >= n) return;
    // Slow step at i (a valid window): resynchronise the exact sum, then the same M2 rule.
    inexact = !resync(values, i - period + 1, i + 1);
    hi = resyncPair[0]!;
    lo = inexact ? 0 : resyncPair[1]!;
    const m = (hi + lo) / period;
    let q = 0;
    let recompute = stale || since >= period;
    if (!recompute) {
      const y = values[i]! - shift;
      const yo = values[i - period]! - shift;
      const y2 = y * y;
      const yo2 = yo * yo;
      sy += y - yo;
      sy2 += y2 - yo2;
      flow += y2 + yo2;
      since++;
      q = sy2 - (sy * sy) / period;
      recompute = flow > q * ILL_CONDITIONED;
    }
    if (recompute) {
      shift = m;
      shiftedPair.fill(0);
      addShifted(values, i - period + 1, i + 1, shift);
      sy = shiftedPair[0]!;
      sy2 = shiftedPair[1]!;
      flow = sy2;
      since = 0;
      stale = false;
      q = sy2 - (sy * sy) / period;
    }
    mean[i] = m;
    m2[i] = q > 0 ? q : 0;
    i++;
  }
}

/**
 * Streaming face of {@link rollingMoments}: after `add(x)`, `mean` and `m2` equal the batch outputs
 * at the same index (same operations in the same order).
 *
 * @example
 * const m = new RollingMoments(3); m.add(1); m.add(2); m.add(4); // true; m.mean = 7/3, m.m2 = 14/3
 */
export class RollingMoments {
  readonly period: number;
  readonly #ring: Float64Array;
  readonly #sum = new ExactRollingSum();
  #head = 0; // the oldest value when the ring is full, the next slot to write
  #filled = 0;
  #bad = 0;
  #shift = 0;
  #sy = 0;
  #sy2 = 0;
  #flow = 0;
  #since = 0;
  #stale = true;
  #mean = Number.NaN;
  #m2 = Number.NaN;

  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(period: number) {
    checkPeriod('RollingMoments', period);
    this.period = period;
    this.#ring = new Float64Array(period);
  }

  /** Window mean (NaN when not ready). */
  get mean(): number {
    return this.#mean;
  }

  /** Σ(x − mean)² over the window (NaN when not ready). */
  get m2(): number {
    return this.#m2;
  }

  /** Feeds one value; returns whether the window is full and finite. */
  add(x: number): boolean {
    const p = this.period;
    const ring = this.#ring;
    const h = this.#head;
    const sum = this.#sum;
    let old = 0;
    if (this.#filled === p) {
      old = ring[h]!;
      if (exactDifference(x, old)) sum.add(x - old);
      else {
        if (x - x === 0) sum.add(x);
        else this.#bad++;
        if (old - old === 0) sum.remove(old);
        else this.#bad--;
      }
    } else {
      this.#filled++;
      if (x - x === 0) sum.add(x);
      else this.#bad++;
    }
    ring[h] = x;
    const next = h + 1 === p ? 0 : h + 1;
    this.#head = next;
    if (this.#filled < p || this.#bad > 0) {
      this.#mean = Number.NaN;
      this.#m2 = Number.NaN;
      this.#stale = true;
      return false;
    }
    const m = sum.sum() / p;
    let sy = this.#sy;
    let sy2 = this.#sy2;
    let q = 0;
    let recompute = this.#stale || this.#since >= p;
    if (!recompute) {
      const y = x - this.#shift;
      const yo = old - this.#shift;
      const y2 = y * y;
      const yo2 = yo * yo;
      sy += y - yo;
      sy2 += y2 - yo2;
      this.#flow += y2 + yo2;
      this.#since++;
      q = sy2 - (sy * sy) / p;
      recompute = this.#flow > q * ILL_CONDITIONED;
    }
    if (recompute) {
      // Oldest to newest, the order the batch kernel uses.
      const shift = m;
      shiftedPair.fill(0);
      addShifted(ring, next, p, shift);
      addShifted(ring, 0, next, shift);
      sy = shiftedPair[0]!;
      sy2 = shiftedPair[1]!;
      this.#shift = shift;
      this.#flow = sy2;
      this.#since = 0;
      this.#stale = false;
      q = sy2 - (sy * sy) / p;
    }
    this.#sy = sy;
    this.#sy2 = sy2;
    this.#mean = m;
    this.#m2 = q > 0 ? q : 0;
    return true;
  }
}

/** Options of {@link rollingStd}. */
export interface RollingStdOptions {
  /** Delta degrees of freedom: the divisor is `period − ddof` (1: sample std, the default; 0: population). */
  readonly ddof?: number;
}

/** Validates `ddof` for a window of `period`; returns it. */
export function checkDdof(name: string, period: number, ddof: number): number {
  if (!Number.isInteger(ddof) || ddof < 0 || ddof >= period) {
    throw new FeatureArgumentError(`${name}: ddof must be a whole number in [0, period − 1] = [0, ${period - 1}], got "${ddof}"`);
  }
  return ddof;
}

/**
 * Rolling standard deviation, aligned to the input: `out[i] = sqrt(Σ(x − mean)² / (period − ddof))`
 * over `values[i − period + 1 .. i]`, sample (ddof = 1, like pandas `rolling(n).std()`) by default,
 * population with `{ ddof: 0 }` (like numpy `std`). Same units as the input, >= 0. NaN for
 * `i < period − 1` and while a NaN or ±∞ is in the window. Numerically stable: exact window mean,
 * running sums of deviations from a shift re-anchored at least every `period` inputs (see
 * `rollingMoments`), so prices near 1e4 with a tiny variance keep their relative accuracy and nothing
 * drifts over long series.
 *
 * @param values - input series
 * @param period - window length (whole number >= ddof + 1)
 * @param options - `ddof` (default 1)
 * @returns a Float64Array of the same length
 * @throws {FeatureArgumentError} for an invalid period or ddof
 * @example rollingStd([1, 2, 4], 3) // Float64Array [NaN, NaN, 1.5275…] (sqrt(7/3))
 */
export function rollingStd(values: ArrayLike<number>, period: number, options: RollingStdOptions = {}): Float64Array {
  checkPeriod('rollingStd', period);
  const divisor = period - checkDdof('rollingStd', period, options.ddof ?? 1);
  const n = values.length;
  const out = new Float64Array(n);
  rollingMoments(values, period, new Float64Array(n), out);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(out[i]! / divisor);
  return out;
}

/**
 * Streaming rolling standard deviation: `add(x)` returns the value `rollingStd` has at the same
 * index.
 *
 * @example
 * const s = new RollingStd(3); s.add(1); s.add(2); s.add(4); // sqrt(7/3)
 */
export class RollingStd implements StreamingFeature<number, number> {
  readonly period: number;
  readonly ddof: number;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #moments: RollingMoments;
  readonly #divisor: number;

  /** @throws {FeatureArgumentError} for an invalid period or ddof */
  constructor(period: number, options: RollingStdOptions = {}) {
    checkPeriod('RollingStd', period);
    this.period = period;
    this.ddof = checkDdof('RollingStd', period, options.ddof ?? 1);
    this.warmUp = period;
    this.#divisor = period - this.ddof;
    this.#moments = new RollingMoments(period);
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  add(x: number): number {
    this.#moments.add(x);
    this.value = Math.sqrt(this.#moments.m2 / this.#divisor);
    return this.value;
  }
}

/** The registered definition of `rollingStd(period)` over the close (`rollingStd(period,ddof=0)` for population). */
export function rollingStdFeature(period: number, options: RollingStdOptions = {}): FeatureDefinition<Float64Array> {
  checkPeriod('rollingStdFeature', period);
  const ddof = checkDdof('rollingStdFeature', period, options.ddof ?? 1);
  return {
    name: ddof === 1 ? `rollingStd(${period})` : `rollingStd(${period},ddof=${ddof})`,
    inputs: ['close'],
    batch: (c) => rollingStd(column('rollingStd', c, 'close'), period, { ddof }),
    stream: () => new RollingStd(period, { ddof }),
  };
}
