import { CCI } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { Cci, cci, cciFeature } from './cci.js';
import { randomBars } from '../internal/randomBars.js';

interface Hlc {
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
}

// Hand-checked bars, period 3; typical price TP = (high + low + close)/3:
//   i  high  low  close  TP   window      mean   mean |TP − mean|          CCI = (TP − mean)/(0.015·MD)
//   0   10     8    9     9
//   1   12     9   12    11
//   2   13    10   10    11   9, 11, 11   31/3   (4/3 + 2/3 + 2/3)/3 = 8/9   (2/3)/(0.015·8/9)  = 50
//   3   11     8    8     9   11, 11, 9   31/3   8/9                        (−4/3)/(0.015·8/9) = −100
//   4   14    11   14    13   11, 9, 13   11     (0 + 2 + 2)/3 = 4/3        2/(0.015·4/3)      = 100
const bars = {
  high: [10, 12, 13, 11, 14],
  low: [8, 9, 10, 8, 11],
  close: [9, 12, 10, 8, 14],
};

describe('cci', () => {
  it('matches a hand calculation', () => {
    const out = cci(bars, 3);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(50, 10);
    expect(out[3]).toBeCloseTo(-100, 10);
    expect(out[4]).toBeCloseTo(100, 10);
  });

  it('is 0 for a flat window (TA-Lib), not NaN', () => {
    expect([...cci({ high: [6, 6, 6, 7], low: [4, 4, 4, 5], close: [5, 5, 5, 6] }, 3)]).toEqual([
      Number.NaN,
      Number.NaN,
      0,
      // TP 5, 5, 6: mean 16/3, MD = (1/3 + 1/3 + 2/3)/3 = 4/9; (2/3)/(0.015·4/9) = 100.
      expect.closeTo(100, 10),
    ]);
  });

  it('is NaN while a missing value is in the window', () => {
    const c = randomBars(40, 17);
    c.close[20] = Number.NaN;
    c.high[30] = Number.POSITIVE_INFINITY;
    const out = cci(c, 3);
    expect([...out.keys()].filter((i) => Number.isNaN(out[i]!))).toEqual([0, 1, 20, 21, 22, 30, 31, 32]);
  });

  it('streams the same values bit for bit', () => {
    const c = randomBars(400, 17);
    c.low[100] = Number.NaN;
    for (const period of [2, 20]) {
      const s = new Cci(period);
      expect(Array.from(c.close, (close, i) => s.add({ high: c.high[i]!, low: c.low[i]!, close }))).toEqual([...cci(c, period)]);
      expect(s.warmUp).toBe(period);
      expect(s.isReady).toBe(true);
    }
  });

  it('rejects a bad period, columns of different lengths and incomplete bars', () => {
    expect(() => cci(bars, 1)).toThrow(FeatureArgumentError);
    expect(() => new Cci(2.5)).toThrow('"2.5"');
    expect(() => cciFeature(0)).toThrow('"0"');
    expect(() => cci({ high: [1], low: [1, 2], close: [1] }, 2)).toThrow(FeatureArgumentError);
    expect(() => new Cci(3).add({ low: 1, close: 1 })).toThrow('"high"');
  });
});

/** technicalindicators' CCI: same definition and constant, first value at index period − 1. */
function expectMatchesTechnicalIndicators(c: Hlc, period: number): void {
  const theirs = CCI.calculate({ period, high: Array.from(c.high), low: Array.from(c.low), close: Array.from(c.close) });
  const ours = cci(c, period);
  // Offset period − 1. Their mean is a running float sum, ours exactly rounded, so they differ by
  // a few ulps of the TP level; CCI divides that by 0.015·MD, so the tolerance scales with TP/MD
  // (large when a window is nearly flat, e.g. period 2 with two close TPs).
  expect(theirs.length).toBe(c.close.length - period + 1);
  const tp = Array.from(c.close, (close, i) => (c.high[i]! + c.low[i]! + close) / 3);
  for (let j = 0; j < theirs.length; j++) {
    const window = tp.slice(j, j + period);
    const mean = window.reduce((a, b) => a + b) / period;
    const md = window.reduce((a, b) => a + Math.abs(b - mean), 0) / period;
    const scale = Math.max(Math.abs(theirs[j]!), mean / (0.015 * md));
    expect(Math.abs(ours[j + period - 1]! - theirs[j]!)).toBeLessThanOrEqual(1e-12 * scale);
  }
}

describe('cci against technicalindicators', () => {
  it('agrees on random bars', () => {
    const c = randomBars(2000, 17);
    for (const period of [2, 3, 14, 20, 100]) expectMatchesTechnicalIndicators(c, period);
  });
});

describe.skipIf(!hasSharedData)(`cci on ORCL 1995–2014 ${needsSharedData}`, () => {
  const { high, low, close } = hasSharedData ? yahooColumns() : { high: new Float64Array(0), low: new Float64Array(0), close: new Float64Array(0) };
  testFeatureContract(cciFeature(20), { high, low, close });

  it('matches technicalindicators', () => {
    expectMatchesTechnicalIndicators({ high, low, close }, 20);
  });
});
