import { describe, expect, it } from 'vitest';
import { compensatedSum, compoundPath, dropNaN, sampleStd, sortedPercentile, sumSquaredDeviations } from './internal.js';

describe('compensatedSum', () => {
  it('keeps the digits a plain left-to-right sum loses', () => {
    // 1 + 1e-16 + … (10 times) − 1: a plain sum gives 0, the exact answer is 1e-15.
    const values = [1, ...new Array<number>(10).fill(1e-16), -1];
    expect(values.reduce((a, b) => a + b, 0)).toBe(0);
    expect(compensatedSum(values)).toBeCloseTo(1e-15, 30);
  });

  it('propagates NaN and infinities like a plain sum', () => {
    expect(compensatedSum([1, Number.NaN])).toBeNaN();
    expect(compensatedSum([1, Number.POSITIVE_INFINITY])).toBe(Number.POSITIVE_INFINITY);
    expect(compensatedSum([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])).toBeNaN();
  });

  it('sums a sub-range', () => {
    expect(compensatedSum([1, 2, 3, 4], 1, 3)).toBe(5);
    expect(compensatedSum([1, 2], 1, 1)).toBe(0);
  });
});

describe('dropNaN', () => {
  it('keeps the non-NaN values in order', () => {
    expect(Array.from(dropNaN([Number.NaN, 1, Number.NaN, -2]))).toEqual([1, -2]);
  });
});

describe('variance helpers', () => {
  it('give an exact zero for constant data and ddof-1 deviations otherwise', () => {
    expect(sumSquaredDeviations([0.1, 0.1, 0.1], 0.1)).toBe(0);
    expect(sampleStd([0.1, 0.1, 0.1])).toBe(0);
    expect(sampleStd([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 15);
    expect(sampleStd([1])).toBeNaN();
  });

  it('stays accurate for a tiny spread around a large mean', () => {
    // 1e8 + k·2^-24 (k = 0..4, exactly representable): the naive Σx² − (Σx)²/n formula loses
    // every digit here. Exact: spacing × std(0..4) = 2^-24·√2.5.
    const values = Array.from({ length: 5 }, (_, k) => 1e8 + k * 2 ** -24);
    const exact = Math.sqrt(2.5) * 2 ** -24;
    expect(Math.abs(sampleStd(values) - exact) / exact).toBeLessThan(1e-15);
  });
});

describe('sortedPercentile', () => {
  // Expected values are numpy.percentile(a, 100·q) (method 'linear').
  it('interpolates linearly between order statistics like numpy', () => {
    const sorted = Float64Array.from([-0.1, -0.04, 0.01, 0.01, 0.02, 0.02, 0.03, 0.1]);
    expect(sortedPercentile(sorted, 0.95)).toBeCloseTo(0.0755, 15);
    expect(sortedPercentile(sorted, 0.05)).toBeCloseTo(-0.079, 15);
    expect(sortedPercentile(sorted, 0)).toBe(-0.1);
    expect(sortedPercentile(sorted, 1)).toBe(0.1);
    expect(sortedPercentile(new Float64Array(0), 0.5)).toBeNaN();
  });
});

describe('compoundPath', () => {
  it('uses log space while returns are >= -1 and treats NaN as a flat period', () => {
    const path = compoundPath([0.1, Number.NaN, -0.5]);
    expect(path.kind).toBe('log');
    if (path.kind === 'log') {
      expect(Math.exp(path.logWealth[1]!)).toBeCloseTo(1.1, 15);
      expect(Math.exp(path.logWealth[2]!)).toBeCloseTo(0.55, 15);
    }
  });

  it('falls back to the running product when a return is below -1', () => {
    const path = compoundPath([0.5, -2, 0.5]);
    expect(path.kind).toBe('product');
    if (path.kind === 'product') expect(Array.from(path.wealth)).toEqual([1.5, -1.5, -2.25]);
  });

  it('keeps wealth at 0 after a return of exactly -1', () => {
    const path = compoundPath([0.2, -1, 0.3]);
    expect(path.kind === 'log' && path.logWealth[2]).toBe(Number.NEGATIVE_INFINITY);
  });
});
