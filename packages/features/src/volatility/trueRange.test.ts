import { TrueRange as TiTrueRange } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { TrueRange, trueRange, trueRangeFeature, trueRangeOf } from './trueRange.js';

// Hand-checked bars (all values exact in binary):
//   i  high  low  close   true range
//   0   10     8    9      — (no previous close)
//   1   11     9   10.5    max(11−9, |11−9|, |9−9|)              = 2
//   2   12    11   11.5    max(1, |12−10.5| = 1.5, |11−10.5|)    = 1.5
//   3   10     9    9.5    gap down: max(1, 1.5, |9−11.5| = 2.5) = 2.5
//   4   13    12   12.5    gap up: max(1, |13−9.5| = 3.5, 2.5)   = 3.5
const bars = {
  high: [10, 11, 12, 10, 13],
  low: [8, 9, 11, 9, 12],
  close: [9, 10.5, 11.5, 9.5, 12.5],
};

describe('trueRange', () => {
  it('matches a hand calculation, including gaps both ways', () => {
    expect([...trueRange(bars)]).toEqual([Number.NaN, 2, 1.5, 2.5, 3.5]);
  });

  it('computes one bar from its parts', () => {
    expect(trueRangeOf(12, 10, 13)).toBe(3);
    expect(trueRangeOf(12, 10, 11)).toBe(2);
    expect(trueRangeOf(12, 10, Number.NaN)).toBeNaN();
  });

  it('is NaN exactly where the bar or the previous close is NaN', () => {
    const out = trueRange({ high: [10, 11, Number.NaN, 12, 12], low: [9, 9, 9, 10, 10], close: [9.5, Number.NaN, 10, 11, 11] });
    // Index 2: NaN (its close at index 1 is NaN, and its high); index 3 reads close[2] = 10: fine.
    expect([...out]).toEqual([Number.NaN, 2, Number.NaN, 2, 2]);
  });

  it('handles empty input', () => {
    expect(trueRange({ high: [], low: [], close: [] }).length).toBe(0);
  });

  it('streams the same values', () => {
    const tr = new TrueRange();
    const streamed = bars.high.map((high, i) => tr.add({ high, low: bars.low[i]!, close: bars.close[i]! }));
    expect(streamed).toEqual([...trueRange(bars)]);
    expect(tr.isReady).toBe(true);
    expect(tr.warmUp).toBe(2);
  });

  it('rejects columns of different lengths and bars with missing fields', () => {
    expect(() => trueRange({ high: [1, 2], low: [1], close: [1, 2] })).toThrow(FeatureArgumentError);
    expect(() => new TrueRange().add({ high: 1, low: 1 })).toThrow('"close"');
    expect(() => trueRangeFeature().batch({ high: [1], close: [1] })).toThrow('"low"');
  });
});

describe.skipIf(!hasSharedData)(`trueRange on ORCL 1995–2014 ${needsSharedData}`, () => {
  const { high, low, close } = hasSharedData ? yahooColumns() : { high: new Float64Array(0), low: new Float64Array(0), close: new Float64Array(0) };
  testFeatureContract(trueRangeFeature(), { high, low, close });

  it('matches technicalindicators exactly', () => {
    const theirs = TiTrueRange.calculate({ high: Array.from(high), low: Array.from(low), close: Array.from(close) });
    const ours = trueRange({ high, low, close });
    // Theirs starts at index 1 (offset 1); same Math.max formula, so bit-identical.
    expect(theirs.length).toBe(high.length - 1);
    expect(theirs).toEqual([...ours.subarray(1)]);
  });
});
