import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { RollingRank, rollingRank, rollingRankFeature } from './rollingRank.js';

/** pandas' rolling(n).rank(pct=True) with ties averaged: (1-based average rank of x)/n. */
function pandasPct(w: readonly number[]): number {
  const x = w[w.length - 1]!;
  const less = w.filter((v) => v < x).length;
  const equal = w.filter((v) => v === x).length;
  return (less + (equal + 1) / 2) / w.length;
}

describe('rollingRank', () => {
  it('matches hand calculations, ties averaged', () => {
    // [3, 1, 2]: x = 2 has 1 value below, no other equal → 1/(3 − 1) = 0.5.
    // [1, 2, 2]: x = 2 has 1 below and 2 equal (itself included) → (1 + (2 − 1)/2)/2 = 0.75.
    expect([...rollingRank([3, 1, 2, 2], 3)]).toEqual([Number.NaN, Number.NaN, 0.5, 0.75]);
    // The window's maximum scores 1, its minimum 0, a flat window 0.5.
    expect(rollingRank([1, 2, 3], 3)[2]).toBe(1);
    expect(rollingRank([3, 2, 1], 3)[2]).toBe(0);
    expect(rollingRank([7, 7, 7, 7], 4)[3]).toBe(0.5);
  });

  it('converts to pandas’ rank(pct=True) by ours = (pandas·n − 1)/(n − 1) (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 2, maxLength: 60 }), fc.integer({ min: 2, max: 10 }), (xs, period) => {
        const r = rollingRank(xs, period);
        for (let i = period - 1; i < xs.length; i++) {
          const p = pandasPct(xs.slice(i - period + 1, i + 1));
          expect(r[i]).toBeCloseTo((p * period - 1) / (period - 1), 12);
          expect(r[i]).toBeGreaterThanOrEqual(0);
          expect(r[i]).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('is NaN while a NaN is in the window', () => {
    expect([...rollingRank([1, Number.NaN, 3, 4, 5], 2)].map(Number.isNaN)).toEqual([true, true, true, false, false]);
  });

  it('streams the same values', () => {
    const xs = [5, 3, 3, 8, Number.NaN, 9, 2, 2, 7, 7, 7];
    const batch = rollingRank(xs, 4);
    const s = new RollingRank(4);
    xs.forEach((x, i) => expect(s.add(x)).toBe(batch[i]));
    expect(s.isReady).toBe(true);
    expect(s.warmUp).toBe(4);
  });

  it('rejects a period below 2, quoting the value', () => {
    expect(() => rollingRank([1], 1)).toThrow(FeatureArgumentError);
    expect(() => new RollingRank(0)).toThrow('"0"');
    expect(() => rollingRankFeature(1)).toThrow('"1"');
  });
});

describe.skipIf(!hasSharedData)(`rollingRank on ORCL 1995–2014 ${needsSharedData}`, () => {
  const close = hasSharedData ? yahooColumns().close : new Float64Array(0);
  testFeatureContract(rollingRankFeature(20), { close });
  testFeatureContract(rollingRankFeature(252), { close });
});
