import { describe, expect, it } from 'vitest';
import { flat, reference, stockPrices } from '../internal/reference.js';
import { hasSharedData, needsSharedData } from '../internal/sharedData.js';
import { meanHistoricalReturn } from '../estimators/expectedReturns.js';
import { sampleCovariance } from '../estimators/covariance.js';
import { returnsFromPrices } from '../PriceTable.js';
import { InfeasibleProblemError, NoAssetAboveRiskFreeError } from '../RiskError.js';
import { efficientReturn, efficientRisk, maxSharpe, minVolatility, quadraticUtility } from './meanVariance.js';
import type { PortfolioProblem } from './PortfolioProblem.js';

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < b.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};
const perf = (p: { performance: { expectedReturn: number; volatility: number; sharpeRatio: number } }) => [
  p.performance.expectedReturn,
  p.performance.volatility,
  p.performance.sharpeRatio,
];
const expectPerf = (actual: number[], expected: number[], rtol: number) => {
  for (let i = 0; i < 3; i++) expect(Math.abs(actual[i]! - expected[i]!) / Math.abs(expected[i]!)).toBeLessThan(rtol);
};

// References: PyPortfolioOpt 1.5.6 on tests/resources/stock_prices.csv with mean_historical_return and
// sample_cov (its setup_efficient_frontier). Weights: PyPortfolioOpt CLA (min vol) and scipy 1.10
// SLSQP at ftol 1e-15 (cvxpy unavailable here); performance triples: the literals of
// PyPortfolioOpt tests/test_efficient_frontier.py (cvxpy), see pypfopt-reference.json.
describe.skipIf(!hasSharedData)(`mean–variance optimisers vs PyPortfolioOpt 1.5.6 ${needsSharedData}`, () => {
  const returns = returnsFromPrices(stockPrices());
  const problem: PortfolioProblem = {
    symbols: returns.symbols,
    covariance: sampleCovariance(returns).matrix,
    expectedReturns: meanHistoricalReturn(returns),
  };
  const ref = reference.optimisers;
  const rf = { riskFreeRate: 0.02 };

  it('min volatility (long only): weights to 1e-4, performance = test_min_volatility literal', () => {
    const p = minVolatility(problem, rf);
    expect(maxAbsDiff(p.weights, ref.minVolatility.weights)).toBeLessThan(1e-4);
    expectPerf(perf(p), ref.testLiterals.minVolatility, 1e-6);
  });
  it('max Sharpe (long only, rf 0.02): weights to 1e-4, performance = test_max_sharpe_long_only literal', () => {
    const p = maxSharpe(problem, rf);
    expect(maxAbsDiff(p.weights, ref.maxSharpe.weights)).toBeLessThan(1e-4);
    expectPerf(perf(p), ref.testLiterals.maxSharpe, 1e-6);
  });
  it('efficient risk 0.19, efficient return 0.25, quadratic utility δ=2 match their test literals', () => {
    const er = efficientRisk(problem, 0.19, rf);
    expect(maxAbsDiff(er.weights, ref.efficientRisk019.weights)).toBeLessThan(1e-4);
    expectPerf(perf(er), ref.testLiterals.efficientRisk019, 1e-6);
    const et = efficientReturn(problem, 0.25, rf);
    expect(maxAbsDiff(et.weights, ref.efficientReturn025.weights)).toBeLessThan(1e-4);
    expectPerf(perf(et), ref.testLiterals.efficientReturn025, 1e-6);
    const qu = quadraticUtility(problem, { riskAversion: 2, ...rf });
    expect(maxAbsDiff(qu.weights, ref.quadraticUtility2.weights)).toBeLessThan(1e-4);
    expectPerf(perf(qu), ref.testLiterals.quadraticUtility2, 1e-6);
  });
  it('bounds [0.02, 0.1] (min vol and max Sharpe) and a tech-sector cap of 0.2 match SLSQP', () => {
    const b = { ...problem, lower: 0.02, upper: 0.1 };
    const mv = minVolatility(b);
    expect(maxAbsDiff(mv.weights, ref.minVolatilityBounds002To01.weights)).toBeLessThan(1e-4);
    const ms = maxSharpe(b, rf);
    expect(maxAbsDiff(ms.weights, ref.maxSharpeBounds002To01.weights)).toBeLessThan(1e-4);
    for (const w of ms.weights) {
      expect(w).toBeGreaterThanOrEqual(0.02 - 1e-12);
      expect(w).toBeLessThanOrEqual(0.1 + 1e-12);
    }
    const sector = Float64Array.from(ref.minVolatilityTechCap02.sector as number[]);
    const capped = minVolatility({ ...problem, constraints: [{ coefficients: sector, type: 'le', rhs: 0.2 }] });
    expect(maxAbsDiff(capped.weights, ref.minVolatilityTechCap02.weights)).toBeLessThan(1e-4);
  });
  it('max Sharpe with a risk-free rate above every expected return throws a typed error', () => {
    const best = Math.max(...problem.expectedReturns!);
    expect(() => maxSharpe(problem, { riskFreeRate: best + 0.01 })).toThrow(NoAssetAboveRiskFreeError);
  });
  it('efficient return above the best asset and efficient risk below the minimum volatility are infeasible', () => {
    expect(() => efficientReturn(problem, Math.max(...problem.expectedReturns!) + 0.01)).toThrow(InfeasibleProblemError);
    expect(() => efficientRisk(problem, 0.1)).toThrow(InfeasibleProblemError);
  });
});

