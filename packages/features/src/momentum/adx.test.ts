import { ADX } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { Adx, adx, adxFeature } from './adx.js';
import { randomBars } from '../internal/randomBars.js';

interface Hlc {
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
}

function slice(c: Hlc, from: number): Hlc {
  return { high: c.high.slice(from), low: c.low.slice(from), close: c.close.slice(from) };
}

// Hand-checked bars. One-bar moves (up = high − previous high, down = previous low − low):
//   i  high  low  close   up    down   +DM1 −DM1  TR1
//   0   10     8    9
//   1   12     9   11      2    −1      2    0    max(3, |12−9|, |9−9|)   = 3
//   2   13    10   12      1    −1      1    0    max(3, |13−11|, |10−11|) = 3
//   3   12     8    9     −1     2      0    2    max(4, |12−12|, |8−12|)  = 4
//   4   11   8.5   10     −1  −0.5      0    0    max(2.5, |11−9|, |8.5−9|) = 2.5
//   5   14    10   13      3  −1.5      3    0    max(4, |14−10|, 0)       = 4
const bars = {
  high: [10, 12, 13, 12, 11, 14],
  low: [8, 9, 10, 8, 8.5, 10],
  close: [9, 11, 12, 9, 10, 13],
};

function expectStreamsLikeBatch(c: { high: ArrayLike<number>; low: ArrayLike<number>; close: ArrayLike<number> }, period: number): void {
  const batch = adx(c, period);
  const s = new Adx(period);
  for (let i = 0; i < c.close.length; i++) {
    const v = s.add({ high: c.high[i]!, low: c.low[i]!, close: c.close[i]! });
    expect([v.adx, v.plusDI, v.minusDI]).toEqual([batch.adx[i], batch.plusDI[i], batch.minusDI[i]]);
  }
}

