import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ceilToCent } from './ceilToCent.js';

describe('ceilToCent', () => {
  it('rounds a fraction of a cent up', () => {
    // 1 234 567.89 × 27.80 / 1e6 = 34.320 987 342 → 34.33.
    expect(ceilToCent(34.320987342)).toBe(34.33);
    expect(ceilToCent(0.231)).toBe(0.24);
    expect(ceilToCent(0.000166)).toBe(0.01);
  });

  it('keeps whole-cent amounts whose float times 100 lands just above the cent', () => {
    expect(0.07 * 100).toBeGreaterThan(7); // the float noise this guards against
    expect(ceilToCent(0.07)).toBe(0.07);
    expect(ceilToCent(0.14)).toBe(0.14);
    // SEC fee at $8.00/M on 1 000 × $12.50: exactly $0.10, yet 10.000000000000002 cents in floats.
    expect(ceilToCent((12.5 * 1_000 * 8) / 1_000_000)).toBe(0.1);
  });

  it('keeps whole-cent amounts whose float lands just below the cent', () => {
    expect(50_000 * 0.000166).toBeLessThan(8.3);
    expect(ceilToCent(50_000 * 0.000166)).toBe(8.3);
    expect(ceilToCent(0.29)).toBe(0.29);
  });

  it('keeps zero at zero', () => {
    expect(Object.is(ceilToCent(0), 0)).toBe(true);
  });

  it('returns a whole number of cents at most one cent above the amount', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e7, noNaN: true }), (amount) => {
        const rounded = ceilToCent(amount);
        expect(Math.abs(rounded * 100 - Math.round(rounded * 100))).toBeLessThan(1e-6 * Math.max(1, rounded));
        // Never below the amount by more than the tolerance (1e-9 of a cent, or of the amount).
        expect(rounded).toBeGreaterThanOrEqual(amount - 1e-9 * Math.max(0.01, amount));
        expect(rounded - amount).toBeLessThanOrEqual(0.01 * (1 + 1e-9));
      }),
    );
  });
});
