import { describe, expect, it } from 'vitest';
import { inhomogeneousEvents } from '../internal/timeseriescvFixture.js';
import { walkForwardSplits } from './walkForwardSplits.js';

const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);

// Literals from timeseriescv timeseriescv/tests/test_cross_validation.py
// (sam31415/timeseriescv @ cb04fb6ea7a0b2c15920ca253f882336fe336ba8).
describe('walkForwardSplits: timeseriescv literals', () => {
  it('TestPurgedWalkForwardCV.test_split: 5 folds split by time, expanding, 2 initial train folds', () => {
    const splits = walkForwardSplits(inhomogeneousEvents(), { folds: 5, minTrainFolds: 2, splitByTime: true });
    expect(splits).toEqual([
      { train: range(0, 12), test: range(13, 16) }, // sample 12 purged
      { train: range(0, 16), test: range(16, 18) },
      { train: range(0, 18), test: range(18, 21) },
    ]);
  });

  it('TestComputeFoldBounds: by samples (0, 2, 4, 6, 8) and by time (0, 7, 13, 16, 18)', () => {
    const hourly = { start: Float64Array.from(range(0, 10), (i) => i * 60), end: Float64Array.from(range(0, 10), (i) => i * 60 + 120) };
    const bySamples = walkForwardSplits(hourly, { folds: 5, minTrainFolds: 1 });
    expect(bySamples.map((s) => s.test[0])).toEqual([2, 4, 6, 8]);
    const byTime = walkForwardSplits(inhomogeneousEvents(), { folds: 5, minTrainFolds: 1, splitByTime: true });
    expect(byTime.map((s) => s.test[0])).toEqual([7, 13, 16, 18]);
  });
});

describe('walkForwardSplits: rolling windows, purge and embargo', () => {
  it('rolling keeps the last maxTrainFolds folds, purges overlapping labels and applies the gap', () => {
    const n = 20;
    const start = Float64Array.from(range(0, n));
    const end = start.map((s) => s + 2); // each label spans 2 more bars
    const splits = walkForwardSplits({ start, end }, { folds: 5, minTrainFolds: 2, maxTrainFolds: 2, embargo: 0.1 });
    // folds of 4: test [8,12) trains on [0,8): purging drops label 7 (ends at 9 > 8), the gap of
    // floor(20 × 0.1) = 2 samples before the test set drops 6 and 7.
    expect(splits).toEqual([
      { train: range(0, 6), test: range(8, 12) },
      { train: range(4, 10), test: range(12, 16) },
      { train: range(8, 14), test: range(16, 20) },
    ]);
  });

  it('every training label closes before its test set starts', () => {
    const start = Float64Array.from(range(0, 97), (i) => i * 3);
    const end = start.map((s, i) => s + (i % 7) * 2);
    for (const { train, test } of walkForwardSplits({ start, end }, { folds: 8 })) {
      for (const i of train) expect(end[i]!).toBeLessThanOrEqual(start[test[0]!]!);
    }
  });
});
