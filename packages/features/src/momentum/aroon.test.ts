import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { Aroon, aroon, aroonFeature } from './aroon.js';

/** Seeded random highs/lows (Park–Miller LCG), rounded to cents so equal extremes occur. */
function randomBars(n: number, seed = 19): { high: Float64Array; low: Float64Array } {
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  let s = seed;
  const next = (): number => (s = (s * 16807) % 2147483647) / 2147483647;
  let p = 20;
  for (let i = 0; i < n; i++) {
    p *= 1 + (next() - 0.5) * 0.02;
    high[i] = Math.round(p * (1 + next() * 0.01) * 100) / 100;
    low[i] = Math.round(p * (1 - next() * 0.01) * 100) / 100;
  }
  return { high, low };
}

// Hand-checked bars, period 3 (window of 4 bars), f = 100/3:
//   i  high  low   window  highest (bars ago)  lowest (bars ago)   up        down      oscillator
//   3   13    9    0..3    13 at 3 (0)         7 at 2 (1)          f·3=100   f·2=66.7  f·(1−0)=33.3
//   4   12   10    1..4    13 at 3 (1)         7 at 2 (2)          66.7      33.3      33.3
//   5   12   10    2..5    13 at 3 (2)         7 at 2 (3)          33.3      0         33.3
//   6   11    6    3..6    13 at 3 (3)         6 at 6 (0)          0         100       −100
const bars = {
  high: [10, 12, 11, 13, 12, 12, 11],
  low: [8, 9, 7, 9, 10, 10, 6],
};

describe('aroon', () => {
  it('matches a hand calculation (window of period + 1 bars)', () => {
    const { up, down, oscillator } = aroon(bars, 3);
    expect(up[2]).toBeNaN();
    const rows = [
      [100, 200 / 3, 100 / 3],
      [200 / 3, 100 / 3, 100 / 3],
      [100 / 3, 0, 100 / 3],
      [0, 100, -100],
    ];
    rows.forEach(([u, d, o], j) => {
      expect(up[j + 3]).toBeCloseTo(u!, 12);
      expect(down[j + 3]).toBeCloseTo(d!, 12);
      expect(oscillator[j + 3]).toBeCloseTo(o!, 12);
    });
  });

  it('counts the most recent of equal extremes (TA-Lib)', () => {
    const { up, down, oscillator } = aroon({ high: [5, 5, 5, 5], low: [1, 1, 1, 1] }, 3);
    expect([up[3], down[3], oscillator[3]]).toEqual([100, 100, 0]);
  });

  it('has oscillator = up − down', () => {
    const { up, down, oscillator } = aroon(randomBars(500), 25);
    for (let i = 25; i < 500; i++) expect(oscillator[i]).toBeCloseTo(up[i]! - down[i]!, 10);
  });

  it('is NaN while a missing value is in the window', () => {
    const c = randomBars(40);
    c.high[20] = Number.NaN;
    const { up, down, oscillator } = aroon(c, 3);
    for (const a of [up, down, oscillator]) {
      expect([...a.keys()].filter((i) => Number.isNaN(a[i]!))).toEqual([0, 1, 2, 20, 21, 22, 23]);
    }
  });

  it('streams the same values bit for bit as new frozen objects', () => {
    const c = randomBars(400);
    c.low[150] = Number.NaN;
    const batch = aroon(c, 14);
    const s = new Aroon(14);
    let last: unknown;
    for (let i = 0; i < 400; i++) {
      const v = s.add({ high: c.high[i]!, low: c.low[i]! });
      expect(Object.isFrozen(v)).toBe(true);
      expect(v).not.toBe(last);
      last = v;
      expect([v.up, v.down, v.oscillator]).toEqual([batch.up[i], batch.down[i], batch.oscillator[i]]);
    }
    expect(s.warmUp).toBe(15);
    expect(s.isReady).toBe(true);
  });

  it('rejects a bad period, columns of different lengths and incomplete bars', () => {
    expect(() => aroon(bars, 1)).toThrow(FeatureArgumentError);
    expect(() => new Aroon(2.5)).toThrow('"2.5"');
    expect(() => aroonFeature(0)).toThrow('"0"');
    expect(() => aroon({ high: [1], low: [1, 2] }, 2)).toThrow(FeatureArgumentError);
    expect(() => new Aroon(3).add({ high: 1 })).toThrow('"low"');
  });
});

// technicalindicators 3.1 has no Aroon, so there is no cross-check here; TA-Lib's convention
// (period + 1 bars, latest extreme on ties) is pinned by the hand values above.

describe.skipIf(!hasSharedData)(`aroon on ORCL 1995–2014 ${needsSharedData}`, () => {
  const { high, low } = hasSharedData ? yahooColumns() : { high: new Float64Array(0), low: new Float64Array(0) };
  testFeatureContract(aroonFeature(25), { high, low });
  testFeatureContract(aroonFeature(2), { high, low });
});
