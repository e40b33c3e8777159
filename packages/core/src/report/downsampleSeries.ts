/**
 * Thins long chart series to a few thousand points without hiding what matters: min/max per
 * bucket (the "M4" reduction of Jugel et al., VLDB 2014). The x range is cut into equal buckets;
 * each bucket keeps its first and last point and, for every series, the points with its lowest and
 * highest value. A polyline through the kept points, drawn at one bucket per pixel column, is
 * pixel-identical to one through all points, so a one-bar crash, the deepest drawdown and every
 * spike stay visible. A gap (a NaN) inside a bucket is kept too, so broken lines stay broken.
 */

/** Series that share one x axis, thinned together. */
export interface DownsampledSeries {
  /** Kept x values, ascending. */
  readonly x: Float64Array;
  /** Each input series at the kept points, in input order. */
  readonly series: readonly Float64Array[];
  /** Indices of the kept points into the inputs, ascending. */
  readonly index: Uint32Array;
}

/** Default number of buckets: at 4 points each, at most ~4,000 points per chart. */
export const DEFAULT_CHART_BUCKETS = 1000;

/**
 * Thins `series` (each as long as `x`) to at most about `4 × buckets` points, keeping per bucket
 * the first and last point and each series' minimum and maximum (and one NaN, if any).
 *
 * @param x - ascending x values (epoch ms for time axes); non-finite values fall in the last bucket
 * @param series - values aligned with `x`
 * @param buckets - number of equal-width x buckets, ≥ 1 (default {@link DEFAULT_CHART_BUCKETS})
 * @returns the kept points; the inputs themselves (copied to Float64Array) when they are already
 *   short enough (`x.length ≤ 4 × buckets`)
 * @throws {RangeError} when a series' length differs from `x`'s or `buckets` is not ≥ 1
 * @example
 * const { x, series } = downsampleSeries(time, [equity], 1000); // ≤ 4,000 points, extremes kept
 */
export function downsampleSeries(
  x: ArrayLike<number>,
  series: readonly ArrayLike<number>[],
  buckets: number = DEFAULT_CHART_BUCKETS,
): DownsampledSeries {
  const n = x.length;
  for (const s of series) {
    if (s.length !== n) throw new RangeError(`downsampleSeries: a series has ${s.length} values but x has ${n}`);
  }
  if (!(Number.isInteger(buckets) && buckets >= 1)) throw new RangeError(`downsampleSeries: buckets must be an integer >= 1, got ${buckets}`);
  if (n <= 4 * buckets) {
    const index = new Uint32Array(n);
    for (let i = 0; i < n; i++) index[i] = i;
    return { x: Float64Array.from(x), series: series.map((s) => Float64Array.from(s)), index };
  }
  const keep = new Uint8Array(n);
  const x0 = x[0]!;
  const x1 = x[n - 1]!;
  const span = x1 - x0;
  // Bucket of a point: by x when the axis is a usable range, else by position.
  const byX = Number.isFinite(span) && span > 0;
  const bucketOf = (i: number): number => {
    if (!byX) return Math.min(buckets - 1, Math.floor((i * buckets) / n));
    const xi = x[i]!;
    if (!Number.isFinite(xi)) return buckets - 1;
    return Math.max(0, Math.min(buckets - 1, Math.floor(((xi - x0) / span) * buckets)));
  };
  const m = series.length;
  let start = 0;
  while (start < n) {
    const b = bucketOf(start);
    let end = start + 1;
    while (end < n && bucketOf(end) === b) end++;
    keep[start] = 1;
    keep[end - 1] = 1;
    for (let k = 0; k < m; k++) {
      const s = series[k]!;
      let l = Infinity;
      let h = -Infinity;
      let la = -1;
      let ha = -1;
      let na = -1;
      for (let i = start; i < end; i++) {
        const v = s[i]!;
        if (v < l) {
          l = v;
          la = i;
        }
        if (v > h) {
          h = v;
          ha = i;
        }
        if (v !== v && na < 0) na = i;
      }
      if (la >= 0) keep[la] = 1;
      if (ha >= 0) keep[ha] = 1;
      if (na >= 0) keep[na] = 1;
    }
    start = end;
  }
  let kept = 0;
  for (let i = 0; i < n; i++) kept += keep[i]!;
  const index = new Uint32Array(kept);
  for (let i = 0, j = 0; i < n; i++) if (keep[i] === 1) index[j++] = i;
  const pick = (a: ArrayLike<number>): Float64Array => {
    const out = new Float64Array(kept);
    for (let j = 0; j < kept; j++) out[j] = a[index[j]!]!;
    return out;
  };
  return { x: pick(x), series: series.map(pick), index };
}
