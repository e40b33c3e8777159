/**
 * Sequence windows read lazily from one time-indexed feature matrix, so that training a sequence
 * model over N windows of T steps needs memory for one mini-batch, not N × T × features.
 */
import type { FeatureMatrix, SequenceTensor } from '@qt-backtest/models';
import { EstimatorError } from '@qt-backtest/models';

/** Options of {@link WindowedSequences}. */
export interface WindowedSequencesConfig {
  /** Rows = time steps in order, columns = features (causal values known at each row's time). */
  readonly features: FeatureMatrix;
  /** Steps per window (≥ 1). */
  readonly steps: number;
  /**
   * The row each window ends at (its most recent step), ascending or not; each must be
   * ≥ `steps − 1` and < `features.rows`. Default: every row from `steps − 1` on.
   */
  readonly ends?: Int32Array;
}

/**
 * `rows` windows of `steps` consecutive feature rows, each ending at `ends[i]`, materialised only
 * one batch at a time by {@link WindowedSequences.copyWindows}. Step `steps − 1` of window `i` is
 * feature row `ends[i]`, matching {@link SequenceTensor}'s layout.
 *
 * @example
 * const windows = new WindowedSequences({ features: { data, rows: 2520, cols: 5 }, steps: 60 });
 * windows.rows; // 2461
 */
export class WindowedSequences {
  readonly rows: number;
  readonly steps: number;
  readonly cols: number;
  readonly #features: FeatureMatrix;
  readonly #ends: Int32Array;

  /** @throws {EstimatorError} when `steps` or an end row is out of range, or the matrix is malformed. */
  constructor(config: WindowedSequencesConfig) {
    const { features, steps } = config;
    if (features.data.length !== features.rows * features.cols) {
      throw new EstimatorError(`feature matrix of ${features.rows} × ${features.cols} has ${features.data.length} values`);
    }
    if (!Number.isInteger(steps) || steps < 1 || steps > features.rows) {
      throw new EstimatorError(`window steps must be an integer in [1, ${features.rows}], got "${steps}"`);
    }
    let ends = config.ends;
    if (ends === undefined) {
      ends = new Int32Array(features.rows - steps + 1);
      for (let i = 0; i < ends.length; i++) ends[i] = i + steps - 1;
    }
    for (let i = 0; i < ends.length; i++) {
      const e = ends[i]!;
      if (e < steps - 1 || e >= features.rows) {
        throw new EstimatorError(`window ${i} ends at row "${e}", outside [${steps - 1}, ${features.rows - 1}] for ${steps} steps`);
      }
    }
    this.rows = ends.length;
    this.steps = steps;
    this.cols = features.cols;
    this.#features = features;
    this.#ends = ends;
  }

  /** The feature row window `i` ends at. */
  endOf(i: number): number {
    return this.#ends[i]!;
  }

  /**
   * Copies windows `indices[from..to)` into `out` (row-major, `(to − from) × steps × cols` values).
   *
   * @throws {EstimatorError} naming the window, step and feature of the first non-finite value.
   */
  copyWindows(indices: ArrayLike<number>, from: number, to: number, out: Float32Array): void {
    const { steps, cols } = this;
    const data = this.#features.data;
    const span = steps * cols;
    for (let k = from; k < to; k++) {
      const w = indices[k]!;
      const start = (this.#ends[w]! - steps + 1) * cols;
      const o = (k - from) * span;
      for (let j = 0; j < span; j++) {
        const v = data[start + j]!;
        if (!Number.isFinite(v)) {
          throw new EstimatorError(
            `window ${w} (ending at row ${this.#ends[w]}) has "${v}" at step ${Math.floor(j / cols)}, feature ${j % cols}`,
          );
        }
        out[o + j] = v;
      }
    }
  }

  /** All windows as one dense {@link SequenceTensor} (for small data; memory grows with `rows`). */
  materialize(): SequenceTensor {
    const out = new Float32Array(this.rows * this.steps * this.cols);
    const all = Int32Array.from({ length: this.rows }, (_, i) => i);
    this.copyWindows(all, 0, this.rows, out);
    return { data: Float64Array.from(out), rows: this.rows, steps: this.steps, cols: this.cols };
  }
}
