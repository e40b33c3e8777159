/**
 * Hyperparameter search inside a training window: every candidate is scored by purged k-fold
 * cross-validation on that window only, so the choice never sees the window's future.
 */
import { SeededRandom } from '@qt-backtest/core';
import type { Estimator, HyperparameterValue, Hyperparameters } from '../Estimator.js';
import { EstimatorError, isClassifier } from '../Estimator.js';
import { purgedKFold } from '../cv/purgedKFold.js';
import type { Dataset } from './Dataset.js';
import { subsetRows } from './Dataset.js';

/** A search space: candidate values per hyperparameter. */
export type SearchSpace = Readonly<Record<string, readonly HyperparameterValue[]>>;

/** Options of a search. */
export interface SearchConfig {
  readonly space: SearchSpace;
  /** 'grid' tries every combination; 'random' draws `samples` distinct ones with `seed`. Default 'grid'. */
  readonly mode?: 'grid' | 'random';
  readonly samples?: number;
  /** Inner purged k-fold folds (default 3). */
  readonly folds?: number;
  /** Inner embargo fraction (default 0.01). */
  readonly embargo?: number;
}

/** The candidates a search will try, in order. */
export function candidates(config: SearchConfig, seed: number): Hyperparameters[] {
  const keys = Object.keys(config.space);
  for (const k of keys) if (config.space[k]!.length === 0) throw new EstimatorError(`search space for "${k}" is empty`);
  const all: Hyperparameters[] = [{}];
  for (const k of keys) {
    const next: Hyperparameters[] = [];
    for (const base of all) for (const v of config.space[k]!) next.push({ ...base, [k]: v });
    all.splice(0, all.length, ...next);
  }
  if ((config.mode ?? 'grid') === 'grid') return all;
  const samples = config.samples ?? 10;
  if (!Number.isInteger(samples) || samples < 1) throw new EstimatorError(`random search needs samples ≥ 1, got ${samples}`);
  const rng = new SeededRandom(seed);
  const order = all.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.slice(0, Math.min(samples, all.length)).map((i) => all[i]!);
}

/** Result of one search. */
export interface SearchResult {
  readonly best: Hyperparameters;
  /** Mean inner-CV loss of the best candidate (log loss for classifiers, MSE for regressors). */
  readonly bestScore: number;
  readonly tried: number;
  readonly scores: ReadonlyArray<{ readonly hyperparameters: Hyperparameters; readonly score: number }>;
}

/**
 * Scores every candidate by purged k-fold CV on `data` (targets `y`, weights `w`) and returns the
 * one with the lowest mean loss (ties: the first).
 */
export async function searchHyperparameters(estimator: Estimator, data: Dataset, y: Float64Array, w: Float64Array | undefined, config: SearchConfig, seed: number): Promise<SearchResult> {
  const list = candidates(config, seed);
  const splits = purgedKFold({ start: data.start, end: data.end }, { folds: config.folds ?? 3, embargo: config.embargo ?? 0.01 });
  const scores: Array<{ hyperparameters: Hyperparameters; score: number }> = [];
  for (const h of list) {
    let total = 0;
    let count = 0;
    for (const { train, test } of splits) {
      if (train.length === 0 || test.length === 0) continue;
      const model = estimator.withHyperparameters(h);
      const tr = subsetRows(data, train);
      const te = subsetRows(data, test);
      const yTr = Float64Array.from(train, (i) => y[i]!);
      const yTe = Float64Array.from(test, (i) => y[i]!);
      await model.fit(tr.X, yTr, { sampleWeight: w === undefined ? undefined : Float64Array.from(train, (i) => w[i]!), seed, events: { start: tr.start, end: tr.end } });
      total += loss(model, te.X, yTe);
      count++;
    }
    scores.push({ hyperparameters: h, score: count > 0 ? total / count : NaN });
  }
  let best = scores[0]!;
  for (const s of scores) if (s.score < best.score || Number.isNaN(best.score)) best = s;
  return { best: best.hyperparameters, bestScore: best.score, tried: list.length, scores };
}

function loss(model: Estimator, X: Dataset['X'], y: Float64Array): number {
  let s = 0;
  if (isClassifier(model)) {
    const p = model.predictProba(X);
    for (let i = 0; i < y.length; i++) {
      const q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]!));
      s -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
    }
  } else {
    const p = model.predict(X);
    for (let i = 0; i < y.length; i++) s += (p[i]! - y[i]!) ** 2;
  }
  return s / y.length;
}
