import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { excessSharpe } from './excessSharpe.js';

// Input series of empyrical's tests (quantopian/empyrical, empyrical/tests/test_stats.py).
const pct = (xs: readonly number[]) => xs.map((x) => x / 100);
const mixedReturns = pct([Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10]);
const flatLine1 = pct([1, 1, 1, 1, 1, 1, 1, 1, 1]);
const oneReturn = pct([1]);
/** np.linspace(0, 1, num=1000). */
const posLine = Array.from({ length: 1000 }, (_, i) => i / 999);

/** empyrical asserts with `assert_almost_equal(..., 8)`, i.e. |actual − expected| < 1.5e-8. */
function expectAlmost(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThan(1.5e-8);
}

describe('excessSharpe', () => {
  it("reproduces empyrical's test_excess_sharpe values", () => {
    // test_excess_sharpe: (mixed_returns, 0.0) → 0.10859306069076737,
    // (mixed_returns, flat_line_1) → -0.06515583641446039.
    expectAlmost(excessSharpe(mixedReturns, 0), 0.10859306069076737);
    expectAlmost(excessSharpe(mixedReturns, flatLine1), -0.06515583641446039);
  });

  it('is NaN for empty and single-period series and a series against itself (test_excess_sharpe)', () => {
    expect(excessSharpe([], 0)).toBeNaN();
    expect(excessSharpe(oneReturn, 0)).toBeNaN();
    expect(excessSharpe(posLine, posLine)).toBeNaN();
  });

  it('is not annualised: the same value whatever the sampling frequency', () => {
    // mean(active) / std(active, ddof 1) of [0.5, 1, 0, 1] % = 0.625 / 0.478714 = 1.305582…
    expect(excessSharpe([0.01, 0.03, -0.01, 0.02], [0.005, 0.02, -0.01, 0.01])).toBeCloseTo(0.625 / Math.sqrt(0.6875 / 3), 12);
  });

  it('accepts a constant benchmark, the same as a constant series', () => {
    const r = [0.01, -0.02, 0.03, 0.005];
    expect(excessSharpe(r, 0.001)).toBe(excessSharpe(r, [0.001, 0.001, 0.001, 0.001]));
  });

  it('drops the periods with a NaN in either series', () => {
    const r = [0.01, Number.NaN, 0.03, -0.01, 0.02];
    const b = [0.005, 0.01, 0.02, Number.NaN, 0.01];
    expect(excessSharpe(r, b)).toBe(excessSharpe([0.01, 0.03, 0.02], [0.005, 0.02, 0.01]));
  });

  it('is ±Infinity for a constant non-zero active return (zero tracking error), as empyrical', () => {
    expect(excessSharpe([0.02, 0.02, 0.02], 0.01)).toBe(Number.POSITIVE_INFINITY);
    expect(excessSharpe([0.0, 0.0, 0.0], 0.01)).toBe(Number.NEGATIVE_INFINITY);
    expect(excessSharpe([0, 0, 0], 0)).toBeNaN();
  });

  it('is NaN when fewer than 2 valid pairs remain (deviation: empyrical gives ±Infinity)', () => {
    expect(excessSharpe([0.01, Number.NaN, Number.NaN], [0, 0, 0])).toBeNaN();
    expect(excessSharpe([Number.NaN, Number.NaN], 0)).toBeNaN();
  });

  it('handles negative-only returns', () => {
    // active = [-2, -6, -4] %: mean −4 %, std 2 % → −2.
    expect(excessSharpe([-0.02, -0.06, -0.04], 0)).toBeCloseTo(-2, 14);
  });

  it('throws InvariantError for a benchmark of another length or a non-finite constant', () => {
    expect(() => excessSharpe([0.01, 0.02], [0.01])).toThrow(InvariantError);
    expect(() => excessSharpe([0.01, 0.02], Number.NaN)).toThrow(InvariantError);
  });

  it('increases when the returns are raised (test_excess_sharpe_trans)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength: 5, maxLength: 50 }),
        fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength: 50, maxLength: 50 }),
        fc.double({ min: 1e-4, max: 0.01, noNaN: true }),
        (r, b0, c) => {
          const b = b0.slice(0, r.length);
          const active = r.map((x, i) => x - b[i]!);
          fc.pre(Math.max(...active) - Math.min(...active) > 1e-6);
          const base = excessSharpe(r, b);
          expect(
            excessSharpe(
              r.map((x) => x + c),
              b,
            ),
          ).toBeGreaterThan(base);
          expect(
            excessSharpe(
              r.map((x) => x - c),
              b,
            ),
          ).toBeLessThan(base);
        },
      ),
    );
  });
});
