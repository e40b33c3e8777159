/**
 * Mean–variance optimisers (PyPortfolioOpt `EfficientFrontier` semantics) on the package's own
 * Goldfarb–Idnani QP solver: minimum volatility, maximum Sharpe (convex y-substitution), efficient
 * risk, efficient return and quadratic utility, each with weight bounds and linear constraints.
 */
import { InfeasibleProblemError, NoAssetAboveRiskFreeError, RiskInputError } from '../RiskError.js';
import { cholesky } from '../internal/linalg.js';
import {
  checkProblem,
  portfolioPerformance,
  type CheckedProblem,
  type OptimisedPortfolio,
  type PortfolioProblem,
} from './PortfolioProblem.js';
import type { LinearConstraint, QuadraticProgram, QuadraticSolution } from './QuadraticProgram.js';
import { solveWithBoundScreening } from './solveWithBoundScreening.js';

/** G = Σ·scale; with `ridge`, made strictly positive definite when Σ is only semidefinite. */
function objectiveMatrix(cov: Float64Array, n: number, scale = 1, ridge = false): Float64Array {
  const g = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) g[i] = cov[i]! * scale;
  if (ridge && cholesky(g, n) === null) {
    let tr = 0;
    for (let i = 0; i < n; i++) tr += g[i * n + i]!;
    const ridge = (1e-12 * tr) / n;
    for (let i = 0; i < n; i++) g[i * n + i]! += ridge;
  }
  return g;
}

/** Solves with bound screening; retries once with a ridge when Σ is only semidefinite. */
function solveQp(problem: QuadraticProgram): QuadraticSolution {
  try {
    return solveWithBoundScreening(problem);
  } catch (e) {
    if (!(e instanceof RiskInputError) || !/positive definite/.test(e.message)) throw e;
    const n = problem.a.length;
    return solveWithBoundScreening({ ...problem, G: objectiveMatrix(problem.G, n, 1, true) });
  }
}

function solveWeights(
  p: PortfolioProblem,
  c: CheckedProblem,
  G: Float64Array,
  a: Float64Array,
  extra: readonly LinearConstraint[] = [],
): QuadraticSolution {
  return solveQp({
    G,
    a,
    constraints: [{ sumCoefficient: 1, type: 'eq', rhs: 1, label: 'weights sum to 1' }, ...(p.constraints ?? []), ...extra],
    lower: c.lower,
    upper: c.upper,
  });
}

function result(p: PortfolioProblem, w: Float64Array, riskFreeRate: number): OptimisedPortfolio {
  return { symbols: p.symbols, weights: w, performance: portfolioPerformance(w, p.covariance, p.expectedReturns, riskFreeRate) };
}

/**
 * The minimum-volatility portfolio `min wᵀΣw` s.t. Σw = 1, bounds and constraints.
 *
 * @throws InfeasibleProblemError when the constraints admit no portfolio
 * @example
 * const { weights } = minVolatility({ symbols, covariance: sampleCovariance(returns).matrix });
 */
export function minVolatility(problem: PortfolioProblem, options: { readonly riskFreeRate?: number } = {}): OptimisedPortfolio {
  const c = checkProblem(problem, false);
  const s = solveWeights(problem, c, objectiveMatrix(problem.covariance, c.n), new Float64Array(c.n));
  return result(problem, s.x, options.riskFreeRate ?? 0);
}

/**
 * The maximum-Sharpe (tangency) portfolio. Solved exactly as the convex problem
 * `min yᵀΣy` s.t. `(μ − r_f)ᵀy = 1`, each constraint `nᵀw ≥ b` as `nᵀy − b·Σy ≥ 0`, then `w = y/Σy`
 * (Cornuejols & Tütüncü §8.2, as PyPortfolioOpt).
 *
 * @param options.riskFreeRate annual, default 0 (PyPortfolioOpt 1.5's default)
 * @throws NoAssetAboveRiskFreeError when no expected return exceeds the risk-free rate
 * @throws InfeasibleProblemError when the constraints admit no portfolio with positive excess return
 */