describe('mean–variance on a small problem', () => {
  const cov = flat([
    [0.04, 0.006, 0.002],
    [0.006, 0.09, 0.009],
    [0.002, 0.009, 0.0225],
  ]);
  it('unconstrained-sum min variance equals Σ⁻¹1 / 1ᵀΣ⁻¹1 when no bound binds', () => {
    const p = minVolatility({ symbols: ['A', 'B', 'C'], covariance: cov, lower: -10, upper: 10 });
    // Σ⁻¹1 solved by hand (Cramer) for this Σ.
    const inv = [
      [0.09 * 0.0225 - 0.009 * 0.009, -(0.006 * 0.0225 - 0.009 * 0.002), 0.006 * 0.009 - 0.09 * 0.002],
      [-(0.006 * 0.0225 - 0.002 * 0.009), 0.04 * 0.0225 - 0.002 * 0.002, -(0.04 * 0.009 - 0.006 * 0.002)],
      [0.006 * 0.009 - 0.002 * 0.09, -(0.04 * 0.009 - 0.002 * 0.006), 0.04 * 0.09 - 0.006 * 0.006],
    ];
    const s = inv.map((r) => r[0]! + r[1]! + r[2]!);
    const tot = s[0]! + s[1]! + s[2]!;
    for (let i = 0; i < 3; i++) expect(p.weights[i]).toBeCloseTo(s[i]! / tot, 12);
  });
  it('max Sharpe with shorts allowed is the tangency portfolio Σ⁻¹(μ − r_f), normalised', () => {
    const mu = Float64Array.of(0.08, 0.12, 0.06);
    const p = maxSharpe({ symbols: ['A', 'B', 'C'], covariance: cov, expectedReturns: mu, lower: -5, upper: 5 }, { riskFreeRate: 0.01 });
    // Check the first-order condition Σw ∝ μ − r_f.
    const sw = [0, 1, 2].map((i) => cov[i * 3]! * p.weights[0]! + cov[i * 3 + 1]! * p.weights[1]! + cov[i * 3 + 2]! * p.weights[2]!);
    const ratio = sw.map((v, i) => v / (mu[i]! - 0.01));
    expect(ratio[1]! / ratio[0]!).toBeCloseTo(1, 10);
    expect(ratio[2]! / ratio[0]!).toBeCloseTo(1, 10);
  });
});
