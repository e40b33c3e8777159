/**
 * Expanding and rolling walk-forward splits with purging and embargo: train on the past, test on
 * the next fold, never the other way round.
 */
import { EstimatorError } from '../Estimator.js';
import type { EventTimes, Split } from './eventTimes.js';
import { arraySplitBounds, checkEventTimes, range } from './eventTimes.js';

/** Options of {@link walkForwardSplits}. */
export interface WalkForwardSplitConfig {
  /** Number of folds the samples are cut into (≥ 2). */
  readonly folds: number;
  /** Folds before the first test fold (default 1). */
  readonly minTrainFolds?: number | undefined;
  /** Rolling window: at most this many folds of training (default: all, i.e. expanding). */
  readonly maxTrainFolds?: number | undefined;
  /** Folds per test set (default 1); the last test set takes whatever remains. */
  readonly testFolds?: number | undefined;
  /**
   * Cut folds on equal time spans of `start` (timeseriescv's `split_by_time`) instead of equal
   * sample counts (`np.array_split`). Default false.
   */
  readonly splitByTime?: boolean | undefined;
  /**
   * Gap as a fraction of the sample count: `floor(n × embargo)` training samples before each test
   * set are dropped on top of purging. Default 0.
   */
  readonly embargo?: number | undefined;
}

/**
 * Walk-forward splits: for each test fold after the first `minTrainFolds`, train on the preceding
 * folds (all of them, or the last `maxTrainFolds`), purged of samples whose end is after the test
 * set's first start (AFML snippet 7.3 rule), minus an optional embargo gap.
 *
 * @throws {EstimatorError} for bad event times or options.
 * @example
 * walkForwardSplits({ start, end }, { folds: 10, maxTrainFolds: 4 }); // rolling
 */
export function walkForwardSplits(times: EventTimes, config: WalkForwardSplitConfig): Split[] {
  const n = checkEventTimes(times);
  const { folds } = config;
  const minTrain = config.minTrainFolds ?? 1;
  const maxTrain = config.maxTrainFolds ?? Infinity;
  const testFolds = config.testFolds ?? 1;
  if (!Number.isInteger(minTrain) || minTrain < 1 || minTrain >= folds) throw new EstimatorError(`minTrainFolds must be an integer in [1, ${folds - 1}], got ${minTrain}`);
  if (!(maxTrain >= 1)) throw new EstimatorError(`maxTrainFolds must be ≥ 1, got ${maxTrain}`);
  if (!Number.isInteger(testFolds) || testFolds < 1) throw new EstimatorError(`testFolds must be a positive integer, got ${testFolds}`);
  const gap = Math.floor(n * (config.embargo ?? 0));
  if (!(gap >= 0)) throw new EstimatorError(`embargo must be ≥ 0, got ${config.embargo}`);
  const lefts = config.splitByTime === true ? timeBounds(times, folds) : arraySplitBounds(n, folds).map(([from]) => from);
  const splits: Split[] = [];
  for (let f = minTrain; f < folds && folds - f >= testFolds; f++) {
    const from = lefts[f]!;
    const to = folds - f > testFolds ? lefts[f + testFolds]! : n;
    const trainFrom = f > maxTrain ? lefts[f - maxTrain]! : 0;
    const t0 = times.start[from]!;
    const train: number[] = [];
    const trainTo = Math.max(trainFrom, from - gap);
    for (let i = trainFrom; i < trainTo; i++) if (times.end[i]! <= t0) train.push(i);
    if (to > from) splits.push({ train, test: range(from, to) });
  }
  return splits;
}

/** Left fold bounds on equal time spans: first index with start ≥ start[0] + f × span / folds. */
function timeBounds(times: EventTimes, folds: number): number[] {
  const { start } = times;
  const n = start.length;
  if (n === 0) throw new EstimatorError('walk-forward needs at least one sample');
  const t0 = start[0]!;
  const span = (start[n - 1]! - t0) / folds;
  const out: number[] = [];
  for (let f = 0; f < folds; f++) {
    const t = t0 + span * f;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (start[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    out.push(lo);
  }
  return out;
}
