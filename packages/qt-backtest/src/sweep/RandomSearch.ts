/**
 * Seeded uniform random search (Bergstra & Bengio 2012, "Random Search for Hyper-Parameter
 * Optimization", JMLR 13).
 */
import { SeededRandom } from '@qt-backtest/core';
import { checkSpace, isChoice, type ChoiceDimension, type Observation, type ParamSet, type ParameterSearch, type RangeDimension, type SearchSpace } from './SearchSpace.js';

/** One uniform draw from a dimension (log-uniform for log ranges; integers uniform over the whole numbers). */
export function sampleDimension(d: RangeDimension | ChoiceDimension, rng: SeededRandom): number | boolean | string {
  if (isChoice(d)) return d.values[Math.min(d.values.length - 1, Math.floor(rng.next() * d.values.length))]!;
  if (d.integer === true) {
    const lo = Math.ceil(d.low);
    const hi = Math.floor(d.high);
    // Log-uniform over [lo, hi + 1), floored: each whole number gets the mass of its unit interval.
    if (d.log === true) return Math.min(hi, Math.floor(Math.exp(Math.log(lo) + rng.next() * (Math.log(hi + 1) - Math.log(lo)))));
    return lo + Math.min(hi - lo, Math.floor(rng.next() * (hi - lo + 1)));
  }
  if (d.log === true) return Math.exp(Math.log(d.low) + rng.next() * (Math.log(d.high) - Math.log(d.low)));
  return d.low + rng.next() * (d.high - d.low);
}

/**
 * Uniform random search: each proposal draws every parameter independently from its dimension,
 * from a generator seeded once, so a seed always gives the same sequence of sets. It never
 * finishes on its own: the caller's trial budget ends it.
 *
 * @example
 * const search = new RandomSearch({ fast: { low: 2, high: 50, integer: true } }, { seed: 7 });
 * search.propose(3, []); // three sets
 */
export class RandomSearch implements ParameterSearch {
  readonly name = 'random';
  readonly #space: SearchSpace;
  readonly #rng: SeededRandom;

  /** @throws {RangeError} for a bad space (see {@link checkSpace}). */
  constructor(space: SearchSpace, options: { readonly seed?: number } = {}) {
    checkSpace(space);
    this.#space = space;
    this.#rng = new SeededRandom(options.seed ?? 0);
  }

  propose(count: number, _history: readonly Observation[]): ParamSet[] {
    const out: ParamSet[] = [];
    for (let i = 0; i < count; i++) {
      const set: Record<string, number | boolean | string> = {};
      for (const [name, d] of Object.entries(this.#space)) set[name] = sampleDimension(d, this.#rng);
      out.push(set);
    }
    return out;
  }
}
