/**
 * Combinatorial purged cross-validation (López de Prado, AFML §12.4): every choice of `testFolds`
 * of `folds` groups is a test set, and the test predictions recombine into
 * `testFolds / folds × C(folds, testFolds)` complete backtest paths.
 */
import { EstimatorError } from '../Estimator.js';
import type { EventTimes } from './eventTimes.js';
import { arraySplitBounds, checkEventTimes, embargoSamples, kept, purgeAround, range } from './eventTimes.js';

/** How samples are grouped into folds. */
export const FoldLayout = {
  /** `np.array_split`: the first `n % folds` folds have one extra sample (mlfinlab, timeseriescv). */
  ArraySplit: 'arraySplit',
  /** `n // folds` samples per fold, the remainder in the last fold (skfolio). */
  RemainderLast: 'remainderLast',
} as const;
/** One of {@link FoldLayout}. */
export type FoldLayout = (typeof FoldLayout)[keyof typeof FoldLayout];

/** Options of {@link combinatorialPurgedCV}. */
export interface CombinatorialPurgedCVConfig {
  /** Number of groups N (≥ 2). */
  readonly folds: number;
  /** Number of test groups k per split (1 ≤ k < N). */
  readonly testFolds: number;
  /** Embargo fraction: `floor(n × embargo)` samples after each contiguous test block. Default 0. */
  readonly embargo?: number;
  /** Fold layout; default `'arraySplit'`. */
  readonly layout?: FoldLayout;
}

/** One CPCV split: training indices and one test index list per test fold. */
export interface CombinatorialSplit {
  readonly train: number[];
  /** All test indices, ascending. */
  readonly test: number[];
  /** The test folds (ascending fold ids). */
  readonly testFolds: number[];
  /** Test indices of each test fold, in `testFolds` order. */
  readonly testByFold: number[][];
  /** The backtest path each test fold's predictions belong to, in `testFolds` order. */
  readonly pathIds: number[];
}

/** Result of {@link combinatorialPurgedCV}. */
export interface CombinatorialPurgedCV {
  /** `[from, to)` sample bounds of each fold. */
  readonly foldBounds: Array<[number, number]>;
  /** C(N, k) splits, test folds in lexicographic (itertools.combinations) order. */
  readonly splits: CombinatorialSplit[];
  /**
   * Backtest paths: `paths[p][f]` is the split whose predictions on fold `f` belong to path `p`
   * (k/N·C(N, k) paths; skfolio's `recombined_paths` transposed).
   */
  readonly paths: number[][];
}

const MAX_SPLITS = 100_000;

/** C(n, k) as a number. */
export function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/**
 * Combinatorial purged CV splits and their backtest paths. Purging and embargo follow AFML
 * snippet 7.3 around each contiguous block of test folds (adjacent test folds form one block).
 *
 * @throws {EstimatorError} for bad event times or options, or more than 100,000 splits.
 * @example
 * const { splits, paths } = combinatorialPurgedCV({ start, end }, { folds: 6, testFolds: 2, embargo: 0.01 });
 * // 15 splits, 5 paths; path p's prediction for fold f comes from splits[paths[p][f]]
 */