describe('adx', () => {
  it('matches a hand calculation with period 2 (TA-Lib seeding)', () => {
    // Seed = sums over index 1 (period − 1 = 1 value): S+ = 2, S− = 0, STR = 3.
    // i=2: S+ = 2 − 2/2 + 1 = 2, S− = 0, STR = 3 − 1.5 + 3 = 4.5 → +DI = 100·2/4.5 = 400/9, −DI = 0,
    //      DX = 100·|0 − 400/9|/(400/9) = 100.
    // i=3: S+ = 2 − 1 + 0 = 1, S− = 0 − 0 + 2 = 2, STR = 4.5 − 2.25 + 4 = 6.25 → +DI = 16, −DI = 32,
    //      DX = 100·16/48 = 100/3; first ADX (index 2·2 − 1 = 3) = (100 + 100/3)/2 = 200/3.
    // i=4: S+ = 0.5, S− = 1, STR = 6.25 − 3.125 + 2.5 = 5.625 → +DI = 80/9, −DI = 160/9,
    //      DX = 100/3; ADX = (200/3·1 + 100/3)/2 = 50.
    // i=5: S+ = 0.25 + 3 = 3.25, S− = 0.5, STR = 2.8125 + 4 = 6.8125 → +DI = 5200/109,
    //      −DI = 800/109, DX = 100·(4400/109)/(6000/109) = 220/3; ADX = (50 + 220/3)/2 = 185/3.
    const { adx: a, plusDI, minusDI } = adx(bars, 2);
    const expected = {
      plusDI: [Number.NaN, Number.NaN, 400 / 9, 16, 80 / 9, 5200 / 109],
      minusDI: [Number.NaN, Number.NaN, 0, 32, 160 / 9, 800 / 109],
      adx: [Number.NaN, Number.NaN, Number.NaN, 200 / 3, 50, 185 / 3],
    };
    for (let i = 0; i < 6; i++) {
      for (const [key, got] of [['plusDI', plusDI], ['minusDI', minusDI], ['adx', a]] as const) {
        const want = expected[key][i]!;
        if (Number.isNaN(want)) expect(got[i], `${key}[${i}]`).toBeNaN();
        else expect(got[i], `${key}[${i}]`).toBeCloseTo(want, 11);
      }
    }
  });

  it('matches a hand calculation with period 3, where the first DX values are 0', () => {
    // Seed over indices 1..2: S+ = 2 + 1 = 3, S− = 0, STR = 3 + 3 = 6.
    // i=3: S+ = 3 − 1 + 0 = 2, S− = 0 + 2 = 2, STR = 6 − 2 + 4 = 8 → ±DI = 25, DX = 0.
    // i=4: S+ = S− = 2 − 2/3 = 4/3, STR = 8 − 8/3 + 2.5 = 47/6 → ±DI = 800/47, DX = 0.
    // i=5: S+ = 4/3 − 4/9 + 3 = 35/9, S− = 8/9, STR = 47/6 − 47/18 + 4 = 83/9 → +DI = 3500/83,
    //      −DI = 800/83, DX = 100·2700/4300 = 2700/43; ADX (index 5) = (0 + 0 + 2700/43)/3 = 900/43.
    const { adx: a, plusDI, minusDI } = adx(bars, 3);
    expect(plusDI[2]).toBeNaN();
    expect(plusDI[3]).toBeCloseTo(25, 12);
    expect(minusDI[3]).toBeCloseTo(25, 12);
    expect(plusDI[4]).toBeCloseTo(800 / 47, 12);
    expect(plusDI[5]).toBeCloseTo(3500 / 83, 12);
    expect(minusDI[5]).toBeCloseTo(800 / 83, 12);
    expect(a[4]).toBeNaN();
    expect(a[5]).toBeCloseTo(900 / 43, 12);
  });

  it('gives DI 0 and holds ADX when the range is flat (no division by zero)', () => {
    // All true ranges 0: DI = 0 (TA-Lib), DX undefined → nothing added to the seed sum, ADX = 0/2.
    const flat = { high: [5, 5, 5, 5, 5, 6, 5], low: [5, 5, 5, 5, 5, 5, 5], close: [5, 5, 5, 5, 5, 5, 5] };
    const { adx: a, plusDI, minusDI } = adx(flat, 2);
    expect([...plusDI.subarray(2, 5)]).toEqual([0, 0, 0]);
    expect([...minusDI.subarray(2, 5)]).toEqual([0, 0, 0]);
    expect([...a.subarray(3, 5)]).toEqual([0, 0]);
    // i=5: up 1 → +DI > 0, −DI = 0, DX = 100 → ADX = (0 + 100)/2 = 50.
    expect(a[5]).toBe(50);
    expectStreamsLikeBatch(flat, 2);
  });

  it('holds ADX at 0 while highs and lows never move (DX undefined, TR > 0)', () => {
    // High 6, low 4 throughout: no directional movement, TR = 2 → ±DI = 0, DI sum 0, DX undefined.
    const n = 30;
    const still = { high: new Float64Array(n).fill(6), low: new Float64Array(n).fill(4), close: Float64Array.from({ length: n }, (_, i) => 4 + (i % 3)) };
    const { adx: a, plusDI } = adx(still, 3);
    expect([...plusDI.subarray(3)]).toEqual(new Array(n - 3).fill(0));
    expect([...a.subarray(5)]).toEqual(new Array(n - 5).fill(0));
    expectStreamsLikeBatch(still, 3);
  });

  it('gives equal moves to neither side', () => {
    // i=1: up = 11 − 10 = 1, down = 9 − 8 = 1: both DM1 are 0 (TA-Lib case 7).
    const { plusDI, minusDI } = adx({ high: [10, 11, 11], low: [9, 8, 8], close: [10, 10, 10] }, 2);
    expect(plusDI[2]).toBe(0);
    expect(minusDI[2]).toBe(0);
  });

  it('restarts after a missing value as if the series began after it', () => {
    const c = randomBars(400, 5);
    c.high[150] = Number.NaN; // moves at 150 and 151 are NaN
    const out = adx(c, 14);
    expect(out.adx[149]).not.toBeNaN();
    const after = adx(slice(c, 151), 14);
    for (const key of ['adx', 'plusDI', 'minusDI'] as const) {
      expect([...out[key].subarray(151)]).toEqual([...after[key]]);
    }
    // +DI returns 14 valid moves after bar 151 (at 165), ADX at 151 + 27 = 178.
    expect(out.plusDI[164]).toBeNaN();
    expect(out.plusDI[165]).not.toBeNaN();
    expect(out.adx[177]).toBeNaN();
    expect(out.adx[178]).not.toBeNaN();
  });

  it('streams the same values bit for bit as new frozen objects, including across missing values', () => {
    const c = randomBars(600, 5);
    c.low[100] = Number.NaN;
    c.close[300] = Number.NaN;
    for (const period of [2, 14]) {
      const batch = adx(c, period);
      const s = new Adx(period);
      const seen: unknown[] = [];
      for (let i = 0; i < c.close.length; i++) {
        const v = s.add({ high: c.high[i]!, low: c.low[i]!, close: c.close[i]! });
        expect(Object.isFrozen(v)).toBe(true);
        expect(seen.includes(v)).toBe(false);
        seen.push(v);
        expect([v.adx, v.plusDI, v.minusDI]).toEqual([batch.adx[i], batch.plusDI[i], batch.minusDI[i]]);
      }
      expect(s.value).toBe(seen.at(-1));
    }
    const s = new Adx(14);
    expect(s.warmUp).toBe(28);
    for (let i = 0; i < 27; i++) s.add({ high: c.high[i]!, low: c.low[i]!, close: c.close[i]! });
    expect(s.isReady).toBe(false);
    expect(s.value.plusDI).not.toBeNaN();
    s.add({ high: c.high[27]!, low: c.low[27]!, close: c.close[27]! });
    expect(s.isReady).toBe(true);
  });

  it('rejects a bad period, columns of different lengths and incomplete bars', () => {
    expect(() => adx(bars, 1)).toThrow(FeatureArgumentError);
    expect(() => new Adx(2.5)).toThrow('"2.5"');
    expect(() => adxFeature(0)).toThrow('"0"');
    expect(() => adx({ high: [1, 2], low: [1], close: [1, 2] }, 2)).toThrow(FeatureArgumentError);
    expect(() => new Adx(2).add({ low: 1, close: 1 })).toThrow('"high"');
  });
});

