import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { expectedMaximumSharpeRatio } from './expectedMaximumSharpeRatio.js';
import { normalInverseCdf } from './normal.js';

describe('expectedMaximumSharpeRatio', () => {
  it("reproduces the DSR paper's worked example: SR0 ≈ 0.1132 per period", () => {
    // Bailey & López de Prado (2014), "The Deflated Sharpe Ratio", numerical example: N = 100
    // trials, variance of the annualised trial Sharpe ratios 1/2, 250 periods a year → the
    // non-annualised expected maximum ≈ 0.1132 (see deflatedSharpeRatio.test.ts on the source).
    expect(Math.abs(expectedMaximumSharpeRatio(100, 0.5 / 250) - 0.1132)).toBeLessThan(5e-5);
  });

  it('is the closed form √V·((1 − γ)Φ⁻¹(1 − 1/N) + γΦ⁻¹(1 − 1/(N·e)))', () => {
    const gamma = 0.5772156649015329;
    const expected = Math.sqrt(2) * ((1 - gamma) * normalInverseCdf(1 - 1 / 10) + gamma * normalInverseCdf(1 - 1 / (10 * Math.E)));
    expect(expectedMaximumSharpeRatio(10, 2)).toBeCloseTo(expected, 15);
  });

  it('is 0 for a single trial or zero variance', () => {
    expect(expectedMaximumSharpeRatio(1, 0.5)).toBe(0);
    expect(expectedMaximumSharpeRatio(50, 0)).toBe(0);
  });

  it('grows with the number of trials and with √variance', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 1_000_000 }), fc.integer({ min: 1, max: 1000 }), fc.double({ min: 1e-6, max: 10, noNaN: true }), (n, extra, v) => {
        expect(expectedMaximumSharpeRatio(n + extra, v)).toBeGreaterThan(expectedMaximumSharpeRatio(n, v));
        expect(expectedMaximumSharpeRatio(n, 4 * v)).toBeCloseTo(2 * expectedMaximumSharpeRatio(n, v), 12);
      }),
    );
  });

  it('throws InvariantError for a non-integer or non-positive count, or a negative variance', () => {
    for (const n of [0, -3, 2.5, Number.NaN]) expect(() => expectedMaximumSharpeRatio(n, 1)).toThrow(InvariantError);
    for (const v of [-1e-9, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => expectedMaximumSharpeRatio(10, v)).toThrow(InvariantError);
  });
});
