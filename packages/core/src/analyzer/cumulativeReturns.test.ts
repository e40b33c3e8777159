import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cumulativeReturns } from './cumulativeReturns.js';
import { totalReturn } from './totalReturn.js';

// empyrical's sample series (empyrical/tests/test_stats.py, TestStats class attributes).
const mixedReturns = [Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100);
const negativeReturns = [0, -6, -7, -1, -9, -2, -6, -8, -5].map((x) => x / 100);

describe('cumulativeReturns', () => {
  // empyrical/tests/test_stats.py::TestStats::test_cum_returns (asserted to 4 decimals there).
  it.each([
    ['mixed_returns', mixedReturns, [0.0, 0.01, 0.111, 0.066559, 0.08789, 0.12052, 0.14293, 0.15436, 0.03893]],
    ['negative_returns', negativeReturns, [0.0, -0.06, -0.1258, -0.13454, -0.21243, -0.22818, -0.27449, -0.33253, -0.3659]],
  ])('matches empyrical test_cum_returns for %s', (_name, returns, expected) => {
    const out = cumulativeReturns(returns);
    expect(out).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(out[i]).toBeCloseTo(e, 4));
  });

  it('compounds exactly on a hand-checked path', () => {
    // 1.1 · 0.95 · 1.1 = 1.1495 (pyfolio tests/test_timeseries.py::TestCumReturns uses this series).
    const out = cumulativeReturns([0.1, -0.05, 0.1]);
    expect(out[0]).toBeCloseTo(0.1, 15);
    expect(out[1]).toBeCloseTo(0.045, 15);
    expect(out[2]).toBeCloseTo(0.1495, 15);
  });

  it('treats NaN as a flat period', () => {
    // pyfolio TestCumReturns: [nan, -5 %, 10 %] → wealth [1, 0.95, 1.045].
    const out = cumulativeReturns([Number.NaN, -0.05, 0.1]);
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(-0.05, 15);
    expect(out[2]).toBeCloseTo(0.045, 15);
  });

  it('returns an empty array for empty input and zeros for all-zero returns', () => {
    expect(cumulativeReturns([])).toHaveLength(0);
    expect(Array.from(cumulativeReturns(new Float64Array(4)))).toEqual([0, 0, 0, 0]);
  });

  it('reaches -1 after a total loss and stays there', () => {
    const out = cumulativeReturns([0.2, -1, 0.5]);
    expect(out[0]).toBeCloseTo(0.2, 15);
    expect(out[1]).toBe(-1);
    expect(out[2]).toBe(-1);
  });

  it('compounds returns below -1 by plain multiplication (negative wealth)', () => {
    expect(Array.from(cumulativeReturns([0.5, -2]))).toEqual([0.5, -2.5]);
  });

  it('stays accurate over a long series (10 000 periods of +1 bp)', () => {
    const out = cumulativeReturns(new Float64Array(10_000).fill(1e-4));
    const exact = Math.expm1(10_000 * Math.log1p(1e-4));
    expect(Math.abs(out[9_999]! - exact) / exact).toBeLessThan(1e-14);
  });

  it('ends at totalReturn bit for bit', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 50 }), (returns) => {
        const out = cumulativeReturns(returns);
        expect(out[out.length - 1]).toBe(totalReturn(returns));
      }),
    );
  });
});
