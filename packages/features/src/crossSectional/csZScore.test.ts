import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csZScore } from './csZScore.js';

const NaN_ = Number.NaN;
const rows = (panel: Float64Array[]): number[][] => panel.map((c) => [...c]);

describe('csZScore', () => {
  it('standardises with the sample standard deviation', () => {
    // 1, 2, 3: mean 2, sd = √((1 + 0 + 1)/2) = 1.
    expect(rows(csZScore([Float64Array.of(1), Float64Array.of(2), Float64Array.of(NaN_), Float64Array.of(3)]))).toEqual([[-1], [0], [NaN_], [1]]);
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, Σ(x − 5)² = 32, sd = √(32/7).
    const z = csZScore([2, 4, 4, 4, 5, 5, 7, 9].map((v) => Float64Array.of(v)));
    expect(z[7]![0]).toBeCloseTo(4 / Math.sqrt(32 / 7), 14);
  });

  it('is NaN with fewer than two values, equal values, or an infinity', () => {
    expect(rows(csZScore([Float64Array.of(5), Float64Array.of(NaN_)]))).toEqual([[NaN_], [NaN_]]);
    expect(rows(csZScore([Float64Array.of(0.1), Float64Array.of(0.1), Float64Array.of(0.1)]))).toEqual([[NaN_], [NaN_], [NaN_]]);
    expect(rows(csZScore([Float64Array.of(1), Float64Array.of(Infinity), Float64Array.of(2)]))).toEqual([[NaN_], [NaN_], [NaN_]]);
  });

  it('equals a naive two-pass computation on random panels', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 3, maxLength: 40 }), (values) => {
        if (new Set(values).size < 2) return true;
        const z = csZScore(values.map((v) => Float64Array.of(v)));
        const mean = values.reduce((a, b) => a + b, 0) / values.length;
        const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
        if (!(sd > 1e-9)) return true;
        return values.every((v, s) => Math.abs(z[s]![0]! - (v - mean) / sd) < 1e-9);
      }),
    );
  });
});
