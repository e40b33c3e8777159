import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { minTrackRecordLength } from './minTrackRecordLength.js';
import { normalInverseCdf } from './normal.js';
import { probabilisticSharpeRatio } from './probabilisticSharpeRatio.js';
import { sharpeRatioMoments } from './sharpeRatioMoments.js';

const pct = (xs: readonly number[]) => xs.map((x) => x / 100);

describe('minTrackRecordLength', () => {
  it("reproduces mlfinlab's numerical example", () => {
    // hudson-and-thames/mlfinlab, mlfinlab/tests/test_backtest_statistics.py,
    // test_minimum_track_record_length: observed SR 1.14, benchmark 1, skewness 0, kurtosis 3,
    // alpha 0.05 → 228.73497 (delta 1e-4). By hand: 1 + (1 + 0.5·1.14²)·(Φ⁻¹(0.95)/0.14)².
    const minTrl = minTrackRecordLength({ sharpe: 1.14, skewness: 0, kurtosis: 3, observations: 0 }, { benchmarkSharpe: 1 });
    expect(Math.abs(minTrl - 228.73497)).toBeLessThan(1e-4);
    expect(minTrl).toBeCloseTo(1 + (1 + 0.5 * 1.14 ** 2) * (normalInverseCdf(0.95) / 0.14) ** 2, 11);
  });

  it('is the track record length at which PSR(SR*) equals the confidence level', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        (sharpe, skewness, excess, probability) => {
          const m = { sharpe, skewness, kurtosis: 1 + skewness ** 2 + excess, observations: 0 };
          const n = minTrackRecordLength(m, { probability });
          fc.pre(n > 2);
          expect(probabilisticSharpeRatio({ ...m, observations: n })).toBeCloseTo(probability, 10);
        },
      ),
    );
  });

  it('computes the moments of a return series', () => {
    const r = pct([1, -0.5, 2, 0.3, -1, 1.5, 0.7]);
    expect(minTrackRecordLength(r, { probability: 0.9 })).toBe(minTrackRecordLength(sharpeRatioMoments(r), { probability: 0.9 }));
  });

  it('is +Infinity when the Sharpe ratio does not exceed the benchmark, including negative-only returns', () => {
    expect(minTrackRecordLength({ sharpe: 0.1, skewness: 0, kurtosis: 3, observations: 0 }, { benchmarkSharpe: 0.1 })).toBe(Number.POSITIVE_INFINITY);
    expect(minTrackRecordLength(pct([-1, -3, -2, -5]))).toBe(Number.POSITIVE_INFINITY);
  });

  it('is NaN for fewer than 2 observations or zero volatility', () => {
    expect(minTrackRecordLength([0.01])).toBeNaN();
    expect(minTrackRecordLength([0.01, 0.01, 0.01])).toBeNaN();
  });

  it('throws InvariantError for a probability outside (0, 1) or a non-finite benchmark', () => {
    for (const probability of [0, 1, 1.5, Number.NaN]) expect(() => minTrackRecordLength([0.01, 0.02], { probability })).toThrow(InvariantError);
    expect(() => minTrackRecordLength([0.01, 0.02], { benchmarkSharpe: Number.POSITIVE_INFINITY })).toThrow(InvariantError);
  });
});
