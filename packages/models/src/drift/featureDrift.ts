/**
 * Feature drift between a model's training window and new data: population stability index and
 * the two-sample Kolmogorov–Smirnov statistic per feature.
 */
import type { FeatureMatrix } from '../Estimator.js';
import { EstimatorError } from '../Estimator.js';

/**
 * Population stability index `Σ (aᵢ − eᵢ) · ln(aᵢ / eᵢ)` over `bins` quantile bins of `expected`
 * (shares floored at 1e-4 so empty bins stay finite). Rules of thumb: < 0.1 stable, 0.1–0.25
 * moderate shift, > 0.25 large shift. NaNs are ignored.
 *
 * @example
 * populationStabilityIndex(trainColumn, liveColumn); // 0.03
 */
export function populationStabilityIndex(expected: ArrayLike<number>, actual: ArrayLike<number>, bins = 10): number {
  const e = finiteSorted(expected);
  const a = finiteSorted(actual);
  if (e.length === 0 || a.length === 0) return NaN;
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) edges.push(e[Math.min(e.length - 1, Math.floor((k * e.length) / bins))]!);
  const share = (x: Float64Array): Float64Array => {
    const c = new Float64Array(bins);
    for (const v of x) {
      let b = 0;
      while (b < edges.length && v > edges[b]!) b++;
      c[b]!++;
    }
    return c.map((v) => Math.max(v / x.length, 1e-4));
  };
  const se = share(e);
  const sa = share(a);
  let psi = 0;
  for (let b = 0; b < bins; b++) psi += (sa[b]! - se[b]!) * Math.log(sa[b]! / se[b]!);
  return psi;
}

/** Two-sample Kolmogorov–Smirnov statistic: the largest gap between the empirical CDFs (NaNs ignored). */
export function ksStatistic(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const a = finiteSorted(x);
  const b = finiteSorted(y);
  if (a.length === 0 || b.length === 0) return NaN;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length) {
    const v = Math.min(a[i]!, b[j]!);
    while (i < a.length && a[i]! <= v) i++;
    while (j < b.length && b[j]! <= v) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  return d;
}

/** Drift of one feature. */
export interface FeatureDrift {
  readonly feature: string;
  readonly psi: number;
  readonly ks: number;
}

/**
 * PSI and KS of every feature column between a reference matrix (training window) and new data.
 *
 * @throws {EstimatorError} when the column counts or names disagree.
 */
export function featureDrift(reference: FeatureMatrix, current: FeatureMatrix, names: readonly string[]): FeatureDrift[] {
  if (reference.cols !== current.cols || names.length !== reference.cols) {
    throw new EstimatorError(`drift needs matching columns: reference ${reference.cols}, current ${current.cols}, ${names.length} names`);
  }
  return names.map((feature, j) => {
    const a = column(reference, j);
    const b = column(current, j);
    return { feature, psi: populationStabilityIndex(a, b), ks: ksStatistic(a, b) };
  });
}

function column(X: FeatureMatrix, j: number): Float64Array {
  const out = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) out[i] = X.data[i * X.cols + j]!;
  return out;
}

function finiteSorted(x: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]!)) out.push(x[i]!);
  return Float64Array.from(out).sort();
}
