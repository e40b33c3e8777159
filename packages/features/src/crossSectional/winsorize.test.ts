import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { winsorize } from './winsorize.js';

const NaN_ = Number.NaN;

describe('winsorize', () => {
  it('clips to type-7 quantiles of the values present', () => {
    // 1..5: h = 4·0.1 = 0.4 → 1 + 0.4·(2 − 1) = 1.4; h = 4·0.9 = 3.6 → 4 + 0.6·(5 − 4) = 4.6.
    const out = winsorize([1, 2, 3, 4, 5, NaN_].map((v) => Float64Array.of(v)), { lower: 0.1, upper: 0.9 });
    expect(out.map((c) => c[0])).toEqual([1.4, 2, 3, 4, 4.6, NaN_]);
    // Levels at order statistics: q(0) = min, q(0.75) of 1, 2, 3, 4, 100 = the 4th value.
    expect(winsorize([1, 2, 3, 4, 100].map((v) => Float64Array.of(v)), { lower: 0, upper: 0.75 }).map((c) => c[0])).toEqual([1, 2, 3, 4, 4]);
    expect(winsorize([Float64Array.of(7)], { lower: 0.2, upper: 0.3 })[0]![0]).toBe(7);
  });

  it('rejects levels outside [0, 1] or crossed', () => {
    expect(() => winsorize([], { lower: -0.1, upper: 0.9 })).toThrow('"-0.1"');
    expect(() => winsorize([], { lower: 0.1, upper: Number.NaN })).toThrow(FeatureArgumentError);
    expect(() => winsorize([], { lower: 0.9, upper: 0.1 })).toThrow(FeatureArgumentError);
  });
});
