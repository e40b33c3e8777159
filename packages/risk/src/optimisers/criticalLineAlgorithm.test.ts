import { describe, expect, it } from 'vitest';
import { reference, stockPrices } from '../internal/reference.js';
import { hasSharedData, needsSharedData } from '../internal/sharedData.js';
import { meanHistoricalReturn } from '../estimators/expectedReturns.js';
import { sampleCovariance } from '../estimators/covariance.js';
import { returnsFromPrices } from '../PriceTable.js';
import { claMaxSharpe, claMinVolatility, criticalLineAlgorithm } from './criticalLineAlgorithm.js';
import { efficientReturn, maxSharpe, minVolatility } from './meanVariance.js';

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < b.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

// Reference: PyPortfolioOpt 1.5.6 CLA(mean_historical_return, sample_cov) on stock_prices.csv —
// its turning points, min_volatility() and max_sharpe() (golden section to 1e-9, r_f = 0).
describe.skipIf(!hasSharedData)(`critical line algorithm vs PyPortfolioOpt 1.5.6 CLA ${needsSharedData}`, () => {
  const returns = returnsFromPrices(stockPrices());
  const problem = { symbols: returns.symbols, covariance: sampleCovariance(returns).matrix, expectedReturns: meanHistoricalReturn(returns) };
  const ref = reference.cla;
  it("finds every one of PyPortfolioOpt's turning points (1e-9), and each of ours is on the QP frontier", () => {
    const { turningPoints } = criticalLineAlgorithm(problem);
    for (const r of ref.turningPointWeights as number[][]) {
      expect(Math.min(...turningPoints.map((p) => maxAbsDiff(p, r)))).toBeLessThan(1e-9);
    }
    // PyPortfolioOpt reports 16 points, two of them repeats of the previous point (degenerate steps,
    // which we drop); we keep one more (λ ≈ 0.0625, return 0.2166, every weight inside its bounds)
    // that its numerical purge drops. It is a genuine frontier corner:
    const refPoints = ref.turningPointWeights as number[][];
    const distinct = refPoints.filter((p, k) => k === 0 || maxAbsDiff(p, refPoints[k - 1]!) >= 1e-10).length;
    expect(distinct).toBe(14);
    expect(turningPoints.length).toBe(distinct + 1);
    for (const p of turningPoints.slice(1)) {
      const target = p.reduce((a, x, i) => a + x * problem.expectedReturns[i]!, 0);
      expect(maxAbsDiff(p, efficientReturn(problem, target - 1e-12).weights)).toBeLessThan(1e-6);
    }
  });
  it('min volatility equals PyPortfolioOpt CLA and our QP', () => {
    const w = claMinVolatility(problem).weights;
    expect(maxAbsDiff(w, ref.minVolatility)).toBeLessThan(1e-9);
    expect(maxAbsDiff(w, minVolatility(problem).weights)).toBeLessThan(1e-7);
  });
  it('max Sharpe (r_f = 0) equals PyPortfolioOpt CLA (line search) to 1e-6 and our exact QP to 1e-7', () => {
    const w = claMaxSharpe(problem).weights;
    expect(maxAbsDiff(w, ref.maxSharpeRf0)).toBeLessThan(1e-6);
    expect(maxAbsDiff(w, maxSharpe(problem).weights)).toBeLessThan(1e-7);
  });
});
