import { ATR } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { sma } from '../trend/sma.js';
import { Atr, atr, atrFeature } from './atr.js';
import { trueRange } from './trueRange.js';
import { randomBars } from '../internal/randomBars.js';

interface Hlc {
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
}

function slice(c: Hlc, from: number): Hlc {
  return { high: c.high.slice(from), low: c.low.slice(from), close: c.close.slice(from) };
}

function streamed(c: Hlc, period: number): number[] {
  const a = new Atr(period);
  return Array.from(c.close, (close, i) => a.add({ high: c.high[i]!, low: c.low[i]!, close }));
}

// Hand-checked bars: true ranges NaN, 2, 1.5, 2.5, 3.5, 0.5 (see trueRange.test.ts; the last bar
// 13/12.5/13 after a 12.5 close: max(0.5, 0.5, 0) = 0.5).
const bars = {
  high: [10, 11, 12, 10, 13, 13],
  low: [8, 9, 11, 9, 12, 12.5],
  close: [9, 10.5, 11.5, 9.5, 12.5, 13],
};

describe('atr', () => {
  it('matches a hand calculation (Wilder, seeded with the mean of the first period true ranges)', () => {
    // period 3: first ATR at index 3 = (2 + 1.5 + 2.5)/3 = 2;
    // index 4: (2·2 + 3.5)/3 = 2.5; index 5: (2.5·2 + 0.5)/3 = 5.5/3 = 11/6.
    expect([...atr(bars, 3)]).toEqual([Number.NaN, Number.NaN, Number.NaN, 2, 2.5, 11 / 6]);
  });

  it('returns the true range for period 1', () => {
    expect([...atr(bars, 1)]).toEqual([...trueRange(bars)]);
  });

  it('seeds with exactly the SMA of the true ranges', () => {
    const c = randomBars(100, 11);
    for (const period of [2, 7, 14]) expect(atr(c, period)[period]).toBe(sma(trueRange(c), period)[period]);
  });

  it('restarts after a missing value as if the series began there', () => {
    const c = randomBars(300, 11);
    c.high[100] = Number.NaN; // true range at 100 is NaN; bar 101 still has a previous close
    c.close[200] = Number.NaN; // true range at 201 is NaN (no previous close)
    const out = atr(c, 14);
    expect(out[99]).not.toBeNaN();
    for (let i = 100; i < 114; i++) expect(out[i]).toBeNaN();
    // From bar 100 on it is the ATR of the bars from 100 (whose first true range is also NaN).
    expect([...out.subarray(100, 201)]).toEqual([...atr(slice(c, 100), 14).subarray(0, 101)]);
    expect(out[200]).not.toBeNaN(); // a NaN close does not affect its own bar's true range
    expect([...out.subarray(201)]).toEqual([...atr(slice(c, 201), 14)]);
  });

  it('treats an infinite true range as missing', () => {
    const c = randomBars(60, 11);
    c.high[30] = Number.POSITIVE_INFINITY;
    const out = atr(c, 5);
    // NaN at 30, restarted from bar 31's true range: first value again at 31 + 4 = 35.
    for (let i = 30; i < 35; i++) expect(out[i]).toBeNaN();
    expect([...out.subarray(30)]).toEqual([...atr(slice(c, 30), 5)]);
    expect(out[35]).not.toBeNaN();
  });

  it('streams the same values bit for bit, including across missing values', () => {
    const c = randomBars(500, 11);
    c.low[50] = Number.NaN;
    c.close[51] = Number.NaN;
    c.high[300] = Number.NaN;
    for (const period of [1, 3, 14]) expect(streamed(c, period)).toEqual([...atr(c, period)]);
    const a = new Atr(14);
    expect(a.warmUp).toBe(15);
    expect(a.isReady).toBe(false);
    for (let i = 0; i < 15; i++) a.add({ high: c.high[i]!, low: c.low[i]!, close: c.close[i]! });
    expect(a.isReady).toBe(true);
    expect(a.value).toBe(atr(c, 14)[14]);
  });

  it('rejects a bad period, columns of different lengths and incomplete bars', () => {
    expect(() => atr(bars, 0)).toThrow(FeatureArgumentError);
    expect(() => new Atr(2.5)).toThrow('"2.5"');
    expect(() => atrFeature(-1)).toThrow('"-1"');
    expect(() => atr({ high: [1], low: [1, 2], close: [1] }, 1)).toThrow(FeatureArgumentError);
    expect(() => new Atr(3).add({ high: 1, close: 1 })).toThrow('"low"');
    expect(() => atrFeature(3).batch({ high: [1], low: [1] })).toThrow('"close"');
  });
});

/** technicalindicators' ATR (also SMA-seeded Wilder smoothing, first value at index period), aligned to ours. */
function expectMatchesTechnicalIndicators(c: Hlc, period: number): void {
  const theirs = ATR.calculate({ period, high: Array.from(c.high), low: Array.from(c.low), close: Array.from(c.close) });
  const ours = atr(c, period);
  // Their true range starts at index 1 and their average after `period` of them: offset `period`.
  expect(theirs.length).toBe(c.close.length - period);
  for (let i = 0; i < theirs.length; i++) {
    // Same definition; they compute prev + (tr − prev)/period with a running-sum seed, so the
    // last bits differ.
    expect(Math.abs(ours[i + period]! - theirs[i]!)).toBeLessThanOrEqual(1e-12 * Math.abs(theirs[i]!));
  }
}

describe('atr against technicalindicators', () => {
  it('agrees on random bars', () => {
    const c = randomBars(2000, 11);
    for (const period of [1, 2, 14, 50]) expectMatchesTechnicalIndicators(c, period);
  });
});

describe.skipIf(!hasSharedData)(`atr on ORCL 1995–2014 ${needsSharedData}`, () => {
  const { high, low, close } = hasSharedData ? yahooColumns() : { high: new Float64Array(0), low: new Float64Array(0), close: new Float64Array(0) };
  testFeatureContract(atrFeature(14), { high, low, close });
  testFeatureContract(atrFeature(1), { high, low, close });

  it('matches technicalindicators', () => {
    for (const period of [5, 14, 30]) expectMatchesTechnicalIndicators({ high, low, close }, period);
  });
});
