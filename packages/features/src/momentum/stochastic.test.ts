import fc from 'fast-check';
import { SMA, Stochastic as TiStochastic } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { RollingHighLow, Stochastic, stochastic, stochasticFeature } from './stochastic.js';
import { randomBars } from '../internal/randomBars.js';

interface Hlc {
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
}

// Hand-checked bars, k = 3:
//   i  high  low  close   window  HH  LL   raw %K = 100·(close − LL)/(HH − LL)
//   0   10     8    9
//   1   11     9   10
//   2   12    10   11     0..2    12   8    100·3/4   = 75
//   3   12    11   11.5   1..3    12   9    100·2.5/3 = 250/3
//   4   11     9    9     2..4    12   9    0
//   5   10     9   10     3..5    12   9    100·1/3   = 100/3
const bars = {
  high: [10, 11, 12, 12, 11, 10],
  low: [8, 9, 10, 11, 9, 9],
  close: [9, 10, 11, 11.5, 9, 10],
};

describe('stochastic', () => {
  it('matches a hand calculation with k = 3, smoothK = 2, d = 2', () => {
    // %K = SMA2(raw): i=3 (75 + 250/3)/2 = 475/6, i=4 (250/3 + 0)/2 = 125/3, i=5 (0 + 100/3)/2 = 50/3.
    // %D = SMA2(%K): i=4 (475/6 + 125/3)/2 = 725/12, i=5 (125/3 + 50/3)/2 = 175/6.
    const { k, d } = stochastic(bars, { k: 3, smoothK: 2, d: 2 });
    expect(k[2]).toBeNaN();
    expect(k[3]).toBeCloseTo(475 / 6, 12);
    expect(k[4]).toBeCloseTo(125 / 3, 12);
    expect(k[5]).toBeCloseTo(50 / 3, 12);
    expect(d[3]).toBeNaN();
    expect(d[4]).toBeCloseTo(725 / 12, 12);
    expect(d[5]).toBeCloseTo(175 / 6, 12);
  });

  it('gives the raw %K with smoothK = 1 (fast stochastic), exactly 0 and 100 at the extremes', () => {
    const { k } = stochastic(bars, { k: 3, smoothK: 1, d: 1 });
    expect(k[2]).toBe(75);
    expect(k[4]).toBe(0);
    // Close at the highest high: exactly 100.
    expect(stochastic({ high: [2, 3], low: [1, 1], close: [1.5, 3] }, { k: 2, smoothK: 1, d: 1 }).k[1]).toBe(100);
  });

  it('uses 0 for a flat range (TA-Lib)', () => {
    const { k, d } = stochastic({ high: [5, 5, 5, 5], low: [5, 5, 5, 5], close: [5, 5, 5, 5] }, { k: 2, smoothK: 2, d: 1 });
    expect([...k]).toEqual([Number.NaN, Number.NaN, 0, 0]);
    expect([...d]).toEqual([...k]);
  });

  it('starts %K at k + smoothK − 2 and %D at k + smoothK + d − 3 with the defaults', () => {
    const { k, d } = stochastic(randomBars(40, 3));
    expect(k[14]).toBeNaN();
    expect(k[15]).not.toBeNaN();
    expect(d[16]).toBeNaN();
    expect(d[17]).not.toBeNaN();
  });

  it('is NaN while a missing value is in a window', () => {
    const c = randomBars(60, 3);
    c.high[30] = Number.NaN; // raw %K NaN at 30..32 (k = 3), %K at 30..33, %D at 30..34
    c.close[50] = Number.NaN; // raw %K NaN at 50 only
    const { k, d } = stochastic(c, { k: 3, smoothK: 2, d: 2 });
    const nanAt = (a: Float64Array): number[] => [...a.keys()].filter((i) => i >= 4 && Number.isNaN(a[i]!));
    expect(nanAt(k)).toEqual([30, 31, 32, 33, 50, 51]);
    expect(nanAt(d)).toEqual([30, 31, 32, 33, 34, 50, 51, 52]);
  });

  it('streams the same values bit for bit as new frozen objects', () => {
    const c = randomBars(500, 3);
    c.low[100] = Number.NaN;
    c.close[200] = Number.NaN;
    const batch = stochastic(c);
    const s = new Stochastic();
    let last: unknown;
    for (let i = 0; i < c.close.length; i++) {
      const v = s.add({ high: c.high[i]!, low: c.low[i]!, close: c.close[i]! });
      expect(Object.isFrozen(v)).toBe(true);
      expect(v).not.toBe(last);
      last = v;
      expect([v.k, v.d]).toEqual([batch.k[i], batch.d[i]]);
    }
    expect(s.warmUp).toBe(18);
    expect(s.isReady).toBe(true);
    expect(s.options).toEqual({ k: 14, smoothK: 3, d: 3 });
  });

  it('rejects bad parameters, columns of different lengths and incomplete bars', () => {
    expect(() => stochastic(bars, { k: 0 })).toThrow(FeatureArgumentError);
    expect(() => new Stochastic({ smoothK: 1.5 })).toThrow('"1.5"');
    expect(() => stochasticFeature({ d: -1 })).toThrow('"-1"');
    expect(() => stochastic({ high: [1], low: [1, 2], close: [1] })).toThrow(FeatureArgumentError);
    expect(() => new Stochastic().add({ high: 1, low: 1 })).toThrow('"close"');
  });
});

