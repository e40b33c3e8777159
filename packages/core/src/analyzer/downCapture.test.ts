import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { downCapture } from './downCapture.js';

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

describe('downCapture', () => {
  it("reproduces empyrical's test_down_capture values", () => {
    // test_down_capture: (all_negative_returns, mixed_returns) → 0.99956025703798634,
    // (positive_returns, mixed_returns) → -11.27400221, (mixed, mixed) → 1.
    expectAlmost(downCapture(allNegativeReturns, mixedReturns, daily), 0.99956025703798634);
    expectAlmost(downCapture(positiveReturns, mixedReturns, daily), -11.27400221);
    expect(downCapture(mixedReturns, mixedReturns, daily)).toBe(1);
  });

  it("reproduces empyrical's test_roll_down_capture windows as single windows", () => {
    // test_roll_down_capture, window 6: (positive_returns, mixed_returns) →
    // [-11.2743862, -11.2743862, -11.2743862, -11.27400221]; (all_negative_returns,
    // mixed_returns) → [0.92058591, 0.92058591, 0.92058591, 0.99956026].
    const positive = [-11.2743862, -11.2743862, -11.2743862, -11.27400221];
    const negative = [0.92058591, 0.92058591, 0.92058591, 0.99956026];
    for (let k = 0; k < 4; k++) {
      expectAlmost(downCapture(positiveReturns.slice(k, k + 6), mixedReturns.slice(k, k + 6), daily), positive[k]!);
      expectAlmost(downCapture(allNegativeReturns.slice(k, k + 6), mixedReturns.slice(k, k + 6), daily), negative[k]!);
    }
  });

  it('is NaN for empty series and without a down period (test_down_capture: one_return)', () => {
    expect(downCapture([], [], daily)).toBeNaN();
    expect(downCapture(oneReturn, oneReturn, daily)).toBeNaN();
    expect(downCapture([0.01, 0.02], [0, Number.NaN], daily)).toBeNaN();
  });

  it('is negative when the strategy gains while the benchmark falls', () => {
    expect(downCapture([0.01, 0.01], [-0.01, -0.01], daily)).toBeLessThan(0);
  });

  it('throws InvariantError for different lengths or without periodsPerYear', () => {
    expect(() => downCapture([0.01], [0.01, 0.02], daily)).toThrow(InvariantError);
    expect(() => downCapture([0.01], [-0.01], { periodsPerYear: Number.NaN })).toThrow(InvariantError);
  });
});
