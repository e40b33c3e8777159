/**
 * Purged k-fold cross-validation with an embargo (López de Prado, AFML snippet 7.3).
 */
import type { EventTimes, Split } from './eventTimes.js';
import { arraySplitBounds, checkEventTimes, embargoSamples, kept, purgeAround, range } from './eventTimes.js';

/** Options of {@link purgedKFold}. */
export interface PurgedKFoldConfig {
  /** Number of contiguous test folds (≥ 2). */
  readonly folds: number;
  /** Embargo as a fraction of the sample count: `floor(n × embargo)` samples after each test fold. Default 0. */
  readonly embargo?: number;
}

/**
 * Purged k-fold splits with AFML snippet 7.3 semantics: test folds are contiguous
 * (`np.array_split`); a training sample left of the test fold is kept iff its end ≤ the fold's
 * first start; on the right, training resumes at the first sample whose start ≥ the latest end of
 * any test sample, plus `floor(n × embargo)` samples.
 *
 * @throws {EstimatorError} for bad event times, folds or embargo.
 * @example
 * const splits = purgedKFold({ start, end }, { folds: 5, embargo: 0.01 });
 * for (const { train, test } of splits) { ... }
 */
export function purgedKFold(times: EventTimes, config: PurgedKFoldConfig): Split[] {
  const n = checkEventTimes(times);
  const embargo = embargoSamples(n, config.embargo ?? 0);
  return arraySplitBounds(n, config.folds).map(([from, to]) => {
    const keep = new Uint8Array(n).fill(1);
    for (let i = from; i < to; i++) keep[i] = 0;
    purgeAround(times, from, to, embargo, keep);
    return { train: kept(keep), test: range(from, to) };
  });
}
