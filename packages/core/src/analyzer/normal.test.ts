import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCdf, normalInverseCdf } from './normal.js';

/** |a − b| / |b|. */
function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

describe('normalCdf', () => {
  // Reference values: mpmath 1.3 `ncdf` at 30 significant digits (shown to 22), i.e. the exact
  // Φ of the double nearest to each argument.
  const cases: readonly (readonly [number, string])[] = [
    [1, '0.8413447460685429485852'],
    [-1, '0.1586552539314570514148'],
    [0.5, '0.6914624612740131036377'],
    [-0.5, '0.3085375387259868963623'],
    [0.3, '0.6179114221889526330723'],
    [-0.66291, '0.2536940983897399398332'],
    [2, '0.9772498680518207927997'],
    [-2, '0.02275013194817920720028'],
    [3, '0.9986501019683699054733'],
    [-3, '0.001349898031630094526652'],
    [1.959963984540054, '0.9749999999999999891238'],
    [-1.959963984540054, '0.02500000000000001087617'],
    [-5, '2.866515718791939116738e-7'],
    [-5.65, '8.022391850663497599124e-9'],
    [-6, '9.865876450376981407009e-10'],
    [-10, '7.619853024160526065973e-24'],
    [-20, '2.753624118606233695076e-89'],
    [-37, '5.725571222524576822683e-300'],
  ];

  it.each(cases)('matches the 30-digit value at x = %d to within 1e-15 relative', (x, ref) => {
    expect(relErr(normalCdf(x), Number(ref))).toBeLessThanOrEqual(1e-15);
  });

  it('is exactly 1/2 at 0 and saturates at the infinities', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-0)).toBe(0.5);
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(9)).toBe(1);
    expect(normalCdf(1e300)).toBe(1);
    expect(normalCdf(-1e300)).toBe(0);
  });

  it('returns NaN for NaN', () => {
    expect(normalCdf(Number.NaN)).toBeNaN();
  });

  it('is symmetric: Φ(x) + Φ(−x) = 1', () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), (x) => {
        expect(Math.abs(normalCdf(x) + normalCdf(-x) - 1)).toBeLessThanOrEqual(2.3e-16);
      }),
    );
  });

  it('is non-decreasing', () => {
    fc.assert(
      fc.property(fc.double({ min: -39, max: 9, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, d) => {
        expect(normalCdf(x + d)).toBeGreaterThanOrEqual(normalCdf(x));
      }),
    );
  });
});

describe('normalInverseCdf', () => {
  // Reference values: mpmath 1.3, the root of Φ(z) = p at 30 digits for the double nearest to p.
  const cases: readonly (readonly [number, string])[] = [
    [0.975, '1.959963984540053855604'],
    [0.025, '-1.95996398454005421178'],
    [0.95, '1.644853626951472284276'],
    [0.99, '2.326347874040840767637'],
    [0.3, '-0.5244005127080408159695'],
    [0.1, '-1.281551565544600435335'],
    [0.075, '-1.43953147093845593495'],
    [1e-3, '-3.090232306167813535358'],
    [1e-10, '-6.3613409024040561991'],
    [1e-20, '-9.262340089798407579572'],
    [1e-100, '-21.27345356096532429418'],
    [1e-300, '-37.04709629936119923655'],
  ];

  it.each(cases)('matches the 30-digit quantile at p = %d to within 1e-15 relative', (p, ref) => {
    expect(relErr(normalInverseCdf(p), Number(ref))).toBeLessThanOrEqual(1e-15);
  });

  it('is 0 at 1/2 and infinite at 0 and 1', () => {
    expect(normalInverseCdf(0.5)).toBe(0);
    expect(normalInverseCdf(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalInverseCdf(1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('returns NaN outside [0, 1] and for NaN', () => {
    for (const p of [-1e-300, 1.0000000000000002, 2, Number.NaN, Number.POSITIVE_INFINITY]) expect(normalInverseCdf(p)).toBeNaN();
  });

  it('is finite down to the smallest subnormal probability', () => {
    expect(Number.isFinite(normalInverseCdf(5e-324))).toBe(true);
    expect(normalInverseCdf(5e-324)).toBeLessThan(-38);
  });

  it('is antisymmetric: Φ⁻¹(1 − p) = −Φ⁻¹(p) where 1 − p is exact', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 1, maxExcluded: true, noNaN: true }), (p) => {
        // An exact zero sum: the two quantiles are exact negatives of each other.
        expect(normalInverseCdf(1 - p) + normalInverseCdf(p)).toBe(0);
      }),
    );
  });

  it('round-trips Φ⁻¹(Φ(x)) = x within 3e-15·max(1, |x|) on [−37, 1]', () => {
    fc.assert(
      fc.property(fc.double({ min: -37, max: 1, noNaN: true }), (x) => {
        expect(Math.abs(normalInverseCdf(normalCdf(x)) - x)).toBeLessThanOrEqual(3e-15 * Math.max(1, Math.abs(x)));
      }),
    );
  });

  it('round-trips Φ(Φ⁻¹(p)) = p within (1 + z²)·1e-15 relative for p in [1e-300, 0.5]', () => {
    // Φ amplifies a relative error δ of z into about z²·δ relative error of p in the tail.
    fc.assert(
      fc.property(fc.double({ min: -300, max: Math.log10(0.5), noNaN: true }), (e) => {
        const p = 10 ** e;
        const z = normalInverseCdf(p);
        expect(relErr(normalCdf(z), p)).toBeLessThanOrEqual((1 + z * z) * 1e-15);
      }),
    );
  });

  it('is increasing', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        fc.pre(a < b);
        expect(normalInverseCdf(a)).toBeLessThanOrEqual(normalInverseCdf(b));
      }),
    );
  });
});
