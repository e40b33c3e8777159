import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { upCapture } from './upCapture.js';

// Input series of empyrical's tests (quantopian/empyrical, empyrical/tests/test_stats.py).
const pct = (xs: readonly number[]) => xs.map((x) => x / 100);
const mixedReturns = pct([Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10]);
const positiveReturns = pct([1, 2, 1, 1, 1, 1, 1, 1, 1]);
const allNegativeReturns = pct([-2, -6, -7, -1, -9, -2, -6, -8, -5]);
const oneReturn = pct([1]);
const daily = { periodsPerYear: 252 };

/** empyrical asserts with `assert_almost_equal(..., 8)`, i.e. |actual − expected| < 1.5e-8. */
function expectAlmost(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThan(1.5e-8);
}

describe('upCapture', () => {
  it("reproduces empyrical's test_up_capture values", () => {
    // test_up_capture: (positive_returns, mixed_returns) → 0.0076167762,
    // (all_negative_returns, mixed_returns) → -0.0004336328, (mixed, mixed) → 1,
    // (one_return, one_return) → 1.
    expectAlmost(upCapture(positiveReturns, mixedReturns, daily), 0.0076167762);
    expectAlmost(upCapture(allNegativeReturns, mixedReturns, daily), -0.0004336328);
    expect(upCapture(mixedReturns, mixedReturns, daily)).toBe(1);
    expect(upCapture(oneReturn, oneReturn, daily)).toBe(1);
  });

  it("reproduces empyrical's test_roll_up_capture windows as single windows", () => {
    // test_roll_up_capture, window 6: (positive_returns, mixed_returns) →
    // [0.00128406, 0.00291564, 0.00171499, 0.0777048]; (all_negative_returns, mixed_returns) →
    // [-5.88144154e-05, -1.52119182e-04, -1.52119198e-04, -6.89238735e-03].
    const positive = [0.00128406, 0.00291564, 0.00171499, 0.0777048];
    const negative = [-5.88144154e-5, -1.52119182e-4, -1.52119198e-4, -6.89238735e-3];
    for (let k = 0; k < 4; k++) {
      expectAlmost(upCapture(positiveReturns.slice(k, k + 6), mixedReturns.slice(k, k + 6), daily), positive[k]!);
      expectAlmost(upCapture(allNegativeReturns.slice(k, k + 6), mixedReturns.slice(k, k + 6), daily), negative[k]!);
    }
  });

  it('is NaN for empty series and when the benchmark never rises (test_up_capture)', () => {
    expect(upCapture([], [], daily)).toBeNaN();
    expect(upCapture([0.01, 0.02], [-0.01, 0], daily)).toBeNaN();
    expect(upCapture([0.01, 0.02], [Number.NaN, Number.NaN], daily)).toBeNaN();
  });

  it('counts a NaN strategy return in an up period as a period of 0 %, as empyrical', () => {
    // Up periods 1 and 3 (k = 2): strategy growth (1 + 0)·1.02 vs benchmark growth 1.01·1.01,
    // each raised to 1/(k/252).
    const years = 2 / 252;
    expect(upCapture([Number.NaN, 0.5, 0.02], [0.01, -0.01, 0.01], daily)).toBeCloseTo(
      (1.02 ** (1 / years) - 1) / ((1.01 * 1.01) ** (1 / years) - 1),
      12,
    );
  });

  it('annualises with periodsPerYear: equal returns give 1 whatever the frequency', () => {
    const r = [0.01, -0.02, 0.03];
    expect(upCapture(r, r, { periodsPerYear: 12 })).toBe(1);
  });

  it('throws InvariantError for different lengths or without periodsPerYear', () => {
    expect(() => upCapture([0.01], [0.01, 0.02], daily)).toThrow(InvariantError);
    expect(() => upCapture([0.01], [0.01], {} as never)).toThrow(InvariantError);
  });
});
