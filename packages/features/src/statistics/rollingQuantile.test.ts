import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { rollingMax } from './rollingMax.js';
import { rollingMin } from './rollingMin.js';
import { RollingQuantile, rollingQuantile, rollingQuantileFeature, SortedWindow } from './rollingQuantile.js';

/**
 * numpy's `np.quantile(w, q)` (method 'linear') written out: sort, virtual index (n − 1)·q,
 * previous = floor, next = previous + 1 clipped, gamma = index − previous, and `_lerp`:
 * a + (b − a)·g, replaced by b − (b − a)·(1 − g) where g >= 0.5.
 */
function npQuantile(w: readonly number[], q: number): number {
  const s = [...w].sort((x, y) => x - y);
  const n = s.length;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const g = h - lo;
  const a = s[lo]!;
  const b = s[hi]!;
  const d = b - a;
  return g >= 0.5 ? b - d * (1 - g) : a + d * g;
}

function reference(xs: readonly number[], period: number, q: number): number[] {
  return xs.map((_, i) => {
    if (i < period - 1) return Number.NaN;
    const w = xs.slice(i - period + 1, i + 1);
    return w.some(Number.isNaN) ? Number.NaN : npQuantile(w, q);
  });
}

describe('rollingQuantile', () => {
  it('matches hand calculations (numpy linear interpolation)', () => {
    // [1, 2, 3, 4], q = 0.25: h = 3·0.25 = 0.75 → between 1 and 2, g = 0.75 → 2 − (2 − 1)·0.25 = 1.75
    // (np.quantile([1, 2, 3, 4], 0.25) = 1.75). q = 0.5: h = 1.5 → 3 − 1·0.5 = 2.5 (the median).
    expect(rollingQuantile([1, 2, 3, 4], 4, 0.25)[3]).toBe(1.75);
    expect(rollingQuantile([4, 1, 3, 2], 4, 0.5)[3]).toBe(2.5);
    // Odd window: the median is the middle order statistic. [3, 1, 2] → 2, [1, 2, 10] → 2, [2, 10, 0] → 2.
    expect([...rollingQuantile([3, 1, 2, 10, 0], 3, 0.5)]).toEqual([Number.NaN, Number.NaN, 2, 2, 2]);
    // q = 0.9 of [10, 20, 30, 40, 50]: h = 3.6 → 50 − 10·0.4 = 46.
    expect(rollingQuantile([50, 10, 40, 20, 30], 5, 0.9)[4]).toBe(46);
  });

  it('gives the rolling min at q = 0 and the rolling max at q = 1', () => {
    const x = Array.from({ length: 300 }, (_, i) => Math.round(100 * Math.sin(i * 0.37)));
    expect([...rollingQuantile(x, 17, 0)]).toEqual([...rollingMin(x, 17)].map((v) => v + 0));
    expect([...rollingQuantile(x, 17, 1)]).toEqual([...rollingMax(x, 17)].map((v) => v + 0));
  });

  it('matches numpy’s algorithm bit for bit over random windows with ties and NaNs (property)', () => {
    const value = fc.oneof(
      { weight: 5, arbitrary: fc.integer({ min: -4, max: 4 }) },
      { weight: 5, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => v + 0) },
      { weight: 1, arbitrary: fc.constant(Number.NaN) },
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 80 }), fc.integer({ min: 1, max: 15 }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, period, q) => {
        expect([...rollingQuantile(xs, period, q)]).toEqual(reference(xs, period, q));
      }),
      { numRuns: 2000 },
    );
  });

  it('stays fast for long windows (binary search and one memmove per value)', () => {
    const x = Float64Array.from({ length: 200_000 }, (_, i) => Math.sin(i * 0.001) * 1000 + (i % 97));
    const out = rollingQuantile(x, 1000, 0.5);
    const w = Array.from(x.subarray(199_000));
    expect(out[199_999]).toBe(npQuantile(w, 0.5));
  });

  it('streams the same values and exposes the sorted window', () => {
    const xs = [5, 3, Number.NaN, 8, 1, 9, 2, 2, 7];
    const batch = rollingQuantile(xs, 3, 0.75);
    const s = new RollingQuantile(3, 0.75);
    xs.forEach((x, i) => expect(s.add(x)).toBe(batch[i]));
    expect(s.isReady).toBe(true);
    expect(s.warmUp).toBe(3);
    const w = new SortedWindow(3);
    for (const x of [4, 1, 4]) w.add(x);
    expect([w.countBelow(4), w.countAtOrBelow(4), w.ready]).toEqual([1, 3, true]);
  });

  it('rejects a bad period or q, quoting the value', () => {
    expect(() => rollingQuantile([1], 0, 0.5)).toThrow(FeatureArgumentError);
    expect(() => rollingQuantile([1], 2, 1.5)).toThrow('"1.5"');
    expect(() => new RollingQuantile(2, Number.NaN)).toThrow('"NaN"');
    expect(() => rollingQuantileFeature(2, -0.1)).toThrow('"-0.1"');
  });

  it('names its feature after its parameters', () => {
    expect(rollingQuantileFeature(20, 0.9).name).toBe('rollingQuantile(20,0.9)');
  });
});

describe.skipIf(!hasSharedData)(`rollingQuantile on ORCL 1995–2014 ${needsSharedData}`, () => {
  const close = hasSharedData ? yahooColumns().close : new Float64Array(0);
  testFeatureContract(rollingQuantileFeature(20, 0.5), { close });
  testFeatureContract(rollingQuantileFeature(252, 0.95), { close });
});
