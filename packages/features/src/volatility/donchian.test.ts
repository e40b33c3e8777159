import { Highest, Lowest } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { rollingMax } from '../statistics/rollingMax.js';
import { rollingMin } from '../statistics/rollingMin.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { Donchian, donchian, donchianFeature } from './donchian.js';

const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

describe('donchian', () => {
  it('matches a hand calculation, the current bar included', () => {
    // Period 2. Bar 1: highs {2, 3} → 3, lows {1, 2} → 1, middle 2. Bar 2: highs {3, 2.5} → 3,
    // lows {2, 0.5} → 0.5, middle 1.75.
    const d = donchian({ high: [2, 3, 2.5], low: [1, 2, 0.5] }, 2);
    expect([...d.upper]).toEqual([Number.NaN, 3, 3]);
    expect([...d.lower]).toEqual([Number.NaN, 1, 0.5]);
    expect([...d.middle]).toEqual([Number.NaN, 2, 1.75]);
  });

  it('is rollingMax of the highs and rollingMin of the lows', () => {
    const high = Array.from({ length: 300 }, (_, i) => 10 + Math.sin(i / 4) + 0.5);
    const low = high.map((h, i) => h - 1 - ((i * 7) % 5) / 10);
    const d = donchian({ high, low }, 20);
    const u = rollingMax(high, 20);
    const l = rollingMin(low, 20);
    for (let i = 0; i < high.length; i++) {
      expect(same(d.upper[i]!, u[i]!)).toBe(true);
      expect(same(d.lower[i]!, l[i]!)).toBe(true);
      expect(same(d.middle[i]!, (u[i]! + l[i]!) / 2)).toBe(true);
    }
  });

  it('agrees with technicalindicators Highest/Lowest (it has no Donchian), aligned by period − 1', () => {
    const high = Array.from({ length: 200 }, (_, i) => 20 + Math.cos(i / 3) * 2);
    const low = high.map((h) => h - 0.75);
    const d = donchian({ high, low }, 10);
    Highest.calculate({ values: high, period: 10 }).forEach((v, k) => expect(d.upper[k + 9]).toBe(v));
    Lowest.calculate({ values: low, period: 10 }).forEach((v, k) => expect(d.lower[k + 9]).toBe(v));
  });

  it('keeps a NaN high out of the lower band', () => {
    const d = donchian({ high: [2, Number.NaN, 3, 4], low: [1, 1.5, 2, 3] }, 2);
    expect([...d.upper].map(Number.isNaN)).toEqual([true, true, true, false]);
    expect([...d.lower]).toEqual([Number.NaN, 1, 1.5, 2]);
    expect(d.middle[2]).toBeNaN();
    expect(d.middle[3]).toBe(3);
  });

  it('streams a new frozen object per bar, equal to the batch values', () => {
    const high = [5, 6, 4, Number.NaN, 7, 8, 6, 5];
    const low = [4, 5, 3, 3, 6, 7, 5, 4];
    const batch = donchian({ high, low }, 3);
    const s = new Donchian(3);
    const seen = new Set<object>();
    high.forEach((h, i) => {
      const v = s.add({ high: h, low: low[i]! });
      expect(Object.isFrozen(v)).toBe(true);
      expect(seen.has(v)).toBe(false);
      seen.add(v);
      expect(same(v.upper, batch.upper[i]!) && same(v.lower, batch.lower[i]!) && same(v.middle, batch.middle[i]!)).toBe(true);
    });
    expect(s.isReady).toBe(true);
    expect(s.warmUp).toBe(3);
  });

  it('rejects a bad period, columns of different lengths and bars without high/low', () => {
    expect(() => donchian({ high: [1], low: [1] }, 0)).toThrow(FeatureArgumentError);
    expect(() => donchian({ high: [1, 2], low: [1] }, 1)).toThrow('"2" and "1"');
    expect(() => new Donchian(2).add({ high: 1 })).toThrow('"low"');
    expect(() => donchianFeature(2.5)).toThrow('"2.5"');
    expect(() => donchianFeature(2).batch({ high: [1] })).toThrow('"low"');
  });
});

describe.skipIf(!hasSharedData)(`donchian on ORCL 1995–2014 ${needsSharedData}`, () => {
  const { high, low } = hasSharedData ? yahooColumns() : { high: new Float64Array(0), low: new Float64Array(0) };
  testFeatureContract(donchianFeature(20), { high, low });
  testFeatureContract(donchianFeature(55), { high, low });
});
