import { OBV } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { Obv, obv, obvFeature } from './obv.js';

describe('obv', () => {
  it('matches a hand calculation, starting at 0', () => {
    // 0; 11 > 10: +7 = 7; 11 = 11: 7; 9 < 11: 7 − 4 = 3; 12 > 9: 3 + 6 = 9.
    const close = [10, 11, 11, 9, 12];
    const volume = [5, 7, 3, 4, 6];
    expect([...obv({ close, volume })]).toEqual([0, 7, 7, 3, 9]);
  });

  it('is NaN from a NaN close or volume on (the total is cumulative)', () => {
    expect([...obv({ close: [1, 2, Number.NaN, 3, 4], volume: [1, 1, 1, 1, 1] })]).toEqual([0, 1, Number.NaN, Number.NaN, Number.NaN]);
    expect([...obv({ close: [1, 1, 2], volume: [1, Number.NaN, 1] })]).toEqual([0, Number.NaN, Number.NaN]);
    expect([...obv({ close: [Number.NaN, 1], volume: [1, 1] })]).toEqual([Number.NaN, Number.NaN]);
  });

  it('streams the same values', () => {
    const close = [10, 11, 11, 9, 12];
    const volume = [5, 7, 3, 4, 6];
    const s = new Obv();
    expect(close.map((c, i) => s.add({ close: c, volume: volume[i]! }))).toEqual([0, 7, 7, 3, 9]);
    expect(s.isReady).toBe(true);
    expect(s.warmUp).toBe(1);
  });

  it('returns an empty array for empty input and rejects unequal lengths', () => {
    expect(obv({ close: [], volume: [] }).length).toBe(0);
    expect(() => obv({ close: [1, 2], volume: [1] })).toThrow(FeatureArgumentError);
    expect(() => obvFeature().batch({ close: [1] })).toThrow('"volume"');
  });
});

describe.skipIf(!hasSharedData)(`obv on ORCL 1995–2014 ${needsSharedData}`, () => {
  const { close, volume } = hasSharedData ? yahooColumns() : { close: new Float64Array(0), volume: new Float64Array(0) };

  it('equals technicalindicators OBV shifted by one bar (its first output is after bar 1)', () => {
    const ours = obv({ close, volume });
    const theirs = OBV.calculate({ close: Array.from(close), volume: Array.from(volume) });
    expect(theirs.length).toBe(close.length - 1);
    // Integer volumes: both sums are exact, so the values are identical.
    for (let j = 0; j < theirs.length; j++) expect(ours[j + 1]).toBe(theirs[j]);
  });

  testFeatureContract(obvFeature(), { close, volume });
});
