/**
 * Quantile binning of features into at most 256 bins, the first step of every tree model here
 * (histogram split finding, as in LightGBM and scikit-learn's HistGradientBoosting).
 */
import type { FeatureMatrix } from '../Estimator.js';
import { EstimatorError } from '../Estimator.js';

/**
 * Per-feature bin edges: a value `x` falls in bin `b` = the first `b` with `x ≤ edges[b]` (the
 * last bin when none; NaN goes to the last bin, so missing values go right at every split). When a
 * feature has at most `maxBins` distinct values its edges are the midpoints between them (the
 * exact split candidates of a classic CART tree).
 */
export class FeatureBinner {
  readonly edges: readonly Float64Array[];
  readonly maxBins: number;
  /** The value of each bin when the feature has few enough distinct values (else null). */
  readonly binValues: readonly (Float64Array | null)[];

  constructor(edges: readonly Float64Array[], maxBins: number, binValues?: readonly (Float64Array | null)[]) {
    this.edges = edges;
    this.maxBins = maxBins;
    this.binValues = binValues ?? edges.map(() => null);
  }

  /**
   * Learns bin edges from the rows of `X` (or the rows `rows`): exact bins when a feature has
   * fewer than `maxBins` distinct values, else quantile edges of a stride sample of ≤ 50,000 rows.
   *
   * @throws {EstimatorError} when `maxBins` is outside [2, 256].
   */
  static fit(X: FeatureMatrix, maxBins = 256, rows?: ArrayLike<number>): FeatureBinner {
    if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > 256) throw new EstimatorError(`maxBins must be an integer in [2, 256], got ${maxBins}`);
    const { data, cols } = X;
    const n = rows === undefined ? X.rows : rows.length;
    const row = (k: number): number => (rows === undefined ? k : rows[k]!);
    // Quantile edges come from a deterministic stride sample of at most 50,000 rows (sorting is
    // the cost; LightGBM and scikit-learn subsample too); exact bins need every distinct value,
    // found first by a pass that gives up after maxBins − 1 of them.
    const stride = Math.max(1, Math.ceil(n / 50_000));
    const edges: Float64Array[] = [];
    const binValues: (Float64Array | null)[] = [];
    const values = new Float64Array(Math.ceil(n / stride));
    for (let j = 0; j < cols; j++) {
      const seen = new Set<number>();
      for (let k = 0; k < n && seen.size < maxBins; k++) {
        const v = data[row(k) * cols + j]!;
        if (!Number.isNaN(v)) seen.add(v);
      }
      if (seen.size <= maxBins - 1) {
        const distinct = Float64Array.from(seen).sort();
        const out: number[] = [];
        for (let k = 0; k + 1 < distinct.length; k++) out.push(midpoint(distinct[k]!, distinct[k + 1]!));
        edges.push(Float64Array.from(out));
        binValues.push(distinct);
        continue;
      }
      let m = 0;
      for (let k = 0; k < n; k += stride) {
        const v = data[row(k) * cols + j]!;
        if (!Number.isNaN(v)) values[m++] = v;
      }
      const sorted = values.subarray(0, m).sort();
      const distinct: number[] = [];
      for (let k = 0; k < m; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) distinct.push(sorted[k]!);
      // At most maxBins - 1 edges, i.e. maxBins bins (bin ids fit a byte).
      const out: number[] = [];
      for (let q = 1; q < maxBins - 1; q++) {
        const v = sorted[Math.min(m - 1, Math.floor((q * m) / (maxBins - 1)))]!;
        // The edge sits between v and the next larger distinct value.
        let lo = 0;
        let hi = distinct.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (distinct[mid]! <= v) lo = mid + 1;
          else hi = mid;
        }
        if (lo < distinct.length) {
          const e = midpoint(distinct[lo - 1]!, distinct[lo]!);
          if (out.length === 0 || e > out[out.length - 1]!) out.push(e);
        }
      }
      edges.push(Float64Array.from(out));
      binValues.push(null);
    }
    return new FeatureBinner(edges, maxBins, binValues);
  }

  /** Bins of every row, row-major (`rows × cols` bytes). */
  transform(X: FeatureMatrix): Uint8Array {
    const { data, rows, cols } = X;
    if (cols !== this.edges.length) throw new EstimatorError(`binner fitted on ${this.edges.length} features, got ${cols}`);
    const out = new Uint8Array(rows * cols);
    for (let j = 0; j < cols; j++) {
      const e = this.edges[j]!;
      const last = e.length;
      for (let i = 0; i < rows; i++) {
        const v = data[i * cols + j]!;
        let b: number;
        if (Number.isNaN(v)) b = last;
        else {
          let lo = 0;
          let hi = last;
          while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (e[mid]! < v) lo = mid + 1;
            else hi = mid;
          }
          b = lo;
        }
        out[i * cols + j] = b;
      }
    }
    return out;
  }

  /** Number of bins of feature `j` (edges + 1). */
  bins(j: number): number {
    return this.edges[j]!.length + 1;
  }
}

/** Midpoint that stays strictly below `b` (as scikit-learn's tree does for adjacent floats). */
function midpoint(a: number, b: number): number {
  const m = a / 2 + b / 2;
  return m >= b ? a : m;
}
