/**
 * Exhaustive grid search over lists of values.
 */
import type { Observation, ParamSet, ParameterSearch, ParamValue } from './SearchSpace.js';

/** The Cartesian product of the value lists, the first parameter varying slowest. */
export function* cartesianProduct(axes: Readonly<Record<string, readonly ParamValue[]>>): Generator<ParamSet> {
  const names = Object.keys(axes);
  const values = names.map((k) => axes[k]!);
  if (names.length === 0 || values.some((v) => v.length === 0)) return;
  const idx = names.map(() => 0);
  for (;;) {
    yield Object.fromEntries(names.map((k, i) => [k, values[i]![idx[i]!]!]));
    let d = names.length - 1;
    while (d >= 0 && ++idx[d]! === values[d]!.length) idx[d--] = 0;
    if (d < 0) return;
  }
}

/**
 * Every combination of the value lists, in order; finished when all were proposed.
 *
 * @example new GridSearch({ fast: [5, 10], slow: [20, 50] }).propose(10, []).length // 4
 */
export class GridSearch implements ParameterSearch {
  readonly name = 'grid';
  readonly #sets: Generator<ParamSet>;
  /** Number of sets in the grid. */
  readonly size: number;

  constructor(axes: Readonly<Record<string, readonly ParamValue[]>>) {
    this.#sets = cartesianProduct(axes);
    this.size = Object.values(axes).reduce((n, v) => n * v.length, Object.keys(axes).length === 0 ? 0 : 1);
  }

  propose(count: number, _history: readonly Observation[]): ParamSet[] {
    const out: ParamSet[] = [];
    while (out.length < count) {
      const next = this.#sets.next();
      if (next.done === true) break;
      out.push(next.value);
    }
    return out;
  }
}
