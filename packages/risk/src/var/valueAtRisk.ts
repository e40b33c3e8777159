/**
 * Value at risk and conditional value at risk (expected shortfall). Every function returns a
 * LOSS as a positive number of return units (a 5 % VaR of 0.02 means "lose 2 % or more on 5 % of
 * periods"); negate it to compare with empyrical, whose functions return the (negative) return.
 */
import { SeededRandom } from '@qt-backtest/core';
import { RiskInputError } from '../RiskError.js';
import { cholesky } from '../internal/linalg.js';
import { normalPdf, normalQuantile } from '../internal/normal.js';

/** How the empirical tail is read. */
export const TailConvention = {
  /** empyrical: VaR = np.percentile(r, 100α) (linear interpolation); CVaR = mean of the ⌊(n−1)α⌋+1 worst. */
  Empyrical: 'empyrical',
  /** Riskfolio-Lib: VaR = the ⌈αn⌉-th worst; CVaR = Rockafellar–Uryasev with that VaR. */
  Riskfolio: 'riskfolio',
} as const;
export type TailConvention = (typeof TailConvention)[keyof typeof TailConvention];

function finite(returns: ArrayLike<number>, what: string): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < returns.length; i++) {
    const v = returns[i]!;
    if (Number.isNaN(v)) continue;
    if (!Number.isFinite(v)) throw new RiskInputError(`${what}: return ${i} is ${v}`);
    out.push(v);
  }
  if (out.length < 2) throw new RiskInputError(`${what}: needs at least 2 returns, got ${out.length}`);
  return Float64Array.from(out).sort();
}

function checkAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RiskInputError(`alpha must be in (0, 1), got ${alpha}`);
}

/** Historical VaR and CVaR of a return series (NaN skipped). */
export function historicalVaR(
  returns: ArrayLike<number>,
  alpha = 0.05,
  convention: TailConvention = 'empyrical',
): { readonly var: number; readonly cvar: number } {
  checkAlpha(alpha);
  const r = finite(returns, 'historicalVaR');
  const n = r.length;
  if (convention === 'riskfolio') {
    const k = Math.max(0, Math.ceil(alpha * n) - 1);
    let s = 0;
    for (let i = 0; i <= k; i++) s += r[i]! - r[k]!;
    return { var: -r[k]!, cvar: -r[k]! - s / (alpha * n) };
  }
  // np.percentile, linear: position (n − 1)·α
  const pos = (n - 1) * alpha;
  const lo = Math.floor(pos);
  const frac = pos - lo;
  const q = lo + 1 < n ? r[lo]! + (r[lo + 1]! - r[lo]!) * frac : r[lo]!;
  const cut = Math.floor((n - 1) * alpha);
  let s = 0;
  for (let i = 0; i <= cut; i++) s += r[i]!;
  return { var: -q, cvar: -s / (cut + 1) };
}

/** Sample mean, standard deviation (ddof 1), population skewness and excess kurtosis. */
export function moments(returns: ArrayLike<number>): { mean: number; std: number; skew: number; excessKurtosis: number } {
  const r = finite(returns, 'moments');
  const n = r.length;
  let m = 0;
  for (const v of r) m += v;
  m /= n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const v of r) {
    const d = v - m;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  const std = Math.sqrt(m2 / (n - 1));
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return { mean: m, std, skew: m3 / m2 ** 1.5, excessKurtosis: m4 / (m2 * m2) - 3 };
}

/** Normal (Gaussian) VaR −(μ + zσ) and CVaR −(μ − σφ(z)/α), z = Φ⁻¹(α). */
export function parametricVaR(mean: number, std: number, alpha = 0.05): { readonly var: number; readonly cvar: number } {
  checkAlpha(alpha);
  if (!(std >= 0)) throw new RiskInputError(`std must be ≥ 0, got ${std}`);
  const z = normalQuantile(alpha);
  return { var: -(mean + z * std), cvar: -(mean - (std * normalPdf(z)) / alpha) };
}

/**
 * Cornish–Fisher (modified) VaR: the normal quantile corrected by the sample's skewness S and
 * excess kurtosis K (population moments, as PerformanceAnalytics' "modified" VaR):
 * z_cf = z + (z²−1)S/6 + (z³−3z)K/24 − (2z³−5z)S²/36; VaR = −(μ + z_cf σ).
 */
export function cornishFisherVaR(returns: ArrayLike<number>, alpha = 0.05): number {
  checkAlpha(alpha);
  const { mean, std, skew: s, excessKurtosis: k } = moments(returns);
  const z = normalQuantile(alpha);
  const zcf = z + ((z * z - 1) * s) / 6 + ((z ** 3 - 3 * z) * k) / 24 - ((2 * z ** 3 - 5 * z) * s * s) / 36;
  return -(mean + zcf * std);
}

