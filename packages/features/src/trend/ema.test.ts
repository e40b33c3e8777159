import { EMA } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { randomWalk } from '../internal/randomBars.js';
import { Ema, EmaStage, ema, emaFeature } from './ema.js';

/** Seed of this file's random walks. */
const SEED = 7;

/** technicalindicators' EMA (also SMA-seeded, first value at period − 1), aligned to ours. */
function expectMatchesTechnicalIndicators(values: Float64Array, period: number): void {
  const theirs = EMA.calculate({ period, values: Array.from(values) });
  const ours = ema(values, period);
  // Their output starts at index period − 1: offset period − 1.
  expect(theirs.length).toBe(values.length - period + 1);
  for (let i = 0; i < theirs.length; i++) {
    // Their seed is a running float sum, ours is exactly rounded: the last bits may differ.
    expect(Math.abs(ours[i + period - 1]! - theirs[i]!)).toBeLessThanOrEqual(1e-12 * Math.abs(theirs[i]!));
  }
}

describe('ema', () => {
  it('matches a hand calculation with α = 1/2', () => {
    // period 3, α = 2/4 = 0.5; seed at index 2 = (2 + 4 + 6)/3 = 4;
    // then (8 − 4)·0.5 + 4 = 6, (3 − 6)·0.5 + 6 = 4.5, (9 − 4.5)·0.5 + 4.5 = 6.75 (all exact in binary).
    expect([...ema([2, 4, 6, 8, 3, 9], 3)]).toEqual([Number.NaN, Number.NaN, 4, 6, 4.5, 6.75]);
  });

  it('matches a hand calculation with α = 2/5', () => {
    // period 4, α = 0.4; seed at index 3 = (10 + 11 + 12 + 13)/4 = 11.5;
    // (14 − 11.5)·0.4 + 11.5 = 12.5, (20 − 12.5)·0.4 + 12.5 = 15.5.
    const out = ema([10, 11, 12, 13, 14, 20], 4);
    expect(out[2]).toBeNaN();
    expect(out[3]).toBe(11.5);
    expect(out[4]).toBeCloseTo(12.5, 12);
    expect(out[5]).toBeCloseTo(15.5, 12);
  });

  it('returns the input for period 1', () => {
    expect([...ema([3, 1, 4, 1, 5], 1)]).toEqual([3, 1, 4, 1, 5]);
  });

  it('restarts after a missing value, seeded with the mean of the next period values', () => {
    // After the NaN at index 3 the series restarts at index 4: seed (10 + 20 + 30)/3 = 20 at
    // index 6, then (40 − 20)·0.5 + 20 = 30.
    const out = ema([2, 4, 6, Number.NaN, 10, 20, 30, 40], 3);
    expect([...out]).toEqual([Number.NaN, Number.NaN, 4, Number.NaN, Number.NaN, Number.NaN, 20, 30]);
    // Leading NaNs (a late listing in an aligned panel) just delay the start.
    expect([...ema([Number.NaN, Number.NaN, 2, 4, 6, 8], 3)]).toEqual([Number.NaN, Number.NaN, Number.NaN, Number.NaN, 4, 6]);
    // ±Infinity is treated as missing too.
    expect(ema([1, 2, Number.POSITIVE_INFINITY, 3], 1)[2]).toBeNaN();
    expect(ema([1, 2, Number.POSITIVE_INFINITY, 3], 1)[3]).toBe(3);
  });

  it('matches technicalindicators on a random walk', () => {
    const values = randomWalk(2000, SEED);
    for (const period of [1, 2, 5, 12, 26, 200]) expectMatchesTechnicalIndicators(values, period);
  });

  it('streams the same values bit for bit, including across missing values', () => {
    const values = randomWalk(500, SEED);
    values[100] = Number.NaN;
    values[103] = Number.NaN;
    const batch = ema(values, 10);
    const s = new Ema(10);
    const streamed = Array.from(values, (x) => s.add(x));
    expect(streamed).toEqual([...batch]);
    expect(s.isReady).toBe(true);
    expect(s.warmUp).toBe(10);
    const stage = new EmaStage(10);
    expect(Array.from(values, (x) => stage.step(x))).toEqual([...batch]);
  });

  it('is not ready during warm-up', () => {
    const s = new Ema(3);
    s.add(1);
    s.add(2);
    expect(s.isReady).toBe(false);
    expect(s.add(3)).toBe(2);
    expect(s.isReady).toBe(true);
  });

  it('rejects a bad period', () => {
    expect(() => ema([1], 0)).toThrow(FeatureArgumentError);
    expect(() => new Ema(2.5)).toThrow('"2.5"');
    expect(() => emaFeature(-1).batch({ close: [1] })).toThrow('"-1"');
  });

  it('needs a close column', () => {
    expect(() => emaFeature(3).batch({ open: [1] })).toThrow('"close"');
  });
});

describe.skipIf(!hasSharedData)(`ema on ORCL 1995–2014 ${needsSharedData}`, () => {
  const close = hasSharedData ? yahooColumns().close : new Float64Array(0);
  testFeatureContract(emaFeature(12), { close });
  testFeatureContract(emaFeature(200), { close });

  it('matches technicalindicators', () => {
    for (const period of [12, 26, 50]) expectMatchesTechnicalIndicators(close, period);
  });
});