describe('RollingHighLow', () => {
  it('tracks the extremes of the window and their ages (latest wins ties), skipping NaN', () => {
    const value = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(Number.NaN));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.tuple(value, value), { maxLength: 60 }), (length, pairs) => {
        const w = new RollingHighLow(length);
        pairs.forEach(([high, low], t) => {
          const complete = w.add(high, low);
          const from = Math.max(0, t - length + 1);
          const window = pairs.slice(from, t + 1);
          const clean = t >= length - 1 && window.every(([h, l]) => !Number.isNaN(h) && !Number.isNaN(l));
          expect(complete).toBe(clean);
          if (!clean) return;
          const hh = Math.max(...window.map(([h]) => h));
          const ll = Math.min(...window.map(([, l]) => l));
          expect(w.high).toBe(hh);
          expect(w.low).toBe(ll);
          expect(w.highAge).toBe(window.length - 1 - window.map(([h]) => h).lastIndexOf(hh));
          expect(w.lowAge).toBe(window.length - 1 - window.map(([, l]) => l).lastIndexOf(ll));
        });
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * technicalindicators' Stochastic returns the raw (fast) %K and d = SMA(signalPeriod) of it, so
 * its `d` with signalPeriod = smoothK is our %K, and an SMA(d) of that is our %D.
 */
function expectMatchesTechnicalIndicators(c: Hlc, k: number, smoothK: number, d: number): void {
  const theirs = TiStochastic.calculate({ period: k, signalPeriod: smoothK, high: Array.from(c.high), low: Array.from(c.low), close: Array.from(c.close) });
  const ours = stochastic(c, { k, smoothK, d });
  // Their output starts at index k − 1 (offset k − 1); their d is undefined for smoothK − 1 more.
  expect(theirs.length).toBe(c.close.length - k + 1);
  const theirK = theirs.slice(smoothK - 1).map((x) => x.d!);
  const theirD = SMA.calculate({ period: d, values: theirK });
  const kOffset = k + smoothK - 2;
  for (let j = 0; j < theirK.length; j++) {
    // Their raw %K is (c − LL)/(HH − LL)·100 and their SMA a running sum: last-bit differences.
    expect(Math.abs(ours.k[j + kOffset]! - theirK[j]!)).toBeLessThanOrEqual(1e-9);
  }
  for (let j = 0; j < theirD.length; j++) {
    expect(Math.abs(ours.d[j + kOffset + d - 1]! - theirD[j]!)).toBeLessThanOrEqual(1e-9);
  }
}

describe('stochastic against technicalindicators', () => {
  it('agrees on random bars', () => {
    const c = randomBars(2000, 3);
    expectMatchesTechnicalIndicators(c, 14, 3, 3);
    expectMatchesTechnicalIndicators(c, 5, 1, 3);
  });
});

describe.skipIf(!hasSharedData)(`stochastic on ORCL 1995–2014 ${needsSharedData}`, () => {
  const { high, low, close } = hasSharedData ? yahooColumns() : { high: new Float64Array(0), low: new Float64Array(0), close: new Float64Array(0) };
  testFeatureContract(stochasticFeature(), { high, low, close });
  testFeatureContract(stochasticFeature({ k: 5, smoothK: 1, d: 3 }), { high, low, close });

  it('matches technicalindicators', () => {
    expectMatchesTechnicalIndicators({ high, low, close }, 14, 3, 3);
  });
});
