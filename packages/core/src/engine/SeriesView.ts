/**
 * Read-only windows on a symbol's history that end at the current bar. A view holds no reference a
 * strategy could use to reach later data: it exposes values by index within the window only, and
 * `toArray` copies the window.
 */
import { QtError } from '../errors.js';

/**
 * Thrown when code asks for data after the current bar (a negative `ago`, an index past the end of
 * a history window). Reading the future is impossible through the API, not merely discouraged.
 */
export class LookAheadError extends QtError {}

/**
 * The last `length` values of one field of one symbol, oldest first, ending at the current bar.
 *
 * @example
 * const closes = ctx.history('ORCL', 'close', 30);
 * closes.at(-1); // the current bar's close
 * closes.at(0);  // the oldest close in the window
 */
export class SeriesView {
  readonly #data: Float64Array;
  readonly #start: number;
  /** Number of values in the window (fewer than asked for early in the data). */
  readonly length: number;

  /** @internal Built by the engine; strategies get views from `ctx.history`. */
  constructor(data: Float64Array, start: number, length: number) {
    this.#data = data;
    this.#start = start;
    this.length = length;
  }

  /**
   * The value at `index` in the window: 0 is the oldest, `length − 1` (or −1) the current bar.
   *
   * @throws {LookAheadError} for an index at or past the end of the window (later data).
   * @throws {RangeError} for an index before the start of the window.
   */
  at(index: number): number {
    const i = index < 0 ? this.length + index : index;
    if (!Number.isInteger(i) || i >= this.length) {
      throw new LookAheadError(`history index "${index}" is past the current bar (window of ${this.length} values)`);
    }
    if (i < 0) throw new RangeError(`history index "${index}" is before the window of ${this.length} values`);
    return this.#data[this.#start + i]!;
  }

  /** The current bar's value (`at(-1)`). */
  last(): number {
    return this.at(-1);
  }

  /** Sum of the window (compensated, so long windows do not drift). */
  sum(): number {
    let s = 0;
    let c = 0;
    const end = this.#start + this.length;
    for (let i = this.#start; i < end; i++) {
      const y = this.#data[i]! - c;
      const t = s + y;
      c = t - s - y;
      s = t;
    }
    return s;
  }

  /** Mean of the window (NaN when empty). */
  mean(): number {
    return this.length === 0 ? Number.NaN : this.sum() / this.length;
  }

  /** A copy of the window, oldest first. */
  toArray(): Float64Array {
    return this.#data.slice(this.#start, this.#start + this.length);
  }

  *[Symbol.iterator](): IterableIterator<number> {
    for (let i = 0; i < this.length; i++) yield this.#data[this.#start + i]!;
  }
}
