/**
 * A Kalman filter for a time-varying hedge ratio: `y_t = β_t · x_t + α_t + ε_t`, with (β, α)
 * following a random walk (E. Chan, "Algorithmic Trading", 2013, ch. 3). The forecast error
 * `e_t = y_t − (β_{t−1} x_t + α_{t−1})` and its variance `Q_t` use only the state before bar t, so
 * `e / √Q` is a causal z-score of the spread.
 */
import { InvariantError } from '@qt-backtest/core';

/** Options of {@link KalmanHedge}. */
export interface KalmanHedgeOptions {
  /** State drift δ in (0, 1): state noise covariance δ / (1 − δ) · I (default 1e-4). */
  readonly delta?: number;
  /** Observation noise variance (default 1e-3). */
  readonly observationVariance?: number;
}

/** One step of {@link KalmanHedge.update}. */
export interface KalmanHedgeStep {
  /** Hedge ratio after the update. */
  readonly beta: number;
  readonly alpha: number;
  /** Forecast error of y before the update (the spread). */
  readonly error: number;
  /** Its variance. */
  readonly variance: number;
  /** error / √variance. */
  readonly zScore: number;
}

/**
 * Streaming filter; feed one (y, x) pair per bar.
 *
 * @example
 * const kf = new KalmanHedge({ delta: 1e-4 });
 * const { beta, zScore } = kf.update(priceY, priceX);
 */
export class KalmanHedge {
  readonly #vw: number;
  readonly #ve: number;
  // state (β, α) and its covariance [[p00, p01], [p01, p11]]
  #b = 0;
  #a = 0;
  #p00 = 0;
  #p01 = 0;
  #p11 = 0;

  /** @throws {InvariantError} for δ outside (0, 1) or a non-positive observation variance. */
  constructor(options: KalmanHedgeOptions = {}) {
    const delta = options.delta ?? 1e-4;
    const ve = options.observationVariance ?? 1e-3;
    if (!(delta > 0 && delta < 1)) throw new InvariantError(`KalmanHedge: delta ${delta} must be in (0, 1)`);
    if (!(ve > 0 && Number.isFinite(ve))) throw new InvariantError(`KalmanHedge: observationVariance ${ve} must be > 0`);
    this.#vw = delta / (1 - delta);
    this.#ve = ve;
  }

  /** Updates with one observation; a non-finite pair leaves the state unchanged and returns NaNs. */
  update(y: number, x: number): KalmanHedgeStep {
    if (!(Number.isFinite(y) && Number.isFinite(x))) {
      return { beta: this.#b, alpha: this.#a, error: Number.NaN, variance: Number.NaN, zScore: Number.NaN };
    }
    const r00 = this.#p00 + this.#vw;
    const r01 = this.#p01;
    const r11 = this.#p11 + this.#vw;
    const error = y - (this.#b * x + this.#a);
    // Q = h R hᵀ + Ve with h = [x, 1]
    const rh0 = r00 * x + r01;
    const rh1 = r01 * x + r11;
    const variance = x * rh0 + rh1 + this.#ve;
    const k0 = rh0 / variance;
    const k1 = rh1 / variance;
    this.#b += k0 * error;
    this.#a += k1 * error;
    // P = R − K h R
    this.#p00 = r00 - k0 * rh0;
    this.#p01 = r01 - k0 * rh1;
    this.#p11 = r11 - k1 * rh1;
    return { beta: this.#b, alpha: this.#a, error, variance, zScore: error / Math.sqrt(variance) };
  }
}

/**
 * The filter over whole series: per row, the hedge ratio after the update and the causal z-score.
 *
 * @example
 * const { beta, zScore } = kalmanHedgeRatio(closesY, closesX, { delta: 1e-4 });
 */
export function kalmanHedgeRatio(y: ArrayLike<number>, x: ArrayLike<number>, options: KalmanHedgeOptions = {}): { beta: Float64Array; alpha: Float64Array; zScore: Float64Array } {
  if (y.length !== x.length) throw new InvariantError(`kalmanHedgeRatio: y has ${y.length} values, x ${x.length}`);
  const kf = new KalmanHedge(options);
  const beta = new Float64Array(y.length);
  const alpha = new Float64Array(y.length);
  const zScore = new Float64Array(y.length);
  for (let t = 0; t < y.length; t++) {
    const s = kf.update(y[t]!, x[t]!);
    beta[t] = s.beta;
    alpha[t] = s.alpha;
    zScore[t] = s.zScore;
  }
  return { beta, alpha, zScore };
}

/**
 * Rolling OLS hedge ratio over the last `window` rows (rows ≤ t) and the z-score of today's spread
 * `y_t − α_t − β_t x_t` against the window's residual standard deviation.
 *
 * @example
 * const { beta, zScore } = rollingOlsHedgeRatio(closesY, closesX, 60);
 */
export function rollingOlsHedgeRatio(y: ArrayLike<number>, x: ArrayLike<number>, window: number): { beta: Float64Array; alpha: Float64Array; zScore: Float64Array } {
  if (y.length !== x.length) throw new InvariantError(`rollingOlsHedgeRatio: y has ${y.length} values, x ${x.length}`);
  if (!(Number.isInteger(window) && window >= 3)) throw new InvariantError(`rollingOlsHedgeRatio: window ${window} must be an integer >= 3`);
  const n = y.length;
  const beta = new Float64Array(n).fill(Number.NaN);
  const alpha = new Float64Array(n).fill(Number.NaN);
  const zScore = new Float64Array(n).fill(Number.NaN);
  for (let t = window - 1; t < n; t++) {
    let mx = 0;
    let my = 0;
    let ok = true;
    for (let i = t - window + 1; i <= t; i++) {
      if (!(Number.isFinite(x[i]!) && Number.isFinite(y[i]!))) ok = false;
      mx += x[i]!;
      my += y[i]!;
    }
    if (!ok) continue;
    mx /= window;
    my /= window;
    let sxy = 0;
    let sxx = 0;
    for (let i = t - window + 1; i <= t; i++) {
      sxy += (x[i]! - mx) * (y[i]! - my);
      sxx += (x[i]! - mx) ** 2;
    }
    if (!(sxx > 0)) continue;
    const b = sxy / sxx;
    const a = my - b * mx;
    let ss = 0;
    for (let i = t - window + 1; i <= t; i++) ss += (y[i]! - a - b * x[i]!) ** 2;
    const sd = Math.sqrt(ss / (window - 2));
    beta[t] = b;
    alpha[t] = a;
    zScore[t] = sd > 0 ? (y[t]! - a - b * x[t]!) / sd : Number.NaN;
  }
  return { beta, alpha, zScore };
}
