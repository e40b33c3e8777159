import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { awesomeOscillator, awesomeOscillatorFeature } from './awesomeOscillator.js';

describe('awesomeOscillator', () => {
  it('matches a hand calculation, first value at index slow − 1', () => {
    // Median prices 2, 4, 6, 8. Index 2: SMA2 (4 + 6)/2 = 5 − SMA3 (2 + 4 + 6)/3 = 4 → 1; index 3: 7 − 6 = 1.
    expect([...awesomeOscillator({ high: [3, 5, 7, 9], low: [1, 3, 5, 7] }, { fast: 2, slow: 3 })]).toEqual([Number.NaN, Number.NaN, 1, 1]);
  });

  it('is all NaN on fewer bars than the slow window', () => {
    expect([...awesomeOscillator({ high: [3, 5], low: [1, 3] })]).toEqual([Number.NaN, Number.NaN]);
  });

  it('rejects a bad period', () => {
    expect(() => awesomeOscillator({ high: [1], low: [1] }, { slow: 0 })).toThrow(FeatureArgumentError);
  });
});

describe.skipIf(!hasSharedData)(`awesomeOscillator on ORCL 1995–2014 ${needsSharedData}`, () => {
  const { high, low } = hasSharedData ? yahooColumns() : { high: new Float64Array(0), low: new Float64Array(0) };
  testFeatureContract(awesomeOscillatorFeature(), { high, low });
});
