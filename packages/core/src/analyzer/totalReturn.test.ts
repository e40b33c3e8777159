import { describe, expect, it } from 'vitest';
import { totalReturn } from './totalReturn.js';

const mixedReturns = [Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100);
const negativeReturns = [0, -6, -7, -1, -9, -2, -6, -8, -5].map((x) => x / 100);

describe('totalReturn', () => {
  // empyrical/tests/test_stats.py::TestStats::test_cum_returns_final (4 decimals there).
  it.each([
    ['one_return', [0.01], 0.01],
    ['mixed_returns', mixedReturns, 0.03893],
    ['negative_returns', negativeReturns, -0.3659],
  ])('matches empyrical test_cum_returns_final for %s', (_name, returns, expected) => {
    expect(totalReturn(returns)).toBeCloseTo(expected, 4);
  });

  it('agrees with the exact product to the last digits', () => {
    // Π(1 + r) − 1 of mixed_returns without its NaN, evaluated with 50-digit arithmetic:
    // 0.0389310917004799980903…
    expect(totalReturn(mixedReturns)).toBeCloseTo(0.038931091700479998, 16);
  });

  it('is NaN for empty input, as empyrical', () => {
    expect(totalReturn([])).toBeNaN();
  });

  it('is 0 for all-zero or all-NaN returns (NaN is a flat period)', () => {
    expect(totalReturn([0, 0, 0])).toBe(0);
    expect(totalReturn([Number.NaN, Number.NaN])).toBe(0);
  });

  it('is -1 after a total loss', () => {
    expect(totalReturn([0.5, -1, 0.5])).toBe(-1);
  });
});
