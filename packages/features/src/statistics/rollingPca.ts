/**
 * Rolling principal component analysis of a panel of series (e.g. asset returns): the top
 * eigenvalues and eigenvectors of the covariance matrix of the last `window` rows, with the
 * covariance maintained incrementally.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { ExactRollingSum } from '../core/ExactRollingSum.js';
import { checkPeriod, FeatureArgumentError } from '../core/errors.js';
import type { StreamingFeature } from '../core/types.js';

/** Options of {@link rollingPca}. */
export interface RollingPcaOptions {
  /** Rows (times) per window, `w` (whole number >= 2). */
  readonly window: number;
  /** Leading components to report, `k` (whole number, 1 ..= number of series). */
  readonly components: number;
  /** Decompose every `stride` rows (whole number >= 1; default 1 = every row). */
  readonly stride?: number;
}

/**
 * Output of {@link rollingPca}, every array aligned to the input's time index (length `n`).
 * Component `c = 0` is the largest. Before the first full window all values are NaN.
 */
export interface RollingPcaResult {
  /** `explained[c][t]`: variance along component `c` (an eigenvalue of the sample covariance). */
  readonly explained: Float64Array[];
  /** `loadings[c][j][t]`: weight of series `j` in component `c` (unit-length eigenvector). */
  readonly loadings: Float64Array[][];
  /** `total[t]`: total variance (trace of the covariance), so `explained[c][t] / total[t]` is the share. */
  readonly total: Float64Array;
  /**
   * `asOf[t]`: the last row of the window the values at `t` were computed on: `t` on a
   * decomposition row, the latest earlier decomposition row in between (stride > 1). NaN before
   * the first.
   */
  readonly asOf: Float64Array;
}

/** One streaming value of {@link RollingPca} (frozen). */
export interface PcaSnapshot {
  /** Variance along each of the `k` components, largest first (NaN before the first window). */
  readonly explained: readonly number[];
  /** `loadings[c][j]`: weight of series `j` in component `c`. */
  readonly loadings: readonly (readonly number[])[];
  /** Total variance (trace of the covariance). */
  readonly total: number;
  /** Row (0-based input count − 1) whose window these values were computed on; NaN before the first. */
  readonly asOf: number;
}

interface Params {
  readonly features: number;
  readonly window: number;
  readonly components: number;
  readonly stride: number;
}

function params(name: string, features: number, options: RollingPcaOptions): Params {
  checkPeriod(`${name} (window)`, options.window, 2);
  const stride = options.stride ?? 1;
  checkPeriod(`${name} (stride)`, stride);
  if (!Number.isInteger(features) || features < 1) throw new FeatureArgumentError(`${name}: needs at least one series, got "${features}"`);
  const k = options.components;
  if (!Number.isInteger(k) || k < 1 || k > features) {
    throw new FeatureArgumentError(`${name}: components must be a whole number from 1 to ${features} (the number of series), got "${k}"`);
  }
  return { features, window: options.window, components: k, stride };
}

/**
 * The shared engine: window sums updated by rank-one add/remove, decomposed on demand.
 * Σx_j and Σx_j·x_l (upper triangle) are exactly rounded running sums (`ExactRollingSum`), so the
 * covariance of a window depends only on its rows, as if recomputed from scratch — without the
 * O(w·f²) recomputation.
 */
class PcaEngine {
  readonly p: Params;
  readonly #rows: Float64Array;
  readonly #valid: Uint8Array;
  readonly #sums: ExactRollingSum[];
  readonly #cross: ExactRollingSum[];
  readonly #cov: Matrix;
  #count = 0;
  #invalid = 0;
  /** Results of the last decomposition (eigenvalues largest first; vectors row-major k × f). */
  readonly values: Float64Array;
  readonly vectors: Float64Array;
  total = Number.NaN;
  asOf = Number.NaN;

  constructor(p: Params) {
    this.p = p;
    const f = p.features;
    this.#rows = new Float64Array(p.window * f);
    this.#valid = new Uint8Array(p.window);
    this.#sums = Array.from({ length: f }, () => new ExactRollingSum());
    this.#cross = Array.from({ length: (f * (f + 1)) / 2 }, () => new ExactRollingSum());
    this.#cov = new Matrix(f, f);
    this.values = new Float64Array(p.components).fill(Number.NaN);
    this.vectors = new Float64Array(p.components * f).fill(Number.NaN);
  }