/**
 * Monte Carlo VaR/CVaR of a portfolio: `draws` seeded multivariate-normal returns with mean μ and
 * covariance Σ (per period, n × n), read with the empyrical convention.
 */
export function monteCarloVaR(
  weights: ArrayLike<number>,
  mean: ArrayLike<number>,
  covariance: Float64Array,
  options: { readonly alpha?: number; readonly draws?: number; readonly seed: number },
): { readonly var: number; readonly cvar: number } {
  const n = weights.length;
  const draws = options.draws ?? 100_000;
  if (!(draws >= 2)) throw new RiskInputError(`draws must be ≥ 2, got ${draws}`);
  let l = cholesky(covariance, n);
  if (l === null) {
    const c = Float64Array.from(covariance);
    for (let i = 0; i < n; i++) c[i * n + i]! += 1e-14 * Math.max(1e-300, c[i * n + i]!);
    l = cholesky(c, n);
    if (l === null) throw new RiskInputError('monteCarloVaR: covariance is not positive semidefinite');
  }
  // Portfolio return = wᵀμ + (Lᵀw)ᵀ ε: only Lᵀw is needed.
  const lw = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = j; i < n; i++) s += l[i * n + j]! * weights[i]!;
    lw[j] = s;
  }
  let mu = 0;
  for (let i = 0; i < n; i++) mu += weights[i]! * mean[i]!;
  const rng = new SeededRandom(options.seed);
  const out = new Float64Array(draws);
  let spare = Number.NaN;
  const normal = (): number => {
    if (!Number.isNaN(spare)) {
      const s = spare;
      spare = Number.NaN;
      return s;
    }
    const u = Math.max(rng.next(), Number.MIN_VALUE);
    const v = rng.next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  for (let k = 0; k < draws; k++) {
    let s = mu;
    for (let j = 0; j < n; j++) s += lw[j]! * normal();
    out[k] = s;
  }
  return historicalVaR(out, options.alpha ?? 0.05, 'empyrical');
}

/** Per-asset decomposition of a portfolio risk figure. */
export interface RiskContributions {
  /** The portfolio figure (loss, positive). */
  readonly total: number;
  /** ∂total/∂wᵢ. */
  readonly marginal: Float64Array;
  /** wᵢ·∂total/∂wᵢ; sums to `total` (Euler). */
  readonly component: Float64Array;
}

/**
 * Parametric (normal) portfolio VaR −(wᵀμ + zσ_p) with marginal −μᵢ − z(Σw)ᵢ/σ_p and components
 * w_i × marginal_i, which sum to the VaR.
 */
export function parametricVaRContributions(
  weights: ArrayLike<number>,
  mean: ArrayLike<number>,
  covariance: Float64Array,
  alpha = 0.05,
): RiskContributions {
  checkAlpha(alpha);
  const n = weights.length;
  const z = normalQuantile(alpha);
  const sw = new Float64Array(n);
  let v = 0;
  let mu = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += covariance[i * n + j]! * weights[j]!;
    sw[i] = s;
    v += weights[i]! * s;
    mu += weights[i]! * mean[i]!;
  }
  const sigma = Math.sqrt(v);
  const marginal = new Float64Array(n);
  const component = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    marginal[i] = -mean[i]! - (z * sw[i]!) / sigma;
    component[i] = weights[i]! * marginal[i]!;
  }
  return { total: -(mu + z * sigma), marginal, component };
}

/**
 * Historical CVaR of a portfolio and its Euler decomposition: component i = −wᵢ × the mean
 * return of asset i over the tail periods (the ⌊(n−1)α⌋+1 worst portfolio periods, empyrical's
 * convention). Rows with any missing return are skipped.
 *
 * @param returns rows × n, row-major
 */
export function historicalCVaRContributions(
  weights: ArrayLike<number>,
  returns: Float64Array,
  alpha = 0.05,
): RiskContributions {
  checkAlpha(alpha);
  const n = weights.length;
  const rows = returns.length / n;
  const port: [number, number][] = [];
  for (let t = 0; t < rows; t++) {
    let s = 0;
    let ok = true;
    for (let i = 0; i < n; i++) {
      const r = returns[t * n + i]!;
      if (r !== r) ok = false;
      s += weights[i]! * r;
    }
    if (ok) port.push([s, t]);
  }
  if (port.length < 2) throw new RiskInputError(`historicalCVaRContributions: ${port.length} complete rows`);
  port.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cut = Math.floor((port.length - 1) * alpha) + 1;
  const marginal = new Float64Array(n);
  for (let k = 0; k < cut; k++) {
    const t = port[k]![1];
    for (let i = 0; i < n; i++) marginal[i]! -= returns[t * n + i]! / cut;
  }
  const component = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    component[i] = weights[i]! * marginal[i]!;
    total += component[i]!;
  }
  return { total, marginal, component };
}
