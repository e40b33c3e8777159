import { describe, expect, it } from 'vitest';
import { kurtosis } from './kurtosis.js';

describe('kurtosis', () => {
  // Expected values are scipy.stats.kurtosis(a) (fisher=True, bias=True) for the quoted samples.
  it.each([
    ['[1, 2, 3, 4]', [1, 2, 3, 4], -1.36],
    ['mixed_returns without its NaN', [1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100), 0.11953473165699213],
    ['negative_returns', [0, -6, -7, -1, -9, -2, -6, -8, -5].map((x) => x / 100), -1.2505056756430377],
  ])('matches scipy.stats.kurtosis for %s', (_name, returns, expected) => {
    expect(kurtosis(returns)).toBeCloseTo(expected, 14);
  });

  it('is EXCESS kurtosis: raw m4 / m2² minus 3', () => {
    // negative_returns: scipy.stats.kurtosis(a, fisher=False) = 1.7494943243569623.
    const negative = [0, -6, -7, -1, -9, -2, -6, -8, -5].map((x) => x / 100);
    expect(kurtosis(negative) + 3).toBeCloseTo(1.7494943243569623, 14);
    // Two points ±1: m2 = 1, m4 = 1 → raw 1, excess −2 (the minimum).
    expect(kurtosis([-1, 1])).toBe(-2);
  });

  it('is NaN for constant or all-zero data, a single value and empty input (scipy)', () => {
    expect(kurtosis([0.01, 0.01, 0.01])).toBeNaN();
    expect(kurtosis([0, 0])).toBeNaN();
    expect(kurtosis([0.01])).toBeNaN();
    expect(kurtosis([])).toBeNaN();
  });

  it('propagates NaN (scipy nan_policy="propagate")', () => {
    expect(kurtosis([0.01, Number.NaN, 0.02, -0.05])).toBeNaN();
  });
});
