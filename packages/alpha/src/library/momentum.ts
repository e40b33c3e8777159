/**
 * Momentum alphas. Every score at row t uses rows ≤ t only (features kernels and `lag`), and a
 * positive score means "expected to rise".
 */
import { adx, macd, roc, rollingBeta, rollingMax, rollingMin, rollingStd, rsi, sma } from '@qt-backtest/features';
import { Alpha } from '../alpha/Alpha.js';
import { type AlphaPanel, lag } from '../alpha/AlphaPanel.js';
import { mapArray, marketReturns, perSymbol, saturating, simpleReturns } from './kernels.js';

/** Rate of change: `close[t] / close[t − period] − 1`. */
export class RocMomentum extends Alpha<{ period: number }> {
  constructor(params: { period: number } = { period: 20 }) {
    super(params);
  }
  override get warmup(): number {
    return this.params.period;
  }
  override confidence(s: number): number {
    return saturating(s, 0.2);
  }
  compute(panel: AlphaPanel): Float64Array[] {
    return perSymbol(panel, (j) => roc(panel.close[j]!, this.params.period).map((x) => x / 100));
  }
}

/** 12-1 month momentum: `close[t − skip] / close[t − lookback] − 1` (defaults 252 and 21 rows: skips the last month's reversal). */
export class TwelveMinusOneMomentum extends Alpha<{ lookback: number; skip: number }> {
  constructor(params: { lookback: number; skip: number } = { lookback: 252, skip: 21 }) {
    super(params);
  }
  override get warmup(): number {
    return this.params.lookback;
  }
  compute(panel: AlphaPanel): Float64Array[] {
    return perSymbol(panel, (j) => {
      const a = lag(panel.close[j]!, this.params.skip);
      const b = lag(panel.close[j]!, this.params.lookback);
      return mapArray(a.length, (t) => a[t]! / b[t]! - 1);
    });
  }
}

/** Moving-average cross: `SMA(fast) / SMA(slow) − 1` of closes. */
export class MaCrossMomentum extends Alpha<{ fast: number; slow: number }> {
  constructor(params: { fast: number; slow: number } = { fast: 20, slow: 50 }) {
    super(params);
  }
  override get warmup(): number {
    return this.params.slow - 1;
  }
  compute(panel: AlphaPanel): Float64Array[] {
    return perSymbol(panel, (j) => {
      const f = sma(panel.close[j]!, this.params.fast);
      const s = sma(panel.close[j]!, this.params.slow);
      return mapArray(f.length, (t) => f[t]! / s[t]! - 1);
    });
  }
}

/** Donchian breakout position: `2 · (close − min low) / (max high − min low) − 1` over `period` rows, in [−1, 1]. */
export class BreakoutMomentum extends Alpha<{ period: number }> {
  constructor(params: { period: number } = { period: 55 }) {
    super(params);
  }
  override get warmup(): number {
    return this.params.period - 1;
  }
  override get scoreRange(): readonly [number, number] {
    return [-1, 1];
  }
  override confidence(s: number): number {
    return Math.abs(s);
  }
  compute(panel: AlphaPanel): Float64Array[] {
    return perSymbol(panel, (j) => {
      const hi = rollingMax(panel.high[j]!, this.params.period);
      const lo = rollingMin(panel.low[j]!, this.params.period);
      const c = panel.close[j]!;
      return mapArray(c.length, (t) => (hi[t]! > lo[t]! ? (2 * (c[t]! - lo[t]!)) / (hi[t]! - lo[t]!) - 1 : Number.NaN));
    });
  }
}

/** RSI trend: `(RSI(period) − 50) / 50`, in [−1, 1] (above 50 = up-trend). */
export class RsiTrend extends Alpha<{ period: number }> {
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
    return perSymbol(panel, (j) => rsi(panel.close[j]!, this.params.period).map((x) => (x - 50) / 50));
  }
}

