import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawdownSeries } from './drawdownSeries.js';
import { maxDrawdown } from './maxDrawdown.js';

describe('drawdownSeries', () => {
  it('is the fall from the running peak, with the starting capital as the first peak', () => {
    // Wealth 0.9, 0.945, 1.0395, 0.93555: peaks 1, 1, 1.0395, 1.0395.
    const out = drawdownSeries([-0.1, 0.05, 0.1, -0.1]);
    expect(out[0]).toBeCloseTo(-0.1, 15);
    expect(out[1]).toBeCloseTo(-0.055, 15);
    expect(out[2]).toBe(0);
    expect(out[3]).toBeCloseTo(-0.1, 15);
  });

  it('matches empyrical-reloaded drawdown_series on mixed_returns', () => {
    // Wealth of mixed_returns (NaN as 0): 1, 1.01, 1.111, 1.06656, …, 1.1543678796672, 1.0389310917004800.
    const out = drawdownSeries([Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100));
    expect(Array.from(out.slice(0, 3))).toEqual([0, 0, 0]);
    expect(out[3]).toBeCloseTo(-0.04, 15);
    expect(out[4]).toBeCloseTo(1.0878912 / 1.111 - 1, 15);
    expect(out[7]).toBe(0);
    expect(out[8]).toBeCloseTo(-0.1, 15);
  });

  it('returns an empty array for empty input and zeros for all-zero or rising returns', () => {
    expect(drawdownSeries([])).toHaveLength(0);
    expect(Array.from(drawdownSeries([0, 0, 0]))).toEqual([0, 0, 0]);
    expect(Array.from(drawdownSeries([0.01, 0.02]))).toEqual([0, 0]);
  });

  it('has maxDrawdown as its minimum', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 100 }), (returns) => {
        expect(Math.min(0, ...drawdownSeries(returns))).toBe(maxDrawdown(returns));
      }),
    );
  });
});
