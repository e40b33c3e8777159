import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { forceIndex, forceIndexFeature } from './forceIndex.js';

describe('forceIndex', () => {
  it('is the raw force (Δclose · volume) with period 1', () => {
    // (11 − 10)·200 = 200; (10.5 − 11)·300 = −150.
    expect([...forceIndex({ close: [10, 11, 10.5], volume: [100, 200, 300] }, 1)]).toEqual([Number.NaN, 200, -150]);
  });

  it('smooths with an SMA-seeded EMA', () => {
    // Raw: 200, −150, (11 − 10.5)·400 = 200. Seed at index 2: (200 − 150)/2 = 25; index 3: 25 + (2/3)·(200 − 25).
    const out = forceIndex({ close: [10, 11, 10.5, 11], volume: [100, 200, 300, 400] }, 2);
    expect(out[2]).toBe(25);
    expect(out[3]).toBeCloseTo(25 + (2 / 3) * 175, 12);
    expect(out[1]).toBeNaN();
  });

  it('rejects a bad period', () => {
    expect(() => forceIndex({ close: [1], volume: [1] }, 0)).toThrow(FeatureArgumentError);
  });
});

describe.skipIf(!hasSharedData)(`forceIndex on ORCL 1995–2014 ${needsSharedData}`, () => {
  const { close, volume } = hasSharedData ? yahooColumns() : { close: new Float64Array(0), volume: new Float64Array(0) };
  testFeatureContract(forceIndexFeature(13), { close, volume });
});
