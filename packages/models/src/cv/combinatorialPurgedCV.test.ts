import { describe, expect, it } from 'vitest';
import { backtestPaths, binomial, combinatorialPurgedCV } from './combinatorialPurgedCV.js';
import { inhomogeneousEvents } from '../internal/timeseriescvFixture.js';

/**
 * skfolio counts purge and embargo in observations: `purged_size = p` drops p training samples on
 * each side of a test block. In event times that is sample i observed at i whose label closes
 * inside the (p+1)-th next observation's interval: end = i + p + 0.5.
 */
function countEvents(n: number, p: number): { start: Float64Array; end: Float64Array } {
  const start = Float64Array.from({ length: n }, (_, i) => i);
  return { start, end: start.map((s) => s + p + 0.5 * Math.sign(p)) };
}

const trainTest = (cv: ReturnType<typeof combinatorialPurgedCV>): Array<[number[], number[][]]> =>
  cv.splits.map((s) => [s.train, s.testByFold]);

// Literals from skfolio tests/test_model_selection/test_combinatorial.py::test_combinatorial_purged_cv
// (skfolio/skfolio @ c06db8406385cf4bce83577d0f0710ee5a27e67e).
describe('combinatorialPurgedCV: skfolio literals', () => {
  it('3 folds, 2 test folds, no purge: splits, path ids and recombined paths', () => {
    const cv = combinatorialPurgedCV(countEvents(12, 0), { folds: 3, testFolds: 2, layout: 'remainderLast' });
    expect(trainTest(cv)).toEqual([
      [[8, 9, 10, 11], [[0, 1, 2, 3], [4, 5, 6, 7]]],
      [[4, 5, 6, 7], [[0, 1, 2, 3], [8, 9, 10, 11]]],
      [[0, 1, 2, 3], [[4, 5, 6, 7], [8, 9, 10, 11]]],
    ]);
    expect(cv.splits.map((s) => s.testFolds)).toEqual([[0, 1], [0, 2], [1, 2]]); // test_set_index
    expect(cv.splits.map((s) => s.pathIds)).toEqual([[0, 0], [1, 0], [1, 1]]); // get_path_ids()
    // recombined_paths [[0, 1], [0, 2], [1, 2]] (fold × path), transposed to path × fold:
    expect(cv.paths).toEqual([[0, 0, 1], [1, 2, 2]]);
  });

  it('purged_size = 1', () => {
    const cv = combinatorialPurgedCV(countEvents(12, 1), { folds: 3, testFolds: 2, layout: 'remainderLast' });
    expect(cv.splits.map((s) => s.train)).toEqual([[9, 10, 11], [5, 6], [0, 1, 2]]);
  });

  it('embargo_size = 1 (1/12 of 12 samples)', () => {
    const cv = combinatorialPurgedCV(countEvents(12, 0), { folds: 3, testFolds: 2, embargo: 1 / 12, layout: 'remainderLast' });
    expect(cv.splits.map((s) => s.train)).toEqual([[9, 10, 11], [5, 6, 7], [0, 1, 2, 3]]);
  });

  it('5 folds, 2 test folds: 10 splits, 4 paths', () => {
    const cv = combinatorialPurgedCV(countEvents(12, 0), { folds: 5, testFolds: 2, layout: 'remainderLast' });
    expect(trainTest(cv)).toEqual([
      [[4, 5, 6, 7, 8, 9, 10, 11], [[0, 1], [2, 3]]],
      [[2, 3, 6, 7, 8, 9, 10, 11], [[0, 1], [4, 5]]],
      [[2, 3, 4, 5, 8, 9, 10, 11], [[0, 1], [6, 7]]],
      [[2, 3, 4, 5, 6, 7], [[0, 1], [8, 9, 10, 11]]],
      [[0, 1, 6, 7, 8, 9, 10, 11], [[2, 3], [4, 5]]],
      [[0, 1, 4, 5, 8, 9, 10, 11], [[2, 3], [6, 7]]],
      [[0, 1, 4, 5, 6, 7], [[2, 3], [8, 9, 10, 11]]],
      [[0, 1, 2, 3, 8, 9, 10, 11], [[4, 5], [6, 7]]],
      [[0, 1, 2, 3, 6, 7], [[4, 5], [8, 9, 10, 11]]],
      [[0, 1, 2, 3, 4, 5], [[6, 7], [8, 9, 10, 11]]],
    ]);
    expect(cv.splits.map((s) => s.pathIds)).toEqual([[0, 0], [1, 0], [2, 0], [3, 0], [1, 1], [2, 1], [3, 1], [2, 2], [3, 2], [3, 3]]);
    const recombined = [[0, 1, 2, 3], [0, 4, 5, 6], [1, 4, 7, 8], [2, 5, 7, 9], [3, 6, 8, 9]];
    expect(cv.paths).toEqual([0, 1, 2, 3].map((p) => recombined.map((row) => row[p])));
  });

  it('every path covers every fold exactly once, from a split that tested it', () => {
    const cv = combinatorialPurgedCV(countEvents(60, 2), { folds: 6, testFolds: 2, embargo: 0.02 });
    expect(cv.splits).toHaveLength(binomial(6, 2));
    expect(cv.paths).toHaveLength(5);
    for (const path of cv.paths) path.forEach((s, f) => expect(cv.splits[s]!.testFolds).toContain(f));
  });

  it('rejects too many splits', () => {
    expect(() => combinatorialPurgedCV(countEvents(40, 0), { folds: 20, testFolds: 10 })).toThrow('C(20, 10) = 184756 splits exceeds');
  });
});

