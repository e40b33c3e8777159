import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { omegaRatio } from './omegaRatio.js';

// empyrical's sample series (empyrical/tests/test_stats.py).
const mixedReturns = [Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100);
const positiveReturns = [1, 2, 1, 1, 1, 1, 1, 1, 1].map((x) => x / 100);
const negativeReturns = [0, -6, -7, -1, -9, -2, -6, -8, -5].map((x) => x / 100);

describe('omegaRatio', () => {
  // empyrical/tests/test_stats.py::TestStats::test_omega. empyrical's required_return is annual
  // (converted with annualization 252), hence annualRequiredReturn; flat_line_1 as risk_free is
  // the constant 1 %.
  it.each([
    ['mixed_returns, required 10 (annual)', mixedReturns, { annualRequiredReturn: 10, periodsPerYear: 252 }, 0.83354263497557934],
    ['mixed_returns, risk-free flat_line_1', mixedReturns, { riskFree: 0.01 }, 0.8125],
    ['positive_returns, risk-free 0.011', positiveReturns, { riskFree: 0.011 }, 1.125],
    ['positive_returns, risk-free 0.02', positiveReturns, { riskFree: 0.02 }, 0],
    ['negative_returns, risk-free 0.01', negativeReturns, { riskFree: 0.01 }, 0],
  ])('matches empyrical for %s', (_name, returns, options, expected) => {
    expect(omegaRatio(returns, options)).toBeCloseTo(expected, 13);
  });

  it('is NaN when nothing falls below the threshold (empyrical: positive_returns, risk-free 0.01)', () => {
    expect(omegaRatio(positiveReturns, { riskFree: 0.01 })).toBeNaN();
    expect(omegaRatio([0, 0, 0])).toBeNaN();
  });

  it('is NaN for an annual required return <= -1 and for fewer than two returns (empyrical)', () => {
    expect(omegaRatio(mixedReturns, { annualRequiredReturn: -10, periodsPerYear: 252 })).toBeNaN();
    expect(omegaRatio([], {})).toBeNaN();
    expect(omegaRatio([-0.01])).toBeNaN();
  });

  it('uses an annual required return as is when periodsPerYear is 1 (empyrical annualization == 1)', () => {
    expect(omegaRatio([0.05, -0.05, 0.02], { annualRequiredReturn: 0.01, periodsPerYear: 1 })).toBeCloseTo((0.04 + 0.01) / 0.06, 15);
  });

  it('matches pyfolio test_omega: [10 %, −10 %, 10 %] at threshold 0 gives 2', () => {
    // pyfolio/tests/test_timeseries.py::TestStats::test_omega.
    expect(omegaRatio([0.1, -0.1, 0.1])).toBe(2);
  });

  it('takes requiredReturn as a per-period threshold and ignores NaN', () => {
    expect(omegaRatio([0.02, Number.NaN, -0.01, 0.01], { requiredReturn: 0.005 })).toBeCloseTo((0.015 + 0.005) / 0.015, 15);
  });

  it('throws InvariantError for conflicting or incomplete threshold options', () => {
    expect(() => omegaRatio([0.01, 0.02], { requiredReturn: 0.001, annualRequiredReturn: 0.1, periodsPerYear: 252 })).toThrow(InvariantError);
    expect(() => omegaRatio([0.01, 0.02], { annualRequiredReturn: 0.1 })).toThrow(InvariantError);
    expect(() => omegaRatio([0.01, 0.02], { annualRequiredReturn: Number.NaN, periodsPerYear: 252 })).toThrow(InvariantError);
  });
});
