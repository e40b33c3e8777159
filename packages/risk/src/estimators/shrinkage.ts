/**
 * Shrinkage covariance estimators with PyPortfolioOpt 1.5 / scikit-learn conventions: returns
 * with missing values set to 0 (`np.nan_to_num`), T = every row, the per-period estimate
 * annualised by `frequency` and repaired to PSD.
 */
import type { ReturnTable } from '../PriceTable.js';
import type { CovarianceEstimate, CovarianceOptions } from './CovarianceEstimate.js';
import { finishCovariance, gramLower, pairwiseCovariance } from './covariance.js';

/** Column-major copy with NaN → 0 and each column centred; plus T and n. */
function centredColumns(returns: ReturnTable): { cols: Float64Array; rows: number; n: number } {
  const n = returns.symbols.length;
  const rows = returns.times.length;
  const cols = new Float64Array(rows * n);
  for (let t = 0; t < rows; t++) {
    for (let j = 0; j < n; j++) {
      const v = returns.values[t * n + j]!;
      cols[j * rows + t] = v === v ? v : 0;
    }
  }
  for (let j = 0; j < n; j++) {
    const o = j * rows;
    let m = 0;
    for (let t = 0; t < rows; t++) m += cols[o + t]!;
    m /= rows;
    for (let t = 0; t < rows; t++) cols[o + t]! -= m;
  }
  return { cols, rows, n };
}

/** `AᵀB / T` for two column-major T × n blocks (symmetric when `a === b`). */
function gram(a: Float64Array, b: Float64Array, rows: number, n: number): Float64Array {
  const out = new Float64Array(n * n);
  const sym = a === b;
  for (let i = 0; i < n; i++) {
    const oi = i * rows;
    for (let j = sym ? 0 : 0; j < (sym ? i + 1 : n); j++) {
      const oj = j * rows;
      let s0 = 0;
      let s1 = 0;
      let t = 0;
      for (; t + 1 < rows; t += 2) {
        s0 += a[oi + t]! * b[oj + t]!;
        s1 += a[oi + t + 1]! * b[oj + t + 1]!;
      }
      if (t < rows) s0 += a[oi + t]! * b[oj + t]!;
      const v = (s0 + s1) / rows;
      out[i * n + j] = v;
      if (sym) out[j * n + i] = v;
    }
  }
  return out;
}

/** The empirical (MLE, 1/T) covariance of centred columns. */
function empiricalCovariance(cols: Float64Array, rows: number, n: number): Float64Array {
  return gramLower(cols, rows, n, 1 / rows);
}

/**
 * Ledoit–Wolf shrinkage towards a scaled identity (scikit-learn `ledoit_wolf`, which PyPortfolioOpt
 * `CovarianceShrinkage.ledoit_wolf()` calls): the MLE covariance S (1/T), target μI with
 * μ = tr(S)/n, intensity δ from Ledoit & Wolf (2004); annualised.
 *
 * @example
 * const { matrix, shrinkage } = ledoitWolf(returns);
 */
export function ledoitWolf(returns: ReturnTable, options: CovarianceOptions = {}): CovarianceEstimate {
  const { cols, rows, n } = centredColumns(returns);
  const emp = empiricalCovariance(cols, rows, n);
  let trace = 0;
  for (let i = 0; i < n; i++) trace += emp[i * n + i]!;
  const mu = trace / n;
  let delta_ = 0;
  for (let i = 0; i < emp.length; i++) delta_ += emp[i]! * emp[i]!;
  // Σ_ij Σ_t x_ti² x_tj² = Σ_t (Σ_i x_ti²)²
  let beta_ = 0;
  for (let t = 0; t < rows; t++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const x = cols[i * rows + t]!;
      s += x * x;
    }
    beta_ += s * s;
  }
  let shrinkage = 0;
  if (n > 1) {
    let beta = (1 / (n * rows)) * (beta_ / rows - delta_);
    const delta = (delta_ - 2 * mu * trace + n * mu * mu) / n;
    beta = Math.min(beta, delta);
    shrinkage = beta === 0 ? 0 : beta / delta;
  }
  for (let i = 0; i < emp.length; i++) emp[i]! *= 1 - shrinkage;
  for (let i = 0; i < n; i++) emp[i * n + i]! += shrinkage * mu;
  return finishCovariance(returns.symbols, emp, options, shrinkage, true);
}

/**
 * Oracle Approximating Shrinkage (scikit-learn 1.2 `oas`, via PyPortfolioOpt
 * `oracle_approximating`): target μI, δ = min((α + μ²) / ((T+1)(α − μ²/n)), 1) with α the mean
 * of the squared MLE covariance entries; annualised.
 */
export function oracleApproximatingShrinkage(returns: ReturnTable, options: CovarianceOptions = {}): CovarianceEstimate {
  const { cols, rows, n } = centredColumns(returns);
  const emp = empiricalCovariance(cols, rows, n);
  let trace = 0;
  for (let i = 0; i < n; i++) trace += emp[i * n + i]!;
  const mu = trace / n;
  let sq = 0;
  for (let i = 0; i < emp.length; i++) sq += emp[i]! * emp[i]!;
  const alpha = sq / (n * n);
  const num = alpha + mu * mu;
  const den = (rows + 1) * (alpha - (mu * mu) / n);
  const shrinkage = n === 1 ? 0 : den === 0 ? 1 : Math.min(num / den, 1);
  for (let i = 0; i < emp.length; i++) emp[i]! *= 1 - shrinkage;
  for (let i = 0; i < n; i++) emp[i * n + i]! += shrinkage * mu;
  return finishCovariance(returns.symbols, emp, options, shrinkage, true);
}