// Literals from timeseriescv timeseriescv/tests/test_cross_validation.py::TestCombPurgedKFoldCV::test_split
// (sam31415/timeseriescv @ cb04fb6ea7a0b2c15920ca253f882336fe336ba8). timeseriescv yields the combinations
// in reverse order; its 3rd split tests folds (1, 2), its 4th folds (0, 3).
describe('combinatorialPurgedCV: timeseriescv literals', () => {
  it('4 folds, 2 test folds on the time-inhomogeneous sample', () => {
    const cv = combinatorialPurgedCV(inhomogeneousEvents(), { folds: 4, testFolds: 2 });
    const byFolds = (a: number, b: number) => cv.splits.find((s) => s.testFolds[0] === a && s.testFolds[1] === b)!;
    expect(byFolds(1, 2).train).toEqual([0, 1, 2, 3, 4, 16, 17, 18, 19, 20]); // sample 5 purged
    expect(byFolds(1, 2).test).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(byFolds(0, 3).train).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15]); // sample 6 embargoed
    expect(byFolds(0, 3).test).toEqual([0, 1, 2, 3, 4, 5, 16, 17, 18, 19, 20]);
  });
});

// Literals from mlfinlab mlfinlab/tests/test_combinatorial_cross_validation.py
// (hudson-and-thames/mlfinlab @ e03591a674e0ad6a9e48a049b074f29398e7eb7f, "Add backtest paths generation to CPCV").
// Its fixture has 100 daily events whose ends are built with freq='T' (minutes), so all but two end
// before they start, which our splitter rejects; we use what it evidently meant — each event ends
// one day and two minutes after it starts (overlapping the next event by two minutes). None of the
// asserted literals depends on that choice.
describe('combinatorialPurgedCV: mlfinlab literals', () => {
  const DAY = 86_400_000;
  const start = Float64Array.from({ length: 100 }, (_, i) => i * DAY);
  const end = start.map((s) => s + DAY + 120_000);

  it('CombinatorialPurgedKFold(6, 2): 15 splits, test bounds from the book (p. 164), N − 1 paths', () => {
    const cv = combinatorialPurgedCV({ start, end }, { folds: 6, testFolds: 2 });
    expect(cv.splits).toHaveLength(15);
    const bounds = (s: { test: number[] }): [number, number] => [s.test[0]!, s.test[s.test.length - 1]!];
    expect(cv.splits.slice(0, 5).map(bounds)).toEqual([[0, 33], [0, 50], [0, 67], [0, 83], [0, 99]]);
    expect(cv.splits.slice(-5).map(bounds)).toEqual([[34, 83], [34, 99], [51, 83], [51, 99], [68, 99]]);
    expect(cv.paths).toHaveLength(5); // phi[N, 2] = N - 1
    // backtest_paths[p][f]['train'] is train_splits[s]: our paths[p][f] = s.
    expect(cv.paths[0]![0]).toBe(0);
    expect(cv.paths[0]![1]).toBe(0);
    expect(cv.paths[1]![0]).toBe(1);
    expect(cv.paths[1]![2]).toBe(5);
    expect(cv.paths[4]![5]).toBe(14);
    expect(cv.paths[4]![4]).toBe(14);
  });

  it('pct_embargo = 0.05 removes 5 samples after each inner test block, none after the last', () => {
    const withEmbargo = combinatorialPurgedCV({ start, end }, { folds: 6, testFolds: 2, embargo: 0.05 });
    const without = combinatorialPurgedCV({ start, end }, { folds: 6, testFolds: 2 });
    const diff = (k: number): number => without.splits[k]!.train.length - withEmbargo.splits[k]!.train.length;
    expect(diff(0)).toBe(5);
    expect(diff(1)).toBe(10);
    expect(diff(14)).toBe(0);
  });
});

describe('backtestPaths', () => {
  it('assembles full-length paths, each fold from the split the path assigns it', () => {
    const cv = combinatorialPurgedCV(countEvents(23, 1), { folds: 5, testFolds: 2 });
    // Prediction = 1000 · split + sample index, so the source of every value is visible.
    const preds = cv.splits.map((s, k) => s.test.map((i) => 1000 * k + i));
    const paths = backtestPaths(cv, preds);
    expect(paths).toHaveLength(4);
    paths.forEach((path, p) => {
      for (let f = 0; f < 5; f++) {
        const [from, to] = cv.foldBounds[f]!;
        for (let i = from; i < to; i++) expect(path[i]).toBe(1000 * cv.paths[p]![f]! + i);
      }
    });
    expect(() => backtestPaths(cv, preds.slice(1))).toThrow('needs predictions for 10 splits, got 9');
  });
});
