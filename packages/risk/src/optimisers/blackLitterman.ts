/**
 * Black–Litterman (He & Litterman 1999; Idzorek 2005) with PyPortfolioOpt 1.5's
 * `BlackLittermanModel` conventions: τ = 0.05, Ω = diag(τ P Σ Pᵀ) by default or Idzorek's
 * confidences, posterior mean π + τΣPᵀ(PτΣPᵀ + Ω)⁻¹(Q − Pπ) and covariance Σ + τΣ − τΣPᵀ(PτΣPᵀ + Ω)⁻¹PτΣ.
 */
import { RiskInputError } from '../RiskError.js';
import { luSolve } from '../internal/linalg.js';

/**
 * Market-implied risk aversion δ = (E[r_m]·f − r_f) / (Var[r_m]·f) from market prices
 * (PyPortfolioOpt `market_implied_risk_aversion`; arithmetic mean, ddof 1).
 */
export function marketImpliedRiskAversion(
  marketPrices: ArrayLike<number>,
  options: { readonly frequency?: number; readonly riskFreeRate?: number } = {},
): number {
  const f = options.frequency ?? 252;
  const r: number[] = [];
  for (let i = 1; i < marketPrices.length; i++) {
    const v = marketPrices[i]! / marketPrices[i - 1]! - 1;
    if (Number.isFinite(v)) r.push(v);
  }
  if (r.length < 2) throw new RiskInputError(`market prices give ${r.length} returns; need at least 2`);
  const mean = r.reduce((a, b) => a + b, 0) / r.length;
  const variance = r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1);
  return (mean * f - (options.riskFreeRate ?? 0)) / (variance * f);
}

/**
 * Equilibrium (prior) returns π = δ Σ w_mkt + r_f with w_mkt the market-cap weights
 * (PyPortfolioOpt `market_implied_prior_returns`).
 */
export function marketImpliedPriorReturns(
  marketCaps: ArrayLike<number>,
  riskAversion: number,
  covariance: Float64Array,
  riskFreeRate = 0,
): Float64Array {
  const n = marketCaps.length;
  if (covariance.length !== n * n) throw new RiskInputError(`covariance has ${covariance.length} entries for ${n} market caps`);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (!(marketCaps[i]! >= 0)) throw new RiskInputError(`market cap ${i} is ${marketCaps[i]}`);
    total += marketCaps[i]!;
  }
  if (!(total > 0)) throw new RiskInputError('market caps sum to 0');
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += covariance[i * n + j]! * (marketCaps[j]! / total);
    out[i] = riskAversion * s + riskFreeRate;
  }
  return out;
}

/** Inputs of {@link blackLitterman}. */
export interface BlackLittermanInput {
  readonly symbols: readonly string[];
  /** Annualised prior covariance Σ (n × n). */
  readonly covariance: Float64Array;
  /** Prior returns π (e.g. {@link marketImpliedPriorReturns}); zeros if omitted. */
  readonly prior?: Float64Array;
  /** Absolute views: symbol → expected return. Ignored when `P`/`Q` are given. */
  readonly absoluteViews?: Readonly<Record<string, number>>;
  /** Picking matrix P (k × n, row-major) and view returns Q (k). */
  readonly P?: Float64Array;
  readonly Q?: Float64Array;
  /** `'default'` = diag(τPΣPᵀ); `'idzorek'` needs `confidences`; or an explicit k × k matrix. */
  readonly omega?: 'default' | 'idzorek' | Float64Array;
  /** Idzorek confidences in [0, 1], one per view. */
  readonly confidences?: ArrayLike<number>;
  /** τ ∈ (0, 1]; default 0.05. */
  readonly tau?: number;
  /** δ for the implied weights; default 1. */
  readonly riskAversion?: number;
}

/** Posterior and the weights it implies. */
export interface BlackLittermanResult {
  readonly symbols: readonly string[];
  readonly posteriorReturns: Float64Array;
  /** n × n. */
  readonly posteriorCovariance: Float64Array;
  /** The Ω used (k × k). */
  readonly omega: Float64Array;
  /** `(δΣ)⁻¹ μ_post`, normalised to sum to 1 (PyPortfolioOpt `bl_weights`). */
  readonly weights: Float64Array;
}

/**
 * @throws RiskInputError on a view on an unknown symbol, shape mismatch or bad τ/confidence
 * @example
 * const bl = blackLitterman({ symbols, covariance: S, prior: pi, absoluteViews: { AAPL: 0.2 } });
 */
