/**
 * Mean-reversion alphas. Each score at row t is formed from rows ≤ t and is traded from row t + 1
 * (the engine's next-bar fills), the same window for signal and trade — the seed system's bug was
 * building the band from a window that did not match the bar it traded.
 */
import { bollinger, rollingBeta, rollingVwap, rollingZScore, roc, rsi } from '@qt-backtest/features';
import { Alpha } from '../alpha/Alpha.js';
import { type AlphaPanel, lag } from '../alpha/AlphaPanel.js';
import { mapArray, perSymbol, saturating } from './kernels.js';

/** Bollinger %B reversion: `1 − 2 · %B`, %B = (close − lower) / (upper − lower) of the `period`, `k`σ bands of closes t−period+1 … t. */
export class BollingerReversion extends Alpha<{ period: number; k: number }> {
  constructor(params: { period: number; k: number } = { period: 20, k: 2 }) {
    super(params);
  }
  override get warmup(): number {
    return this.params.period - 1;
  }
  override confidence(s: number): number {
    return saturating(s, 1);
  }
  compute(panel: AlphaPanel): Float64Array[] {
    return perSymbol(panel, (j) => {
      const c = panel.close[j]!;
      const b = bollinger(c, this.params);
      return mapArray(c.length, (t) => {
        const w = b.upper[t]! - b.lower[t]!;
        return w > 0 ? 1 - (2 * (c[t]! - b.lower[t]!)) / w : Number.NaN;
      });
    });
  }
}

/** Z-score reversion: `−(close − mean) / std` over the last `period` closes (sample std). */
export class ZScoreReversion extends Alpha<{ period: number }> {
  constructor(params: { period: number } = { period: 20 }) {
    super(params);
  }
  override get warmup(): number {
    return this.params.period - 1;
  }
  override confidence(s: number): number {
    return saturating(s, 2);
  }
  compute(panel: AlphaPanel): Float64Array[] {
    return perSymbol(panel, (j) => rollingZScore(panel.close[j]!, this.params.period).map((z) => -z));
  }
}

/** RSI reversal: `(50 − RSI(period)) / 50`, in [−1, 1] (oversold → positive). */
export class RsiReversal extends Alpha<{ period: number }> {
  constructor(params: { period: number } = { period: 14 }) {
    super(params);
  }
  override get warmup(): number {
    return this.params.period;
  }
  override get scoreRange(): readonly [number, number] {
    return [-1, 1];
  }
  compute(panel: AlphaPanel): Float64Array[] {
    return perSymbol(panel, (j) => rsi(panel.close[j]!, this.params.period).map((x) => (50 - x) / 50));
  }
}

/** Short-term reversal: `−(close[t] / close[t − period] − 1)` (default one week). */
export class ShortTermReversal extends Alpha<{ period: number }> {
  constructor(params: { period: number } = { period: 5 }) {
    super(params);
  }
  override get warmup(): number {
    return this.params.period;
  }
  compute(panel: AlphaPanel): Float64Array[] {
    return perSymbol(panel, (j) => roc(panel.close[j]!, this.params.period).map((x) => -x / 100));
  }
}

/**
 * Ornstein–Uhlenbeck half-life filtered reversion: over the last `window` closes fit
 * `Δx_t = a + b·x_{t−1}` (rolling OLS); where `b < 0` and the half-life `−ln 2 / ln(1 + b)` is at
 * most `maxHalfLife` rows, the score is the z-score reversion `−(x − mean) / std`; elsewhere NaN
 * (no mean reversion worth trading).
 */
export class OuHalfLifeReversion extends Alpha<{ window: number; maxHalfLife: number }> {
  constructor(params: { window: number; maxHalfLife: number } = { window: 60, maxHalfLife: 20 }) {
    super(params);
  }
  override get warmup(): number {
    return this.params.window;
  }
  override get scoreRange(): readonly [number, number] {
    return [-Infinity, Infinity];
  }
  compute(panel: AlphaPanel): Float64Array[] {
    return perSymbol(panel, (j) => {
      const x = panel.close[j]!;
      const prev = lag(x, 1);
      const dx = mapArray(x.length, (t) => x[t]! - prev[t]!);
      const b = rollingBeta(prev, dx, this.params.window);
      const z = rollingZScore(x, this.params.window);
      return mapArray(x.length, (t) => {
        const bt = b[t]!;
        if (!(bt < 0 && bt > -1)) return Number.NaN;
        const halfLife = -Math.LN2 / Math.log1p(bt);
        return halfLife <= this.params.maxHalfLife ? -z[t]! : Number.NaN;
      });
    });
  }
}

/** VWAP deviation reversion: `−(close / VWAP(period) − 1)`, VWAP over the last `period` bars' typical price and volume. */
export class VwapDeviation extends Alpha<{ period: number }> {
  constructor(params: { period: number } = { period: 20 }) {
    super(params);
  }
  override get warmup(): number {
    return this.params.period - 1;
  }
  compute(panel: AlphaPanel): Float64Array[] {
    return perSymbol(panel, (j) => {
      const c = panel.close[j]!;
      const v = rollingVwap({ high: panel.high[j]!, low: panel.low[j]!, close: c, volume: panel.volume[j]! }, this.params.period);
      return mapArray(c.length, (t) => -(c[t]! / v[t]! - 1));
    });
  }
}

/** Gap reversal: `−(open[t] / close[t − 1] − 1)`, known at the close of bar t, traded from t + 1. */
export class GapReversal extends Alpha<Record<string, never>> {
  constructor() {
    super({});
  }
  override get warmup(): number {
    return 1;
  }
  compute(panel: AlphaPanel): Float64Array[] {
    return perSymbol(panel, (j) => {
      const o = panel.open[j]!;
      const pc = lag(panel.close[j]!, 1);
      return mapArray(o.length, (t) => -(o[t]! / pc[t]! - 1));
    });
  }
}
