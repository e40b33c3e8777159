/**
 * An exactly rounded running sum (and mean) of a sliding window, for features whose signals
 * compare averages: a tie such as SMA10 == SMA30 must stay a tie whatever the order in which
 * values were added. The window's sum is kept as a Shewchuk expansion (non-overlapping partials
 * whose exact sum is the exact sum of the window), so adding and removing values never loses a
 * bit; `sum()` rounds it once, so it depends only on the window's values, not on their order.
 * `compareMeans` compares two windows' means exactly (for crossovers and ties).
 *
 * References: J. R. Shewchuk, "Adaptive Precision Floating-Point Arithmetic and Fast Robust
 * Geometric Predicates" (1997); Python's `math.fsum` (msum and its final rounding step);
 * T. J. Dekker, "A floating-point technique for extending the available precision" (1971).
 */

const SPLITTER = 134_217_729; // 2^27 + 1, for Veltkamp splitting

/**
 * Exact running sum with O(1) typical cost per add/remove (the expansion stays 1–3 partials long
 * on real data).
 *
 * @example
 * const s = new ExactRollingSum();
 * s.add(0.1); s.add(0.2); s.remove(0.1);
 * s.sum(); // 0.2 exactly
 */
export class ExactRollingSum {
  // Fast path: the exact sum is `#hi + #lo`. Each add is two error-free TwoSums; when a third error
  // term appears (magnitudes more than ~2^50 apart), the sum moves to the general expansion below
  // and comes back once it fits in two doubles again.
  #hi = 0;
  #lo = 0;
  #adds = 0;
  #expanded = false;
  #p: Float64Array = new Float64Array(8);
  #n = 0;
  // Non-finite values are counted, not summed: removing an infinity must restore a finite sum.
  #nan = 0;
  #posInf = 0;
  #negInf = 0;

  /** Adds `x` exactly (NaN and ±Infinity are counted; see {@link ExactRollingSum.sum}). */
  add(x: number): void {
    if (x - x !== 0) {
      this.#countNonFinite(x, 1);
      return;
    }
    if (this.#expanded) {
      this.#addExpansion(x);
      return;
    }
    // #hi is the plain running sum; #lo gathers each addition's exact rounding error (TwoSum).
    // The two chains do not wait on each other, so this runs nearly as fast as a naive sum.
    const hi = this.#hi;
    const sum = hi + x;
    const bs = sum - hi;
    const e = hi - (sum - bs) + (x - bs);
    const lo = this.#lo;
    const t = lo + e;
    const bt = t - lo;
    const e2 = lo - (t - bt) + (e - bt);
    this.#hi = sum;
    this.#lo = t;
    if (e2 === 0) {
      // Now and then fold lo into hi (exactly), so lo holds only recent error bits: long series
      // whose level drifts by many orders of magnitude then stay on the fast path.
      if (++this.#adds === 64) {
        this.#adds = 0;
        const h = sum + t;
        const bh = h - sum;
        this.#lo = sum - (h - bh) + (t - bh);
        this.#hi = h;
      }
      return;
    }
    // The error itself rounded (magnitudes ~2^50 apart): continue as a general expansion.
    this.#n = 0;
    this.#addExpansion(e2);
    this.#addExpansion(t);
    this.#addExpansion(sum);
  }

  /** Removes `x` exactly (adds `−x`). */
  remove(x: number): void {
    if (x - x !== 0) {
      this.#countNonFinite(x, -1);
      return;
    }
    this.add(-x);
  }

  /** Forgets everything. */
  clear(): void {
    this.#hi = 0;
    this.#lo = 0;
    this.#expanded = false;
    this.#n = 0;
    this.#nan = 0;
    this.#posInf = 0;
    this.#negInf = 0;
  }

