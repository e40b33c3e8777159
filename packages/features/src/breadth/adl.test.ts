import { describe, expect, it } from 'vitest';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { adl, adlFeature } from './adl.js';

describe('adl', () => {
  it('matches a hand calculation, counting a high = low bar in full (library convention)', () => {
    // 0: ((9.5 − 8) − (10 − 9.5)) / 2 = 0.5 → +50;  1: ((9 − 9) − (11 − 9)) / 2 = −1 → −200 (total −150);
    // 2: high = low → multiplier 1 → +40 (total −110).
    expect([...adl({ high: [10, 11, 10], low: [8, 9, 10], close: [9.5, 9, 10], volume: [100, 200, 40] })]).toEqual([50, -150, -110]);
  });

  it('rounds the running total to a whole number (library convention)', () => {
    // ((9 − 7) − (10 − 9)) / 3 · 10 = 3.33… → 3; twice: 6.67 → 7.
    expect([...adl({ high: [10, 10], low: [7, 7], close: [9, 9], volume: [10, 10] })]).toEqual([3, 7]);
  });

  it('rejects a missing column', () => {
    expect(() => adl({ high: [1], low: [1], close: [1] })).toThrow('needs a "volume" column');
  });
});

describe.skipIf(!hasSharedData)(`adl on ORCL 1995–2014 ${needsSharedData}`, () => {
  const c = hasSharedData ? yahooColumns() : undefined;
  testFeatureContract(adlFeature(), c === undefined ? {} : { high: c.high, low: c.low, close: c.close, volume: c.volume });
});
