import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { randomWalk } from '../internal/randomBars.js';
import { ema } from './ema.js';
import { Tema, tema, temaFeature } from './tema.js';

/** Seed of this file's random walks. */
const SEED = 5;

const firstDefined = (xs: Float64Array): number => xs.findIndex((x) => !Number.isNaN(x));

describe('tema', () => {
  it('matches a hand calculation', () => {
    // period 3, α = 0.5 on [2, 4, 6, 8, 4, 10, 1, 7]:
    // e1 = 4, 6, 5, 7.5, 4.25, 5.625 (from index 2);
    // e2 = 5, 6.25, 5.25, 5.4375 (from index 4; seed (4 + 6 + 5)/3);
    // e3 seeded with (5 + 6.25 + 5.25)/3 = 5.5 at index 6, then (5.4375 − 5.5)·0.5 + 5.5 = 5.46875.
    // TEMA = 3·e1 − 3·e2 + e3: 12.75 − 15.75 + 5.5 = 2.5; 16.875 − 16.3125 + 5.46875 = 6.03125.
    const out = tema([2, 4, 6, 8, 4, 10, 1, 7], 3);
    expect(out.subarray(0, 6).every(Number.isNaN)).toBe(true);
    expect([...out.subarray(6)]).toEqual([2.5, 6.03125]);
  });

  it('starts at index 3·period − 3 (warm-up 3·period − 2)', () => {
    const values = randomWalk(300, SEED);
    for (const period of [1, 2, 5, 30]) {
      expect(firstDefined(tema(values, period))).toBe(3 * period - 3);
      expect(new Tema(period).warmUp).toBe(3 * period - 2);
    }
  });

  it('is 3·ema − 3·ema(ema) + ema(ema(ema)) bit for bit', () => {
    const values = randomWalk(1000, SEED);
    const e1 = ema(values, 10);
    const e2 = ema(e1, 10);
    const e3 = ema(e2, 10);
    expect([...tema(values, 10)]).toEqual(Array.from(e1, (x, i) => 3 * x - 3 * e2[i]! + e3[i]!));
  });

  it('returns the input for period 1', () => {
    expect([...tema([3, 1, 4, 1, 5], 1)]).toEqual([3, 1, 4, 1, 5]);
  });

  it('restarts after a missing value and is defined again 3·period − 2 inputs later', () => {
    const values = randomWalk(100, SEED);
    values[40] = Number.NaN;
    const out = tema(values, 4);
    expect(out.slice(40, 50).every(Number.isNaN)).toBe(true);
    expect(out[50]).not.toBeNaN();
    expect([...out.subarray(41)]).toEqual([...tema(values.subarray(41), 4)]);
  });

  it('streams the same values bit for bit', () => {
    const values = randomWalk(500, SEED);
    values[100] = Number.NaN;
    const s = new Tema(8);
    expect(Array.from(values, (x) => s.add(x))).toEqual([...tema(values, 8)]);
    expect(s.isReady).toBe(true);
  });

  it('rejects a bad period', () => {
    expect(() => tema([1], 0)).toThrow(FeatureArgumentError);
    expect(() => new Tema(Number.NaN)).toThrow('"NaN"');
  });
});

describe.skipIf(!hasSharedData)(`tema on ORCL 1995–2014 ${needsSharedData}`, () => {
  const close = hasSharedData ? yahooColumns().close : new Float64Array(0);
  testFeatureContract(temaFeature(10), { close });
  testFeatureContract(temaFeature(30), { close });
});
