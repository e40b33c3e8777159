/**
 * Position sizing as pure functions of current prices and equity: fixed fraction, volatility
 * target (ex ante, from a covariance), capped fractional Kelly (single and multi-asset), and fixed
 * risk per trade from an ATR stop. Quantities are whole lots, rounded toward zero — never more
 * risk than asked for.
 */
import { RiskInputError } from '../RiskError.js';
import { luSolve } from '../internal/linalg.js';

function positive(name: string, v: number): void {
  if (!(v > 0) || !Number.isFinite(v)) throw new RiskInputError(`${name} must be a finite number > 0, got ${v}`);
}

/** Whole lots toward zero. */
function lots(quantity: number, lotSize: number): number {
  const q = Math.trunc(quantity / lotSize) * lotSize;
  return q === 0 ? 0 : q;
}

/**
 * Shares worth `fraction × equity` at `price` (negative fraction = short).
 * @example fixedFractionQuantity({ equity: 100_000, price: 50, fraction: 0.1 }) // 200
 */
export function fixedFractionQuantity(p: { readonly equity: number; readonly price: number; readonly fraction: number; readonly lotSize?: number }): number {
  positive('price', p.price);
  if (!Number.isFinite(p.equity) || !Number.isFinite(p.fraction)) throw new RiskInputError(`equity ${p.equity} and fraction ${p.fraction} must be finite`);
  return lots((p.fraction * Math.max(0, p.equity)) / p.price, p.lotSize ?? 1);
}

/**
 * Whole-lot quantities for target weights at current prices.
 * @throws RiskInputError when a price is not positive
 */
export function quantitiesFromWeights(weights: ArrayLike<number>, prices: ArrayLike<number>, equity: number, lotSize = 1): Float64Array {
  return Float64Array.from({ length: weights.length }, (_, i) => fixedFractionQuantity({ equity, price: prices[i]!, fraction: weights[i]!, lotSize }));
}

/**
 * Scales weights so the portfolio's ex-ante volatility √(wᵀΣw) equals `targetVolatility`, capped
 * so gross exposure Σ|w| stays ≤ `maxLeverage` (default 1).
 *
 * @param covariance annualised (n × n) — the target is then annual too
 */
export function volatilityTargetWeights(
  weights: ArrayLike<number>,
  covariance: Float64Array,
  options: { readonly targetVolatility: number; readonly maxLeverage?: number },
): { readonly weights: Float64Array; readonly scale: number; readonly exAnteVolatility: number } {
  positive('targetVolatility', options.targetVolatility);
  const maxLev = options.maxLeverage ?? 1;
  positive('maxLeverage', maxLev);
  const n = weights.length;
  if (covariance.length !== n * n) throw new RiskInputError(`covariance has ${covariance.length} entries for ${n} weights`);
  let v = 0;
  let gross = 0;
  for (let i = 0; i < n; i++) {
    gross += Math.abs(weights[i]!);
    for (let j = 0; j < n; j++) v += weights[i]! * covariance[i * n + j]! * weights[j]!;
  }
  const vol = Math.sqrt(Math.max(0, v));
  if (vol === 0 || gross === 0) return { weights: new Float64Array(n), scale: 0, exAnteVolatility: 0 };
  const scale = Math.min(options.targetVolatility / vol, maxLev / gross);
  return { weights: Float64Array.from(weights, (w) => w * scale), scale, exAnteVolatility: vol * scale };
}

/**
 * Capped fractional Kelly fraction for one asset: `fraction × f*`, clamped to ±`cap`, where
 * f* = (μ − r_f)/σ² for continuous returns, or p − (1 − p)/b for a bet that wins b per 1 risked
 * with probability p.
 *
 * @param p.fraction Kelly multiplier (default 0.5, "half Kelly")
 * @param p.cap largest |fraction of equity| (default 1)
 */
