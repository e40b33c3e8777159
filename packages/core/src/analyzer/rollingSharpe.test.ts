import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { rollingSharpe } from './rollingSharpe.js';
import { sharpeRatio } from './sharpeRatio.js';

const mixedReturns = [Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100);
const negativeReturns = [0, -6, -7, -1, -9, -2, -6, -8, -5].map((x) => x / 100);
const daily = (window: number) => ({ window, periodsPerYear: 252 });

describe('rollingSharpe', () => {
  // empyrical/tests/test_stats.py::TestStats::test_roll_sharpe_ratio (window 6; empyrical returns
  // only the full windows, we align them with NaN warm-up as pyfolio does).
  it('matches empyrical roll_sharpe_ratio on negative_returns', () => {
    const out = rollingSharpe(negativeReturns, daily(6));
    expect(out).toHaveLength(9);
    expect(Array.from(out.slice(0, 5)).every(Number.isNaN)).toBe(true);
    [-18.09162052, -26.79897486, -26.69138263, -25.72298838].forEach((e, i) => expect(out[5 + i]).toBeCloseTo(e, 8));
  });

  it('is NaN for a window holding a NaN (pandas min_periods = window) and matches empyrical after it', () => {
    // empyrical skips the NaN and gives 7.57445259 for the first window; pandas (pyfolio) gives NaN.
    const out = rollingSharpe(mixedReturns, daily(6));
    expect(out[5]).toBeNaN();
    [8.22784105, 8.22784105, -3.1374751].forEach((e, i) => expect(out[6 + i]).toBeCloseTo(e, 7));
  });

  it('reproduces pyfolio test_sharpe_2 on [10 %, 10 %, 10 %, 0, 0] with window 2', () => {
    // pyfolio/tests/test_timeseries.py::TestStats::test_sharpe_2 expects [nan, inf, inf,
    // 11.224972160321828, inf]; the last window [0, 0] is 0/0 = NaN exactly (pandas' inf came from
    // a running-sum residue in its rolling mean).
    const out = Array.from(rollingSharpe([0.1, 0.1, 0.1, 0, 0], daily(2)));
    expect(out[0]).toBeNaN();
    expect(out[1]).toBe(Number.POSITIVE_INFINITY);
    expect(out[2]).toBe(Number.POSITIVE_INFINITY);
    expect(out[3]).toBeCloseTo(11.224972160321828, 13);
    expect(out[4]).toBeNaN();
  });

  it('equals sharpeRatio of each full window, risk-free rate included', () => {
    const returns = [0.01, -0.02, 0.015, 0.003, -0.007, 0.02, 0.001];
    const options = { window: 4, periodsPerYear: 52, riskFree: 0.001 };
    const out = rollingSharpe(returns, options);
    for (let i = 3; i < returns.length; i++) {
      expect(out[i]).toBeCloseTo(sharpeRatio(returns.slice(i - 3, i + 1), options), 14);
    }
  });

  it('is all NaN for empty input, window 1, all-zero returns and windows longer than the series', () => {
    expect(rollingSharpe([], daily(3))).toHaveLength(0);
    expect(Array.from(rollingSharpe([0.01, 0.02], daily(1))).every(Number.isNaN)).toBe(true);
    expect(Array.from(rollingSharpe([0, 0, 0, 0], daily(2))).every(Number.isNaN)).toBe(true);
    expect(Array.from(rollingSharpe([0.01, 0.02], daily(5))).every(Number.isNaN)).toBe(true);
  });

  it('throws InvariantError for a bad window or periodsPerYear', () => {
    expect(() => rollingSharpe([0.01], { window: 0, periodsPerYear: 252 })).toThrow(InvariantError);
    expect(() => rollingSharpe([0.01], { window: 2 } as { window: number; periodsPerYear: number })).toThrow(InvariantError);
  });
});
