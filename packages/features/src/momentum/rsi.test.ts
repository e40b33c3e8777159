import { RSI } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { randomWalk } from '../internal/randomBars.js';
import { Rsi, rsi, rsiFeature } from './rsi.js';

/** Seed of this file's random walks. */
const SEED = 17;

const nan = Number.NaN;

/**
 * technicalindicators' RSI (Wilder smoothing seeded with the mean of the first `period` changes,
 * first value at index `period`, so offset `period`) rounds to 2 decimals: compared within 0.005.
 * Conventions differ only for a flat window (they give 100, we give 50), absent from this data.
 */
function expectMatchesTechnicalIndicators(values: Float64Array, period: number): void {
  const theirs = RSI.calculate({ period, values: Array.from(values) });
  const ours = rsi(values, period);
  expect(theirs.length).toBe(values.length - period);
  for (let i = 0; i < theirs.length; i++) {
    expect(Math.abs(ours[i + period]! - theirs[i]!)).toBeLessThanOrEqual(0.005 + 1e-9);
  }
}

describe('rsi', () => {
  it('matches a hand calculation', () => {
    // period 3 on [10, 11, 13, 12, 15, 14]: changes +1, +2, −1, +3, −1.
    // index 3: avg gain (1 + 2 + 0)/3 = 1, avg loss (0 + 0 + 1)/3 = 1/3; RSI 100·1/(4/3) = 75.
    // index 4 (+3): gain (1·2 + 3)/3 = 5/3, loss (1/3·2 + 0)/3 = 2/9; RSI 100·(5/3)/(17/9) = 1500/17.
    // index 5 (−1): gain (5/3·2)/3 = 10/9, loss (2/9·2 + 1)/3 = 13/27; RSI 100·(30/27)/(43/27) = 3000/43.
    const out = rsi([10, 11, 13, 12, 15, 14], 3);
    expect([...out.subarray(0, 3)]).toEqual([nan, nan, nan]);
    expect(out[3]).toBe(75);
    expect(out[4]).toBeCloseTo(1500 / 17, 12);
    expect(out[5]).toBeCloseTo(3000 / 43, 12);
  });

  it('is 100 with no losses, 0 with no gains and 50 when flat', () => {
    expect([...rsi([1, 2, 3, 4, 5], 2)]).toEqual([nan, nan, 100, 100, 100]);
    expect([...rsi([5, 4, 3, 2, 1], 2)]).toEqual([nan, nan, 0, 0, 0]);
    expect([...rsi([7, 7, 7, 7], 2)]).toEqual([nan, nan, 50, 50]);
    // A flat stretch after movement decays towards 50 only through the averages (still 100 here).
    expect(rsi([1, 2, 2, 2, 2], 2)[4]).toBe(100);
  });

  it('equals 100 − 100/(1 + RS)', () => {
    const values = randomWalk(300, SEED);
    const out = rsi(values, 14);
    // Recompute RS with the textbook formula from an independent running computation.
    let gain = 0;
    let loss = 0;
    for (let i = 1; i <= 14; i++) {
      const d = values[i]! - values[i - 1]!;
      gain += Math.max(d, 0) / 14;
      loss += Math.max(-d, 0) / 14;
    }
    for (let i = 14; i < values.length; i++) {
      if (i > 14) {
        const d = values[i]! - values[i - 1]!;
        gain = (gain * 13 + Math.max(d, 0)) / 14;
        loss = (loss * 13 + Math.max(-d, 0)) / 14;
      }
      expect(out[i]).toBeCloseTo(100 - 100 / (1 + gain / loss), 9);
    }
  });

  it('matches technicalindicators on a random walk', () => {
    const values = randomWalk(2000, SEED);
    for (const period of [2, 5, 14, 30]) expectMatchesTechnicalIndicators(values, period);
  });

  it('restarts after a missing value and is defined again period + 1 inputs later', () => {
    const values = randomWalk(100, SEED);
    values[40] = nan;
    const out = rsi(values, 5);
    expect(out.slice(40, 46).every(Number.isNaN)).toBe(true);
    expect(out[46]).not.toBeNaN();
    expect([...out.subarray(41)]).toEqual([...rsi(values.subarray(41), 5)]);
  });

  it('streams the same values bit for bit', () => {
    const values = randomWalk(500, SEED);
    values[100] = nan;
    values[101] = Number.POSITIVE_INFINITY;
    const s = new Rsi(14);
    expect(Array.from(values, (x) => s.add(x))).toEqual([...rsi(values, 14)]);
    expect(s.isReady).toBe(true);
    expect(s.warmUp).toBe(15);
  });

  it('rejects a bad period', () => {
    expect(() => rsi([1], 0)).toThrow(FeatureArgumentError);
    expect(() => new Rsi(-3)).toThrow('"-3"');
  });
});

describe.skipIf(!hasSharedData)(`rsi on ORCL 1995–2014 ${needsSharedData}`, () => {
  const close = hasSharedData ? yahooColumns().close : new Float64Array(0);
  testFeatureContract(rsiFeature(14), { close });
  testFeatureContract(rsiFeature(2), { close });

  it('matches technicalindicators', () => {
    for (const period of [2, 14]) expectMatchesTechnicalIndicators(close, period);
  });
});
