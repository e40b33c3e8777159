/**
 * The value `period` inputs ago, for streaming features that compare each input with an earlier
 * one (momentum, rate of change, returns). Internal.
 */
export class LagWindow {
  readonly period: number;
  readonly #ring: Float64Array;
  #count = 0;

  constructor(period: number) {
    this.period = period;
    this.#ring = new Float64Array(period);
  }

  /** Whether the next `push` returns a real past value (at least `period` inputs were pushed). */
  get full(): boolean {
    return this.#count >= this.period;
  }

  /** Stores `x` and returns the input `period` pushes before it (0 until `full`). */
  push(x: number): number {
    const k = this.#count % this.period;
    const past = this.#ring[k]!;
    this.#ring[k] = x;
    this.#count++;
    return past;
  }
}
