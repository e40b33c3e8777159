/**
 * Sample, semi- and exponentially weighted covariance with PyPortfolioOpt 1.5's conventions:
 * pairwise-complete rows, ddof 1, annualised by `frequency` (252), repaired to PSD with a warning.
 */
import { RiskInputError } from '../RiskError.js';
import type { ReturnTable } from '../PriceTable.js';
import type { CovarianceEstimate, CovarianceOptions } from './CovarianceEstimate.js';
import { ewmMeanLast, isComplete, lastPairMoments, pairMoments, toColumns } from './columns.js';
import { nearestPositiveSemidefinite } from './nearestPositiveSemidefinite.js';

/** @internal Annualise, repair and wrap a raw (per-period) matrix. */
export function finishCovariance(
  symbols: readonly string[],
  raw: Float64Array,
  options: CovarianceOptions,
  shrinkage?: number,
  psdByConstruction = false,
): CovarianceEstimate {
  const n = symbols.length;
  const frequency = options.frequency ?? 252;
  for (let i = 0; i < raw.length; i++) {
    raw[i]! *= frequency;
    if (Number.isNaN(raw[i]!)) {
      throw new RiskInputError(
        `covariance of ${symbols[Math.floor(i / n)]} and ${symbols[i % n]} is NaN (fewer than 2 common returns)`,
      );
    }
  }
  // (1 − δ)S + δμI with S an MLE covariance is PSD by construction; skip the O(n³) test then.
  const fixed = psdByConstruction ? { matrix: raw } : nearestPositiveSemidefinite(raw, n, options.fixMethod ?? 'spectral');
  return {
    symbols,
    matrix: fixed.matrix,
    ...(shrinkage === undefined ? {} : { shrinkage }),
    warnings: 'warning' in fixed && fixed.warning !== undefined ? [fixed.warning] : [],
  };
}

/**
 * Pairwise-complete per-period covariance (pandas `DataFrame.cov()`, ddof 1), n × n row-major.
 * Columns without gaps use a centred two-pass product; pairs with gaps the pandas recursion.
 * With `corr`, the pairwise Pearson correlation (pandas `DataFrame.corr()`).
 */
export function pairwiseCovariance(returns: ReturnTable, corr = false): Float64Array {
  const both = pairwiseMoments(returns);
  return corr ? both.correlation : both.covariance;
}

/**
 * Pairwise-complete per-period covariance (ddof 1) and Pearson correlation in one pass
 * (pandas `DataFrame.cov()` and `DataFrame.corr()`).
 */
export function pairwiseMoments(returns: ReturnTable): { readonly covariance: Float64Array; readonly correlation: Float64Array } {
  const n = returns.symbols.length;
  const rows = returns.times.length;
  const cols = toColumns(returns.values, rows, n);
  const complete = new Uint8Array(n);
  const ss = new Float64Array(n);
  // Columns without gaps are centred in place (covariance is shift-invariant, so the pandas
  // recursion on a pair with one gappy column gives the same value to rounding).
  for (let j = 0; j < n; j++) {
    if (!isComplete(cols, rows, j)) continue;
    complete[j] = 1;
    const o = j * rows;
    let m = 0;
    for (let t = 0; t < rows; t++) m += cols[o + t]!;
    m /= rows;
    let s = 0;
    for (let t = 0; t < rows; t++) {
      const d = cols[o + t]! - m;
      cols[o + t] = d;
      s += d * d;
    }
    ss[j] = s;
  }
  const correlation = new Float64Array(n * n);
  if (rows >= 2 && complete.every((c) => c === 1)) {
    // No gaps anywhere: every product at once with the blocked kernel.
    const covariance = gramLower(cols, rows, n, 1);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const v = covariance[i * n + j]!;
        correlation[i * n + j] = i === j ? 1 : v / Math.sqrt(ss[i]! * ss[j]!);
        covariance[i * n + j] = v / (rows - 1);
      }
    }
    return { covariance, correlation };
  }
  const covariance = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let c: number;
      let r: number;
      if (complete[i] === 1 && complete[j] === 1 && rows >= 2) {
        const v = centredDot(cols, rows, i, j);
        c = v / (rows - 1);
        r = v / Math.sqrt(ss[i]! * ss[j]!);
      } else {
        pairMoments(cols, rows, i, j);
        const m = lastPairMoments();
        c = m.cov;
        r = m.corr;
      }
      // pandas' diagonal correlation is exactly 1 (same sums on both sides); keep it so.
      if (i === j && r === r) r = 1;
      covariance[i * n + j] = covariance[j * n + i] = c;
      correlation[i * n + j] = correlation[j * n + i] = r;
    }
  }
  return { covariance, correlation };
}

/**
 * `scale · XᵀX` for column-major X (rows × n), symmetric: the lower triangle four columns j at a
 * time against column i, so each value of column i is loaded once per four products.
 */
