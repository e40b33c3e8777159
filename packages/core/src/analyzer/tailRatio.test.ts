import { describe, expect, it } from 'vitest';
import { tailRatio } from './tailRatio.js';

describe('tailRatio', () => {
  it('divides the 95th by the 5th percentile (numpy linear) of the NaN-free returns', () => {
    // empyrical/tests/test_stats.py::TestStats::test_tail_ratio, mixed_returns. empyrical asserts
    // 0.947… only to 1 decimal; numpy gives exactly this value: sorted
    // [−10, −4, 1, 1, 2, 2, 3, 10] %, P95 at index 6.65 = 7.55 %, P5 at 0.35 = −7.9 %.
    const mixedReturns = [Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100);
    expect(tailRatio(mixedReturns)).toBeCloseTo(0.0755 / 0.079, 14);
    expect(tailRatio(mixedReturns)).toBeCloseTo(0.9473684210526313, 1);
  });

  it('is 1 for a single return (empyrical one_return) and NaN for empty input', () => {
    expect(tailRatio([0.01])).toBe(1);
    expect(tailRatio([])).toBeNaN();
    expect(tailRatio([Number.NaN, Number.NaN])).toBeNaN();
  });

  it('is about 1 for a symmetric sample', () => {
    const symmetric = Array.from({ length: 201 }, (_, i) => (i - 100) / 1000);
    expect(tailRatio(symmetric)).toBeCloseTo(1, 14);
  });

  it('divides by zero as numpy does: NaN for all-zero returns, +Infinity for a zero left tail', () => {
    expect(tailRatio([0, 0, 0])).toBeNaN();
    expect(tailRatio([0, 0, 0, 0, 0.01])).toBe(Number.POSITIVE_INFINITY);
  });

  it('is below 1 for negative-only returns spread wider on the loss side', () => {
    // Sorted [−10, −3, −2, −1] %: P95 at index 2.85 = −1.15 %, P5 at index 0.15 = −8.95 %.
    expect(tailRatio([-0.01, -0.02, -0.03, -0.1])).toBeCloseTo(0.0115 / 0.0895, 14);
  });
});
