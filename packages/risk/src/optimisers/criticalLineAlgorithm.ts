/**
 * Markowitz's critical line algorithm for long-only/bounded portfolios with a budget constraint
 * (Bailey & López de Prado 2013, "An open-source implementation of the critical-line algorithm",
 * the formulation PyPortfolioOpt's `CLA` uses): the whole efficient frontier as its turning
 * points, each the corner where one weight leaves or reaches a bound. Minimum volatility is the
 * last turning point; maximum Sharpe is found exactly on the segment between turning points (the
 * Sharpe ratio along a segment has a closed-form maximiser), not by a line search.
 */
import { RiskInputError } from '../RiskError.js';
import { luSolve } from '../internal/linalg.js';
import { checkProblem, portfolioPerformance, type OptimisedPortfolio, type PortfolioProblem } from './PortfolioProblem.js';

/** The frontier as turning points, from the highest-return corner down to minimum variance. */
export interface CriticalLineResult {
  readonly symbols: readonly string[];
  /** Weights at each turning point. */
  readonly turningPoints: readonly Float64Array[];
  /** The risk-aversion multiplier λ at each turning point (NaN for the first). */
  readonly lambdas: readonly number[];
}

interface FreeSystem {
  readonly inv1: Float64Array;
  readonly invMu: Float64Array;
  readonly invFbWb: Float64Array | null;
  readonly sumWb: number;
}

function system(cov: Float64Array, n: number, mu: Float64Array, free: readonly number[], w: Float64Array): FreeSystem {
  const k = free.length;
  const S = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) S[a * k + b] = cov[free[a]! * n + free[b]!]!;
  const ones = new Float64Array(k).fill(1);
  const muF = Float64Array.from(free, (i) => mu[i]!);
  const isFree = new Uint8Array(n);
  for (const i of free) isFree[i] = 1;
  let sumWb = 0;
  let anyB = false;
  const fb = new Float64Array(k);
  for (let j = 0; j < n; j++) {
    if (isFree[j] === 1) continue;
    anyB = true;
    sumWb += w[j]!;
    for (let a = 0; a < k; a++) fb[a]! += cov[free[a]! * n + j]! * w[j]!;
  }
  return { inv1: luSolve(S, k, ones), invMu: luSolve(S, k, muF), invFbWb: anyB ? luSolve(S, k, fb) : null, sumWb };
}

const sum = (x: Float64Array): number => x.reduce((a, b) => a + b, 0);

/** λ at which free weight `i` (position in the free list) reaches `bound`; NaN when undefined. */
function lambdaAt(s: FreeSystem, i: number, bound: number | [number, number]): [number, number] {
  const c1 = sum(s.inv1);
  const c3 = sum(s.invMu);
  const c = -c1 * s.invMu[i]! + c3 * s.inv1[i]!;
  if (c === 0) return [Number.NaN, Number.NaN];
  const bi = Array.isArray(bound) ? (c > 0 ? bound[1] : bound[0]) : bound;
  if (s.invFbWb === null) return [(s.inv1[i]! - c1 * bi) / c, bi];
  const l2 = sum(s.invFbWb);
  return [((1 - s.sumWb + l2) * s.inv1[i]! - c1 * (bi + s.invFbWb[i]!)) / c, bi];
}

/** Free weights on the critical line at λ. */
function freeWeights(s: FreeSystem, lambda: number): Float64Array {
  const g1 = sum(s.invMu);
  const g2 = sum(s.inv1);
  const w1 = s.invFbWb;
  const g = w1 === null ? (-lambda * g1) / g2 + 1 / g2 : (-lambda * g1) / g2 + (1 - s.sumWb + sum(w1)) / g2;
  return Float64Array.from(s.inv1, (v, a) => -(w1?.[a] ?? 0) + g * v + lambda * s.invMu[a]!);
}

/**
 * Traces the efficient frontier's turning points.
 * @throws RiskInputError without expected returns or with infeasible bounds
 * @example
 * const { turningPoints } = criticalLineAlgorithm({ symbols, covariance, expectedReturns });
 */
