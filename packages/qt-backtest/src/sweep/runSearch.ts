/**
 * Drives a parameter search: proposes, evaluates in batches, feeds the scores back, and counts
 * every trial (the count the deflated Sharpe ratio and the manifest need).
 */
import type { Observation, ParamSet, ParameterSearch } from './SearchSpace.js';

/** Settings of {@link runSearch}. */
export interface RunSearchConfig {
  readonly search: ParameterSearch;
  /** Most trials to run (integer >= 1). */
  readonly budget: number;
  /** Sets proposed and evaluated together (parallel workers); default 1 (fully sequential). */
  readonly batchSize?: number;
  /** Scores a batch of sets (higher is better; NaN for a failed trial), in the order given. */
  evaluate(sets: readonly ParamSet[]): Promise<readonly number[]> | readonly number[];
  /** Stops early once this returns true (e.g. a target score reached). */
  readonly stopWhen?: (history: readonly Observation[]) => boolean;
}

/** What a search did. */
export interface SearchResult {
  /** Every trial in evaluation order. */
  readonly history: readonly Observation[];
  /** The best finite score's trial (the first on ties), or undefined when none is finite. */
  readonly best: Observation | undefined;
  /** Number of trials run: the N of the deflated Sharpe ratio. */
  readonly trials: number;
}

/**
 * Runs `search` until `budget` trials, an exhausted search, or `stopWhen`.
 *
 * @throws {RangeError} for a bad budget or batch size, or when `evaluate` returns the wrong count.
 * @example
 * const { best, trials } = await runSearch({ search: new TpeSearch(space, { seed: 1 }), budget: 100, evaluate: (sets) => sets.map(score) });
 */
export async function runSearch(config: RunSearchConfig): Promise<SearchResult> {
  const { search, budget } = config;
  const batchSize = config.batchSize ?? 1;
  if (!(Number.isInteger(budget) && budget >= 1)) throw new RangeError(`budget must be an integer >= 1, got ${budget}`);
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new RangeError(`batchSize must be an integer >= 1, got ${batchSize}`);
  const history: Observation[] = [];
  let best: Observation | undefined;
  while (history.length < budget) {
    const sets = search.propose(Math.min(batchSize, budget - history.length), history);
    if (sets.length === 0) break;
    const scores = await config.evaluate(sets);
    if (scores.length !== sets.length) throw new RangeError(`evaluate returned ${scores.length} scores for ${sets.length} sets`);
    for (let i = 0; i < sets.length; i++) {
      const o: Observation = { params: sets[i]!, score: scores[i]! };
      history.push(o);
      if (Number.isFinite(o.score) && (best === undefined || o.score > best.score)) best = o;
    }
    if (config.stopWhen?.(history) === true) break;
  }
  return { history, best, trials: history.length };
}
