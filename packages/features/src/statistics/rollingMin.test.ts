import fc from 'fast-check';
import { Lowest } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { rollingMax } from './rollingMax.js';
import { RollingMin, rollingMin, rollingMinFeature } from './rollingMin.js';

/** O(n·w) reference: NaN during warm-up and while a NaN is in the window. */
function referenceMin(xs: readonly number[], period: number): number[] {
  return xs.map((_, i) => {
    if (i < period - 1) return Number.NaN;
    const w = xs.slice(i - period + 1, i + 1);
    return w.some(Number.isNaN) ? Number.NaN : Math.min(...w);
  });
}

const value = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: -5, max: 5 }) },
  { weight: 3, arbitrary: fc.double({ min: -1e9, max: 1e9, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) },
);

describe('rollingMin', () => {
  it('matches hand-calculated values, NaN during warm-up', () => {
    // min(3, 1) = 1, min(1, 2) = 1, min(2, 4) = 2.
    expect([...rollingMin([3, 1, 2, 4], 2)]).toEqual([Number.NaN, 1, 1, 2]);
    // Period 3: [1, 2, 3] → 1, [2, 3, 0] → 0, [3, 0, 5] → 0, [0, 5, 6] → 0, [5, 6, 4] → 4.
    expect([...rollingMin([1, 2, 3, 0, 5, 6, 4], 3)]).toEqual([Number.NaN, Number.NaN, 1, 0, 0, 0, 4]);
  });

  it('matches an O(n·w) reference with ties, NaNs and infinities (property)', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 80 }), fc.integer({ min: 1, max: 12 }), (xs, period) => {
        // +0 and −0 compare equal here (the newest is kept), unlike Math.max/min: compare them as equal.
        expect([...rollingMin(xs, period)].map((v) => v + 0)).toEqual(referenceMin(xs, period).map((v) => v + 0));
      }),
      { numRuns: 2000 },
    );
  });

  it('is the negated rolling max of the negated series', () => {
    const x = Array.from({ length: 300 }, (_, i) => Math.sin(i * 1.7) * 100);
    const a = rollingMin(x, 9);
    const b = rollingMax(x.map((v) => -v), 9);
    a.forEach((v, i) => expect(v === -b[i]! || (Number.isNaN(v) && Number.isNaN(b[i]!))).toBe(true));
  });

  it('agrees with technicalindicators Lowest, aligned by period − 1', () => {
    const x = Array.from({ length: 400 }, (_, i) => 50 + 10 * Math.sin(i / 6) + ((i * 37) % 11));
    const theirs = Lowest.calculate({ values: x, period: 14 });
    const ours = rollingMin(x, 14);
    expect(theirs).toHaveLength(x.length - 13);
    theirs.forEach((v, k) => expect(ours[k + 13]).toBe(v));
  });

  it('is O(n): a 50,000-bar window over 300,000 increasing values is immediate', () => {
    const x = Float64Array.from({ length: 300_000 }, (_, i) => i);
    expect(rollingMin(x, 50_000)[299_999]).toBe(250_000);
  });

  it('streams the same values', () => {
    const xs = [3, 1, Number.NaN, 2, 5, 4, 4, 1, 0, 9];
    const batch = rollingMin(xs, 3);
    const s = new RollingMin(3);
    xs.forEach((x, i) => expect(s.add(x)).toBe(batch[i]));
    expect(s.isReady).toBe(true);
  });

  it('rejects a bad period, quoting the value', () => {
    expect(() => rollingMin([1], 0)).toThrow(FeatureArgumentError);
    expect(() => new RollingMin(Number.NaN)).toThrow('"NaN"');
  });
});

describe.skipIf(!hasSharedData)(`rollingMin on ORCL 1995–2014 ${needsSharedData}`, () => {
  const close = hasSharedData ? yahooColumns().close : new Float64Array(0);
  testFeatureContract(rollingMinFeature(20), { close });
});
