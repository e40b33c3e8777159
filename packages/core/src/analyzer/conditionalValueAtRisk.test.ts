import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { conditionalValueAtRisk } from './conditionalValueAtRisk.js';
import { valueAtRisk } from './valueAtRisk.js';

const sample = [0.05, -0.02, 0.01, -0.03, 0.04, 0.0, -0.01, 0.02, -0.05, 0.03];

describe('conditionalValueAtRisk', () => {
  // empyrical/tests/test_stats.py::TestStats::test_conditional_value_at_risk: a single value is its
  // own CVaR at cutoffs 0 and 1.
  it('is the value itself for a single return', () => {
    expect(conditionalValueAtRisk([0.013], { cutoff: 0 })).toBe(0.013);
    expect(conditionalValueAtRisk([0.013], { cutoff: 1 })).toBe(0.013);
  });

  // Values of empyrical's np.mean(np.partition(r, k − 1)[:k]) with k = ⌊(n − 1)·cutoff⌋ + 1.
  it.each([
    [0, -0.05],
    [0.05, -0.05],
    [0.25, -0.1 / 3],
    [0.5, -0.022],
    [1, 0.004],
  ])('averages the k lowest returns at cutoff %d', (cutoff, expected) => {
    expect(conditionalValueAtRisk(sample, { cutoff })).toBeCloseTo(expected, 15);
  });

  it('averages the returns at or below the VaR on data without ties at the cutoff (empyrical’s check)', () => {
    // That test asserts CVaR == mean(r[r <= VaR]) on random data; at cutoff 0.5 here VaR = 0.5 %.
    const v = valueAtRisk(sample, { cutoff: 0.5 });
    const tail = sample.filter((r) => r <= v);
    expect(conditionalValueAtRisk(sample, { cutoff: 0.5 })).toBeCloseTo(tail.reduce((a, b) => a + b, 0) / tail.length, 15);
  });

  it('defaults to the 5 % cutoff and is NaN for empty input', () => {
    expect(conditionalValueAtRisk(sample)).toBe(conditionalValueAtRisk(sample, { cutoff: 0.05 }));
    expect(conditionalValueAtRisk([])).toBeNaN();
  });

  it('sorts NaN last like np.partition while counting it in n', () => {
    // n = 4 → k = ⌊3·0.05⌋ + 1 = 1: the lowest return; at cutoff 1, k = 4 reaches the NaN.
    expect(conditionalValueAtRisk([Number.NaN, -0.02, 0.01, 0.03])).toBe(-0.02);
    expect(conditionalValueAtRisk([Number.NaN, -0.02, 0.01, 0.03], { cutoff: 1 })).toBeNaN();
  });

  it('is 0 for all-zero returns and the worst loss for short negative-only series', () => {
    expect(conditionalValueAtRisk([0, 0, 0])).toBe(0);
    expect(conditionalValueAtRisk([-0.01, -0.04, -0.02])).toBe(-0.04);
  });

  it('throws InvariantError for a cutoff outside [0, 1]', () => {
    expect(() => conditionalValueAtRisk(sample, { cutoff: -0.1 })).toThrow(InvariantError);
  });
});
