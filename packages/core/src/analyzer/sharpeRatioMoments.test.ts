import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { sharpeRatioMoments } from './sharpeRatioMoments.js';

// Input series of empyrical's tests (quantopian/empyrical, empyrical/tests/test_stats.py).
const pct = (xs: readonly number[]) => xs.map((x) => x / 100);
const mixedReturns = pct([Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10]);
const positiveReturns = pct([1, 2, 1, 1, 1, 1, 1, 1, 1]);
const negativeReturns = pct([0, -6, -7, -1, -9, -2, -6, -8, -5]);
const flatLine1 = pct([1, 1, 1, 1, 1, 1, 1, 1, 1]);

describe('sharpeRatioMoments', () => {
  it("has empyrical's daily Sharpe ratio divided by √252 (test_sharpe_ratio)", () => {
    // test_sharpe_ratio: mixed_returns → 1.7238613961706866, positive_returns →
    // 52.915026221291804, negative_returns → -24.406808633910085 (annualised with √252).
    const cases = [
      [mixedReturns, 1.7238613961706866],
      [positiveReturns, 52.915026221291804],
      [negativeReturns, -24.406808633910085],
    ] as const;
    for (const [r, annual] of cases) expect(Math.abs(sharpeRatioMoments(r).sharpe * Math.sqrt(252) - annual)).toBeLessThan(1.5e-8);
  });

  it('matches a hand calculation of the population skewness and raw kurtosis', () => {
    // [0, 0, 3]: mean 1, deviations (−1, −1, 2): m2 = 2, m3 = 2, m4 = 6 → skewness 2/2^1.5 = 1/√2,
    // kurtosis 6/4 = 1.5; sample std √(6/2) → Sharpe 1/√3.
    const m = sharpeRatioMoments([0, 0, 3]);
    expect(m.sharpe).toBeCloseTo(1 / Math.sqrt(3), 15);
    expect(m.skewness).toBeCloseTo(Math.SQRT1_2, 15);
    expect(m.kurtosis).toBeCloseTo(1.5, 15);
    expect(m.observations).toBe(3);
    // [1, 2, 3, 4] %: symmetric → skewness 0; m2 = 1.25, m4 = 2.5625 → kurtosis 1.64.
    const s = sharpeRatioMoments(pct([1, 2, 3, 4]));
    expect(s.skewness).toBeCloseTo(0, 14);
    expect(s.kurtosis).toBeCloseTo(1.64, 14);
    expect(s.sharpe).toBeCloseTo(2.5 / Math.sqrt(5 / 3), 14);
  });

  it('drops NaN observations', () => {
    expect(sharpeRatioMoments(mixedReturns)).toEqual(sharpeRatioMoments(mixedReturns.slice(1)));
    expect(sharpeRatioMoments(mixedReturns).observations).toBe(8);
  });

  it('subtracts the per-period risk-free rate from the mean only', () => {
    const r = pct([1, 2, 3, 4]);
    const m = sharpeRatioMoments(r, { riskFree: 0.01 });
    expect(m.sharpe).toBeCloseTo(1.5 / Math.sqrt(5 / 3), 14);
    expect(m.kurtosis).toBeCloseTo(1.64, 13);
    expect(() => sharpeRatioMoments(r, { riskFree: Number.NaN })).toThrow(InvariantError);
  });

  it('gives an infinite Sharpe ratio and NaN moments for zero volatility (empyrical: flat_line_1 → inf)', () => {
    const m = sharpeRatioMoments(flatLine1);
    expect(m.sharpe).toBe(Number.POSITIVE_INFINITY);
    expect(m.skewness).toBeNaN();
    expect(m.kurtosis).toBeNaN();
    expect(sharpeRatioMoments([0, 0, 0]).sharpe).toBeNaN();
    expect(sharpeRatioMoments([-0.01, -0.01]).sharpe).toBe(Number.NEGATIVE_INFINITY);
  });

  it('is NaN for no or a single observation, and for infinite returns', () => {
    expect(sharpeRatioMoments([])).toEqual({ sharpe: Number.NaN, skewness: Number.NaN, kurtosis: Number.NaN, observations: 0 });
    expect(sharpeRatioMoments([Number.NaN]).observations).toBe(0);
    const one = sharpeRatioMoments([0.01]);
    expect(one.sharpe).toBeNaN();
    expect(one.observations).toBe(1);
    expect(sharpeRatioMoments([0.01, Number.POSITIVE_INFINITY]).sharpe).toBeNaN();
  });
});