export function criticalLineAlgorithm(problem: PortfolioProblem): CriticalLineResult {
  const { n, lower, upper } = checkProblem(problem, true);
  if (problem.constraints !== undefined && problem.constraints.length > 0) {
    throw new RiskInputError('the critical line algorithm supports bounds only, not linear constraints');
  }
  const mu = Float64Array.from(problem.expectedReturns!);
  const cov = problem.covariance;
  // Start: fill the highest expected returns up to their upper bounds until the budget is spent.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => mu[a]! - mu[b]! || a - b);
  const w = Float64Array.from(lower);
  let k = n;
  while (sum(w) < 1) {
    k--;
    w[order[k]!] = upper[order[k]!]!;
  }
  w[order[k]!]! += 1 - sum(w);
  let free: number[] = [order[k]!];
  const points: Float64Array[] = [Float64Array.from(w)];
  const lambdas: number[] = [Number.NaN];
  let lastLambda = Number.NaN;
  for (let guard = 0; guard < 10 * n + 10; guard++) {
    let lIn = Number.NaN;
    let iIn = -1;
    let bIn = 0;
    if (free.length > 1) {
      const s = system(cov, n, mu, free, w);
      free.forEach((i, pos) => {
        const [l, bi] = lambdaAt(s, pos, [lower[i]!, upper[i]!]);
        if (!Number.isNaN(l) && (Number.isNaN(lIn) || l > lIn)) {
          lIn = l;
          iIn = i;
          bIn = bi;
        }
      });
    }
    let lOut = Number.NaN;
    let iOut = -1;
    if (free.length < n) {
      const isFree = new Set(free);
      for (let i = 0; i < n; i++) {
        if (isFree.has(i)) continue;
        const f2 = [...free, i];
        const s = system(cov, n, mu, f2, w);
        const [l] = lambdaAt(s, f2.length - 1, w[i]!);
        if (!Number.isNaN(l) && (Number.isNaN(lastLambda) || l < lastLambda) && (Number.isNaN(lOut) || l > lOut)) {
          lOut = l;
          iOut = i;
        }
      }
    }
    let lambda: number;
    if ((Number.isNaN(lIn) || lIn < 0) && (Number.isNaN(lOut) || lOut < 0)) {
      lambda = 0;
    } else if (!Number.isNaN(lIn) && (Number.isNaN(lOut) || lIn > lOut)) {
      lambda = lIn;
      free = free.filter((i) => i !== iIn);
      w[iIn] = bIn;
    } else {
      lambda = lOut;
      free = [...free, iOut];
    }
    const s = system(cov, n, lambda === 0 ? new Float64Array(n) : mu, free, w);
    const wf = freeWeights(s, lambda);
    free.forEach((i, pos) => (w[i] = wf[pos]!));
    points.push(Float64Array.from(w));
    lambdas.push(lambda);
    lastLambda = lambda;
    if (lambda === 0) break;
  }
  // Drop points that break the budget or bounds by more than rounding (PyPortfolioOpt's purge).
  const keep = points.map((p) => Math.abs(sum(p) - 1) <= 1e-9 && p.every((x, i) => x - lower[i]! >= -1e-9 && x - upper[i]! <= 1e-9));
  // Also drop a point equal to the one before it (a degenerate step where a weight leaves and
  // re-enters at the same λ); it carries no information.
  for (let i = 1; i < points.length; i++) {
    const a = points[i]!;
    const b = points[i - 1]!;
    if (a.every((x, k) => Math.abs(x - b[k]!) < 1e-10)) keep[i] = false;
  }
  const tp = points.filter((_, i) => keep[i]);
  const ls = lambdas.filter((_, i) => keep[i]);
  // Drop interior points that a later point beats on expected return (not efficient; as PyPortfolioOpt's
  // purge: the first and last points always stay).
  const ret = tp.map((p) => p.reduce((a, x, i) => a + x * mu[i]!, 0));
  const efficient = tp.map((_, i) => i === 0 || i === tp.length - 1 || !ret.slice(i + 1).some((r) => ret[i]! < r - 1e-12 * Math.max(1, Math.abs(r))));
  return {
    symbols: problem.symbols,
    turningPoints: tp.filter((_, i) => efficient[i]),
    lambdas: ls.filter((_, i) => efficient[i]),
  };
}

/** The minimum-variance turning point. */
export function claMinVolatility(problem: PortfolioProblem, options: { readonly riskFreeRate?: number } = {}): OptimisedPortfolio {
  const { turningPoints } = criticalLineAlgorithm(problem);
  let best = turningPoints[0]!;
  let bestVar = Infinity;
  for (const p of turningPoints) {
    const v = portfolioPerformance(p, problem.covariance, undefined).volatility;
    if (v < bestVar) {
      bestVar = v;
      best = p;
    }
  }
  return { symbols: problem.symbols, weights: best, performance: portfolioPerformance(best, problem.covariance, problem.expectedReturns, options.riskFreeRate ?? 0) };
}

/**
 * Maximum Sharpe on the frontier traced by the CLA: on each segment w(a) = w₁ + a(w₀ − w₁) the
 * ratio (r(a) − r_f)/σ(a) peaks at a* = (r₁B − ΔrC)/(ΔrB − r₁A) with A = dᵀΣd, B = dᵀΣw₁,
 * C = w₁ᵀΣw₁ (r₁ taken net of r_f), clamped to [0, 1].
 */
export function claMaxSharpe(problem: PortfolioProblem, options: { readonly riskFreeRate?: number } = {}): OptimisedPortfolio {
  const rf = options.riskFreeRate ?? 0;
  const { turningPoints: tp } = criticalLineAlgorithm(problem);
  const cov = problem.covariance;
  const mu = problem.expectedReturns!;
  const n = problem.symbols.length;
  const sharpe = (w: Float64Array): number => portfolioPerformance(w, cov, mu, rf).sharpeRatio;
  let best = tp[0]!;
  let bestS = sharpe(best);
  for (let k = 0; k + 1 < tp.length; k++) {
    const w0 = tp[k]!;
    const w1 = tp[k + 1]!;
    const d = Float64Array.from(w0, (x, i) => x - w1[i]!);
    let A = 0;
    let B = 0;
    let C = 0;
    let r1 = -rf;
    let dr = 0;
    for (let i = 0; i < n; i++) {
      let sd = 0;
      let s1 = 0;
      for (let j = 0; j < n; j++) {
        sd += cov[i * n + j]! * d[j]!;
        s1 += cov[i * n + j]! * w1[j]!;
      }
      A += d[i]! * sd;
      B += d[i]! * s1;
      C += w1[i]! * s1;
      r1 += w1[i]! * mu[i]!;
      dr += d[i]! * mu[i]!;
    }
    const den = dr * B - r1 * A;
    const cands = [0, 1];
    if (den !== 0) {
      const a = (r1 * B - dr * C) / den;
      if (a > 0 && a < 1) cands.push(a);
    }
    for (const a of cands) {
      const w = Float64Array.from(w1, (x, i) => x + a * d[i]!);
      const s = sharpe(w);
      if (s > bestS) {
        bestS = s;
        best = w;
      }
    }
  }
  return { symbols: problem.symbols, weights: best, performance: portfolioPerformance(best, cov, mu, rf) };
}
