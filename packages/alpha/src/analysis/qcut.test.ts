import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { qcutLabels } from './qcut.js';
import { averageRanks } from './ranks.js';

const values = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 200 });

describe('qcutLabels (pd.qcut) and averageRanks (scipy rankdata) invariants', () => {
  it('labels are 1…q, monotone in the value, and equal-count up to the spread of ties', () => {
    fc.assert(
      fc.property(values, fc.integer({ min: 2, max: 10 }), (xs, q) => {
        const n = xs.length;
        const labels = new Int32Array(n);
        const ok = qcutLabels(xs, n, q, labels, new Float64Array(n), new Float64Array(q + 1));
        if (new Set(xs).size === n && n >= 2 * q) expect(ok).toBe(true); // distinct values, enough of them: edges unique
        if (!ok) return;
        for (let i = 0; i < n; i++) {
          expect(labels[i]).toBeGreaterThanOrEqual(1);
          expect(labels[i]).toBeLessThanOrEqual(q);
          for (let j = 0; j < n; j++) if (xs[i]! < xs[j]!) expect(labels[i]).toBeLessThanOrEqual(labels[j]!);
        }
        if (new Set(xs).size === n) {
          const counts = Array.from({ length: q }, (_, k) => labels.filter((l) => l === k + 1).length);
          expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(2);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('ranks sum to n(n+1)/2, ties share one rank, order is preserved', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 60 }), (xs) => {
        const n = xs.length;
        const r = new Float64Array(n);
        averageRanks(xs, n, r, new Float64Array(n));
        expect(r.reduce((a, b) => a + b, 0)).toBeCloseTo((n * (n + 1)) / 2, 9);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            if (xs[i] === xs[j]) expect(r[i]).toBe(r[j]);
            if (xs[i]! < xs[j]!) expect(r[i]).toBeLessThan(r[j]!);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('pd.qcut(range(5), 4, labels=False) + 1 = [1, 1, 2, 3, 4] (pandas docstring example)', () => {
    const labels = new Int32Array(5);
    expect(qcutLabels([0, 1, 2, 3, 4], 5, 4, labels, new Float64Array(5), new Float64Array(5))).toBe(true);
    expect(Array.from(labels)).toEqual([1, 1, 2, 3, 4]);
    expect(qcutLabels([1, 1, 1, 1], 4, 2, labels, new Float64Array(4), new Float64Array(3))).toBe(false); // "Bin edges must be unique"
  });
});
