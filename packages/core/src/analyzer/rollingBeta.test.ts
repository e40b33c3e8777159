import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { alphaBeta } from './alphaBeta.js';
import { rollingBeta } from './rollingBeta.js';

// Input series of empyrical's tests (quantopian/empyrical, empyrical/tests/test_stats.py).
const pct = (xs: readonly number[]) => xs.map((x) => x / 100);
const mixedReturns = pct([Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10]);
const negativeReturns = pct([0, -6, -7, -1, -9, -2, -6, -8, -5]);
const oneReturn = pct([1]);

describe('rollingBeta', () => {
  it("reproduces the betas of empyrical's test_roll_alpha_beta, aligned with the input", () => {
    // test_roll_alpha_beta: (mixed_returns, negative_returns, window 6) → betas
    // [-0.7826087, -0.76156584, -0.61682243, -0.41311475] for the windows ending at 5…8 (the
    // first window holds mixed's NaN, dropped pairwise).
    const out = rollingBeta(mixedReturns, negativeReturns, { window: 6 });
    expect(out).toHaveLength(9);
    expect([...out.subarray(0, 5)].every(Number.isNaN)).toBe(true);
    [-0.7826087, -0.76156584, -0.61682243, -0.41311475].forEach((b, k) => {
      expect(Math.abs(out[5 + k]! - b)).toBeLessThan(1.5e-8);
    });
  });

  it('is 1 against itself and −1 against its negative (test_roll_alpha_beta)', () => {
    expect([...rollingBeta(mixedReturns, mixedReturns, { window: 6 }).subarray(5)]).toEqual([1, 1, 1, 1]);
    const negated = mixedReturns.map((x) => -x);
    expect([...rollingBeta(mixedReturns, negated, { window: 6 }).subarray(5)]).toEqual([-1, -1, -1, -1]);
  });

  it('matches a hand calculation', () => {
    // Window [4, 6, 5] % on [2, 3, 2] %: cov = (−1·−⅓ + 1·⅔ + 0)/3 · 1e-4, var = (⅑ + 4/9 + ⅑)/3 · 1e-4 → 1.5.
    const out = rollingBeta([0.02, 0.04, 0.06, 0.05], [0.01, 0.02, 0.03, 0.02], { window: 3 });
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(2, 13);
    expect(out[3]).toBeCloseTo(1.5, 13);
  });

  it('is NaN for windows of one period, a flat benchmark, or a single valid pair', () => {
    expect([...rollingBeta(oneReturn, oneReturn, { window: 1 })]).toEqual([Number.NaN]);
    expect([...rollingBeta([0.01, 0.02, 0.03], [0.01, 0.01, 0.01], { window: 2 })].every(Number.isNaN)).toBe(true);
    expect(rollingBeta([0.01, Number.NaN, 0.03], [0.01, 0.02, Number.NaN], { window: 3 })[2]).toBeNaN();
  });

  it('is all NaN when the series is shorter than the window (deviation: empyrical uses the whole series)', () => {
    expect([...rollingBeta([0.01, 0.02], [0.02, 0.01], { window: 5 })]).toEqual([Number.NaN, Number.NaN]);
    expect(rollingBeta([], [], { window: 5 })).toHaveLength(0);
  });

  it('throws InvariantError for an invalid window or different lengths', () => {
    for (const window of [0, -1, 2.5, Number.NaN]) expect(() => rollingBeta([0.01], [0.01], { window })).toThrow(InvariantError);
    expect(() => rollingBeta([0.01, 0.02], [0.01], { window: 1 })).toThrow(InvariantError);
  });

  it('equals the beta of alphaBeta on every window', () => {
    const ret = fc.oneof(fc.double({ min: -0.1, max: 0.1, noNaN: true }), fc.constant(Number.NaN));
    fc.assert(
      fc.property(fc.array(fc.tuple(ret, ret), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 10 }), (pairs, window) => {
        const r = pairs.map((p) => p[0]);
        const b = pairs.map((p) => p[1]);
        const out = rollingBeta(r, b, { window });
        for (let t = window - 1; t < r.length; t++) {
          const expected = alphaBeta(r.slice(t - window + 1, t + 1), b.slice(t - window + 1, t + 1), { periodsPerYear: 252 }).beta;
          if (Number.isNaN(expected)) expect(out[t]).toBeNaN();
          else expect(out[t]).toBeCloseTo(expected, 12);
        }
      }),
    );
  });
});