export function maxSharpe(problem: PortfolioProblem, options: { readonly riskFreeRate?: number } = {}): OptimisedPortfolio {
  const c = checkProblem(problem, true);
  const rf = options.riskFreeRate ?? 0;
  const mu = problem.expectedReturns!;
  const n = c.n;
  let best = -Infinity;
  for (let i = 0; i < n; i++) best = Math.max(best, mu[i]!);
  if (!(best > rf)) throw new NoAssetAboveRiskFreeError(best, rf);
  const excess = new Float64Array(n);
  for (let i = 0; i < n; i++) excess[i] = mu[i]! - rf;
  const cons: LinearConstraint[] = [{ coefficients: excess, type: 'eq', rhs: 1, label: 'excess return of y = 1' }];
  const lowerY = new Float64Array(n).fill(-Infinity);
  let shorts = false;
  let loSum = 0;
  for (let i = 0; i < n; i++) {
    const lo = c.lower[i]!;
    loSum += lo;
    if (lo === 0) lowerY[i] = 0;
    else if (lo > -Infinity) cons.push({ index: i, sumCoefficient: -lo, type: 'ge', rhs: 0 });
    if (lo < 0) shorts = true;
  }
  for (let i = 0; i < n; i++) {
    const hi = c.upper[i]!;
    // With every lower bound ≥ 0, w_i ≤ hi ≥ 1 is implied by Σw = 1.
    if (hi < Infinity && (shorts || hi < 1)) cons.push({ index: i, indexCoefficient: -1, sumCoefficient: hi, type: 'ge', rhs: 0 });
  }
  for (const k of problem.constraints ?? []) {
    // nᵀw (type) b  →  nᵀy − b·Σy (type) 0
    cons.push({
      ...k,
      sumCoefficient: (k.sumCoefficient ?? 0) - k.rhs,
      rhs: 0,
    });
  }
  if (shorts || loSum < 0) cons.push({ sumCoefficient: 1, type: 'ge', rhs: 0, label: 'Σy ≥ 0' });
  let s: QuadraticSolution;
  try {
    s = solveQp({ G: objectiveMatrix(problem.covariance, n), a: new Float64Array(n), constraints: cons, lower: lowerY });
  } catch (e) {
    if (e instanceof InfeasibleProblemError) {
      throw new InfeasibleProblemError(`max Sharpe: no portfolio within the bounds and constraints has return above ${rf}`, { cause: e });
    }
    throw e;
  }
  let k = 0;
  for (let i = 0; i < n; i++) k += s.x[i]!;
  if (!(k > 0)) throw new InfeasibleProblemError(`max Sharpe: the optimal scale Σy is ${k}`);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = s.x[i]! / k;
  return result(problem, w, rf);
}

/**
 * Maximises quadratic utility `μᵀw − ½δ wᵀΣw` (PyPortfolioOpt `max_quadratic_utility`).
 * @param options.riskAversion δ > 0, default 1
 */
export function quadraticUtility(
  problem: PortfolioProblem,
  options: { readonly riskAversion?: number; readonly riskFreeRate?: number } = {},
): OptimisedPortfolio {
  const c = checkProblem(problem, true);
  const delta = options.riskAversion ?? 1;
  if (!(delta > 0)) throw new RiskInputError(`risk aversion must be > 0, got ${delta}`);
  const s = solveWeights(problem, c, objectiveMatrix(problem.covariance, c.n, delta), Float64Array.from(problem.expectedReturns!));
  return result(problem, s.x, options.riskFreeRate ?? 0);
}

/**
 * Minimum volatility subject to an expected return of at least `targetReturn`
 * (PyPortfolioOpt `efficient_return`).
 * @throws InfeasibleProblemError when no portfolio reaches the target
 */
export function efficientReturn(
  problem: PortfolioProblem,
  targetReturn: number,
  options: { readonly riskFreeRate?: number } = {},
): OptimisedPortfolio {
  const c = checkProblem(problem, true);
  if (!Number.isFinite(targetReturn)) throw new RiskInputError(`target return is ${targetReturn}`);
  const s = solveWeights(problem, c, objectiveMatrix(problem.covariance, c.n), new Float64Array(c.n), [
    { coefficients: problem.expectedReturns!, type: 'ge', rhs: targetReturn, label: `expected return ≥ ${targetReturn}` },
  ]);
  return result(problem, s.x, options.riskFreeRate ?? 0);
}

/**
 * Maximum expected return subject to volatility ≤ `targetVolatility` (PyPortfolioOpt
 * `efficient_risk`). The optimum lies on the quadratic-utility path w(δ) (the KKT conditions
 * coincide with δ = 2γ, γ the volatility constraint's multiplier); σ(δ) is monotone, so δ is found
 * by bisection on log δ until σ matches the target to 1e-12 relative.
 * @throws InfeasibleProblemError when the target is below the minimum volatility
 */
export function efficientRisk(
  problem: PortfolioProblem,
  targetVolatility: number,
  options: { readonly riskFreeRate?: number } = {},
): OptimisedPortfolio {
  const c = checkProblem(problem, true);
  if (!(targetVolatility > 0)) throw new RiskInputError(`target volatility must be > 0, got ${targetVolatility}`);
  const rf = options.riskFreeRate ?? 0;
  const minVol = minVolatility(problem);
  if (targetVolatility < minVol.performance.volatility * (1 - 1e-12)) {
    throw new InfeasibleProblemError(
      `target volatility ${targetVolatility} is below the minimum volatility ${minVol.performance.volatility}`,
    );
  }
  const mu = Float64Array.from(problem.expectedReturns!);
  const at = (logDelta: number): Float64Array =>
    solveWeights(problem, c, objectiveMatrix(problem.covariance, c.n, Math.exp(logDelta)), mu).x;
  const vol = (w: Float64Array): number => portfolioPerformance(w, problem.covariance, undefined).volatility;
  let lo = Math.log(1e-6);
  let wLo = at(lo);
  if (vol(wLo) <= targetVolatility) return result(problem, wLo, rf);
  let hi = Math.log(1e8);
  let wHi = at(hi);
  if (vol(wHi) > targetVolatility) return result(problem, minVol.weights, rf);
  for (let it = 0; it < 200 && hi - lo > 1e-15; it++) {
    const mid = (lo + hi) / 2;
    const w = at(mid);
    const v = vol(w);
    if (Math.abs(v - targetVolatility) <= 1e-13 * targetVolatility) return result(problem, w, rf);
    if (v > targetVolatility) {
      lo = mid;
      wLo = w;
    } else {
      hi = mid;
      wHi = w;
    }
  }
  return result(problem, wHi, rf);
}
