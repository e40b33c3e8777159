import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { annualVolatility } from './annualVolatility.js';
import { rollingVolatility } from './rollingVolatility.js';

const negativeReturns = [0, -6, -7, -1, -9, -2, -6, -8, -5].map((x) => x / 100);

describe('rollingVolatility', () => {
  it('is the sample std of each window × √periodsPerYear, aligned with NaN warm-up', () => {
    // numpy: [np.std(a[i − 5 : i + 1], ddof=1) · √252 for i = 5..8] on negative_returns.
    const out = rollingVolatility(negativeReturns, { window: 6, periodsPerYear: 252 });
    expect(out).toHaveLength(9);
    expect(Array.from(out.slice(0, 5)).every(Number.isNaN)).toBe(true);
    [0.5803791863945501, 0.4858394796638083, 0.5192687165620514, 0.5061620293937505].forEach((e, i) => expect(out[5 + i]).toBeCloseTo(e, 14));
  });

  it('equals annualVolatility of each full window', () => {
    const returns = [0.01, -0.02, 0.015, 0.003, -0.007, 0.02, 0.001];
    const out = rollingVolatility(returns, { window: 3, periodsPerYear: 12 });
    for (let i = 2; i < returns.length; i++) {
      expect(out[i]).toBe(annualVolatility(returns.slice(i - 2, i + 1), { periodsPerYear: 12 }));
    }
  });

  it('is NaN for windows holding a NaN (pandas min_periods = window)', () => {
    const out = Array.from(rollingVolatility([0.01, Number.NaN, 0.02, 0.03, 0.01], { window: 2, periodsPerYear: 1 }));
    expect(out.slice(0, 3).every(Number.isNaN)).toBe(true);
    expect(out[3]).toBeCloseTo(Math.sqrt(0.5e-4), 15);
    expect(out[4]).toBeCloseTo(Math.sqrt(2e-4), 15);
  });

  it('is exactly 0 for constant windows and all NaN for window 1 or empty input', () => {
    expect(Array.from(rollingVolatility([0, 0, 0], { window: 2, periodsPerYear: 252 }))).toEqual([Number.NaN, 0, 0]);
    expect(Array.from(rollingVolatility([0.01, 0.02], { window: 1, periodsPerYear: 252 })).every(Number.isNaN)).toBe(true);
    expect(rollingVolatility([], { window: 3, periodsPerYear: 252 })).toHaveLength(0);
  });

  it('throws InvariantError for a bad window or periodsPerYear', () => {
    expect(() => rollingVolatility([0.01], { window: 2.5, periodsPerYear: 252 })).toThrow(InvariantError);
    expect(() => rollingVolatility([0.01], { window: 2, periodsPerYear: 0 })).toThrow(InvariantError);
  });
});
