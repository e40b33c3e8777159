import fc from 'fast-check';
import { Highest } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { RollingMax, rollingMax, rollingMaxFeature, SlidingExtremum } from './rollingMax.js';

/** O(n·w) reference: NaN during warm-up and while a NaN is in the window. */
function referenceMax(xs: readonly number[], period: number): number[] {
  return xs.map((_, i) => {
    if (i < period - 1) return Number.NaN;
    const w = xs.slice(i - period + 1, i + 1);
    return w.some(Number.isNaN) ? Number.NaN : Math.max(...w);
  });
}

const value = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: -5, max: 5 }) }, // many ties
  { weight: 3, arbitrary: fc.double({ min: -1e9, max: 1e9, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) },
);

describe('rollingMax', () => {
  it('matches hand-calculated values, NaN during warm-up', () => {
    // max(1, 3) = 3, max(3, 2) = 3, max(2, 0) = 2.
    expect([...rollingMax([1, 3, 2, 0], 2)]).toEqual([Number.NaN, 3, 3, 2]);
    // Period 3 over a decreasing then increasing run: [5, 4, 3] → 5, [4, 3, 6] → 6, [3, 6, 1] → 6, [6, 1, 0] → 6, [1, 0, 2] → 2.
    expect([...rollingMax([5, 4, 3, 6, 1, 0, 2], 3)]).toEqual([Number.NaN, Number.NaN, 5, 6, 6, 6, 2]);
    expect([...rollingMax([4, -1, 7], 1)]).toEqual([4, -1, 7]);
  });

  it('matches an O(n·w) reference with ties, NaNs and infinities (property)', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 80 }), fc.integer({ min: 1, max: 12 }), (xs, period) => {
        // +0 and −0 compare equal here (the newest is kept), unlike Math.max/min: compare them as equal.
        expect([...rollingMax(xs, period)].map((v) => v + 0)).toEqual(referenceMax(xs, period).map((v) => v + 0));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with technicalindicators Highest, aligned by period − 1', () => {
    const x = Array.from({ length: 400 }, (_, i) => 50 + 10 * Math.sin(i / 6) + ((i * 37) % 11));
    const theirs = Highest.calculate({ values: x, period: 14 });
    const ours = rollingMax(x, 14);
    expect(theirs).toHaveLength(x.length - 13);
    theirs.forEach((v, k) => expect(ours[k + 13]).toBe(v));
  });

  it('is O(n): a 50,000-bar window over 300,000 values is immediate', () => {
    // A decreasing series is the deque's worst case (it keeps the whole window); O(n·w) would be 1.5e10 steps.
    const x = Float64Array.from({ length: 300_000 }, (_, i) => -i);
    const out = rollingMax(x, 50_000);
    expect(out[49_999]).toBe(-0);
    expect(out[299_999]).toBe(-250_000);
  });

  it('streams the same values', () => {
    const xs = [3, 1, Number.NaN, 2, 5, 4, 4, 1, 0, 9];
    const batch = rollingMax(xs, 3);
    const s = new RollingMax(3);
    xs.forEach((x, i) => expect(s.add(x)).toBe(batch[i]));
    expect(s.isReady).toBe(true);
    expect(s.warmUp).toBe(3);
  });

  it('keeps the newest of equal values so the extremum leaves the window on time', () => {
    const e = new SlidingExtremum(2, 1);
    expect([7, 7, 1, 1].map((x) => e.add(x))).toEqual([Number.NaN, 7, 7, 1]);
  });

  it('rejects a bad period, quoting the value', () => {
    expect(() => rollingMax([1], 0)).toThrow(FeatureArgumentError);
    expect(() => new RollingMax(1.5)).toThrow('"1.5"');
    expect(() => rollingMaxFeature(-2)).toThrow('"-2"');
  });
});

describe.skipIf(!hasSharedData)(`rollingMax on ORCL 1995–2014 ${needsSharedData}`, () => {
  const close = hasSharedData ? yahooColumns().close : new Float64Array(0);
  testFeatureContract(rollingMaxFeature(20), { close });
  testFeatureContract(rollingMaxFeature(252), { close });
});