  /** Adds a row (`get(j)` = series j), dropping the oldest; decomposes on a stride row. Returns whether it did. */
  push(get: (j: number) => number): boolean {
    const { features: f, window: w, stride } = this.p;
    const slot = this.#count % w;
    const base = slot * f;
    const rows = this.#rows;
    if (this.#count >= w) {
      if (this.#valid[slot] === 1) this.#update(base, -1);
      else this.#invalid--;
    }
    let finite = true;
    for (let j = 0; j < f; j++) {
      const v = get(j);
      rows[base + j] = v;
      if (!(v - v === 0)) finite = false;
    }
    // A NaN or infinite value would poison the exact sums: the row is kept out and counted.
    this.#valid[slot] = finite ? 1 : 0;
    if (finite) this.#update(base, 1);
    else this.#invalid++;
    const t = this.#count++;
    if (t < w - 1 || (t - (w - 1)) % stride !== 0) return false;
    this.asOf = t;
    if (this.#invalid > 0) {
      this.values.fill(Number.NaN);
      this.vectors.fill(Number.NaN);
      this.total = Number.NaN;
    } else this.#decompose();
    return true;
  }

  /** Rank-one update of the sums with the row at `base`, added (+1) or removed (−1). */
  #update(base: number, sign: 1 | -1): void {
    const f = this.p.features;
    const rows = this.#rows;
    let idx = 0;
    for (let j = 0; j < f; j++) {
      const xj = rows[base + j]!;
      if (sign > 0) this.#sums[j]!.add(xj);
      else this.#sums[j]!.remove(xj);
      for (let l = j; l < f; l++) {
        const s = this.#cross[idx++]!;
        if (sign > 0) s.add(xj * rows[base + l]!);
        else s.remove(xj * rows[base + l]!);
      }
    }
  }

  #decompose(): void {
    const { features: f, window: w, components: k } = this.p;
    const cov = this.#cov;
    let idx = 0;
    let total = 0;
    for (let j = 0; j < f; j++) {
      const sj = this.#sums[j]!.sum();
      for (let l = j; l < f; l++) {
        // Sample covariance (divisor w − 1): (Σx_j x_l − Σx_j Σx_l / w) / (w − 1).
        const c = (this.#cross[idx++]!.sum() - (sj * this.#sums[l]!.sum()) / w) / (w - 1);
        cov.set(j, l, c);
        cov.set(l, j, c);
        if (l === j) total += c;
      }
    }
    this.total = total;
    const evd = new EigenvalueDecomposition(cov, { assumeSymmetric: true });
    const lambda = evd.realEigenvalues;
    const vectors = evd.eigenvectorMatrix;
    // Indices by eigenvalue, largest first (ties: lower index first, for determinism).
    const order = Array.from({ length: f }, (_, i) => i).sort((a, b) => lambda[b]! - lambda[a]! || a - b);
    for (let c = 0; c < k; c++) {
      const col = order[c]!;
      this.values[c] = lambda[col]!;
      // Sign convention: the largest |loading| is positive (first such index on ties).
      let big = 0;
      let pivot = 0;
      for (let j = 0; j < f; j++) {
        const a = Math.abs(vectors.get(j, col));
        if (a > big) {
          big = a;
          pivot = j;
        }
      }
      const flip = vectors.get(pivot, col) < 0 ? -1 : 1;
      for (let j = 0; j < f; j++) this.vectors[c * f + j] = flip * vectors.get(j, col);
    }
  }
}

/**
 * Rolling PCA over a panel of `f` series (one column per series, e.g. asset returns, aligned in
 * time): for each row `t >= w − 1` on the stride schedule (`t = w − 1, w − 1 + stride, …`), the
 * `k` largest eigenvalues of the SAMPLE covariance (divisor `w − 1`) of rows `t − w + 1 .. t` and
 * their unit eigenvectors (loadings); between decompositions the last values are carried forward
 * (`asOf` says from which row). See {@link RollingPcaResult} for the layout.
 *
 * Incremental: the window's sums Σx and Σxxᵀ are updated by a rank-one add and a rank-one remove
 * per row, O(f²), with exactly rounded sums (results equal a from-scratch covariance of the window,
 * up to the final rounding); the eigendecomposition (ml-matrix, symmetric tred2/tql2) costs O(f³)
 * and runs every `stride` rows. Total O(n·f² + (n / stride)·f³) time — instead of O(n·w·f² + n·f³)
 * for recomputing each window — and O(w·f + f²) working memory beside the O(n·k·(f + 1)) output.
 *
 * Signs: each eigenvector is oriented so its largest-magnitude loading is positive (the first such
 * on ties), so results are deterministic. Eigenvectors of repeated eigenvalues are not unique
 * (any rotation within their eigenspace is valid); only their span is meaningful then.
 *
 * NaN: a row with a NaN (or infinite) value makes every decomposition whose window contains it NaN.
 *
 * @param panel - `f` columns of equal length `n`
 * @param options - `window`, `components`, `stride`
 * @returns aligned explained variances, loadings, total variance and `asOf`
 * @throws {FeatureArgumentError} for invalid options, an empty panel or unequal lengths
 * @example
 * const pca = rollingPca(returnsBySymbol, { window: 252, components: 3, stride: 21 });
 * pca.explained[0][t] / pca.total[t]; // share of the first factor
 */
