import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { chandelierExit, chandelierExitFeature } from './chandelierExit.js';

describe('chandelierExit', () => {
  it('matches a hand calculation with period 1, multiplier 1', () => {
    // True ranges from index 1: max(11 − 9, |11 − 9|, |9 − 9|) = 2 and max(2, |12 − 10|, |10 − 10|) = 2, so
    // ATR(1) = 2 at indices 1 and 2. Long: high − 2; short: low + 2.
    const out = chandelierExit({ high: [10, 11, 12], low: [8, 9, 10], close: [9, 10, 11] }, { period: 1, multiplier: 1 });
    expect([...out.exitLong]).toEqual([Number.NaN, 9, 10]);
    expect([...out.exitShort]).toEqual([Number.NaN, 11, 12]);
  });

  it('rejects bad parameters', () => {
    expect(() => chandelierExit({ high: [1], low: [1], close: [1] }, { period: 0 })).toThrow(FeatureArgumentError);
  });
});

describe.skipIf(!hasSharedData)(`chandelierExit on ORCL 1995–2014 ${needsSharedData}`, () => {
  const c = hasSharedData ? yahooColumns() : undefined;
  testFeatureContract(chandelierExitFeature(), c === undefined ? {} : { high: c.high, low: c.low, close: c.close });
});
