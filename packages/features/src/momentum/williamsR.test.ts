import { WilliamsR as TiWilliamsR } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { stochastic } from './stochastic.js';
import { WilliamsR, williamsR, williamsRFeature } from './williamsR.js';
import { randomBars } from '../internal/randomBars.js';

interface Hlc {
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
}

// Hand-checked bars, period 3 (the same as in stochastic.test.ts):
//   i  high  low  close   HH  LL   %R = −100·(HH − close)/(HH − LL)
//   2   12    10   11     12   8    −100·1/4   = −25
//   3   12    11   11.5   12   9    −100·0.5/3 = −50/3
//   4   11     9    9     12   9    −100
//   5   10     9   10     12   9    −100·2/3   = −200/3
const bars = {
  high: [10, 11, 12, 12, 11, 10],
  low: [8, 9, 10, 11, 9, 9],
  close: [9, 10, 11, 11.5, 9, 10],
};

describe('williamsR', () => {
  it('matches a hand calculation', () => {
    const out = williamsR(bars, 3);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBe(-25);
    expect(out[3]).toBeCloseTo(-50 / 3, 12);
    expect(out[4]).toBe(-100);
    expect(out[5]).toBeCloseTo(-200 / 3, 12);
  });

  it('is the fast stochastic minus 100', () => {
    const c = randomBars(300, 13);
    const r = williamsR(c, 14);
    const { k } = stochastic(c, { k: 14, smoothK: 1, d: 1 });
    for (let i = 13; i < 300; i++) expect(r[i]).toBeCloseTo(k[i]! - 100, 9);
  });

  it('is +0 at the highest high and 0 for a flat range (TA-Lib)', () => {
    expect(Object.is(williamsR({ high: [2, 3], low: [1, 1], close: [1.5, 3] }, 2)[1], 0)).toBe(true);
    expect([...williamsR({ high: [5, 5, 5], low: [5, 5, 5], close: [5, 5, 5] }, 2)]).toEqual([Number.NaN, 0, 0]);
  });

  it('is NaN while a missing value is in the window', () => {
    const c = randomBars(40, 13);
    c.low[20] = Number.NaN;
    c.close[30] = Number.NaN;
    const out = williamsR(c, 3);
    expect([...out.keys()].filter((i) => Number.isNaN(out[i]!))).toEqual([0, 1, 20, 21, 22, 30]);
  });

  it('streams the same values bit for bit', () => {
    const c = randomBars(400, 13);
    c.high[77] = Number.NaN;
    const w = new WilliamsR(14);
    expect(Array.from(c.close, (close, i) => w.add({ high: c.high[i]!, low: c.low[i]!, close }))).toEqual([...williamsR(c, 14)]);
    expect(w.warmUp).toBe(14);
    expect(w.isReady).toBe(true);
  });

  it('rejects a bad period, columns of different lengths and incomplete bars', () => {
    expect(() => williamsR(bars, 1)).toThrow(FeatureArgumentError);
    expect(() => new WilliamsR(2.5)).toThrow('"2.5"');
    expect(() => williamsRFeature(0)).toThrow('"0"');
    expect(() => williamsR({ high: [1], low: [1, 2], close: [1] }, 2)).toThrow(FeatureArgumentError);
    expect(() => new WilliamsR(3).add({ high: 1, close: 1 })).toThrow('"low"');
  });
});

/** technicalindicators' WilliamsR: same definition, first value at index period − 1. */
function expectMatchesTechnicalIndicators(c: Hlc, period: number): void {
  const theirs = TiWilliamsR.calculate({ period, high: Array.from(c.high), low: Array.from(c.low), close: Array.from(c.close) });
  const ours = williamsR(c, period);
  // Offset period − 1; they compute (HH − c)/(HH − LL)·−100, so the last bits may differ.
  expect(theirs.length).toBe(c.close.length - period + 1);
  for (let j = 0; j < theirs.length; j++) expect(Math.abs(ours[j + period - 1]! - theirs[j]!)).toBeLessThanOrEqual(1e-9);
}

describe('williamsR against technicalindicators', () => {
  it('agrees on random bars', () => {
    const c = randomBars(2000, 13);
    for (const period of [2, 14, 50]) expectMatchesTechnicalIndicators(c, period);
  });
});

describe.skipIf(!hasSharedData)(`williamsR on ORCL 1995–2014 ${needsSharedData}`, () => {
  const { high, low, close } = hasSharedData ? yahooColumns() : { high: new Float64Array(0), low: new Float64Array(0), close: new Float64Array(0) };
  testFeatureContract(williamsRFeature(14), { high, low, close });

  it('matches technicalindicators', () => {
    expectMatchesTechnicalIndicators({ high, low, close }, 14);
  });
});
