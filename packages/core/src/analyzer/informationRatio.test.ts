import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { excessSharpe } from './excessSharpe.js';
import { informationRatio } from './informationRatio.js';

// Input series of empyrical's tests (quantopian/empyrical, empyrical/tests/test_stats.py).
const pct = (xs: readonly number[]) => xs.map((x) => x / 100);
const mixedReturns = pct([Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10]);
const flatLine1 = pct([1, 1, 1, 1, 1, 1, 1, 1, 1]);

describe('informationRatio', () => {
  it("is empyrical's excess_sharpe annualised by √periodsPerYear", () => {
    // test_excess_sharpe: (mixed_returns, 0.0) → 0.10859306069076737, (mixed_returns,
    // flat_line_1) → -0.06515583641446039; annualised daily: × √252.
    expect(Math.abs(informationRatio(mixedReturns, 0, { periodsPerYear: 252 }) - 0.10859306069076737 * Math.sqrt(252))).toBeLessThan(1e-12);
    expect(Math.abs(informationRatio(mixedReturns, flatLine1, { periodsPerYear: 252 }) + 0.06515583641446039 * Math.sqrt(252))).toBeLessThan(1e-12);
  });

  it('with a zero benchmark equals the annualised Sharpe ratio (empyrical test_sharpe_ratio)', () => {
    // test_sharpe_ratio: (mixed_returns, 0.0) → 1.7238613961706866.
    expect(Math.abs(informationRatio(mixedReturns, 0, { periodsPerYear: 252 }) - 1.7238613961706866)).toBeLessThan(1.5e-8);
  });

  it('scales with √periodsPerYear and equals excessSharpe for one period a year', () => {
    const r = [0.01, 0.03, -0.01, 0.02];
    const b = [0.005, 0.02, -0.01, 0.01];
    expect(informationRatio(r, b, { periodsPerYear: 1 })).toBe(excessSharpe(r, b));
    expect(informationRatio(r, b, { periodsPerYear: 12 })).toBe(excessSharpe(r, b) * Math.sqrt(12));
  });

  it('keeps the NaN and ±Infinity edge cases of excessSharpe', () => {
    expect(informationRatio([0.01], 0, { periodsPerYear: 252 })).toBeNaN();
    expect(informationRatio(mixedReturns, mixedReturns, { periodsPerYear: 252 })).toBeNaN();
    expect(informationRatio([0.02, 0.02, 0.02], 0.01, { periodsPerYear: 252 })).toBe(Number.POSITIVE_INFINITY);
  });

  it('throws InvariantError without a valid periodsPerYear', () => {
    expect(() => informationRatio([0.01, 0.02], 0, {} as never)).toThrow(InvariantError);
    expect(() => informationRatio([0.01, 0.02], 0, { periodsPerYear: -12 })).toThrow(InvariantError);
    expect(() => informationRatio([0.01, 0.02], 0, { periodsPerYear: Number.POSITIVE_INFINITY })).toThrow(InvariantError);
  });
});
