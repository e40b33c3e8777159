import { describe, expect, it } from 'vitest';
import { stockPrices } from '../internal/reference.js';
import { hasSharedData, needsSharedData } from '../internal/sharedData.js';
import { sampleCovariance } from '../estimators/covariance.js';
import { returnsFromPrices } from '../PriceTable.js';
import { riskParity } from './riskParity.js';

describe('risk parity', () => {
  it('two assets: ERC weights are inverse volatilities whatever the correlation', () => {
    const s1 = 0.2;
    const s2 = 0.05;
    const rho = 0.3;
    const cov = Float64Array.of(s1 * s1, rho * s1 * s2, rho * s1 * s2, s2 * s2);
    const p = riskParity({ symbols: ['A', 'B'], covariance: cov });
    expect(p.weights[0]).toBeCloseTo(1 / s1 / (1 / s1 + 1 / s2), 14);
    expect(p.riskContributions[0]).toBeCloseTo(0.5, 14);
  });
  it.skipIf(!hasSharedData)(`20 stocks (stock_prices.csv): equal contributions to 1e-12, budgets respected ${needsSharedData}`, () => {
    const returns = returnsFromPrices(stockPrices());
    const covariance = sampleCovariance(returns).matrix;
    const p = riskParity({ symbols: returns.symbols, covariance });
    for (const rc of p.riskContributions) expect(Math.abs(rc - 1 / 20)).toBeLessThan(1e-12);
    const budgets = Array.from({ length: 20 }, (_, i) => i + 1);
    const q = riskParity({ symbols: returns.symbols, covariance, budgets });
    q.riskContributions.forEach((rc, i) => expect(Math.abs(rc - (i + 1) / 210)).toBeLessThan(1e-12));
  });
});