/**
 * Ledoit–Wolf (2001) shrinkage towards Sharpe's single-factor model, the market being the
 * equal-weighted mean of the (centred) returns — PyPortfolioOpt's
 * `ledoit_wolf(shrinkage_target="single_factor")`; annualised.
 */
export function ledoitWolfSingleFactor(returns: ReturnTable, options: CovarianceOptions = {}): CovarianceEstimate {
  const { cols: xm, rows: t, n } = centredColumns(returns);
  const xmkt = new Float64Array(t);
  for (let r = 0; r < t; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += xm[i * t + r]!;
    xmkt[r] = s / n;
  }
  // np.cov(..)·(t−1)/t re-centres; the columns are centred already, so centre only xmkt's rounding.
  let mm = 0;
  for (let r = 0; r < t; r++) mm += xmkt[r]!;
  mm /= t;
  const xc = new Float64Array(t);
  for (let r = 0; r < t; r++) xc[r] = xmkt[r]! - mm;
  const sample = empiricalCovariance(xm, t, n);
  const betas = new Float64Array(n);
  let varmkt = 0;
  for (let r = 0; r < t; r++) varmkt += xc[r]! * xc[r]!;
  varmkt /= t;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let r = 0; r < t; r++) s += xm[i * t + r]! * xc[r]!;
    betas[i] = s / t;
  }
  const f = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) f[i * n + j] = i === j ? sample[i * n + i]! : (betas[i]! * betas[j]!) / varmkt;
  let c = 0;
  let sumSample2 = 0;
  for (let k = 0; k < n * n; k++) {
    c += (sample[k]! - f[k]!) ** 2;
    sumSample2 += sample[k]! ** 2;
  }
  const y = new Float64Array(t * n);
  const z = new Float64Array(t * n);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < t; r++) {
      const x = xm[i * t + r]!;
      y[i * t + r] = x * x;
      z[i * t + r] = x * xmkt[r]!;
    }
  }
  let yy = 0;
  let y2 = 0;
  for (let r = 0; r < t; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const v = y[i * t + r]!;
      s += v;
      y2 += v * v;
    }
    yy += s * s;
  }
  const p = yy / t - sumSample2;
  let diag2 = 0;
  for (let i = 0; i < n; i++) diag2 += sample[i * n + i]! ** 2;
  const rdiag = y2 / t - diag2;
  const yz = gram(y, z, t, n);
  const zz = gram(z, z, t, n);
  let roff1a = 0;
  let roff1b = 0;
  let roff3a = 0;
  let roff3b = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v1 = yz[i * n + j]! - betas[i]! * sample[i * n + j]!;
      roff1a += v1 * betas[j]!;
      const v3 = zz[i * n + j]! - varmkt * sample[i * n + j]!;
      roff3a += v3 * betas[i]! * betas[j]!;
      if (i === j) {
        roff1b += v1 * betas[i]!;
        roff3b += v3 * betas[i]! * betas[i]!;
      }
    }
  }
  const roff1 = roff1a / varmkt - roff1b / varmkt;
  const roff3 = roff3a / varmkt ** 2 - roff3b / varmkt ** 2;
  const r = rdiag + 2 * roff1 - roff3;
  const k = (p - r) / c;
  const delta = Math.max(0, Math.min(1, k / t));
  const out = new Float64Array(n * n);
  for (let q = 0; q < n * n; q++) out[q] = delta * f[q]! + (1 - delta) * sample[q]!;
  return finishCovariance(returns.symbols, out, options, delta);
}

/**
 * Ledoit–Wolf (2003) shrinkage towards the constant-correlation matrix — PyPortfolioOpt's
 * `ledoit_wolf(shrinkage_target="constant_correlation")`, whose sample matrix is the
 * pairwise-complete covariance (ddof 1) while the moments use returns with NaN → 0; annualised.
 */
export function ledoitWolfConstantCorrelation(returns: ReturnTable, options: CovarianceOptions = {}): CovarianceEstimate {
  const s = pairwiseCovariance(returns);
  const { cols: xm, rows: t, n } = centredColumns(returns);
  const std = new Float64Array(n);
  for (let i = 0; i < n; i++) std[i] = Math.sqrt(s[i * n + i]!);
  let sumCorr = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sumCorr += s[i * n + j]! / (std[i]! * std[j]!);
  const rBar = (sumCorr - n) / (n * (n - 1));
  const f = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) f[i * n + j] = i === j ? s[i * n + i]! : rBar * std[i]! * std[j]!;
  const y = new Float64Array(t * n);
  const x3 = new Float64Array(t * n);
  for (let k = 0; k < t * n; k++) {
    const x = xm[k]!;
    y[k] = x * x;
    x3[k] = x * x * x;
  }
  const yy = gram(y, y, t, n);
  const help = gram(xm, xm, t, n);
  const term1 = gram(x3, xm, t, n);
  let piHat = 0;
  let piDiag = 0;
  let thetaSum = 0;
  let gamma = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const q = i * n + j;
      const sij = s[q]!;
      const pi = yy[q]! - 2 * help[q]! * sij + sij * sij;
      piHat += pi;
      if (i === j) piDiag += pi;
      else {
        const vi = s[i * n + i]!;
        const theta = term1[q]! - help[i * n + i]! * sij - help[q]! * vi + vi * sij;
        thetaSum += (std[j]! / std[i]!) * theta;
      }
      gamma += (sij - f[q]!) ** 2;
    }
  }
  const rho = piDiag + rBar * thetaSum;
  const kappa = (piHat - rho) / gamma;
  const delta = Math.max(0, Math.min(1, kappa / t));
  const out = new Float64Array(n * n);
  for (let q = 0; q < n * n; q++) out[q] = delta * f[q]! + (1 - delta) * s[q]!;
  return finishCovariance(returns.symbols, out, options, delta);
}