/**
 * technicalindicators' ADX: same DM/TR/DX definitions and ADX seeding (mean of the first `period`
 * DX, first at index 2·period − 1), but its DM/TR running sums start from the plain sum of the
 * first `period` values, where TA-Lib (and we) smooth the sum of `period − 1` once. The seeds
 * differ by S/period, a difference that decays by (1 − 1/period) per bar, so we compare after a
 * burn-in: from index `burnIn` on, within `tolerance`.
 */
function expectMatchesTechnicalIndicators(c: Hlc, period: number, burnIn: number, tolerance: number): void {
  const theirs = ADX.calculate({ period, high: Array.from(c.high), low: Array.from(c.low), close: Array.from(c.close) });
  const ours = adx(c, period);
  // Their output starts with their first ADX, at index 2·period − 1: offset 2·period − 1.
  const offset = 2 * period - 1;
  expect(theirs.length).toBe(c.close.length - offset);
  let early = 0;
  for (let j = 0; j < theirs.length; j++) {
    const t = theirs[j]!;
    const i = j + offset;
    const diffs = [ours.adx[i]! - t.adx, ours.plusDI[i]! - t.pdi, ours.minusDI[i]! - t.mdi].map(Math.abs);
    if (i >= burnIn) for (const d of diffs) expect(d).toBeLessThanOrEqual(tolerance);
    else early = Math.max(early, ...diffs);
  }
  // The seeding difference is real (not a test artefact): visible early on.
  expect(early).toBeGreaterThan(1e-6);
}

describe('adx against technicalindicators', () => {
  it('agrees after the seeding difference has decayed', () => {
    const c = randomBars(3000, 5);
    expectMatchesTechnicalIndicators(c, 14, 1000, 1e-9);
    expectMatchesTechnicalIndicators(c, 5, 400, 1e-9);
  });
});

describe.skipIf(!hasSharedData)(`adx on ORCL 1995–2014 ${needsSharedData}`, () => {
  const { high, low, close } = hasSharedData ? yahooColumns() : { high: new Float64Array(0), low: new Float64Array(0), close: new Float64Array(0) };
  testFeatureContract(adxFeature(14), { high, low, close });
  testFeatureContract(adxFeature(2), { high, low, close });

  it('matches technicalindicators after burn-in', () => {
    expectMatchesTechnicalIndicators({ high, low, close }, 14, 1000, 1e-9);
  });
});
