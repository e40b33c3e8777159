import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxDrawdown } from './maxDrawdown.js';

// empyrical's sample series (empyrical/tests/test_stats.py).
const simpleBenchmark = [0, 1, 0, 1, 0, 1, 0, 1, 0].map((x) => x / 100);
const positiveReturns = [1, 2, 1, 1, 1, 1, 1, 1, 1].map((x) => x / 100);
const negativeReturns = [0, -6, -7, -1, -9, -2, -6, -8, -5].map((x) => x / 100);
const allNegativeReturns = [-2, -6, -7, -1, -9, -2, -6, -8, -5].map((x) => x / 100);
const mixedReturns = [Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100);

describe('maxDrawdown', () => {
  // empyrical/tests/test_stats.py::TestStats::test_max_drawdown.
  it.each([
    ['one_return', [0.01], 0],
    ['simple_benchmark', simpleBenchmark, 0],
    ['mixed_returns', mixedReturns, -0.1],
    ['positive_returns', positiveReturns, 0],
    ['negative_returns', negativeReturns, -0.36590730349873601],
    ['all_negative_returns', allNegativeReturns, -0.378589157],
    ['udu_returns', [0.1, -0.1, 0.1], -0.1],
  ])('matches empyrical for %s', (_name, returns, expected) => {
    expect(maxDrawdown(returns)).toBeCloseTo(expected, 9);
  });

  it('takes the starting capital as the first peak, so a first-period loss counts', () => {
    // all_negative_returns starts with −2 %: its max drawdown is the full compounded loss.
    expect(maxDrawdown([-0.1, 0.2])).toBeCloseTo(-0.1, 15);
  });

  it('matches pyfolio test_max_drawdown (prices 1, 1.2, …: −44 %)', () => {
    // pyfolio/tests/test_timeseries.py::TestDrawdown::test_max_drawdown feeds px_list_1 − 1 as
    // returns: [0, 0.2, 0, −0.2, −0.3, 0.1, 0.8, 0.5]; wealth falls from 1.2 to 0.672.
    expect(maxDrawdown([0, 0.2, 0, -0.2, -0.3, 0.1, 0.8, 0.5])).toBeCloseTo(-0.44, 14);
  });

  it('is NaN for empty input, 0 for all-zero returns and -1 after a total loss', () => {
    expect(maxDrawdown([])).toBeNaN();
    expect(maxDrawdown([0, 0, 0])).toBe(0);
    expect(maxDrawdown([0.3, -1, 0.5])).toBe(-1);
  });

  it('treats NaN as a flat period', () => {
    expect(maxDrawdown([0.1, Number.NaN, -0.1])).toBeCloseTo(-0.1, 15);
  });

  it('goes below -1 only when a return below -1 makes wealth negative', () => {
    expect(maxDrawdown([-2])).toBe(-2);
  });

  it('lies in [-1, 0] for returns >= -1', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ min: -1, max: 2, noNaN: true }), fc.constant(Number.NaN)), { minLength: 1, maxLength: 200 }), (returns) => {
        const dd = maxDrawdown(returns);
        expect(dd).toBeGreaterThanOrEqual(-1);
        expect(dd).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('does not rise when every return is lowered (empyrical test_max_drawdown_translation)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: 1, maxLength: 100 }), fc.double({ min: 0, max: 0.4, noNaN: true }), (returns, c) => {
        expect(maxDrawdown(returns.map((r) => r - c))).toBeLessThanOrEqual(maxDrawdown(returns) + 1e-15);
      }),
    );
  });
});
