import { WMA } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { randomWalk } from '../internal/randomBars.js';
import { Wma, wma, wmaFeature } from './wma.js';

/** Seed of this file's random walks. */
const SEED = 11;

/** technicalindicators' WMA (weights 1..period, first value at period − 1), aligned to ours. */
function expectMatchesTechnicalIndicators(values: Float64Array, period: number): void {
  const theirs = WMA.calculate({ period, values: Array.from(values) });
  const ours = wma(values, period);
  // Their output starts at index period − 1: offset period − 1.
  expect(theirs.length).toBe(values.length - period + 1);
  for (let i = 0; i < theirs.length; i++) {
    // They divide each term by the divisor, we divide the sum once: the last bits may differ.
    expect(Math.abs(ours[i + period - 1]! - theirs[i]!)).toBeLessThanOrEqual(1e-12 * Math.abs(theirs[i]!));
  }
}

describe('wma', () => {
  it('matches a hand calculation', () => {
    // period 3, divisor 1 + 2 + 3 = 6: (1·3 + 2·6 + 3·9)/6 = 42/6 = 7; (1·6 + 2·9 + 3·12)/6 = 60/6 = 10;
    // (1·9 + 2·12 + 3·0)/6 = 33/6 = 5.5.
    expect([...wma([3, 6, 9, 12, 0], 3)]).toEqual([Number.NaN, Number.NaN, 7, 10, 5.5]);
  });

  it('weights the newest value most', () => {
    // period 2, divisor 3: (1·1 + 2·4)/3 = 3; (1·4 + 2·1)/3 = 2.
    expect([...wma([1, 4, 1], 2)]).toEqual([Number.NaN, 3, 2]);
  });

  it('returns the input for period 1', () => {
    expect([...wma([3, 1, 4], 1)]).toEqual([3, 1, 4]);
  });

  it('is NaN while a NaN is in the window', () => {
    expect([...wma([3, Number.NaN, 9, 12, 0, 3], 2)]).toEqual([Number.NaN, Number.NaN, Number.NaN, 11, 4, 2]);
  });

  it('is all NaN when the input is shorter than the period', () => {
    expect([...wma([1, 2], 3)]).toEqual([Number.NaN, Number.NaN]);
    expect(wma([], 3).length).toBe(0);
  });

  it('matches technicalindicators on a random walk', () => {
    const values = randomWalk(1500, SEED);
    for (const period of [1, 2, 9, 20, 100]) expectMatchesTechnicalIndicators(values, period);
  });

  it('streams the same values bit for bit', () => {
    const values = randomWalk(400, SEED);
    values[50] = Number.NaN;
    const s = new Wma(7);
    expect(Array.from(values, (x) => s.add(x))).toEqual([...wma(values, 7)]);
    expect(s.isReady).toBe(true);
    expect(s.warmUp).toBe(7);
  });

  it('rejects a bad period', () => {
    expect(() => wma([1], 0)).toThrow(FeatureArgumentError);
    expect(() => new Wma(1.5)).toThrow('"1.5"');
  });
});

describe.skipIf(!hasSharedData)(`wma on ORCL 1995–2014 ${needsSharedData}`, () => {
  const close = hasSharedData ? yahooColumns().close : new Float64Array(0);
  testFeatureContract(wmaFeature(10), { close });
  testFeatureContract(wmaFeature(50), { close });

  it('matches technicalindicators', () => {
    for (const period of [10, 30]) expectMatchesTechnicalIndicators(close, period);
  });
});
