/**
 * A small, fast, seeded pseudo-random generator (xoshiro128** seeded through splitmix32), so that
 * every random draw in a run is reproducible from the run's seed.
 */
import { InvariantError } from '../errors.js';

/**
 * Seeded uniform generator.
 *
 * @example
 * const rng = new SeededRandom(42);
 * rng.next(); // same value on every machine for seed 42
 */
export class SeededRandom {
  readonly seed: number;
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /** @throws {InvariantError} when the seed is not a safe integer. */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new InvariantError(`seed must be a safe integer, got "${seed}"`);
    this.seed = seed;
    // splitmix32 spreads any seed (0 included) over the four state words.
    let s = (seed ^ Math.floor(seed / 4_294_967_296)) >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.#a = next();
    this.#b = next();
    this.#c = next();
    this.#d = next();
  }

  /** A uniform number in [0, 1) with 32 random bits. */
  next(): number {
    const result = Math.imul(rotl(Math.imul(this.#b, 5), 7), 9) >>> 0;
    const t = this.#b << 9;
    this.#c ^= this.#a;
    this.#d ^= this.#b;
    this.#b ^= this.#c;
    this.#a ^= this.#d;
    this.#c ^= t;
    this.#d = rotl(this.#d, 11);
    return result / 4_294_967_296;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
