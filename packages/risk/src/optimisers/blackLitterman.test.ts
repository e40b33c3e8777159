import { describe, expect, it } from 'vitest';
import { expectClose, flat, reference, spyPrices, stockPrices } from '../internal/reference.js';
import { hasSharedData, needsSharedData } from '../internal/sharedData.js';
import { sampleCovariance } from '../estimators/covariance.js';
import { returnsFromPrices } from '../PriceTable.js';
import { RiskInputError } from '../RiskError.js';
import { blackLitterman, marketImpliedPriorReturns, marketImpliedRiskAversion } from './blackLitterman.js';

// Reference: PyPortfolioOpt 1.5.6 black_litterman on stock_prices.csv / spy_prices.csv with the
// market caps and absolute views of its tests (pypfopt-reference.json, blackLitterman).
describe.skipIf(!hasSharedData)(`Black–Litterman vs PyPortfolioOpt 1.5.6 ${needsSharedData}`, () => {
  const ref = reference.blackLitterman;
  const returns = returnsFromPrices(stockPrices());
  const S = sampleCovariance(returns).matrix;
  const spy = spyPrices();
  const delta = marketImpliedRiskAversion(spy.values);
  const prior = marketImpliedPriorReturns(ref.marketCaps, delta, S, 0.02);

  it('market-implied risk aversion and prior to 1e-10', () => {
    expect(Math.abs(delta - ref.riskAversion) / ref.riskAversion).toBeLessThan(1e-10);
    expectClose(prior, ref.prior, 1e-10);
  });
  it('posterior returns, covariance and weights with Ω = diag(τPΣPᵀ) to 1e-8', () => {
    const bl = blackLitterman({ symbols: returns.symbols, covariance: S, prior, absoluteViews: ref.views, riskAversion: delta });
    expectClose(Array.from({ length: 5 }, (_, v) => bl.omega[v * 5 + v]!), ref.omegaDefault, 1e-10);
    expectClose(bl.posteriorReturns, ref.posteriorReturns, 1e-8);
    expectClose(bl.posteriorCovariance, flat(ref.posteriorCovariance), 1e-8, 1e-6);
    expectClose(bl.weights, ref.weights, 1e-8, 1e-6);
  });
  it("Idzorek's confidences give PyPortfolioOpt's Ω and posterior to 1e-8", () => {
    const bl = blackLitterman({
      symbols: returns.symbols,
      covariance: S,
      prior,
      absoluteViews: ref.views,
      omega: 'idzorek',
      confidences: ref.idzorek.confidences,
      riskAversion: delta,
    });
    expectClose(Array.from({ length: 5 }, (_, v) => bl.omega[v * 5 + v]!), ref.idzorek.omega, 1e-10);
    expectClose(bl.posteriorReturns, ref.idzorek.posteriorReturns, 1e-8);
  });
  it('relative views (P, Q) with τ = 0.1 to 1e-8', () => {
    const r = ref.relative;
    const bl = blackLitterman({ symbols: returns.symbols, covariance: S, prior, P: flat(r.P), Q: Float64Array.from(r.Q), tau: r.tau });
    expectClose(bl.posteriorReturns, r.posteriorReturns, 1e-8);
    expectClose(bl.posteriorCovariance, flat(r.posteriorCovariance), 1e-8, 1e-6);
  });
  it('rejects a view on an unknown symbol', () => {
    expect(() => blackLitterman({ symbols: returns.symbols, covariance: S, absoluteViews: { NOPE: 0.1 } })).toThrow(RiskInputError);
  });
});
