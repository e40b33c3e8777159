import { describe, expect, it } from 'vitest';
import { expectClose, reference, spyPrices, stockPrices } from '../internal/reference.js';
import { hasSharedData, needsSharedData } from '../internal/sharedData.js';
import { parsePriceCsv, returnsFromPrices } from '../PriceTable.js';
import { RiskInputError } from '../RiskError.js';
import { capmReturn, emaHistoricalReturn, meanHistoricalReturn } from './expectedReturns.js';

// Reference: PyPortfolioOpt 1.5.6 expected_returns on tests/resources/stock_prices.csv
// (packages/risk/reference/pypfopt_reference.py → pypfopt-reference.json).
describe.skipIf(!hasSharedData)(`expected returns vs PyPortfolioOpt 1.5.6 ${needsSharedData}`, () => {
  const prices = stockPrices();
  const returns = returnsFromPrices(prices);
  const ref = reference.expectedReturns;

  it('has the same symbols in the same order', () => {
    expect(prices.symbols).toEqual(reference.symbols);
    expect(prices.times.length).toBe(reference.rows);
  });
  it('mean_historical_return (geometric, arithmetic, log returns) to 1e-10 relative', () => {
    expectClose(meanHistoricalReturn(returns), ref.meanGeometric, 1e-10);
    expectClose(meanHistoricalReturn(returns, { compounding: false }), ref.meanArithmetic, 1e-10);
    expectClose(meanHistoricalReturn(returnsFromPrices(prices, { log: true })), ref.meanLogReturns, 1e-10);
  });
  it('ema_historical_return (span 500 geometric; span 180 arithmetic) to 1e-10 relative', () => {
    expectClose(emaHistoricalReturn(returns), ref.emaGeometricSpan500, 1e-10);
    expectClose(emaHistoricalReturn(returns, { span: 180, compounding: false }), ref.emaArithmeticSpan180, 1e-10);
  });
  it('capm_return with the equal-weight market and with SPY (rf 0.02) to 1e-10 relative', () => {
    expectClose(capmReturn(returns), ref.capmEqualWeightMarket, 1e-10);
    const spy = returnsFromPrices(spyPrices());
    expectClose(capmReturn(returns, { market: spy, riskFreeRate: 0.02 }), ref.capmSpyRf002, 1e-10);
  });
});

describe('expected returns on small inputs', () => {
  const csv = 'date,A,B\n2020-01-01,100,10\n2020-01-02,110,\n2020-01-03,121,12\n2020-01-06,121,12\n';
  const prices = parsePriceCsv(csv, 'mem.csv');
  it('pct_change without forward fill: a gap makes both neighbouring returns missing', () => {
    const r = returnsFromPrices(prices);
    expect(Array.from(r.values)).toEqual([0.10000000000000009, Number.NaN, 0.10000000000000009, Number.NaN, 0, 0]);
  });
  it('geometric mean is the CAGR over observed periods', () => {
    const mu = meanHistoricalReturn(returnsFromPrices(prices), { frequency: 3 });
    expect(mu[0]).toBeCloseTo(1.21 - 1, 12);
    expect(mu[1]).toBeCloseTo(0, 12);
  });
  it('rejects a malformed price naming file, line and value', () => {
    expect(() => parsePriceCsv('date,A\n2020-01-01,abc\n', 'p.csv')).toThrow(/p\.csv:2: column A: "abc"/);
    expect(() => parsePriceCsv('date,A\n2020-01-02,1\n2020-01-01,2\n', 'p.csv')).toThrow(RiskInputError);
  });
});
