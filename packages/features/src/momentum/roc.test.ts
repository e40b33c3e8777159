import { ROC } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { randomWalk } from '../internal/randomBars.js';
import { Roc, roc, rocFeature } from './roc.js';

/** Seed of this file's random walks. */
const SEED = 19;

const nan = Number.NaN;

/**
 * technicalindicators' ROC, `(x − past)/past·100`, starts at index `period` (offset `period`); we
 * compute `(x/past − 1)·100` (TA-Lib's order), so the last bits may differ.
 */
function expectMatchesTechnicalIndicators(values: Float64Array, period: number): void {
  const theirs = ROC.calculate({ period, values: Array.from(values) });
  const ours = roc(values, period);
  expect(theirs.length).toBe(values.length - period);
  for (let i = 0; i < theirs.length; i++) {
    expect(Math.abs(ours[i + period]! - theirs[i]!)).toBeLessThanOrEqual(1e-9);
  }
}

describe('roc', () => {
  it('matches a hand calculation', () => {
    // 100·(8/4 − 1) = 100, 100·(2/8 − 1) = −75, 100·(4/2 − 1) = 100.
    expect([...roc([4, 8, 2, 4], 1)]).toEqual([nan, 100, -75, 100]);
    // 100·(2/4 − 1) = −50, 100·(4/8 − 1) = −50.
    expect([...roc([4, 8, 2, 4], 2)]).toEqual([nan, nan, -50, -50]);
    // 100·(110/100 − 1) ≈ 10.
    expect(roc([100, 110], 1)[1]).toBeCloseTo(10, 12);
  });

  it('is NaN when the past value is 0 or either value is NaN', () => {
    expect([...roc([0, 5, 10, 20], 1)]).toEqual([nan, nan, 100, 100]);
    expect([...roc([1, nan, 2, 4], 1)]).toEqual([nan, nan, nan, 100]);
  });

  it('is all NaN when the input is not longer than the period', () => {
    expect([...roc([1, 2], 2)]).toEqual([nan, nan]);
  });

  it('matches technicalindicators on a random walk', () => {
    const values = randomWalk(1000, SEED);
    for (const period of [1, 10, 100]) expectMatchesTechnicalIndicators(values, period);
  });

  it('streams the same values bit for bit', () => {
    const values = randomWalk(300, SEED);
    values[50] = nan;
    values[60] = 0;
    const s = new Roc(12);
    expect(Array.from(values, (x) => s.add(x))).toEqual([...roc(values, 12)]);
    expect(s.isReady).toBe(true);
    expect(s.warmUp).toBe(13);
  });

  it('rejects a bad period', () => {
    expect(() => roc([1], 0)).toThrow(FeatureArgumentError);
    expect(() => new Roc(0.5)).toThrow('"0.5"');
  });
});

describe.skipIf(!hasSharedData)(`roc on ORCL 1995–2014 ${needsSharedData}`, () => {
  const close = hasSharedData ? yahooColumns().close : new Float64Array(0);
  testFeatureContract(rocFeature(1), { close });
  testFeatureContract(rocFeature(20), { close });

  it('matches technicalindicators', () => {
    for (const period of [1, 20]) expectMatchesTechnicalIndicators(close, period);
  });
});
