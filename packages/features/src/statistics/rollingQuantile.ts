/**
 * Rolling quantile over a sorted window, and the sorted window itself (shared by `rollingRank`).
 */
import { checkPeriod, column, FeatureArgumentError } from '../core/errors.js';
import type { FeatureDefinition, StreamingFeature } from '../core/types.js';

/**
 * The last `period` inputs kept in arrival order (a ring) and in sorted order (a Float64Array
 * maintained by binary search). A new value replaces the oldest in one move: two binary searches
 * (O(log w)) and a `copyWithin` of only the values between the old and new positions (O(w) worst
 * case, a memmove; typically a third of the window), no allocation. NaN inputs are not sorted: they
 * are counted, and the window is not `ready` while one is in it.
 *
 * @example
 * const w = new SortedWindow(3); w.add(3); w.add(1); w.add(2); w.quantile(0.5); // 2
 */
export class SortedWindow {
  readonly period: number;
  readonly #ring: Float64Array;
  readonly #sorted: Float64Array;
  #head = 0; // the oldest input when full, the next slot to write
  #filled = 0;
  #size = 0; // non-NaN values in #sorted
  #nans = 0;

  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(period: number) {
    checkPeriod('SortedWindow', period);
    this.period = period;
    this.#ring = new Float64Array(period);
    this.#sorted = new Float64Array(period);
  }

  /** Whether the window holds `period` inputs, none NaN. */
  get ready(): boolean {
    return this.#filled === this.period && this.#nans === 0;
  }

  /** Feeds one value, evicting the oldest once the window is full. */
  add(x: number): void {
    const h = this.#head;
    if (this.#filled === this.period) {
      const old = this.#ring[h]!;
      if (old === old) {
        if (x === x) this.#replace(old, x);
        else {
          this.#remove(old);
          this.#nans++;
        }
      } else {
        this.#nans--;
        if (x === x) this.#insert(x);
        else this.#nans++;
      }
    } else {
      this.#filled++;
      if (x === x) this.#insert(x);
      else this.#nans++;
    }
    this.#ring[h] = x;
    this.#head = h + 1 === this.period ? 0 : h + 1;
  }

  /**
   * The `q` quantile of the window by numpy's default 'linear' method (Hyndman & Fan type 7):
   * virtual index h = (n − 1)·q, a = s[⌊h⌋], b = s[⌊h⌋ + 1] (clipped), g = h − ⌊h⌋, result
   * a + (b − a)·g, or b − (b − a)·(1 − g) when g >= 0.5 (numpy's `_lerp`, so results match it bit
   * for bit on finite values). NaN unless `ready`.
   */
  quantile(q: number): number {
    if (!this.ready) return Number.NaN;
    const s = this.#sorted;
    const n = this.#size;
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    const g = h - lo;
    const a = s[lo]!;
    if (g === 0) return a; // same as numpy for finite values, and a rather than ∞·0 = NaN at ±∞
    const b = s[lo + 1 < n ? lo + 1 : n - 1]!;
    const d = b - a;
    return g >= 0.5 ? b - d * (1 - g) : a + d * g;
  }

  /** How many window values are < x (NaN inputs are not counted). */
  countBelow(x: number): number {
    return lowerBound(this.#sorted, this.#size, x);
  }

  /** How many window values are <= x. */
  countAtOrBelow(x: number): number {
    return upperBound(this.#sorted, this.#size, x);
  }

  #insert(x: number): void {
    const s = this.#sorted;
    const k = upperBound(s, this.#size, x);
    s.copyWithin(k + 1, k, this.#size);
    s[k] = x;
    this.#size++;
  }

  #remove(x: number): void {
    const s = this.#sorted;
    const k = lowerBound(s, this.#size, x);
    s.copyWithin(k, k + 1, this.#size);
    this.#size--;
  }

  /** Replaces `old` (present) by `x`, shifting only the values between their positions. */
  #replace(old: number, x: number): void {
    const s = this.#sorted;
    const size = this.#size;
    const i = lowerBound(s, size, old);
    if (x > old) {
      const k = lowerBound(s, size, x); // > i: s[i] = old < x
      s.copyWithin(i, i + 1, k);
      s[k - 1] = x;
    } else if (x < old) {
      const k = upperBound(s, size, x); // <= i: s[i] = old > x
      s.copyWithin(k + 1, k, i);
      s[k] = x;
    } else {
      s[i] = x;
    }
  }
}

/** First index in s[0..n) with s[k] >= x. */
function lowerBound(s: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in s[0..n) with s[k] > x. */
function upperBound(s: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function checkQ(name: string, q: number): void {
  if (!(q >= 0 && q <= 1)) throw new FeatureArgumentError(`${name}: q must be a number in [0, 1], got "${q}"`);
}

/**
 * Rolling quantile, aligned to the input: `out[i]` is the `q` quantile of `values[i − period + 1 ..
 * i]` by linear interpolation between order statistics, numpy's default (`np.quantile(window, q)`,
 * method 'linear', Hyndman & Fan 1996 type 7; pandas `rolling(n).quantile(q)` uses the same
 * definition). q = 0.5 is the median, 0 the minimum, 1 the maximum. Input units. NaN for
 * `i < period − 1` and while a NaN is in the window. O(log w) comparisons plus a memmove of
 * at most w values per input (see `SortedWindow`); no allocation per value.
 *
 * @param values - input series
 * @param period - window length (whole number >= 1)
 * @param q - quantile in [0, 1]
 * @returns a Float64Array of the same length
 * @throws {FeatureArgumentError} for an invalid period or q
 * @example rollingQuantile([1, 2, 3, 4], 4, 0.25)[3] // 1.75 (h = 3·0.25 = 0.75: 1 + (2 − 1)·0.75)
 */
export function rollingQuantile(values: ArrayLike<number>, period: number, q: number): Float64Array {
  checkPeriod('rollingQuantile', period);
  checkQ('rollingQuantile', q);
  const n = values.length;
  const out = new Float64Array(n);
  const w = new SortedWindow(period);
  for (let i = 0; i < n; i++) {
    w.add(values[i]!);
    out[i] = w.quantile(q);
  }
  return out;
}

/**
 * Streaming rolling quantile: `add(x)` returns the value `rollingQuantile` has at the same index.
 *
 * @example
 * const m = new RollingQuantile(3, 0.5); m.add(3); m.add(1); m.add(2); // 2
 */
export class RollingQuantile implements StreamingFeature<number, number> {
  readonly period: number;
  readonly q: number;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #window: SortedWindow;

  /** @throws {FeatureArgumentError} for an invalid period or q */
  constructor(period: number, q: number) {
    checkPeriod('RollingQuantile', period);
    checkQ('RollingQuantile', q);
    this.period = period;
    this.q = q;
    this.warmUp = period;
    this.#window = new SortedWindow(period);
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  add(x: number): number {
    this.#window.add(x);
    this.value = this.#window.quantile(this.q);
    return this.value;
  }
}

/** The registered definition of `rollingQuantile(period,q)` over the close. */
export function rollingQuantileFeature(period: number, q: number): FeatureDefinition<Float64Array> {
  checkPeriod('rollingQuantileFeature', period);
  checkQ('rollingQuantileFeature', q);
  return {
    name: `rollingQuantile(${period},${q})`,
    inputs: ['close'],
    batch: (c) => rollingQuantile(column('rollingQuantile', c, 'close'), period, q),
    stream: () => new RollingQuantile(period, q),
  };
}
