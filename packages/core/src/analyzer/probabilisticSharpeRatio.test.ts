import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { normalCdf } from './normal.js';
import { probabilisticSharpeRatio } from './probabilisticSharpeRatio.js';
import { sharpeRatioMoments } from './sharpeRatioMoments.js';

const pct = (xs: readonly number[]) => xs.map((x) => x / 100);
/** empyrical's mixed_returns (quantopian/empyrical, empyrical/tests/test_stats.py). */
const mixedReturns = pct([Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10]);

const momentsArb = fc.record({
  sharpe: fc.double({ min: 0.01, max: 1, noNaN: true }),
  skewness: fc.double({ min: -2, max: 2, noNaN: true }),
  excessOverBound: fc.double({ min: 0, max: 20, noNaN: true }),
});

describe('probabilisticSharpeRatio', () => {
  it("reproduces mlfinlab's numerical example", () => {
    // hudson-and-thames/mlfinlab, mlfinlab/tests/test_backtest_statistics.py,
    // test_probabalistic_sharpe_ratio: observed SR 1.14, benchmark 1, 250 returns, skewness 0,
    // kurtosis 3 → 0.95727 (delta 1e-4). By hand: z = 0.14·√249 / √(1 + 0.5·1.14²) = 1.72000…
    const psr = probabilisticSharpeRatio({ sharpe: 1.14, skewness: 0, kurtosis: 3, observations: 250 }, { benchmarkSharpe: 1 });
    expect(Math.abs(psr - 0.95727)).toBeLessThan(1e-4);
    expect(psr).toBeCloseTo(normalCdf((0.14 * Math.sqrt(249)) / Math.sqrt(1 + 0.5 * 1.14 * 1.14)), 15);
  });

  it('computes the moments of a return series (NaN dropped) and equals the moments form', () => {
    const m = sharpeRatioMoments(mixedReturns);
    expect(m.observations).toBe(8);
    expect(probabilisticSharpeRatio(mixedReturns)).toBe(probabilisticSharpeRatio(m));
    // z = ŜR·√7 / √(1 − γ3·ŜR + (γ4 − 1)/4·ŜR²)
    const z = (m.sharpe * Math.sqrt(7)) / Math.sqrt(1 - m.skewness * m.sharpe + ((m.kurtosis - 1) / 4) * m.sharpe ** 2);
    expect(probabilisticSharpeRatio(mixedReturns)).toBe(normalCdf(z));
  });

  it('is 1/2 when the Sharpe ratio equals the benchmark', () => {
    expect(probabilisticSharpeRatio({ sharpe: 0.1, skewness: -1, kurtosis: 6, observations: 100 }, { benchmarkSharpe: 0.1 })).toBe(0.5);
  });

  it('uses the per-period risk-free rate of a return series', () => {
    const r = pct([1, 2, 3, 4, -1]);
    expect(probabilisticSharpeRatio(r, { riskFree: 0.005 })).toBe(probabilisticSharpeRatio(r.map((x) => x - 0.005)));
  });

  it('penalises negative skewness and fat tails for a positive Sharpe ratio', () => {
    const base = { sharpe: 0.1, skewness: 0, kurtosis: 3, observations: 250 };
    const psr = probabilisticSharpeRatio(base);
    expect(probabilisticSharpeRatio({ ...base, skewness: -2 })).toBeLessThan(psr);
    expect(probabilisticSharpeRatio({ ...base, kurtosis: 10 })).toBeLessThan(psr);
  });

  it('is NaN with fewer than 2 observations or zero volatility', () => {
    expect(probabilisticSharpeRatio([0.01])).toBeNaN();
    expect(probabilisticSharpeRatio([])).toBeNaN();
    expect(probabilisticSharpeRatio([0.01, 0.01, 0.01])).toBeNaN();
    expect(probabilisticSharpeRatio({ sharpe: 0.1, skewness: 0, kurtosis: 3, observations: 1 })).toBeNaN();
  });

  it('is below 1/2 for negative-only returns', () => {
    expect(probabilisticSharpeRatio(pct([-1, -3, -2, -5, -1.5]))).toBeLessThan(0.5);
  });

  it('throws InvariantError for a non-finite benchmark or malformed moments', () => {
    expect(() => probabilisticSharpeRatio([0.01, 0.02], { benchmarkSharpe: Number.NaN })).toThrow(InvariantError);
    expect(() => probabilisticSharpeRatio({ sharpe: 0.1 } as never)).toThrow(InvariantError);
    expect(() => probabilisticSharpeRatio({ sharpe: 0.1, skewness: 0, kurtosis: 3, observations: -1 })).toThrow(InvariantError);
  });

  describe('properties', () => {
    it('is in [0, 1] for any return series', () => {
      fc.assert(
        fc.property(fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: 2, maxLength: 100 }), fc.double({ min: -1, max: 1, noNaN: true }), (r, sr) => {
          const psr = probabilisticSharpeRatio(r, { benchmarkSharpe: sr });
          if (!Number.isNaN(psr)) {
            expect(psr).toBeGreaterThanOrEqual(0);
            expect(psr).toBeLessThanOrEqual(1);
          }
        }),
      );
    });

    it('increases with the number of observations for a positive Sharpe ratio', () => {
      fc.assert(
        fc.property(momentsArb, fc.integer({ min: 2, max: 5000 }), fc.integer({ min: 1, max: 5000 }), ({ sharpe, skewness, excessOverBound }, n, extra) => {
          // Valid sample moments satisfy γ4 ≥ 1 + γ3².
          const m = { sharpe, skewness, kurtosis: 1 + skewness ** 2 + excessOverBound, observations: n };
          const a = probabilisticSharpeRatio(m);
          const b = probabilisticSharpeRatio({ ...m, observations: n + extra });
          expect(a).toBeGreaterThan(0.5);
          expect(b).toBeGreaterThanOrEqual(a);
          if (a < 0.999) expect(b).toBeGreaterThan(a);
        }),
      );
    });
  });
});
