import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { annualVolatility } from './annualVolatility.js';

const mixedReturns = [Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100);
const periodicReturns = [0, 1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100);

describe('annualVolatility', () => {
  // empyrical/tests/test_stats.py::TestStats::test_annual_volatility.
  it.each([
    ['flat_line_1_tz, daily', new Array<number>(1000).fill(0.01), 252, 0],
    ['mixed_returns, daily', mixedReturns, 252, 0.9136465399704637],
    ['weekly_returns, weekly', periodicReturns, 52, 0.38851569394870583],
    ['monthly_returns, monthly', periodicReturns, 12, 0.18663690238892558],
  ])('matches empyrical for %s', (_name, returns, periodsPerYear, expected) => {
    expect(annualVolatility(returns, { periodsPerYear })).toBeCloseTo(expected, 13);
  });

  it('uses the sample standard deviation (ddof 1) times √periodsPerYear', () => {
    // [1 %, −1 %]: mean 0, Σd² = 2e-4, s = √(2e-4 / 1); × √4 = 0.028284…
    expect(annualVolatility([0.01, -0.01], { periodsPerYear: 4 })).toBeCloseTo(Math.sqrt(2e-4) * 2, 15);
  });

  it('is exactly 0 for constant or all-zero returns', () => {
    expect(annualVolatility([0.003, 0.003, 0.003], { periodsPerYear: 252 })).toBe(0);
    expect(annualVolatility([0, 0, 0, 0], { periodsPerYear: 252 })).toBe(0);
  });

  it('drops NaN and is NaN with fewer than two usable returns', () => {
    expect(annualVolatility([Number.NaN, 0.01, -0.01], { periodsPerYear: 4 })).toBeCloseTo(Math.sqrt(2e-4) * 2, 15);
    expect(annualVolatility([0.01], { periodsPerYear: 252 })).toBeNaN();
    expect(annualVolatility([Number.NaN, 0.01], { periodsPerYear: 252 })).toBeNaN();
    expect(annualVolatility([], { periodsPerYear: 252 })).toBeNaN();
  });

  it('annualises negative-only returns like any others', () => {
    const negative = [-0.01, -0.03];
    expect(annualVolatility(negative, { periodsPerYear: 1 })).toBeCloseTo(Math.sqrt(2e-4), 15);
  });

  it('throws InvariantError without a valid periodsPerYear', () => {
    expect(() => annualVolatility([0.01, 0.02], { periodsPerYear: -1 })).toThrow(InvariantError);
  });
});