export function rollingPca(panel: readonly ArrayLike<number>[], options: RollingPcaOptions): RollingPcaResult {
  const f = panel.length;
  const p = params('rollingPca', f, options);
  const n = panel[0]!.length;
  for (let j = 1; j < f; j++) {
    if (panel[j]!.length !== n) throw new FeatureArgumentError(`rollingPca: panel columns differ in length (column 0 has ${n} values, column ${j} has "${panel[j]!.length}")`);
  }
  const k = p.components;
  const nanColumn = (): Float64Array => new Float64Array(n).fill(Number.NaN);
  const explained = Array.from({ length: k }, nanColumn);
  const loadings = Array.from({ length: k }, () => Array.from({ length: f }, nanColumn));
  const total = nanColumn();
  const asOf = nanColumn();
  const engine = new PcaEngine(p);
  let t = 0;
  const get = (j: number): number => panel[j]![t]!;
  let started = false;
  for (; t < n; t++) {
    started = engine.push(get) || started;
    if (!started) continue;
    for (let c = 0; c < k; c++) {
      explained[c]![t] = engine.values[c]!;
      const lc = loadings[c]!;
      for (let j = 0; j < f; j++) lc[j]![t] = engine.vectors[c * f + j]!;
    }
    total[t] = engine.total;
    asOf[t] = engine.asOf;
  }
  return { explained, loadings, total, asOf };
}

/**
 * Streaming rolling PCA: `add(row)` takes one value per series and returns a frozen
 * {@link PcaSnapshot}, equal to `rollingPca` at the same row. Between decompositions (stride > 1)
 * a new snapshot object carries the previous values.
 *
 * @example
 * const pca = new RollingPca(3, { window: 60, components: 1 });
 * for (const row of rows) pca.add(row).explained[0];
 */
export class RollingPca implements StreamingFeature<ArrayLike<number>, PcaSnapshot> {
  readonly features: number;
  readonly window: number;
  readonly components: number;
  readonly stride: number;
  readonly warmUp: number;
  value: PcaSnapshot;
  readonly #engine: PcaEngine;
  #row: ArrayLike<number> = [];
  readonly #get = (j: number): number => this.#row[j]!;

  /**
   * @param features - number of series per row
   * @throws {FeatureArgumentError} for invalid options
   */
  constructor(features: number, options: RollingPcaOptions) {
    const p = params('RollingPca', features, options);
    this.features = p.features;
    this.window = p.window;
    this.components = p.components;
    this.stride = p.stride;
    this.warmUp = p.window;
    this.#engine = new PcaEngine(p);
    const nan = Object.freeze(Array.from({ length: p.components }, () => Number.NaN));
    const nanRow = Object.freeze(Array.from({ length: p.features }, () => Number.NaN));
    this.value = Object.freeze({ explained: nan, loadings: Object.freeze(Array.from({ length: p.components }, () => nanRow)), total: Number.NaN, asOf: Number.NaN });
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value.asOf) && !Number.isNaN(this.value.total);
  }

  /**
   * Feeds one row (one value per series).
   *
   * @throws {FeatureArgumentError} when the row has the wrong length
   */
  add(row: ArrayLike<number>): PcaSnapshot {
    if (row.length !== this.features) throw new FeatureArgumentError(`RollingPca: row has "${row.length}" values for ${this.features} series`);
    this.#row = row;
    const decomposed = this.#engine.push(this.#get);
    this.#row = [];
    if (decomposed) {
      const e = this.#engine;
      const f = this.features;
      this.value = Object.freeze({
        explained: Object.freeze(Array.from(e.values)),
        loadings: Object.freeze(Array.from({ length: this.components }, (_, c) => Object.freeze(Array.from(e.vectors.subarray(c * f, (c + 1) * f))))),
        total: e.total,
        asOf: e.asOf,
      });
    } else this.value = Object.freeze({ ...this.value });
    return this.value;
  }
}
