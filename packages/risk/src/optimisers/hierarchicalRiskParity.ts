/**
 * Hierarchical risk parity (López de Prado 2016) with PyPortfolioOpt 1.5's `HRPOpt` conventions:
 * distance √((1 − ρ)/2) fed straight into scipy-exact single (default) or Ward linkage,
 * quasi-diagonal leaf order, recursive bisection of the ordered list with inverse-variance
 * cluster variances. López de Prado's second step — Euclidean distances between the columns of
 * that distance matrix — is the `euclideanDistance` option.
 */
import { RiskInputError } from '../RiskError.js';
import type { ReturnTable } from '../PriceTable.js';
import { covarianceToCorrelation, pairwiseMoments } from '../estimators/covariance.js';
import { leafOrder, linkage, type Linkage, type LinkageMethod } from './linkage.js';
import { portfolioPerformance, type OptimisedPortfolio } from './PortfolioProblem.js';

/** Options of {@link hierarchicalRiskParity}. */
export interface HrpOptions {
  /** `single` (PyPortfolioOpt's default) or `ward` (skfolio's). */
  readonly linkage?: LinkageMethod;
  /** Cluster on Euclidean distances between rows of the √((1−ρ)/2) matrix (López de Prado). */
  readonly euclideanDistance?: boolean;
  /** Annualised expected returns for the reported performance (optional). */
  readonly expectedReturns?: Float64Array;
  readonly riskFreeRate?: number;
  /** Periods per year used to annualise a covariance taken from returns; default 252. */
  readonly frequency?: number;
}

/** HRP weights plus the clustering behind them. */
export interface HrpPortfolio extends OptimisedPortfolio {
  /** The symbols in quasi-diagonal (leaf) order. */
  readonly order: readonly string[];
  readonly linkage: Linkage;
  /** The correlation matrix that was clustered (n × n, `symbols` order). */
  readonly correlation: Float64Array;
  /** The covariance the weights and performance use (annualised). */
  readonly covariance: Float64Array;
}

/** A covariance (annualised) and its symbols, as an alternative input to returns. */
export interface CovarianceInput {
  readonly symbols: readonly string[];
  readonly covariance: Float64Array;
}

/**
 * HRP weights from returns (pairwise correlation and covariance, as `HRPOpt(returns)`) or from a
 * covariance matrix (correlation derived from it; PyPortfolioOpt additionally rounds that
 * correlation to 6 decimals, which this does not).
 *
 * @example
 * const { weights, order } = hierarchicalRiskParity(returns, { linkage: 'ward' });
 */
export function hierarchicalRiskParity(input: ReturnTable | CovarianceInput, options: HrpOptions = {}): HrpPortfolio {
  const n = input.symbols.length;
  if (n < 2) throw new RiskInputError(`HRP needs at least 2 symbols, got ${n}`);
  let cov: Float64Array;
  let corr: Float64Array;
  if ('values' in input) {
    const m = pairwiseMoments(input);
    cov = m.covariance;
    corr = m.correlation;
    const f = options.frequency ?? 252;
    for (let i = 0; i < cov.length; i++) {
      if (Number.isNaN(cov[i]!)) throw new RiskInputError(`HRP: ${input.symbols[Math.floor(i / n)]} and ${input.symbols[i % n]} share fewer than 2 returns`);
      cov[i]! *= f;
    }
  } else {
    cov = input.covariance;
    if (cov.length !== n * n) throw new RiskInputError(`covariance has ${cov.length} entries for ${n} symbols`);
    corr = covarianceToCorrelation(cov, n);
  }
  let dist = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) dist[i] = Math.sqrt(Math.min(1, Math.max(0, (1 - corr[i]!) / 2)));
  if (options.euclideanDistance === true) {
    const e = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) {
          const d = dist[i * n + k]! - dist[j * n + k]!;
          s += d * d;
        }
        e[i * n + j] = e[j * n + i] = Math.sqrt(s);
      }
    }
    dist = e;
  }
  for (let i = 0; i < n; i++) dist[i * n + i] = 0;
  const z = linkage(dist, n, options.linkage ?? 'single');
  const order = leafOrder(z);
  const weights = recursiveBisection(cov, n, order);
  return {
    symbols: input.symbols,
    weights,
    performance: portfolioPerformance(weights, cov, options.expectedReturns, options.riskFreeRate ?? 0),
    order: Array.from(order, (i) => input.symbols[i]!),
    linkage: z,
    correlation: corr,
    covariance: cov,
  };
}

/** Inverse-variance portfolio variance of a cluster. */
function clusterVariance(cov: Float64Array, n: number, items: Int32Array, from: number, to: number): number {
  let total = 0;
  for (let a = from; a < to; a++) total += 1 / cov[items[a]! * n + items[a]!]!;
  let v = 0;
  for (let a = from; a < to; a++) {
    const ia = items[a]!;
    const wa = 1 / cov[ia * n + ia]! / total;
    let s = 0;
    for (let b = from; b < to; b++) {
      const ib = items[b]!;
      s += cov[ia * n + ib]! * (1 / cov[ib * n + ib]! / total);
    }
    v += wa * s;
  }
  return v;
}

/** PyPortfolioOpt `_raw_hrp_allocation`: split each ordered cluster in halves, level by level. */
function recursiveBisection(cov: Float64Array, n: number, order: Int32Array): Float64Array {
  const w = new Float64Array(n).fill(1);
  let clusters: [number, number][] = [[0, n]];
  while (clusters.length > 0) {
    const next: [number, number][] = [];
    for (const [a, b] of clusters) {
      if (b - a <= 1) continue;
      const mid = a + Math.floor((b - a) / 2);
      next.push([a, mid], [mid, b]);
    }
    for (let k = 0; k < next.length; k += 2) {
      const [a1, b1] = next[k]!;
      const [a2, b2] = next[k + 1]!;
      const v1 = clusterVariance(cov, n, order, a1, b1);
      const v2 = clusterVariance(cov, n, order, a2, b2);
      const alpha = 1 - v1 / (v1 + v2);
      for (let i = a1; i < b1; i++) w[order[i]!]! *= alpha;
      for (let i = a2; i < b2; i++) w[order[i]!]! *= 1 - alpha;
    }
    clusters = next;
  }
  return w;
}