/** MACD histogram scaled by price: `(MACD − signal) / close`. */
export class MacdHistogramMomentum extends Alpha<{ fast: number; slow: number; signal: number }> {
  constructor(params: { fast: number; slow: number; signal: number } = { fast: 12, slow: 26, signal: 9 }) {
    super(params);
  }
  override get warmup(): number {
    return this.params.slow + this.params.signal - 2;
  }
  compute(panel: AlphaPanel): Float64Array[] {
    return perSymbol(panel, (j) => {
      const c = panel.close[j]!;
      const h = macd(c, this.params).histogram;
      return mapArray(c.length, (t) => h[t]! / c[t]!);
    });
  }
}

/** ADX trend: `(+DI − −DI) / (+DI + −DI) · ADX / 100`, in [−1, 1]: direction from the DIs, strength from ADX. */
export class AdxTrend extends Alpha<{ period: number }> {
  constructor(params: { period: number } = { period: 14 }) {
    super(params);
  }
  override get warmup(): number {
    return 2 * this.params.period;
  }
  override get scoreRange(): readonly [number, number] {
    return [-1, 1];
  }
  compute(panel: AlphaPanel): Float64Array[] {
    return perSymbol(panel, (j) => {
      const a = adx({ high: panel.high[j]!, low: panel.low[j]!, close: panel.close[j]! }, this.params.period);
      return mapArray(a.adx.length, (t) => {
        const sum = a.plusDI[t]! + a.minusDI[t]!;
        return sum > 0 ? ((a.plusDI[t]! - a.minusDI[t]!) / sum) * (a.adx[t]! / 100) : Number.NaN;
      });
    });
  }
}

/**
 * Volatility-scaled time-series momentum (Moskowitz–Ooi–Pedersen): the `lookback`-row return divided
 * by the `volWindow`-row standard deviation of one-row returns × √lookback — a t-statistic-like score.
 */
export class VolScaledMomentum extends Alpha<{ lookback: number; volWindow: number }> {
  constructor(params: { lookback: number; volWindow: number } = { lookback: 126, volWindow: 63 }) {
    super(params);
  }
  override get warmup(): number {
    return Math.max(this.params.lookback, this.params.volWindow);
  }
  override confidence(s: number): number {
    return saturating(s, 2);
  }
  compute(panel: AlphaPanel): Float64Array[] {
    return perSymbol(panel, (j) => {
      const c = panel.close[j]!;
      const vol = rollingStd(simpleReturns(c), this.params.volWindow);
      const past = lag(c, this.params.lookback);
      return mapArray(c.length, (t) => (c[t]! / past[t]! - 1) / (vol[t]! * Math.sqrt(this.params.lookback)));
    });
  }
}

/** Volume-weighted momentum: the volume-weighted mean one-row return over `period` rows, `Σ r·v / Σ v`. */
export class VolumeWeightedMomentum extends Alpha<{ period: number }> {
  constructor(params: { period: number } = { period: 20 }) {
    super(params);
  }
  override get warmup(): number {
    return this.params.period;
  }
  compute(panel: AlphaPanel): Float64Array[] {
    return perSymbol(panel, (j) => {
      const r = simpleReturns(panel.close[j]!);
      const v = panel.volume[j]!;
      const rv = sma(mapArray(r.length, (t) => r[t]! * v[t]!), this.params.period);
      const vv = sma(v, this.params.period);
      return mapArray(r.length, (t) => (vv[t]! > 0 ? rv[t]! / vv[t]! : Number.NaN));
    });
  }
}

/**
 * Residual momentum vs the equal-weight market of the panel: over the last `period` rows, the sum
 * of the symbol's one-row returns minus β × the market's, β the rolling OLS beta over the same rows.
 */
export class ResidualMomentum extends Alpha<{ period: number }> {
  constructor(params: { period: number } = { period: 60 }) {
    super(params);
  }
  override get warmup(): number {
    return this.params.period;
  }
  compute(panel: AlphaPanel): Float64Array[] {
    const m = marketReturns(panel);
    const n = this.params.period;
    const ms = sma(m, n);
    return perSymbol(panel, (j) => {
      const r = simpleReturns(panel.close[j]!);
      const beta = rollingBeta(m, r, n);
      const rs = sma(r, n);
      return mapArray(r.length, (t) => n * (rs[t]! - beta[t]! * ms[t]!));
    });
  }
}
