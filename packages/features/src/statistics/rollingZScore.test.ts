import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { sma } from '../trend/sma.js';
import { rollingStd } from './rollingStd.js';
import { RollingZScore, rollingZScore, rollingZScoreFeature } from './rollingZScore.js';

const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

describe('rollingZScore', () => {
  it('matches hand calculations, the window including the current value', () => {
    // [1, 2, 3]: mean 2, sample std 1 → z = (3 − 2)/1 = 1; population std √(2/3) → z = √1.5.
    expect([...rollingZScore([1, 2, 3], 3)]).toEqual([Number.NaN, Number.NaN, 1]);
    expect(rollingZScore([1, 2, 3], 3, { ddof: 0 })[2]).toBeCloseTo(Math.sqrt(1.5), 15);
    // [0, 0, 0, 5]: mean 1.25, deviation 3.75, M2 = 3·1.5625 + 14.0625 = 18.75; sample std
    // √(18.75/3) = 2.5 → z = 1.5, Samuelson's bound (n − 1)/√n for n = 4; population std
    // √(18.75/4) → z = √3, the bound √(n − 1).
    expect(rollingZScore([0, 0, 0, 5], 4)[3]).toBe(1.5);
    expect(rollingZScore([0, 0, 0, 5], 4, { ddof: 0 })[3]).toBeCloseTo(Math.sqrt(3), 15);
  });

  it('equals (x − sma) / rollingStd', () => {
    const x = Array.from({ length: 500 }, (_, i) => 20 + 3 * Math.sin(i / 9) + ((i * 31) % 7) / 10);
    const z = rollingZScore(x, 15);
    const m = sma(x, 15);
    const s = rollingStd(x, 15);
    for (let i = 0; i < x.length; i++) expect(same(z[i]!, (x[i]! - m[i]!) / s[i]!)).toBe(true);
  });

  it('is NaN on a flat window (0/0), on an underflowing one, and while a NaN is in the window', () => {
    const z = rollingZScore([2, 2, 2, Number.NaN, 1, 3, 0, 5e-324], 2);
    for (let i = 0; i < 5; i++) expect(z[i]).toBeNaN();
    // [1, 3]: mean 2, sample std √2 → z = 1/√2.
    expect(z[5]).toBeCloseTo(Math.SQRT1_2, 15);
    // [0, 5e-324]: the squared deviation underflows to 0, std 0: NaN rather than ∞.
    expect(z[7]).toBeNaN();
  });

  it('never exceeds Samuelson’s bound (n − 1)/√n (property)', () => {
    // Values on a 1e-3 grid: deviations far from the subnormal range, where squares lose bits.
    const value = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((k) => k / 1000);
    fc.assert(
      fc.property(fc.array(value, { minLength: 2, maxLength: 60 }), fc.integer({ min: 2, max: 10 }), (xs, period) => {
        const bound = (period - 1) / Math.sqrt(period);
        for (const z of rollingZScore(xs, period)) if (!Number.isNaN(z)) expect(Math.abs(z)).toBeLessThanOrEqual(bound * (1 + 1e-9));
      }),
      { numRuns: 500 },
    );
  });

  it('streams the same values', () => {
    const x = Array.from({ length: 300 }, (_, i) => 5 + Math.sin(i) + (i === 100 ? Number.NaN : 0));
    const batch = rollingZScore(x, 12, { ddof: 0 });
    const s = new RollingZScore(12, { ddof: 0 });
    x.forEach((v, i) => expect(same(s.add(v), batch[i]!)).toBe(true));
    expect(s.isReady).toBe(true);
    expect(s.warmUp).toBe(12);
  });

  it('rejects a bad period or ddof, quoting the value', () => {
    expect(() => rollingZScore([1], 0)).toThrow(FeatureArgumentError);
    expect(() => new RollingZScore(1)).toThrow('"1"');
    expect(() => rollingZScoreFeature(5, { ddof: -1 })).toThrow('"-1"');
  });

  it('names its feature after its parameters', () => {
    expect(rollingZScoreFeature(20).name).toBe('rollingZScore(20)');
    expect(rollingZScoreFeature(20, { ddof: 0 }).name).toBe('rollingZScore(20,ddof=0)');
  });
});

describe.skipIf(!hasSharedData)(`rollingZScore on ORCL 1995–2014 ${needsSharedData}`, () => {
  const close = hasSharedData ? yahooColumns().close : new Float64Array(0);
  testFeatureContract(rollingZScoreFeature(20), { close });
  testFeatureContract(rollingZScoreFeature(60, { ddof: 0 }), { close });
});
