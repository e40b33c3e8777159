import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { annualReturn } from './annualReturn.js';

// empyrical's sample series (empyrical/tests/test_stats.py).
const mixedReturns = [Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100);
const periodicReturns = [0, 1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100); // weekly_returns / monthly_returns
const negativeReturns = [0, -6, -7, -1, -9, -2, -6, -8, -5].map((x) => x / 100);

describe('annualReturn', () => {
  // empyrical/tests/test_stats.py::TestStats::test_annual_ret and ::test_cagr.
  it.each([
    ['mixed_returns, daily', mixedReturns, 252, 1.9135925373194231],
    ['weekly_returns, weekly', periodicReturns, 52, 0.24690830513998208],
    ['monthly_returns, monthly', periodicReturns, 12, 0.052242061386048144],
    ['one_return, daily', [0.01], 252, 11.274002099240244],
    ['flat_line_1_tz (1000 × 1 %), daily', new Array<number>(1000).fill(0.01), 252, 11.274002099240256],
    ['flat_line_yearly, yearly', [0.03, 0.03, 0.03], 1, 0.03],
  ])('matches empyrical for %s', (_name, returns, periodsPerYear, expected) => {
    expect(annualReturn(returns, { periodsPerYear })).toBeCloseTo(expected, 12);
  });

  it('counts NaN periods in the number of years', () => {
    // mixed_returns: 9 periods (one NaN) at 252/year. 50-digit value of 1.03893109170048^(252/9) − 1:
    // 1.91359253731942881… (empyrical's running product gives …231).
    expect(annualReturn(mixedReturns, { periodsPerYear: 252 })).toBeCloseTo(1.9135925373194288, 14);
  });

  it('annualises negative-only returns', () => {
    // (1 − 0.365907303498736)^(252/9) − 1, the compounded negative_returns.
    const expected = Math.pow(1 - 0.365907303498736, 252 / 9) - 1;
    expect(annualReturn(negativeReturns, { periodsPerYear: 252 })).toBeCloseTo(expected, 12);
  });

  it('is 0 for all-zero returns, NaN for empty input and -1 after a total loss', () => {
    expect(annualReturn([0, 0, 0], { periodsPerYear: 252 })).toBe(0);
    expect(annualReturn([], { periodsPerYear: 252 })).toBeNaN();
    expect(annualReturn([0.1, -1], { periodsPerYear: 12 })).toBe(-1);
  });

  it('follows empyrical for wealth below zero: NaN unless the exponent is whole', () => {
    expect(annualReturn([-1.5], { periodsPerYear: 1 })).toBe(-1.5);
    expect(annualReturn([-1.5], { periodsPerYear: 2 })).toBe(-0.75); // (−0.5)^2 − 1
    expect(annualReturn([-1.5, 0], { periodsPerYear: 1 })).toBeNaN(); // (−0.5)^0.5
  });

  it('throws InvariantError without a valid periodsPerYear', () => {
    expect(() => annualReturn([0.01], {} as { periodsPerYear: number })).toThrow(InvariantError);
    expect(() => annualReturn([0.01], { periodsPerYear: 0 })).toThrow(InvariantError);
  });

  it('turns a constant per-period return r into (1 + r)^periodsPerYear − 1 at any length', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.5, max: 0.5, noNaN: true }),
        fc.integer({ min: 1, max: 2000 }),
        fc.constantFrom(1, 4, 12, 52, 252, 365),
        (r, n, periodsPerYear) => {
          const expected = Math.expm1(periodsPerYear * Math.log1p(r)); // (1 + r)^p − 1 without cancellation
          const actual = annualReturn(new Float64Array(n).fill(r), { periodsPerYear });
          expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
        },
      ),
    );
  });

  it('returns exactly the constant when periodsPerYear is 1', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.5, max: 0.5, noNaN: true }), fc.integer({ min: 1, max: 500 }), (r, n) => {
        const actual = annualReturn(new Float64Array(n).fill(r), { periodsPerYear: 1 });
        expect(Math.abs(actual - r)).toBeLessThanOrEqual(1e-12 * Math.abs(r));
      }),
    );
  });
});
