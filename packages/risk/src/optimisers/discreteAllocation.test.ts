import { describe, expect, it } from 'vitest';
import { reference, stockPrices } from '../internal/reference.js';
import { hasSharedData, needsSharedData } from '../internal/sharedData.js';
import { discreteAllocation, latestPrices } from './discreteAllocation.js';

// Reference: PyPortfolioOpt 1.5.6 DiscreteAllocation(...).greedy_portfolio() with get_latest_prices
// on stock_prices.csv, $10,000 (pypfopt-reference.json, discreteAllocation).
describe.skipIf(!hasSharedData)(`discrete allocation vs PyPortfolioOpt 1.5.6 greedy ${needsSharedData}`, () => {
  const prices = stockPrices();
  const ref = reference.discreteAllocation;
  const latest = latestPrices(prices.values, prices.symbols);
  it('latest prices', () => {
    expect(Array.from(latest)).toEqual(ref.latestPrices);
  });
  for (const [name, weights] of [
    ['minVolatility', reference.optimisers.minVolatility.weights],
    ['maxSharpe', reference.optimisers.maxSharpe.weights],
  ] as const) {
    it(`${name}: same shares and leftover`, () => {
      const r = discreteAllocation({ symbols: prices.symbols, weights, prices: latest, totalValue: 10_000 });
      expect(r.shares).toEqual(ref[name].shares);
      expect(r.leftover).toBeCloseTo(ref[name].leftover, 9);
    });
  }
  it('long/short with short ratio 0.15', () => {
    const ls = ref.longShort;
    const r = discreteAllocation({ symbols: prices.symbols, weights: prices.symbols.map((s) => ls.weights[s]), prices: latest, totalValue: 10_000, shortRatio: 0.15 });
    expect(r.shares).toEqual(ls.shares);
    expect(r.leftover).toBeCloseTo(ls.leftover, 9);
  });
});
