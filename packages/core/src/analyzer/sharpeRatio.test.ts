import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { sharpeRatio } from './sharpeRatio.js';

// empyrical's sample series (empyrical/tests/test_stats.py).
const mixedReturns = [Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100);
const positiveReturns = [1, 2, 1, 1, 1, 1, 1, 1, 1].map((x) => x / 100);
const negativeReturns = [0, -6, -7, -1, -9, -2, -6, -8, -5].map((x) => x / 100);
const daily = { periodsPerYear: 252 };

describe('sharpeRatio', () => {
  // empyrical/tests/test_stats.py::TestStats::test_sharpe_ratio (risk_free 0.0).
  it.each([
    ['mixed_returns', mixedReturns, 1.7238613961706866],
    ['positive_returns', positiveReturns, 52.915026221291804],
    ['negative_returns', negativeReturns, -24.406808633910085],
  ])('matches empyrical for %s', (_name, returns, expected) => {
    expect(sharpeRatio(returns, daily)).toBeCloseTo(expected, 12);
  });

  it('is NaN for empty input and a single return (empyrical: empty_returns, one_return)', () => {
    expect(sharpeRatio([], daily)).toBeNaN();
    expect(sharpeRatio([0.01], daily)).toBeNaN();
    expect(sharpeRatio([Number.NaN, 0.01], daily)).toBeNaN();
  });

  it('subtracts a per-period risk-free rate', () => {
    // positive_returns − 1 %: excess [0, 1 %, 0 × 7]: mean 1/9 %, sample std 1/3 %,
    // so Sharpe = (1/9)/(1/3)·√252 = √252/3.
    expect(sharpeRatio(positiveReturns, { periodsPerYear: 252, riskFree: 0.01 })).toBeCloseTo(Math.sqrt(252) / 3, 13);
  });

  it('is +Infinity for constant positive returns (empyrical-reloaded test_sharpe_ratio: flat_line_1 → inf)', () => {
    expect(sharpeRatio(new Array<number>(9).fill(0.01), daily)).toBe(Number.POSITIVE_INFINITY);
    expect(sharpeRatio(new Array<number>(1000).fill(0.01), daily)).toBe(Number.POSITIVE_INFINITY);
  });

  it('is -Infinity for constant negative returns and NaN for all-zero returns (0/0)', () => {
    expect(sharpeRatio([-0.02, -0.02, -0.02], daily)).toBe(Number.NEGATIVE_INFINITY);
    expect(sharpeRatio([0, 0, 0], daily)).toBeNaN();
    expect(sharpeRatio([0.01, 0.01], { periodsPerYear: 252, riskFree: 0.01 })).toBeNaN();
  });

  it('drops NaN returns', () => {
    expect(sharpeRatio(mixedReturns, daily)).toBe(sharpeRatio(mixedReturns.slice(1), daily));
  });

  it('is unchanged when returns and risk-free rate move together (empyrical test_sharpe_translation_same)', () => {
    const returns = [0.004, -0.007, 0.002, 0.009, -0.001, 0.003];
    const base = sharpeRatio(returns, { periodsPerYear: 252, riskFree: 0.001 });
    const shifted = sharpeRatio(
      returns.map((r) => r + 0.005),
      { periodsPerYear: 252, riskFree: 0.006 },
    );
    expect(shifted).toBeCloseTo(base, 12);
  });

  it('throws InvariantError without a valid periodsPerYear or with a non-finite riskFree', () => {
    expect(() => sharpeRatio([0.01, 0.02], {} as { periodsPerYear: number })).toThrow(InvariantError);
    expect(() => sharpeRatio([0.01, 0.02], { periodsPerYear: 252, riskFree: Number.NaN })).toThrow(InvariantError);
  });

  it('is scale-invariant: k·returns (k > 0) gives the same Sharpe within 1e-12 relative', () => {
    // Relative to max(1, |Sharpe|): rounding k·r_i moves the mean by about 2^-53·mean(|r|), an
    // absolute floor that a Sharpe near 0 cannot hide. Nearly constant series (std below 1e-6 of
    // the typical |r|) are excluded: there the rounding of k·r_i is a visible share of the spread.
    // Magnitudes below 1e-9 become 0 so that squares cannot underflow.
    const returnArb = fc.double({ min: -0.5, max: 0.5, noNaN: true }).map((r) => (Math.abs(r) < 1e-9 ? 0 : r));
    fc.assert(
      fc.property(
        fc.array(returnArb, { minLength: 2, maxLength: 300 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (returns, k) => {
          const scale = returns.reduce((a, r) => Math.max(a, Math.abs(r)), 0);
          const mean = returns.reduce((a, r) => a + r, 0) / returns.length;
          const spread = Math.sqrt(returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (returns.length - 1));
          fc.pre(spread > 1e-6 * scale);
          const base = sharpeRatio(returns, daily);
          const scaled = sharpeRatio(
            returns.map((r) => k * r),
            daily,
          );
          expect(Math.abs(scaled - base)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(base)));
        },
      ),
    );
  });
});
