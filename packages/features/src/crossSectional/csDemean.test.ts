import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csDemean } from './csDemean.js';

const NaN_ = Number.NaN;
const rows = (panel: Float64Array[]): number[][] => panel.map((c) => [...c]);

describe('csDemean', () => {
  it('subtracts the mean of the values present', () => {
    // 1, 2, 6: mean 3.
    expect(rows(csDemean([Float64Array.of(1), Float64Array.of(2), Float64Array.of(NaN_), Float64Array.of(6)]))).toEqual([[-2], [-1], [NaN_], [3]]);
    expect(rows(csDemean([Float64Array.of(1), Float64Array.of(-Infinity)]))).toEqual([[NaN_], [NaN_]]);
  });

  it('sums to zero up to rounding', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }), (values) => {
        const d = csDemean(values.map((v) => Float64Array.of(v)));
        return Math.abs(d.reduce((a, c) => a + c[0]!, 0)) <= values.length * 1e6 * 4 * Number.EPSILON;
      }),
    );
  });
});
