import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { calmarRatio } from './calmarRatio.js';

const mixedReturns = [Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100);
const periodicReturns = [0, 1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100);

describe('calmarRatio', () => {
  // empyrical/tests/test_stats.py::TestStats::test_calmar.
  it.each([
    ['mixed_returns, daily', mixedReturns, 252, 19.135925373194233],
    ['weekly_returns, weekly', periodicReturns, 52, 2.4690830513998208],
    ['monthly_returns, monthly', periodicReturns, 12, 0.52242061386048144],
  ])('matches empyrical for %s', (_name, returns, periodsPerYear, expected) => {
    expect(calmarRatio(returns, { periodsPerYear })).toBeCloseTo(expected, 12);
  });

  it('matches pyfolio test_calmar on a losing price path', () => {
    // pyfolio/tests/test_timeseries.py::TestStats::test_calmar: returns of prices
    // 1, 1.2, 1, 0.8, 0.7, 0.8, 0.8, 0.8 at 252 periods a year.
    const prices = [1.0, 1.2, 1.0, 0.8, 0.7, 0.8, 0.8, 0.8];
    const returns = prices.slice(1).map((p, i) => p / prices[i]! - 1);
    expect(calmarRatio(returns, { periodsPerYear: 252 })).toBeCloseTo(-2.3992211554712197, 12);
  });

  it('is NaN without a drawdown: empty input, a single gain, all-zero and rising returns (empyrical)', () => {
    expect(calmarRatio([], { periodsPerYear: 252 })).toBeNaN();
    expect(calmarRatio([0.01], { periodsPerYear: 252 })).toBeNaN();
    expect(calmarRatio([0, 0, 0], { periodsPerYear: 252 })).toBeNaN();
    expect(calmarRatio([0.01, 0.02], { periodsPerYear: 252 })).toBeNaN();
  });

  it('divides CAGR by the absolute max drawdown on negative-only returns', () => {
    // [−10 %, −10 %] over 2 years: CAGR −10 %, max drawdown −19 % → −0.1/0.19.
    expect(calmarRatio([-0.1, -0.1], { periodsPerYear: 1 })).toBeCloseTo(-0.1 / 0.19, 14);
  });

  it('is NaN when the quotient is infinite (empyrical)', () => {
    // +100 % after a −1e-300 blip at 10 000 periods a year: CAGR overflows to ∞, the drawdown is 1e-300.
    expect(calmarRatio([-1e-300, 1], { periodsPerYear: 10_000 })).toBeNaN();
  });

  it('throws InvariantError without a valid periodsPerYear, even without a drawdown', () => {
    expect(() => calmarRatio([0.01], {} as { periodsPerYear: number })).toThrow(InvariantError);
  });
});
