/**
 * Ranking and moment helpers with scipy/pandas conventions (average ranks for ties; biased skew and
 * excess kurtosis as `scipy.stats.skew`/`kurtosis` defaults).
 */

/**
 * Average ranks (1-based; ties get the mean of their ranks, as `scipy.stats.rankdata`) of
 * `values[0..n)`, written to `out`. `sorted` is scratch space of length >= n. Uses the engine's
 * native numeric sort and two binary searches per value (a comparator sort is several times slower).
 */
export function averageRanks(values: ArrayLike<number>, n: number, out: Float64Array, sorted: Float64Array): void {
  for (let i = 0; i < n; i++) sorted[i] = values[i]!;
  const s = sorted.subarray(0, n).sort();
  rankAgainstSorted(values, n, s, out);
}

/** Average ranks of `values[0..n)` given the same values already sorted ascending in `s`. */
export function rankAgainstSorted(values: ArrayLike<number>, n: number, s: Float64Array, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    let hi2 = lo + 1; // values equal to v occupy s[lo … hi2)
    if (hi2 < n && s[hi2] === v) {
      let a = hi2;
      let b = n;
      while (a < b) {
        const mid = (a + b) >>> 1;
        if (s[mid]! <= v) a = mid + 1;
        else b = mid;
      }
      hi2 = a;
    }
    out[i] = (lo + 1 + hi2) / 2;
  }
}

/** Pearson correlation of `x[0..n)` and `y[0..n)` (NaN when either is constant or n < 2). */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>, n: number): number {
  if (n < 2) return Number.NaN;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return Number.NaN;
  const r = sxy / Math.sqrt(sxx) / Math.sqrt(syy);
  return Math.max(-1, Math.min(1, r));
}

/** Summary moments of a series, skipping NaN for mean/std as pandas does. */
export interface Moments {
  readonly count: number;
  readonly mean: number;
  /** Standard deviation with ddof 1 (NaN for fewer than 2 values). */
  readonly std: number;
  /** Biased skewness m3 / m2^1.5 (scipy default); NaN when any value is NaN. */
  readonly skew: number;
  /** Biased excess kurtosis m4 / m2² − 3 (scipy default); NaN when any value is NaN. */
  readonly kurtosis: number;
}

/** Mean, std (ddof 1), skew and excess kurtosis of `values`. */
export function moments(values: ArrayLike<number>): Moments {
  let n = 0;
  let sum = 0;
  let anyNaN = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) anyNaN = true;
    else {
      n++;
      sum += v;
    }
  }
  const mean = n > 0 ? sum / n : Number.NaN;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    const d = v - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const std = n > 1 ? Math.sqrt(m2 / (n - 1)) : Number.NaN;
  const b2 = m2 / n;
  const skew = anyNaN || n === 0 ? Number.NaN : b2 === 0 ? Number.NaN : m3 / n / b2 ** 1.5;
  const kurtosis = anyNaN || n === 0 ? Number.NaN : b2 === 0 ? Number.NaN : m4 / n / (b2 * b2) - 3;
  return { count: n, mean, std, skew, kurtosis };
}
