import { describe, expect, it } from 'vitest';
import { skewness } from './skewness.js';

describe('skewness', () => {
  // Expected values are scipy.stats.skew(a) (bias=True) for the quoted samples.
  it.each([
    ['[1, 2, 3, 10]', [1, 2, 3, 10], 1.0182337649086284],
    ['mixed_returns without its NaN', [1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100), -0.3650572690177865],
    ['negative_returns', [0, -6, -7, -1, -9, -2, -6, -8, -5].map((x) => x / 100), 0.3629881612495645],
  ])('matches scipy.stats.skew for %s', (_name, returns, expected) => {
    expect(skewness(returns)).toBeCloseTo(expected, 14);
  });

  it('is the biased moment ratio m3 / m2^1.5 (hand check)', () => {
    // [0, 0, 3]: mean 1, deviations −1, −1, 2: m2 = 2, m3 = (−1 − 1 + 8)/3 = 2 → 2 / 2^1.5 = 1/√2.
    expect(skewness([0, 0, 3])).toBeCloseTo(Math.SQRT1_2, 15);
  });

  it('is 0 for a symmetric sample', () => {
    expect(skewness([-0.02, -0.01, 0, 0.01, 0.02])).toBeCloseTo(0, 15);
  });

  it('is NaN for constant or all-zero data, a single value and empty input (scipy)', () => {
    expect(skewness([0.01, 0.01, 0.01])).toBeNaN();
    expect(skewness([0, 0, 0])).toBeNaN();
    expect(skewness([0.01])).toBeNaN();
    expect(skewness([])).toBeNaN();
  });

  it('propagates NaN (scipy nan_policy="propagate")', () => {
    expect(skewness([Number.NaN, 0.01, 0.02, -0.05])).toBeNaN();
  });
});
