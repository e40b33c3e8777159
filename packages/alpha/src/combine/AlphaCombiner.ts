/**
 * Combines several alphas into one: equal weights, rank average, or weights learnt from the
 * alphas' realised information coefficients — using, at row t, only ICs whose forward returns
 * ended by t (s + h <= t).
 */
import { InvariantError } from '@qt-backtest/core';
import { averageRanks, pearson } from '../analysis/ranks.js';
import { Alpha } from '../alpha/Alpha.js';
import type { AlphaPanel } from '../alpha/AlphaPanel.js';

/** How {@link AlphaCombiner} weights its alphas. */
export const CombineMethod = {
  /** Mean of the cross-sectional z-scores. */
  Equal: 'equal',
  /** Mean of the cross-sectional ranks, scaled to [−1, 1]. */
  RankAverage: 'rank-average',
  /** z-scores weighted by 1 / variance of the alpha's realised IC. */
  InverseVariance: 'inverse-variance',
  /** z-scores weighted by the alpha's mean realised IC (negative means clipped to 0). */
  IcWeighted: 'ic-weighted',
  /** z-scores weighted by mean / std of the realised IC (the information ratio; negative clipped to 0). */
  IrWeighted: 'ir-weighted',
} as const;
/** {@inheritDoc CombineMethod} */
export type CombineMethod = (typeof CombineMethod)[keyof typeof CombineMethod];

/** Options of {@link AlphaCombiner}. */
export interface AlphaCombinerOptions {
  readonly method: CombineMethod;
  /** Forward-return horizon h of the realised IC, in rows (default 5). */
  readonly horizon?: number;
  /** Realised ICs used: those of rows s in [t − h − window + 1, t − h] (default 126). */
  readonly window?: number;
  /** Fewer realised ICs than this → equal weights (default 20). */
  readonly minObservations?: number;
}

