import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { alphaBeta } from './alphaBeta.js';

// Input series of empyrical's tests (quantopian/empyrical, empyrical/tests/test_stats.py, class
// TestStats), in fractions.
const pct = (xs: readonly number[]) => xs.map((x) => x / 100);
const mixedReturns = pct([Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10]);
const negativeReturns = pct([0, -6, -7, -1, -9, -2, -6, -8, -5]);
const positiveReturns = pct([1, 2, 1, 1, 1, 1, 1, 1, 1]);
const flatLine1 = pct([1, 1, 1, 1, 1, 1, 1, 1, 1]);
const oneReturn = pct([1]);
const daily = { periodsPerYear: 252 };

/** empyrical asserts with `assert_almost_equal(..., 8)`, i.e. |actual − expected| < 1.5e-8. */
function expectAlmost(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThan(1.5e-8);
}

const returnArb = fc.double({ min: -0.2, max: 0.2, noNaN: true, noDefaultInfinity: true });
const seriesArb = fc.array(returnArb, { minLength: 3, maxLength: 60 });

describe('alphaBeta', () => {
  it("reproduces empyrical's test_alpha_beta on mixed vs negative returns", () => {
    // test_alpha_beta / test_down_alpha_beta: (mixed_returns[1:], negative_returns[1:]) →
    // (-0.9997853834885004, -0.71296296296296313), compounded alpha (empyrical ≥ 0.5).
    const { alpha, beta } = alphaBeta(mixedReturns.slice(1), negativeReturns.slice(1), daily);
    expectAlmost(alpha, -0.9997853834885004);
    expectAlmost(beta, -0.71296296296296313);
  });

  it('drops the pair of a NaN in either series (the pandas-aligned form of test_alpha_beta)', () => {
    // test_alpha_beta passes the full mixed_returns against negative_returns[1:]: pandas aligns
    // them, leaving a NaN benchmark on the first date, which pairs with mixed's own NaN.
    const benchmark = [Number.NaN, ...negativeReturns.slice(1)];
    const { alpha, beta } = alphaBeta(mixedReturns, benchmark, daily);
    expectAlmost(alpha, -0.9997853834885004);
    expectAlmost(beta, -0.71296296296296313);
    // A NaN only in the benchmark drops that period as well.
    const returns = [0.05, ...mixedReturns.slice(1)];
    expect(alphaBeta(returns, benchmark, daily)).toEqual(alphaBeta(mixedReturns, benchmark, daily));
  });

  it("reproduces empyrical's test_up_alpha_beta on mixed vs positive returns", () => {
    // test_up_alpha_beta: (mixed_returns[1:], positive_returns[1:]) → (0.432961242076658,
    // 0.4285714285); every benchmark return there is positive, so the up filter keeps all.
    const { alpha, beta } = alphaBeta(mixedReturns.slice(1), positiveReturns.slice(1), daily);
    expectAlmost(alpha, 0.432961242076658);
    expectAlmost(beta, 0.4285714285);
  });

  it("reproduces empyrical's test_roll_alpha_beta windows as single windows", () => {
    // test_roll_alpha_beta: (mixed_returns, negative_returns, window 6) →
    // [(-0.97854954, -0.7826087), (-0.9828927, -0.76156584), (-0.93166924, -0.61682243),
    //  (-0.99967288, -0.41311475)].
    const expected = [
      [-0.97854954, -0.7826087],
      [-0.9828927, -0.76156584],
      [-0.93166924, -0.61682243],
      [-0.99967288, -0.41311475],
    ] as const;
    expected.forEach(([a, b], k) => {
      const { alpha, beta } = alphaBeta(mixedReturns.slice(k, k + 6), negativeReturns.slice(k, k + 6), daily);
      expectAlmost(alpha, a);
      expectAlmost(beta, b);
    });
  });

  it('gives alpha 0 and beta ±1 against itself and its negative (test_alpha_beta)', () => {
    expect(alphaBeta(mixedReturns, mixedReturns, daily)).toEqual({ alpha: 0, beta: 1 });
    const negated = mixedReturns.map((x) => -x);
    const { alpha, beta } = alphaBeta(mixedReturns, negated, daily);
    expect(beta).toBe(-1);
    expect(alpha).toBe(0);
  });

  it('is NaN for a flat benchmark (test_alpha: mixed vs flat_line_1)', () => {
    const { alpha, beta } = alphaBeta(mixedReturns, flatLine1, daily);
    expect(alpha).toBeNaN();
    expect(beta).toBeNaN();
  });

  it('is NaN for empty and single-period series (test_alpha_beta: one_return, empty_returns)', () => {
    for (const r of [[], oneReturn]) {
      const { alpha, beta } = alphaBeta(r, r, daily);
      expect(alpha).toBeNaN();
      expect(beta).toBeNaN();
    }
  });

  it('is NaN when a single valid pair remains', () => {
    const { alpha, beta } = alphaBeta([0.01, Number.NaN, 0.02], [0.01, 0.02, Number.NaN], daily);
    expect(alpha).toBeNaN();
    expect(beta).toBeNaN();
  });

  it('gives beta 0 and alpha 0 for all-zero returns', () => {
    expect(alphaBeta([0, 0, 0, 0], [0.01, -0.02, 0.03, 0], daily)).toEqual({ alpha: 0, beta: 0 });
  });

  it('handles negative-only returns: r = 2·b − 1 % gives beta 2 and alpha 0.99^252 − 1', () => {
    const b = [-0.01, -0.03, -0.02, -0.05, -0.015];
    const r = b.map((x) => 2 * x - 0.01);
    const { alpha, beta } = alphaBeta(r, b, daily);
    expect(beta).toBeCloseTo(2, 13);
    expect(Math.abs(alpha / (0.99 ** 252 - 1) - 1)).toBeLessThan(1e-12);
  });

  it('subtracts the risk-free rate from both series before the alpha', () => {
    // alpha per period = mean(r − rf − beta·(b − rf)) = mean(r − beta·b) − rf·(1 − beta).
    const r = [0.02, -0.01, 0.03, 0.0, 0.01];
    const b = [0.01, -0.02, 0.02, 0.005, 0.0];
    const plain = alphaBeta(r, b, daily);
    const withRf = alphaBeta(r, b, { periodsPerYear: 252, riskFree: 0.001 });
    expect(withRf.beta).toBe(plain.beta);
    const perPeriod = (a: number) => Math.expm1(Math.log1p(a) / 252);
    expect(perPeriod(withRf.alpha)).toBeCloseTo(perPeriod(plain.alpha) - 0.001 * (1 - plain.beta), 15);
  });

  it('annualises by compounding over periodsPerYear, not by multiplying', () => {
    const r = [0.02, -0.01, 0.03, 0.0, 0.01];
    const b = [0.01, -0.02, 0.02, 0.005, 0.0];
    const monthly = alphaBeta(r, b, { periodsPerYear: 12 });
    const yearly = alphaBeta(r, b, { periodsPerYear: 1 });
    expect(monthly.alpha).toBeCloseTo((1 + yearly.alpha) ** 12 - 1, 14);
  });

  it('throws InvariantError without periodsPerYear or for different lengths', () => {
    expect(() => alphaBeta([0.01, 0.02], [0.01, 0.02], {} as never)).toThrow(InvariantError);
    expect(() => alphaBeta([0.01, 0.02], [0.01, 0.02], { periodsPerYear: 0 })).toThrow(InvariantError);
    expect(() => alphaBeta([0.01, 0.02], [0.01], daily)).toThrow(InvariantError);
    expect(() => alphaBeta([0.01, 0.02], [0.01, 0.02], { periodsPerYear: 252, riskFree: Number.NaN })).toThrow(InvariantError);
  });

  it('accepts a Float64Array', () => {
    expect(alphaBeta(Float64Array.from(mixedReturns), Float64Array.from(mixedReturns), daily)).toEqual({ alpha: 0, beta: 1 });
  });

  describe('properties', () => {
    it('beta of a series against itself is exactly 1 and its alpha exactly 0', () => {
      fc.assert(
        fc.property(seriesArb, (xs) => {
          fc.pre(Math.max(...xs) - Math.min(...xs) > 1e-6); // variance well above the 1e-30 cut-off
          expect(alphaBeta(xs, xs, daily)).toEqual({ alpha: 0, beta: 1 });
        }),
      );
    });

    it('beta of k·b + c against b is k, and the per-period alpha is c', () => {
      fc.assert(
        fc.property(seriesArb, fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -0.01, max: 0.01, noNaN: true }), (b, k, c) => {
          fc.pre(Math.max(...b) - Math.min(...b) > 1e-3);
          const { alpha, beta } = alphaBeta(
            b.map((x) => k * x + c),
            b,
            daily,
          );
          expect(beta).toBeCloseTo(k, 10);
          expect(Math.expm1(Math.log1p(alpha) / 252)).toBeCloseTo(c, 12);
        }),
      );
    });

    it('translating the returns by c moves the de-annualised alpha by c and keeps beta (test_alpha_beta_translation)', () => {
      // Returns k·b + noise with |k| ≤ 3 and |noise| ≤ 1 %: realistic alphas, far from −100 %/yr.
      const noiseArb = fc.array(fc.double({ min: -0.01, max: 0.01, noNaN: true }), { minLength: 60, maxLength: 60 });
      fc.assert(
        fc.property(seriesArb, noiseArb, fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -0.005, max: 0.005, noNaN: true }), (b, noise, k, c) => {
          fc.pre(Math.max(...b) - Math.min(...b) > 1e-3);
          const r = b.map((x, i) => k * x + noise[i]!);
          const base = alphaBeta(r, b, daily);
          const moved = alphaBeta(
            r.map((x) => x + c),
            b,
            daily,
          );
          expect(moved.beta).toBeCloseTo(base.beta, 10);
          const perPeriod = (a: number) => Math.expm1(Math.log1p(a) / 252);
          expect(perPeriod(moved.alpha) - perPeriod(base.alpha)).toBeCloseTo(c, 12);
        }),
      );
    });
  });
});
