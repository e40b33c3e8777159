import { KeltnerChannels } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { ema } from '../trend/ema.js';
import { atr } from './atr.js';
import { Keltner, keltner, keltnerFeature } from './keltner.js';
import { randomBars } from '../internal/randomBars.js';

interface Hlc {
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
}

// Hand-checked bars (true ranges NaN, 2, 1.5, 2.5, 3.5 — see trueRange.test.ts).
// EMA(3), α = 0.5: i=2 (9 + 10.5 + 11.5)/3 = 31/3; i=3 (9.5 − 31/3)·0.5 + 31/3 = 119/12;
//   i=4 (12.5 − 119/12)·0.5 + 119/12 = 269/24.
// ATR(2): i=2 (2 + 1.5)/2 = 1.75; i=3 (1.75 + 2.5)/2 = 2.125; i=4 (2.125 + 3.5)/2 = 2.8125.
// Bands ± 2·ATR: i=2 31/3 ± 3.5 = 83/6, 41/6; i=3 119/12 ± 4.25 = 85/6, 17/3;
//   i=4 269/24 ± 5.625 = 101/6, 67/12.
const bars = {
  high: [10, 11, 12, 10, 13],
  low: [8, 9, 11, 9, 12],
  close: [9, 10.5, 11.5, 9.5, 12.5],
};

describe('keltner', () => {
  it('matches a hand calculation', () => {
    const { middle, upper, lower } = keltner(bars, { period: 3, multiplier: 2, atrPeriod: 2 });
    expect(middle[1]).toBeNaN();
    expect(upper[1]).toBeNaN();
    const expected = [
      [31 / 3, 83 / 6, 41 / 6],
      [119 / 12, 85 / 6, 17 / 3],
      [269 / 24, 101 / 6, 67 / 12],
    ];
    expected.forEach(([m, u, l], j) => {
      expect(middle[j + 2]).toBeCloseTo(m!, 12);
      expect(upper[j + 2]).toBeCloseTo(u!, 12);
      expect(lower[j + 2]).toBeCloseTo(l!, 12);
    });
  });

  it('is the EMA of the close ± multiplier × ATR, with defaults 20, 2, 10', () => {
    const c = randomBars(300, 23);
    const { middle, upper, lower } = keltner(c);
    const m = ema(c.close, 20);
    const a = atr(c, 10);
    expect([...middle]).toEqual([...m]);
    for (let i = 0; i < 300; i++) {
      expect(upper[i]).toBe(m[i]! + 2 * a[i]!);
      expect(lower[i]).toBe(m[i]! - 2 * a[i]!);
    }
    // The middle line starts at index 19; with atrPeriod > period − 1 the bands start later.
    const late = keltner(c, { period: 5, atrPeriod: 10 });
    expect(late.middle[4]).not.toBeNaN();
    expect(late.upper[9]).toBeNaN();
    expect(late.upper[10]).not.toBeNaN();
  });

  it('streams the same values bit for bit as new frozen objects, including across missing values', () => {
    const c = randomBars(500, 23);
    c.close[100] = Number.NaN;
    c.high[200] = Number.NaN;
    const options = { period: 20, multiplier: 1.5, atrPeriod: 14 };
    const batch = keltner(c, options);
    const s = new Keltner(options);
    let last: unknown;
    for (let i = 0; i < 500; i++) {
      const v = s.add({ high: c.high[i]!, low: c.low[i]!, close: c.close[i]! });
      expect(Object.isFrozen(v)).toBe(true);
      expect(v).not.toBe(last);
      last = v;
      expect([v.middle, v.upper, v.lower]).toEqual([batch.middle[i], batch.upper[i], batch.lower[i]]);
    }
    expect(s.warmUp).toBe(20);
    expect(new Keltner({ period: 5, atrPeriod: 10 }).warmUp).toBe(11);
    expect(s.isReady).toBe(true);
  });

  it('rejects bad parameters, columns of different lengths and incomplete bars', () => {
    expect(() => keltner(bars, { period: 0 })).toThrow(FeatureArgumentError);
    expect(() => new Keltner({ atrPeriod: 1.5 })).toThrow('"1.5"');
    expect(() => keltnerFeature({ multiplier: -1 })).toThrow('"-1"');
    expect(() => keltner(bars, { multiplier: Number.NaN })).toThrow('"NaN"');
    expect(() => keltner({ high: [1], low: [1, 2], close: [1] })).toThrow(FeatureArgumentError);
    expect(() => new Keltner().add({ high: 1, close: 1 })).toThrow('"low"');
    expect(() => new Keltner().add({ high: 1, low: 1 })).toThrow('"close"');
  });
});

/** technicalindicators' KeltnerChannels (EMA middle, SMA-seeded Wilder ATR), aligned to ours. */
function expectMatchesTechnicalIndicators(c: Hlc, period: number, multiplier: number, atrPeriod: number): void {
  const theirs = KeltnerChannels.calculate({
    maPeriod: period,
    atrPeriod,
    multiplier,
    useSMA: false,
    high: Array.from(c.high),
    low: Array.from(c.low),
    close: Array.from(c.close),
  });
  const ours = keltner(c, { period, multiplier, atrPeriod });
  // Theirs starts once both parts exist: offset max(period − 1, atrPeriod).
  const offset = Math.max(period - 1, atrPeriod);
  expect(theirs.length).toBe(c.close.length - offset);
  for (let j = 0; j < theirs.length; j++) {
    const t = theirs[j]!;
    const i = j + offset;
    // Running-sum seeds and a different Wilder update order on their side: last-bit differences.
    expect(Math.abs(ours.middle[i]! - t.middle)).toBeLessThanOrEqual(1e-12 * t.middle);
    expect(Math.abs(ours.upper[i]! - t.upper)).toBeLessThanOrEqual(1e-12 * t.upper);
    expect(Math.abs(ours.lower[i]! - t.lower)).toBeLessThanOrEqual(1e-12 * t.upper);
  }
}

describe('keltner against technicalindicators', () => {
  it('agrees on random bars', () => {
    const c = randomBars(2000, 23);
    expectMatchesTechnicalIndicators(c, 20, 2, 10);
    expectMatchesTechnicalIndicators(c, 5, 1, 14);
  });
});

describe.skipIf(!hasSharedData)(`keltner on ORCL 1995–2014 ${needsSharedData}`, () => {
  const { high, low, close } = hasSharedData ? yahooColumns() : { high: new Float64Array(0), low: new Float64Array(0), close: new Float64Array(0) };
  testFeatureContract(keltnerFeature(), { high, low, close });

  it('matches technicalindicators', () => {
    expectMatchesTechnicalIndicators({ high, low, close }, 20, 2, 10);
  });
});
