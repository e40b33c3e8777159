import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { randomWalk } from '../internal/randomBars.js';
import { Dema, dema, demaFeature } from './dema.js';
import { ema } from './ema.js';

/** Seed of this file's random walks. */
const SEED = 3;

const firstDefined = (xs: Float64Array): number => xs.findIndex((x) => !Number.isNaN(x));

describe('dema', () => {
  it('matches a hand calculation', () => {
    // period 3, α = 0.5. e1 = EMA(x): seed (2 + 4 + 6)/3 = 4 at index 2, then 6, 5, 7.5, 4.25, 5.625.
    // e2 = EMA(e1), seeded with the mean of e1's first 3 values: (4 + 6 + 5)/3 = 5 at index 4, then
    // (7.5 − 5)·0.5 + 5 = 6.25, (4.25 − 6.25)·0.5 + 6.25 = 5.25, (5.625 − 5.25)·0.5 + 5.25 = 5.4375.
    // DEMA = 2·e1 − e2: 10 − 5 = 5, 15 − 6.25 = 8.75, 8.5 − 5.25 = 3.25, 11.25 − 5.4375 = 5.8125.
    const nan = Number.NaN;
    expect([...dema([2, 4, 6, 8, 4, 10, 1, 7], 3)]).toEqual([nan, nan, nan, nan, 5, 8.75, 3.25, 5.8125]);
  });

  it('starts at index 2·period − 2 (warm-up 2·period − 1)', () => {
    const values = randomWalk(300, SEED);
    for (const period of [1, 2, 5, 30]) {
      expect(firstDefined(dema(values, period))).toBe(2 * period - 2);
      expect(new Dema(period).warmUp).toBe(2 * period - 1);
    }
  });

  it('is 2·ema − ema(ema) bit for bit', () => {
    const values = randomWalk(1000, SEED);
    const e1 = ema(values, 10);
    const e2 = ema(e1, 10);
    expect([...dema(values, 10)]).toEqual(Array.from(e1, (x, i) => 2 * x - e2[i]!));
  });

  it('returns the input for period 1', () => {
    expect([...dema([3, 1, 4, 1, 5], 1)]).toEqual([3, 1, 4, 1, 5]);
  });

  it('restarts after a missing value and is defined again 2·period − 1 inputs later', () => {
    const values = randomWalk(100, SEED);
    values[40] = Number.NaN;
    const out = dema(values, 4);
    expect(out.slice(40, 47).every(Number.isNaN)).toBe(true);
    expect(out[47]).not.toBeNaN();
    // After the restart it equals the DEMA of the series that begins after the NaN.
    expect([...out.subarray(41)]).toEqual([...dema(values.subarray(41), 4)]);
  });

  it('streams the same values bit for bit', () => {
    const values = randomWalk(500, SEED);
    values[100] = Number.NaN;
    const s = new Dema(8);
    expect(Array.from(values, (x) => s.add(x))).toEqual([...dema(values, 8)]);
    expect(s.isReady).toBe(true);
  });

  it('rejects a bad period', () => {
    expect(() => dema([1], 0)).toThrow(FeatureArgumentError);
    expect(() => new Dema(2.5)).toThrow('"2.5"');
  });
});

describe.skipIf(!hasSharedData)(`dema on ORCL 1995–2014 ${needsSharedData}`, () => {
  const close = hasSharedData ? yahooColumns().close : new Float64Array(0);
  testFeatureContract(demaFeature(10), { close });
  testFeatureContract(demaFeature(50), { close });
});
