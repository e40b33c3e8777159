import { describe, expect, it } from 'vitest';
import { createInsight, InsightError, isInsightActive, sameInsightView } from './Insight.js';

const base = { symbol: 'AAPL', sourceAlpha: 'Mom', generatedTime: Date.UTC(2024, 0, 2), generatedIndex: 10 };

describe('createInsight', () => {
  it('fills defaults and freezes', () => {
    const i = createInsight({ ...base, score: -2.5 });
    expect(i).toEqual({ ...base, direction: -1, score: -2.5, magnitude: Number.NaN, confidence: 1, weight: 1, horizonBars: 1 });
    expect(Object.isFrozen(i)).toBe(true);
    expect(createInsight({ ...base, direction: 1 }).score).toBe(1);
    expect(Object.is(createInsight({ ...base, score: -0 }).score, 0)).toBe(true);
  });

  it.each([
    [{ confidence: 1.01 }, /confidence 1.01 .*\[0, 1\]/],
    [{ confidence: Number.NaN }, /confidence NaN/],
    [{ confidence: -0.1 }, /confidence -0.1/],
    [{ score: Number.POSITIVE_INFINITY }, /score Infinity/],
    [{ score: Number.NaN }, /score NaN/],
    [{ direction: 1, score: -1 }, /score -1 .*sign of direction 1/],
    [{ direction: 0, score: 0.5 }, /score 0.5/],
    [{ direction: 2 }, /direction 2/],
    [{ weight: -1 }, /weight -1/],
    [{ weight: Number.POSITIVE_INFINITY }, /weight Infinity/],
    [{ magnitude: Number.NEGATIVE_INFINITY }, /magnitude -Infinity/],
    [{ horizonBars: 0 }, /horizonBars 0/],
    [{ horizonBars: 2.5 }, /horizonBars 2.5/],
    [{ generatedIndex: -1 }, /generatedIndex -1/],
    [{ generatedTime: Number.NaN }, /generatedTime NaN/],
    [{ symbol: '' }, /symbol ""/],
  ] as const)('rejects %o with a named error quoting the value', (patch, message) => {
    const make = () => createInsight({ ...base, score: 1, ...(patch as object) } as Parameters<typeof createInsight>[0]);
    expect(make).toThrow(InsightError);
    expect(make).toThrow(message);
  });

  it('requires a direction or a score', () => {
    expect(() => createInsight(base)).toThrow(/a direction or a score/);
  });
});

describe('isInsightActive / sameInsightView', () => {
  it('is active from its bar for horizonBars bars', () => {
    const i = createInsight({ ...base, direction: 1, horizonBars: 3 });
    expect([9, 10, 11, 12, 13].map((k) => isInsightActive(i, k))).toEqual([false, true, true, true, false]);
  });
  it('compares views, not times', () => {
    const a = createInsight({ ...base, score: 1 });
    expect(sameInsightView(a, createInsight({ ...base, score: 1, generatedIndex: 11, generatedTime: 0 }))).toBe(true);
    expect(sameInsightView(a, createInsight({ ...base, score: 1, confidence: 0.9 }))).toBe(false);
    expect(sameInsightView(a, createInsight({ ...base, score: 1, magnitude: 0.01 }))).toBe(false);
  });
});