  /**
   * The exact sum, correctly rounded to a double: NaN while a NaN (or both infinities) is in the
   * sum, ±Infinity while one infinity is.
   */
  sum(): number {
    if (this.#nan > 0 || (this.#posInf > 0 && this.#negInf > 0)) return Number.NaN;
    if (this.#posInf > 0) return Number.POSITIVE_INFINITY;
    if (this.#negInf > 0) return Number.NEGATIVE_INFINITY;
    // hi + lo is the exact sum, so one rounded addition gives the correctly rounded result.
    return this.#expanded ? roundExpansion(this.#p, this.#n) : this.#hi + this.#lo;
  }

  /**
   * The mean over `count` values: the exactly rounded sum divided by `count` (one more rounding).
   * It depends only on the values in the window, never on the order they were added in.
   */
  mean(count: number): number {
    return this.sum() / count;
  }

  /**
   * Exact comparison of two means, `sign(a/countA − b/countB)`, computed on the exact sums
   * (`a·countB − b·countA` as an expansion): equal means compare as 0 even when their rounded
   * values differ in the last bit. Use it to decide crossovers and ties (finite sums only).
   *
   * @example
   * ExactRollingSum.compareMeans(fast, 10, slow, 30); // -1, 0 or 1
   */
  static compareMeans(a: ExactRollingSum, countA: number, b: ExactRollingSum, countB: number): -1 | 0 | 1 {
    scratch.clear();
    for (const [sum, k] of [
      [a, countB],
      [b, -countA],
    ] as const) {
      for (const part of sum.#parts()) {
        const [hi, lo] = twoProduct(part, k);
        scratch.add(hi);
        scratch.add(lo);
      }
    }
    return Math.sign(scratch.sum()) as -1 | 0 | 1;
  }

  /** The components whose exact sum is the sum. */
  #parts(): number[] {
    return this.#expanded ? Array.from(this.#p.subarray(0, this.#n)) : [this.#lo, this.#hi];
  }

  #countNonFinite(x: number, delta: number): void {
    if (Number.isNaN(x)) this.#nan += delta;
    else if (x > 0) this.#posInf += delta;
    else this.#negInf += delta;
  }

  /** Shewchuk's grow-expansion with zero elimination (Python's msum). */
  #addExpansion(x: number): void {
    const p = this.#p;
    let n = 0;
    for (let i = 0; i < this.#n; i++) {
      let y = p[i]!;
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) p[n++] = lo;
      x = hi;
    }
    if (n === p.length) this.#grow();
    this.#p[n++] = x;
    this.#n = n;
    // Back to the fast path once two components hold the sum again.
    this.#expanded = n > 2;
    if (n <= 2) {
      this.#hi = n === 0 ? 0 : this.#p[n - 1]!;
      this.#lo = n === 2 ? this.#p[0]! : 0;
    }
  }

  #grow(): void {
    const bigger = new Float64Array(this.#p.length * 2);
    bigger.set(this.#p);
    this.#p = bigger;
  }
}

/** Rounds an expansion (partials in increasing magnitude) to the nearest double (Python's fsum). */
function roundExpansion(p: Float64Array, n: number): number {
  if (n === 0) return 0;
  let k = n;
  let hi = p[--k]!;
  let lo = 0;
  while (k > 0) {
    const x = hi;
    const y = p[--k]!;
    hi = x + y;
    const yr = hi - x;
    lo = y - yr;
    if (lo !== 0) break;
  }
  // Half-way case: the remaining partials push the result over the tie.
  if (k > 0 && ((lo < 0 && p[k - 1]! < 0) || (lo > 0 && p[k - 1]! > 0))) {
    const y = lo * 2;
    const x = hi + y;
    const yr = x - hi;
    if (y === yr) hi = x;
  }
  return hi;
}

/** Exact product a·b as hi + lo (Dekker/Veltkamp; no FMA in JavaScript). */
function twoProduct(a: number, b: number): [number, number] {
  const hi = a * b;
  const ca = SPLITTER * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLITTER * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  const lo = al * bl - (hi - ah * bh - al * bh - ah * bl);
  return [hi, lo];
}

const scratch = new ExactRollingSum();
