import { describe, expect, it } from 'vitest';
import { expectClose, flat, reference, stockPrices } from '../internal/reference.js';
import { hasSharedData, needsSharedData } from '../internal/sharedData.js';
import { returnsFromPrices } from '../PriceTable.js';
import { exponentialCovariance, sampleCovariance, semicovariance } from './covariance.js';
import { nearestPositiveSemidefinite, isPositiveSemidefinite } from './nearestPositiveSemidefinite.js';
import {
  ledoitWolf,
  ledoitWolfConstantCorrelation,
  ledoitWolfSingleFactor,
  oracleApproximatingShrinkage,
} from './shrinkage.js';

// Reference: PyPortfolioOpt 1.5.6 risk_models (scikit-learn 1.2.1 ledoit_wolf / oas underneath) on
// tests/resources/stock_prices.csv — packages/risk/reference/pypfopt-reference.json.
describe.skipIf(!hasSharedData)(`covariance vs PyPortfolioOpt 1.5.6 ${needsSharedData}`, () => {
  const returns = returnsFromPrices(stockPrices());
  const ref = reference.covariance;
  // Relative to the largest entry of each matrix: an off-diagonal covariance near 0 has no
  // meaningful relative error of its own.
  const scale = (m: number[][]): number => Math.max(...m.flat().map(Math.abs));

  it('sample_cov: pairwise complete, ddof 1, ×252 to 1e-10 relative', () => {
    const est = sampleCovariance(returns);
    expect(est.warnings).toEqual([]);
    expectClose(est.matrix, flat(ref.sample), 1e-10, scale(ref.sample) * 1e-3);
  });
  it('semicovariance (benchmark 0.000079) to 1e-10 relative', () => {
    expectClose(semicovariance(returns).matrix, flat(ref.semicovariance), 1e-10, scale(ref.semicovariance) * 1e-3);
  });
  it('exp_cov (span 180) to 1e-10 relative', () => {
    expectClose(exponentialCovariance(returns).matrix, flat(ref.expSpan180), 1e-10, scale(ref.expSpan180) * 1e-3);
  });
  it('Ledoit–Wolf constant variance (sklearn ledoit_wolf) to 1e-10 relative, same δ', () => {
    const est = ledoitWolf(returns);
    expect(est.shrinkage).toBeCloseTo(ref.shrinkage.constantVariance, 12);
    expectClose(est.matrix, flat(ref.ledoitWolfConstantVariance), 1e-10, scale(ref.ledoitWolfConstantVariance) * 1e-3);
  });
  it('Ledoit–Wolf single factor to 1e-10 relative, same δ', () => {
    const est = ledoitWolfSingleFactor(returns);
    expect(Math.abs(est.shrinkage! - ref.shrinkage.singleFactor)).toBeLessThan(1e-11);
    expectClose(est.matrix, flat(ref.ledoitWolfSingleFactor), 1e-10, scale(ref.ledoitWolfSingleFactor) * 1e-3);
  });
  it('Ledoit–Wolf constant correlation to 1e-10 relative, same δ', () => {
    const est = ledoitWolfConstantCorrelation(returns);
    expect(Math.abs(est.shrinkage! - ref.shrinkage.constantCorrelation)).toBeLessThan(1e-11);
    expectClose(
      est.matrix,
      flat(ref.ledoitWolfConstantCorrelation),
      1e-10,
      scale(ref.ledoitWolfConstantCorrelation) * 1e-3,
    );
  });
  it('OAS (sklearn 1.2 oas) to 1e-10 relative, same δ', () => {
    const est = oracleApproximatingShrinkage(returns);
    expect(Math.abs(est.shrinkage! - ref.shrinkage.oas)).toBeLessThan(1e-11);
    expectClose(est.matrix, flat(ref.oracleApproximating), 1e-10, scale(ref.oracleApproximating) * 1e-3);
  });
});

describe('nearest positive semidefinite fix', () => {
  it('repairs an indefinite matrix like PyPortfolioOpt (spectral) and says so', () => {
    const bad = flat(reference.nearestPsd.input);
    expect(isPositiveSemidefinite(bad, 3)).toBe(false);
    const fixed = nearestPositiveSemidefinite(bad, 3);
    expect(fixed.warning).toMatch(/not positive semidefinite/);
    expectClose(fixed.matrix, flat(reference.nearestPsd.spectral), 1e-10, 1);
  });
  it('leaves a PSD matrix untouched without a warning', () => {
    const ok = Float64Array.of(2, 1, 1, 2);
    const r = nearestPositiveSemidefinite(ok, 2);
    expect(r.matrix).toBe(ok);
    expect(r.warning).toBeUndefined();
  });
});
