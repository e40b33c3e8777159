/**
 * The inputs every mean–variance optimiser takes and what it returns.
 */
import { RiskInputError } from '../RiskError.js';
import { assertSquare, quadForm } from '../internal/linalg.js';
import type { LinearConstraint } from './QuadraticProgram.js';

/** A portfolio optimisation over `symbols`. */
export interface PortfolioProblem {
  readonly symbols: readonly string[];
  /** Annualised covariance, n × n row-major. */
  readonly covariance: Float64Array;
  /** Annualised expected returns (required by every method but minimum volatility). */
  readonly expectedReturns?: Float64Array;
  /** Per-asset weight bounds; a number applies to all. Default `[0, 1]` (long only). */
  readonly lower?: number | ArrayLike<number>;
  readonly upper?: number | ArrayLike<number>;
  /** Extra linear constraints on the weights (see {@link sectorConstraints}). */
  readonly constraints?: readonly LinearConstraint[];
}

/** Expected return, volatility and Sharpe ratio of a portfolio (annualised). */
export interface PortfolioPerformance {
  readonly expectedReturn: number;
  readonly volatility: number;
  readonly sharpeRatio: number;
}

/** Optimiser output: weights in `symbols` order plus their performance. */
export interface OptimisedPortfolio {
  readonly symbols: readonly string[];
  readonly weights: Float64Array;
  readonly performance: PortfolioPerformance;
}

/** @internal Validated problem dimensions and bounds. */
export interface CheckedProblem {
  readonly n: number;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/** @internal */
export function checkProblem(p: PortfolioProblem, needsReturns: boolean): CheckedProblem {
  const n = p.symbols.length;
  if (n === 0) throw new RiskInputError('portfolio problem has no symbols');
  if (assertSquare(p.covariance, 'covariance') !== n) {
    throw new RiskInputError(`covariance is ${Math.sqrt(p.covariance.length)}×${Math.sqrt(p.covariance.length)} for ${n} symbols`);
  }
  if (needsReturns) {
    const mu = p.expectedReturns;
    if (mu === undefined) throw new RiskInputError('this method needs expectedReturns');
    if (mu.length !== n) throw new RiskInputError(`expectedReturns has ${mu.length} values for ${n} symbols`);
    mu.forEach((v, i) => {
      if (!Number.isFinite(v)) throw new RiskInputError(`expected return of ${p.symbols[i]} is ${v}`);
    });
  }
  const expand = (b: number | ArrayLike<number> | undefined, dflt: number, what: string): Float64Array => {
    if (b === undefined) return new Float64Array(n).fill(dflt);
    if (typeof b === 'number') return new Float64Array(n).fill(b);
    if (b.length !== n) throw new RiskInputError(`${what} bounds have ${b.length} values for ${n} symbols`);
    return Float64Array.from(b);
  };
  const lower = expand(p.lower, 0, 'lower');
  const upper = expand(p.upper, 1, 'upper');
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    if (!(lower[i]! <= upper[i]!)) throw new RiskInputError(`bounds of ${p.symbols[i]}: [${lower[i]}, ${upper[i]}]`);
    lo += lower[i]!;
    hi += upper[i]!;
  }
  if (lo > 1 + 1e-12 || hi < 1 - 1e-12) {
    throw new RiskInputError(`weight bounds cannot sum to 1 (lower bounds sum to ${lo}, upper to ${hi})`);
  }
  return { n, lower, upper };
}

/**
 * Expected return, volatility and Sharpe ratio `(r − r_f)/σ` of weights `w`
 * (PyPortfolioOpt `portfolio_performance`).
 */
export function portfolioPerformance(
  weights: ArrayLike<number>,
  covariance: Float64Array,
  expectedReturns: ArrayLike<number> | undefined,
  riskFreeRate = 0,
): PortfolioPerformance {
  const n = weights.length;
  const volatility = Math.sqrt(Math.max(0, quadForm(covariance, n, weights)));
  let expectedReturn = Number.NaN;
  if (expectedReturns !== undefined) {
    expectedReturn = 0;
    for (let i = 0; i < n; i++) expectedReturn += weights[i]! * expectedReturns[i]!;
  }
  return { expectedReturn, volatility, sharpeRatio: (expectedReturn - riskFreeRate) / volatility };
}

/**
 * Sector caps/floors as linear constraints: for each sector with a limit,
 * `lower ≤ Σ_{i∈sector} w_i ≤ upper`.
 *
 * @param sectorOf symbol → sector name
 * @param limits sector name → `{ lower?, upper? }`
 * @example
 * sectorConstraints(symbols, { AAPL: 'Tech', XOM: 'Energy' }, { Tech: { upper: 0.3 } })
 */
export function sectorConstraints(
  symbols: readonly string[],
  sectorOf: Readonly<Record<string, string>>,
  limits: Readonly<Record<string, { readonly lower?: number; readonly upper?: number }>>,
): LinearConstraint[] {
  const out: LinearConstraint[] = [];
  for (const [sector, lim] of Object.entries(limits)) {
    const c = new Float64Array(symbols.length);
    let any = false;
    symbols.forEach((s, i) => {
      if (sectorOf[s] === sector) {
        c[i] = 1;
        any = true;
      }
    });
    if (!any) throw new RiskInputError(`sector "${sector}" has no symbol among ${symbols.length}`);
    if (lim.upper !== undefined) out.push({ coefficients: c, type: 'le', rhs: lim.upper, label: `sector ${sector} ≤ ${lim.upper}` });
    if (lim.lower !== undefined) out.push({ coefficients: c, type: 'ge', rhs: lim.lower, label: `sector ${sector} ≥ ${lim.lower}` });
  }
  return out;
}
