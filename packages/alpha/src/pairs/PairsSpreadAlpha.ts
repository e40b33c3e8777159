import { InvariantError } from '@qt-backtest/core';
import { Alpha } from '../alpha/Alpha.js';
import type { AlphaPanel } from '../alpha/AlphaPanel.js';
import { kalmanHedgeRatio, rollingOlsHedgeRatio } from './KalmanHedge.js';

/** Parameters of {@link PairsSpreadAlpha}. */
export interface PairsSpreadParams {
  /** The dependent leg (bought when the spread is low). */
  readonly y: string;
  /** The hedge leg. */
  readonly x: string;
  /** Hedge ratio estimator (default 'kalman'). */
  readonly hedge?: 'kalman' | 'ols';
  /** Rolling OLS window (default 60). */
  readonly window?: number;
  /** Kalman state drift δ (default 1e-4). */
  readonly delta?: number;
}

/**
 * Pairs spread z-score reversion: z = z-score of `y − α − β·x` (Kalman forecast error over its
 * standard deviation, or today's residual against a rolling OLS fit); scores `−z` for y and `+z`
 * for x (buy the cheap leg, sell the rich one); NaN for every other symbol.
 *
 * @throws {InvariantError} from `compute` when a leg is not in the panel.
 * @example
 * new PairsSpreadAlpha({ y: 'JPM', x: 'BAC', hedge: 'kalman' }).validate(panel).ok;
 */
export class PairsSpreadAlpha extends Alpha<PairsSpreadParams> {
  override get warmup(): number {
    return this.params.hedge === 'ols' ? (this.params.window ?? 60) - 1 : 20;
  }
  override get scoreRange(): readonly [number, number] {
    return [-Infinity, Infinity];
  }
  /** The spread z-score of y (NaN before the warm-up). */
  zScore(panel: AlphaPanel): Float64Array {
    const jy = panel.symbols.indexOf(this.params.y);
    const jx = panel.symbols.indexOf(this.params.x);
    if (jy < 0 || jx < 0) throw new InvariantError(`PairsSpreadAlpha: "${jy < 0 ? this.params.y : this.params.x}" is not in the panel`);
    const y = panel.close[jy]!;
    const x = panel.close[jx]!;
    const z = this.params.hedge === 'ols' ? rollingOlsHedgeRatio(y, x, this.params.window ?? 60).zScore : kalmanHedgeRatio(y, x, { delta: this.params.delta ?? 1e-4 }).zScore;
    if (this.params.hedge !== 'ols') for (let t = 0; t < Math.min(20, z.length); t++) z[t] = Number.NaN; // the filter's burn-in
    return z;
  }
  compute(panel: AlphaPanel): Float64Array[] {
    const z = this.zScore(panel);
    return panel.symbols.map((s) =>
      s === this.params.y ? z.map((v) => -v) : s === this.params.x ? z.slice() : new Float64Array(panel.time.length).fill(Number.NaN),
    );
  }
}