export function combinatorialPurgedCV(times: EventTimes, config: CombinatorialPurgedCVConfig): CombinatorialPurgedCV {
  const n = checkEventTimes(times);
  const { folds, testFolds } = config;
  if (!Number.isInteger(testFolds) || testFolds < 1 || testFolds >= folds) {
    throw new EstimatorError(`testFolds must be an integer in [1, folds - 1] = [1, ${folds - 1}], got ${testFolds}`);
  }
  const count = binomial(folds, testFolds);
  if (count > MAX_SPLITS) throw new EstimatorError(`C(${folds}, ${testFolds}) = ${count} splits exceeds the maximum of ${MAX_SPLITS}`);
  const embargo = embargoSamples(n, config.embargo ?? 0);
  const layout = config.layout ?? FoldLayout.ArraySplit;
  const foldBounds = layout === FoldLayout.RemainderLast ? remainderLastBounds(n, folds) : arraySplitBounds(n, folds);

  const combos = combinations(folds, testFolds);
  const seen = new Array<number>(folds).fill(0);
  const recombined: number[][] = Array.from({ length: folds }, () => []);
  const splits = combos.map((combo, s) => {
    const keep = new Uint8Array(n).fill(1);
    for (const f of combo) for (let i = foldBounds[f]![0]; i < foldBounds[f]![1]; i++) keep[i] = 0;
    for (const [from, to] of blocks(combo, foldBounds)) purgeAround(times, from, to, embargo, keep);
    const pathIds = combo.map((f) => {
      recombined[f]!.push(s);
      return seen[f]!++;
    });
    const testByFold = combo.map((f) => range(foldBounds[f]![0], foldBounds[f]![1]));
    return { train: kept(keep), test: testByFold.flat(), testFolds: combo, testByFold, pathIds };
  });
  const pathCount = (testFolds * count) / folds;
  const paths = Array.from({ length: pathCount }, (_, p) => recombined.map((list) => list[p]!));
  return { foldBounds, splits, paths };
}

function remainderLastBounds(n: number, k: number): Array<[number, number]> {
  if (!Number.isInteger(k) || k < 2) throw new EstimatorError(`folds must be an integer ≥ 2, got ${k}`);
  const size = Math.floor(n / k);
  if (size < 1) throw new EstimatorError(`cannot split ${n} samples into ${k} folds`);
  return Array.from({ length: k }, (_, f): [number, number] => [f * size, f === k - 1 ? n : (f + 1) * size]);
}

function combinations(n: number, k: number): number[][] {
  const out: number[][] = [];
  const combo: number[] = [];
  const rec = (from: number): void => {
    if (combo.length === k) {
      out.push(combo.slice());
      return;
    }
    for (let i = from; i <= n - (k - combo.length); i++) {
      combo.push(i);
      rec(i + 1);
      combo.pop();
    }
  };
  rec(0);
  return out;
}

function blocks(combo: readonly number[], bounds: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const f of combo) {
    const [from, to] = bounds[f]!;
    const last = out[out.length - 1];
    if (last !== undefined && last[1] === from) last[1] = to;
    else out.push([from, to]);
  }
  return out;
}

/**
 * Assembles the backtest paths of a CPCV run: `predictions[s]` holds split `s`'s out-of-sample
 * predictions in `splits[s].test` order; path `p` takes, for each fold `f`, the predictions of split
 * `paths[p][f]` on that fold. Returns one array of `n` predictions per path (every sample covered
 * exactly once per path).
 *
 * @throws {EstimatorError} when a split's predictions do not match its test size.
 * @example
 * const cv = combinatorialPurgedCV(events, { folds: 6, testFolds: 2 });
 * const preds = cv.splits.map((s) => fitAndPredict(s.train, s.test));
 * const paths = backtestPaths(cv, preds); // 5 full-length OOS prediction paths
 */
export function backtestPaths(cv: CombinatorialPurgedCV, predictions: readonly ArrayLike<number>[]): Float64Array[] {
  if (predictions.length !== cv.splits.length) throw new EstimatorError(`backtestPaths needs predictions for ${cv.splits.length} splits, got ${predictions.length}`);
  cv.splits.forEach((s, k) => {
    if (predictions[k]!.length !== s.test.length) throw new EstimatorError(`split ${k} has ${s.test.length} test samples but ${predictions[k]!.length} predictions`);
  });
  const n = cv.foldBounds[cv.foldBounds.length - 1]![1];
  return cv.paths.map((path) => {
    const out = new Float64Array(n).fill(NaN);
    path.forEach((s, f) => {
      const split = cv.splits[s]!;
      let offset = 0;
      for (let j = 0; j < split.testFolds.length && split.testFolds[j] !== f; j++) offset += split.testByFold[j]!.length;
      const [from, to] = cv.foldBounds[f]!;
      for (let i = from; i < to; i++) out[i] = predictions[s]![offset + i - from]!;
    });
    return out;
  });
}