function zScores(scores: readonly Float64Array[], t: number, out: Float64Array): void {
  let n = 0;
  let s = 0;
  for (const x of scores) if (Number.isFinite(x[t]!)) (n++, (s += x[t]!));
  const mean = s / n;
  let ss = 0;
  for (const x of scores) if (Number.isFinite(x[t]!)) ss += (x[t]! - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  scores.forEach((x, j) => {
    out[j] = !Number.isFinite(x[t]!) || n < 2 ? Number.NaN : sd > 0 ? (x[t]! - mean) / sd : 0;
  });
}

/**
 * An alpha made of alphas. Scores are standardised per row across symbols (z-scores, or ranks for
 * `rank-average`) and averaged with per-row weights; an alpha without a view on a symbol is left
 * out of that symbol's average. For the IC-based methods the IC of alpha k at row s is the
 * Spearman correlation across symbols of its score at s with the forward return
 * `close[s + h] / close[s] − 1`, which is known only at row s + h: the weights at row t use rows
 * s <= t − h only, so an alpha that peeks at the future cannot buy itself weight before that
 * future has happened (tested with a planted leak).
 *
 * @example
 * const combo = new AlphaCombiner([new RocMomentum(), new ZScoreReversion()], { method: 'ic-weighted', horizon: 5 });
 * combo.validate(panel).ok;
 */
export class AlphaCombiner extends Alpha<AlphaCombinerOptions & { alphas: string }> {
  readonly #alphas: readonly Alpha<object>[];

  /** @throws {InvariantError} for no alphas, an unknown method or bad horizon/window/minimum. */
  constructor(alphas: readonly Alpha<object>[], options: AlphaCombinerOptions) {
    super({ ...options, alphas: alphas.map((a) => a.name).join(' + ') });
    if (alphas.length === 0) throw new InvariantError('AlphaCombiner needs at least one alpha');
    if (!Object.values(CombineMethod).includes(options.method)) {
      throw new InvariantError(`AlphaCombiner: method "${String(options.method)}" is not one of ${Object.values(CombineMethod).join(', ')}`);
    }
    for (const [k, v, min] of [['horizon', options.horizon ?? 5, 1], ['window', options.window ?? 126, 2], ['minObservations', options.minObservations ?? 20, 2]] as const) {
      if (!(Number.isInteger(v) && v >= min)) throw new InvariantError(`AlphaCombiner: ${k} ${v} must be an integer >= ${min}`);
    }
    this.#alphas = Object.freeze([...alphas]);
  }

  override get warmup(): number {
    return Math.max(...this.#alphas.map((a) => a.warmup));
  }

  get #h(): number {
    return this.params.horizon ?? 5;
  }

  /**
   * Per alpha, the realised IC series: `ic[k][s]` is known from row `s + h` on (NaN where fewer
   * than 3 symbols have both values).
   */
  realisedIc(panel: AlphaPanel, scores: readonly Float64Array[][] = this.#alphas.map((a) => a.compute(panel))): Float64Array[] {
    const h = this.#h;
    const m = panel.time.length;
    const n = panel.symbols.length;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const rx = new Float64Array(n);
    const ry = new Float64Array(n);
    const scratch = new Float64Array(n);
    return scores.map((sk) => {
      const ic = new Float64Array(m).fill(Number.NaN);
      for (let s = 0; s + h < m; s++) {
        let c = 0;
        for (let j = 0; j < n; j++) {
          const f = sk[j]![s]!;
          const r = panel.close[j]![s + h]! / panel.close[j]![s]! - 1;
          if (Number.isFinite(f) && Number.isFinite(r)) {
            x[c] = f;
            y[c] = r;
            c++;
          }
        }
        if (c < 3) continue;
        averageRanks(x, c, rx, scratch);
        averageRanks(y, c, ry, scratch);
        ic[s] = pearson(rx, ry, c);
      }
      return ic;
    });
  }

  /** Per alpha, its weight at each row (summing to 1 across alphas), from realised ICs of rows s <= t − h. */
  weights(panel: AlphaPanel, scores: readonly Float64Array[][] = this.#alphas.map((a) => a.compute(panel))): Float64Array[] {
    const K = this.#alphas.length;
    const m = panel.time.length;
    const method = this.params.method;
    const w = Array.from({ length: K }, () => new Float64Array(m).fill(1 / K));
    if (method === 'equal' || method === 'rank-average') return w;
    const h = this.#h;
    const window = this.params.window ?? 126;
    const minObs = this.params.minObservations ?? 20;
    const ic = this.realisedIc(panel, scores);
    const raw = new Float64Array(K);
    for (let t = 0; t < m; t++) {
      const hi = t - h; // last row whose forward return has ended by t
      const lo = Math.max(0, hi - window + 1);
      let enough = hi >= 0;
      for (let k = 0; k < K && enough; k++) {
        let count = 0;
        let sum = 0;
        for (let s = lo; s <= hi; s++) if (Number.isFinite(ic[k]![s]!)) (count++, (sum += ic[k]![s]!));
        if (count < minObs) {
          enough = false;
          break;
        }
        const mean = sum / count;
        let ss = 0;
        for (let s = lo; s <= hi; s++) if (Number.isFinite(ic[k]![s]!)) ss += (ic[k]![s]! - mean) ** 2;
        const sd = Math.sqrt(ss / (count - 1));
        raw[k] = method === 'ic-weighted' ? Math.max(0, mean) : method === 'ir-weighted' ? (sd > 0 ? Math.max(0, mean / sd) : 0) : sd > 0 ? 1 / (sd * sd) : 0;
      }
      if (!enough) continue; // equal weights until every alpha has minObservations realised ICs
      let total = 0;
      for (let k = 0; k < K; k++) total += raw[k]!;
      if (!(total > 0) || !Number.isFinite(total)) continue; // no alpha with a positive record: equal weights
      for (let k = 0; k < K; k++) w[k]![t] = raw[k]! / total;
    }
    return w;
  }

  compute(panel: AlphaPanel): Float64Array[] {
    const scores = this.#alphas.map((a) => a.compute(panel));
    const w = this.weights(panel, scores);
    const m = panel.time.length;
    const n = panel.symbols.length;
    const K = scores.length;
    const out = panel.symbols.map(() => new Float64Array(m).fill(Number.NaN));
    const std = Array.from({ length: K }, () => new Float64Array(n));
    const x = new Float64Array(n);
    const r = new Float64Array(n);
    const idx = new Int32Array(n);
    const scratch = new Float64Array(n);
    for (let t = 0; t < m; t++) {
      for (let k = 0; k < K; k++) {
        if (this.params.method === 'rank-average') {
          let c = 0;
          for (let j = 0; j < n; j++) {
            std[k]![j] = Number.NaN;
            if (Number.isFinite(scores[k]![j]![t]!)) (x[c] = scores[k]![j]![t]!), (idx[c++] = j);
          }
          if (c < 2) continue;
          averageRanks(x, c, r, scratch);
          for (let i = 0; i < c; i++) std[k]![idx[i]!] = (2 * (r[i]! - 1)) / (c - 1) - 1;
        } else zScores(scores[k]!, t, std[k]!);
      }
      for (let j = 0; j < n; j++) {
        let s = 0;
        let ws = 0;
        for (let k = 0; k < K; k++) {
          const z = std[k]![j]!;
          if (Number.isNaN(z)) continue;
          s += w[k]![t]! * z;
          ws += w[k]![t]!;
        }
        if (ws > 0) out[j]![t] = s / ws;
      }
    }
    return out;
  }
}