export function blackLitterman(input: BlackLittermanInput): BlackLittermanResult {
  const n = input.symbols.length;
  const S = input.covariance;
  if (S.length !== n * n) throw new RiskInputError(`covariance has ${S.length} entries for ${n} symbols`);
  const tau = input.tau ?? 0.05;
  if (!(tau > 0 && tau <= 1)) throw new RiskInputError(`tau must be in (0, 1], got ${tau}`);
  const delta = input.riskAversion ?? 1;
  if (!(delta > 0)) throw new RiskInputError(`risk aversion must be > 0, got ${delta}`);
  const pi = input.prior ?? new Float64Array(n);
  if (pi.length !== n) throw new RiskInputError(`prior has ${pi.length} values for ${n} symbols`);
  let P: Float64Array;
  let Q: Float64Array;
  if (input.P !== undefined || input.Q !== undefined) {
    if (input.P === undefined || input.Q === undefined) throw new RiskInputError('give both P and Q');
    P = input.P;
    Q = input.Q;
    if (P.length !== Q.length * n) throw new RiskInputError(`P has ${P.length} entries for ${Q.length} views × ${n} symbols`);
  } else {
    const views = Object.entries(input.absoluteViews ?? {});
    if (views.length === 0) throw new RiskInputError('Black–Litterman needs at least one view');
    P = new Float64Array(views.length * n);
    Q = new Float64Array(views.length);
    views.forEach(([sym, q], k) => {
      const i = input.symbols.indexOf(sym);
      if (i < 0) throw new RiskInputError(`view on "${sym}", which is not among the symbols`);
      P[k * n + i] = 1;
      Q[k] = q;
    });
  }
  const k = Q.length;
  // τΣPᵀ (n × k)
  const tsp = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let v = 0; v < k; v++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += S[i * n + j]! * P[v * n + j]!;
      tsp[i * k + v] = tau * s;
    }
  }
  // PτΣPᵀ (k × k)
  const ptsp = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += P[a * n + i]! * tsp[i * k + b]!;
      ptsp[a * k + b] = s;
    }
  }
  let omega: Float64Array;
  if (input.omega instanceof Float64Array) {
    if (input.omega.length !== k * k) throw new RiskInputError(`omega has ${input.omega.length} entries for ${k} views`);
    omega = input.omega;
  } else if (input.omega === 'idzorek') {
    const c = input.confidences;
    if (c === undefined || c.length !== k) throw new RiskInputError(`Idzorek's method needs ${k} confidences`);
    omega = new Float64Array(k * k);
    for (let v = 0; v < k; v++) {
      const conf = c[v]!;
      if (!(conf >= 0 && conf <= 1)) throw new RiskInputError(`view confidence ${v} is ${conf}; must be in [0, 1]`);
      omega[v * k + v] = conf === 0 ? 1e6 : ((1 - conf) / conf) * ptsp[v * k + v]!;
    }
  } else {
    omega = new Float64Array(k * k);
    for (let v = 0; v < k; v++) omega[v * k + v] = ptsp[v * k + v]!;
  }
  const A = new Float64Array(k * k);
  for (let q = 0; q < k * k; q++) A[q] = ptsp[q]! + omega[q]!;
  const b = new Float64Array(k);
  for (let v = 0; v < k; v++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += P[v * n + i]! * pi[i]!;
    b[v] = Q[v]! - s;
  }
  const x = luSolve(A, k, b);
  const post = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let v = 0; v < k; v++) s += tsp[i * k + v]! * x[v]!;
    post[i] = pi[i]! + s;
  }
  // M = τΣ − τΣPᵀ A⁻¹ (τΣPᵀ)ᵀ ; posterior Σ + M
  const cov = new Float64Array(n * n);
  const col = new Float64Array(k);
  const sol: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    for (let v = 0; v < k; v++) col[v] = tsp[j * k + v]!;
    sol.push(luSolve(A, k, col));
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      const sj = sol[j]!;
      for (let v = 0; v < k; v++) s += tsp[i * k + v]! * sj[v]!;
      cov[i * n + j] = S[i * n + j]! + (tau * S[i * n + j]! - s);
    }
  }
  const dS = new Float64Array(n * n);
  for (let q = 0; q < n * n; q++) dS[q] = delta * S[q]!;
  const raw = luSolve(dS, n, post);
  let tot = 0;
  for (let i = 0; i < n; i++) tot += raw[i]!;
  const weights = raw.map((w) => w / tot);
  return { symbols: input.symbols, posteriorReturns: post, posteriorCovariance: cov, omega, weights };
}