export function kellyFraction(
  p:
    | { readonly mean: number; readonly variance: number; readonly riskFreeRate?: number; readonly fraction?: number; readonly cap?: number }
    | { readonly winProbability: number; readonly payoff: number; readonly fraction?: number; readonly cap?: number },
): number {
  const fraction = p.fraction ?? 0.5;
  const cap = p.cap ?? 1;
  if (!(fraction >= 0 && fraction <= 1)) throw new RiskInputError(`Kelly fraction must be in [0, 1], got ${fraction}`);
  positive('cap', cap);
  let full: number;
  if ('winProbability' in p) {
    if (!(p.winProbability >= 0 && p.winProbability <= 1)) throw new RiskInputError(`win probability must be in [0, 1], got ${p.winProbability}`);
    positive('payoff', p.payoff);
    full = p.winProbability - (1 - p.winProbability) / p.payoff;
  } else {
    positive('variance', p.variance);
    full = (p.mean - (p.riskFreeRate ?? 0)) / p.variance;
  }
  return Math.max(-cap, Math.min(cap, fraction * full));
}

/**
 * Multi-asset capped fractional Kelly weights `fraction × Σ⁻¹(μ − r_f)`, scaled down so gross
 * exposure Σ|w| ≤ `maxGross` (default 1) — the growth-optimal portfolio under normal returns.
 */
export function multiAssetKelly(
  expectedReturns: ArrayLike<number>,
  covariance: Float64Array,
  options: { readonly riskFreeRate?: number; readonly fraction?: number; readonly maxGross?: number } = {},
): Float64Array {
  const n = expectedReturns.length;
  if (covariance.length !== n * n) throw new RiskInputError(`covariance has ${covariance.length} entries for ${n} returns`);
  const fraction = options.fraction ?? 0.5;
  if (!(fraction >= 0 && fraction <= 1)) throw new RiskInputError(`Kelly fraction must be in [0, 1], got ${fraction}`);
  const maxGross = options.maxGross ?? 1;
  positive('maxGross', maxGross);
  const ex = Float64Array.from(expectedReturns, (m) => m - (options.riskFreeRate ?? 0));
  const f = luSolve(covariance, n, ex);
  let gross = 0;
  for (let i = 0; i < n; i++) {
    f[i]! *= fraction;
    gross += Math.abs(f[i]!);
  }
  if (gross > maxGross) for (let i = 0; i < n; i++) f[i]! *= maxGross / gross;
  return f;
}

/**
 * Shares so that a stop `atrMultiple × ATR` away loses `riskFraction × equity`:
 * ⌊riskFraction·equity / (atrMultiple·ATR)⌋, capped at `maxWeight × equity / price` when given.
 *
 * @example atrStopQuantity({ equity: 100_000, riskFraction: 0.01, atr: 2, atrMultiple: 2.5, price: 50 }) // 200
 */
export function atrStopQuantity(p: {
  readonly equity: number;
  readonly riskFraction: number;
  readonly atr: number;
  readonly atrMultiple?: number;
  readonly price: number;
  readonly maxWeight?: number;
  readonly lotSize?: number;
}): number {
  positive('atr', p.atr);
  positive('price', p.price);
  positive('riskFraction', p.riskFraction);
  const k = p.atrMultiple ?? 2;
  positive('atrMultiple', k);
  const equity = Math.max(0, p.equity);
  let q = (p.riskFraction * equity) / (k * p.atr);
  if (p.maxWeight !== undefined) q = Math.min(q, (p.maxWeight * equity) / p.price);
  return lots(q, p.lotSize ?? 1);
}

/** Average true range over the last `period` bars (simple mean of true ranges; NaN if too short). */
export function averageTrueRange(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, period = 14): number {
  const n = close.length;
  if (n < period + 1) return Number.NaN;
  let s = 0;
  for (let t = n - period; t < n; t++) {
    const pc = close[t - 1]!;
    s += Math.max(high[t]! - low[t]!, Math.abs(high[t]! - pc), Math.abs(low[t]! - pc));
  }
  return s / period;
}
