import { describe, expect, it } from 'vitest';
import { expectClose, reference, stockPrices } from '../internal/reference.js';
import { hasSharedData, needsSharedData } from '../internal/sharedData.js';
import { returnsFromPrices } from '../PriceTable.js';
import { hierarchicalRiskParity } from './hierarchicalRiskParity.js';
import { leafOrder, linkage } from './linkage.js';

// Reference: PyPortfolioOpt 1.5.6 HRPOpt(returns).optimize(linkage_method=…) on stock_prices.csv,
// scipy 1.10.1 linkage / to_tree().pre_order(); the Euclidean variant is scipy linkage of
// pdist(distance matrix) fed to HRPOpt._raw_hrp_allocation (pypfopt-reference.json).
describe.skipIf(!hasSharedData)(`HRP vs PyPortfolioOpt 1.5.6 ${needsSharedData}`, () => {
  const returns = returnsFromPrices(stockPrices());
  for (const [name, opts] of [
    ['single', { linkage: 'single' }],
    ['ward', { linkage: 'ward' }],
    ['singleEuclidean', { linkage: 'single', euclideanDistance: true }],
  ] as const) {
    it(`${name}: linkage matrix, leaf order and weights (1e-8)`, () => {
      const ref = reference.hrp[name];
      const p = hierarchicalRiskParity(returns, opts);
      expect(p.order).toEqual(ref.order);
      const z = ref.linkage as number[][];
      expect(Array.from(p.linkage.left)).toEqual(z.map((r) => r[0]));
      expect(Array.from(p.linkage.right)).toEqual(z.map((r) => r[1]));
      expect(Array.from(p.linkage.size)).toEqual(z.map((r) => r[3]));
      expectClose(p.linkage.distance, z.map((r) => r[2]!), 1e-12);
      expectClose(p.weights, ref.weights, 1e-8);
      expect(p.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    });
  }
});

describe('linkage', () => {
  it('single linkage on four points on a line merges nearest first and orders leaves as scipy pre_order', () => {
    const pts = [0, 1, 5, 5.5];
    const d = new Float64Array(16);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) d[i * 4 + j] = Math.abs(pts[i]! - pts[j]!);
    const z = linkage(d, 4, 'single');
    expect(Array.from(z.distance)).toEqual([0.5, 1, 4]);
    expect(Array.from(z.left)).toEqual([2, 0, 4]);
    expect(Array.from(z.right)).toEqual([3, 1, 5]);
    // Root = (cluster 4 = {2,3}, cluster 5 = {0,1}); pre-order visits the smaller id first.
    expect(Array.from(leafOrder(z))).toEqual([2, 3, 0, 1]);
  });
  it('ward merge height of two singletons is their distance, of pairs the Lance–Williams value', () => {
    const pts = [0, 1, 5, 5.5];
    const d = new Float64Array(16);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) d[i * 4 + j] = Math.abs(pts[i]! - pts[j]!);
    const z = linkage(d, 4, 'ward');
    expect(z.distance[0]).toBe(0.5);
    expect(z.distance[1]).toBe(1);
    // Ward distance between {0,1} and {5,5.5}: sqrt(2·n1·n2/(n1+n2))·|c1 − c2| = sqrt(2)·4.75
    expect(z.distance[2]).toBeCloseTo(Math.sqrt(2) * 4.75, 12);
  });
});
