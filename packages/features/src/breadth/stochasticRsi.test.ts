import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { stochasticRsi, stochasticRsiFeature } from './stochasticRsi.js';

describe('stochasticRsi', () => {
  it('matches a hand calculation with small periods', () => {
    // Changes +1, −1, +1, +1 → RSI(1) = 100, 0, 100, 100 at indices 1..4.
    // Stochastic over 2 RSIs: index 2 (0 − 0)/(100 − 0) = 0; index 3 (100 − 0)/100 = 100;
    // index 4 the two RSIs are equal → 0. SMA(1) smoothing leaves %K and %D equal to it.
    const out = stochasticRsi([1, 2, 1, 2, 3], { rsiPeriod: 1, stochasticPeriod: 2, kPeriod: 1, dPeriod: 1 });
    const expected = [Number.NaN, Number.NaN, 0, 100, 0];
    expect([...out.stochRsi]).toEqual(expected);
    expect([...out.k]).toEqual(expected);
    expect([...out.d]).toEqual(expected);
  });

  it('starts at rsi + stochastic + k + d − 3 with the default periods', () => {
    const x = Array.from({ length: 50 }, (_, i) => 100 + 5 * Math.sin(i / 3) + i / 5);
    const out = stochasticRsi(x);
    expect(Number.isNaN(out.d[30]!)).toBe(true);
    expect(Number.isFinite(out.d[31]!)).toBe(true);
    expect(Number.isFinite(out.stochRsi[31]!)).toBe(true);
  });

  it('rejects a bad period', () => {
    expect(() => stochasticRsi([1], { kPeriod: 1.5 })).toThrow(FeatureArgumentError);
  });
});

describe.skipIf(!hasSharedData)(`stochasticRsi on ORCL 1995–2014 ${needsSharedData}`, () => {
  const close = hasSharedData ? yahooColumns().close : new Float64Array(0);
  testFeatureContract(stochasticRsiFeature(), { close });
});