export function gramLower(cols: Float64Array, rows: number, n: number, scale: number): Float64Array {
  const out = new Float64Array(n * n);
  let i = 0;
  // Two columns i, i+1 against four columns j..j+3: 6 loads per 8 multiply-adds.
  for (; i + 1 < n; i += 2) {
    const oa = i * rows;
    const ob = oa + rows;
    let j = 0;
    for (; j + 3 <= i; j += 4) {
      const o0 = j * rows;
      const o1 = o0 + rows;
      const o2 = o1 + rows;
      const o3 = o2 + rows;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      let b3 = 0;
      for (let t = 0; t < rows; t++) {
        const xa = cols[oa + t]!;
        const xb = cols[ob + t]!;
        const y0 = cols[o0 + t]!;
        const y1 = cols[o1 + t]!;
        const y2 = cols[o2 + t]!;
        const y3 = cols[o3 + t]!;
        a0 += xa * y0;
        a1 += xa * y1;
        a2 += xa * y2;
        a3 += xa * y3;
        b0 += xb * y0;
        b1 += xb * y1;
        b2 += xb * y2;
        b3 += xb * y3;
      }
      const ra = i * n;
      const rb = ra + n;
      out[ra + j] = out[j * n + i] = a0 * scale;
      out[ra + j + 1] = out[(j + 1) * n + i] = a1 * scale;
      out[ra + j + 2] = out[(j + 2) * n + i] = a2 * scale;
      out[ra + j + 3] = out[(j + 3) * n + i] = a3 * scale;
      out[rb + j] = out[j * n + i + 1] = b0 * scale;
      out[rb + j + 1] = out[(j + 1) * n + i + 1] = b1 * scale;
      out[rb + j + 2] = out[(j + 2) * n + i + 1] = b2 * scale;
      out[rb + j + 3] = out[(j + 3) * n + i + 1] = b3 * scale;
    }
    for (let k = j; k <= i; k++) out[i * n + k] = out[k * n + i] = centredDot(cols, rows, i, k) * scale;
    for (let k = j; k <= i + 1; k++) out[(i + 1) * n + k] = out[k * n + i + 1] = centredDot(cols, rows, i + 1, k) * scale;
  }
  for (; i < n; i++) for (let k = 0; k <= i; k++) out[i * n + k] = out[k * n + i] = centredDot(cols, rows, i, k) * scale;
  return out;
}

/** Dot product of two contiguous columns, unrolled by four. */
export function centredDot(cols: Float64Array, rows: number, i: number, j: number): number {
  const oi = i * rows;
  const oj = j * rows;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (; t + 3 < rows; t += 4) {
    s0 += cols[oi + t]! * cols[oj + t]!;
    s1 += cols[oi + t + 1]! * cols[oj + t + 1]!;
    s2 += cols[oi + t + 2]! * cols[oj + t + 2]!;
    s3 += cols[oi + t + 3]! * cols[oj + t + 3]!;
  }
  for (; t < rows; t++) s0 += cols[oi + t]! * cols[oj + t]!;
  return s0 + s1 + s2 + s3;
}

/**
 * Annualised sample covariance (PyPortfolioOpt `sample_cov`): pairwise-complete, ddof 1, × 252.
 *
 * @example
 * const { matrix } = sampleCovariance(returnsFromPrices(prices));
 */
export function sampleCovariance(returns: ReturnTable, options: CovarianceOptions = {}): CovarianceEstimate {
  return finishCovariance(returns.symbols, pairwiseCovariance(returns), options);
}

/**
 * Annualised semicovariance (PyPortfolioOpt `semicovariance`): `E[min(r_i − B, 0) · min(r_j − B, 0)]`
 * over all T rows (a missing return counts as no shortfall), × frequency. Default benchmark
 * B = 0.000079 per period (PyPortfolioOpt's default).
 */
export function semicovariance(
  returns: ReturnTable,
  options: CovarianceOptions & { readonly benchmark?: number } = {},
): CovarianceEstimate {
  const b = options.benchmark ?? 0.000079;
  const n = returns.symbols.length;
  const rows = returns.times.length;
  const drops = toColumns(returns.values, rows, n);
  for (let i = 0; i < drops.length; i++) {
    const d = drops[i]! - b;
    drops[i] = d < 0 ? d : 0; // np.fmin(NaN, 0) = 0
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = centredDot(drops, rows, i, j) / rows;
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return finishCovariance(returns.symbols, out, options);
}

/**
 * Annualised exponentially weighted covariance (PyPortfolioOpt `exp_cov`, default span 180): for
 * each pair the EWM mean (pandas `ewm(span)`, adjust, NaN-aware) of `(x − x̄)(y − ȳ)` at the last
 * row, where x̄, ȳ are each column's full-sample means.
 */
export function exponentialCovariance(
  returns: ReturnTable,
  options: CovarianceOptions & { readonly span?: number } = {},
): CovarianceEstimate {
  const span = options.span ?? 180;
  if (!(span >= 1)) throw new RiskInputError(`exponential covariance span must be ≥ 1, got ${span}`);
  const n = returns.symbols.length;
  const rows = returns.times.length;
  const cols = toColumns(returns.values, rows, n);
  for (let j = 0; j < n; j++) {
    const o = j * rows;
    let s = 0;
    let c = 0;
    for (let t = 0; t < rows; t++) {
      const v = cols[o + t]!;
      if (v === v) {
        s += v;
        c++;
      }
    }
    const m = s / c;
    for (let t = 0; t < rows; t++) cols[o + t]! -= m;
  }
  const alpha = 2 / (span + 1);
  const prod = new Float64Array(rows);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      for (let t = 0; t < rows; t++) prod[t] = cols[i * rows + t]! * cols[j * rows + t]!;
      const v = ewmMeanLast(prod, 0, rows, alpha);
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return finishCovariance(returns.symbols, out, options);
}

/**
 * Converts a covariance to a correlation matrix (PyPortfolioOpt `cov_to_corr`).
 */
export function covarianceToCorrelation(cov: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) out[i * n + j] = cov[i * n + j]! / Math.sqrt(cov[i * n + i]! * cov[j * n + j]!);
  }
  return out;
}
