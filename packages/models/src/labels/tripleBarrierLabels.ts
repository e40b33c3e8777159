/**
 * Triple-barrier labels (López de Prado, AFML §3.4): profit-take and stop-loss barriers at multiples
 * of a rolling volatility, and a vertical barrier after `horizon` bars.
 */
import { EstimatorError } from '../Estimator.js';
import type { Labels } from './Labels.js';
import { Barrier, makeLabels } from './Labels.js';

/** Options of {@link tripleBarrierLabels}. */
export interface TripleBarrierConfig {
  /** Vertical barrier: at most this many bars (≥ 1). */
  readonly horizon: number;
  /** Upper barrier at `close · (1 + profitTake · σ)`; 0 disables it. */
  readonly profitTake: number;
  /** Lower barrier at `close · (1 − stopLoss · σ)`; 0 disables it. */
  readonly stopLoss: number;
  /** Bars in the rolling standard deviation σ of simple returns (≥ 2), known at bar t. */
  readonly volatilityWindow: number;
  /** Label when the vertical barrier is hit first: the return's sign (AFML) or 0. Default 'sign'. */
  readonly verticalLabel?: 'sign' | 'zero';
}

/**
 * Triple-barrier labels on closes: for each bar t with a defined volatility, the first later bar
 * (up to `t + horizon`) whose close crosses the upper barrier gives +1, the lower −1; otherwise the
 * vertical barrier at `t + horizon` gives the sign of the return (or 0). `horizonEnd` is the touch
 * time, `barrier` which barrier was touched, `realizedReturn` the return at the touch. Bars whose
 * vertical barrier lies beyond the data are NaN (their outcome is not known yet).
 *
 * @throws {EstimatorError} for unequal lengths or bad options.
 * @example
 * const y = tripleBarrierLabels(time, close, { horizon: 10, profitTake: 2, stopLoss: 2, volatilityWindow: 20 });
 */
export function tripleBarrierLabels(time: Float64Array, close: Float64Array, config: TripleBarrierConfig): Labels {
  const { horizon, profitTake, stopLoss, volatilityWindow } = config;
  const verticalLabel = config.verticalLabel ?? 'sign';
  if (time.length !== close.length) throw new EstimatorError(`time and close need equal lengths, got ${time.length} and ${close.length}`);
  if (!Number.isInteger(horizon) || horizon < 1) throw new EstimatorError(`triple-barrier horizon must be an integer ≥ 1, got ${horizon}`);
  if (!(profitTake >= 0) || !(stopLoss >= 0)) throw new EstimatorError(`profitTake and stopLoss must be ≥ 0, got ${profitTake} and ${stopLoss}`);
  if (!Number.isInteger(volatilityWindow) || volatilityWindow < 2) throw new EstimatorError(`volatilityWindow must be an integer ≥ 2, got ${volatilityWindow}`);
  const n = close.length;
  const sigma = rollingReturnStd(close, volatilityWindow);
  const value = new Float64Array(n).fill(NaN);
  const realizedReturn = new Float64Array(n).fill(NaN);
  const horizonEnd = new Float64Array(n).fill(NaN);
  const barrier = new Int8Array(n);
  for (let t = 0; t + horizon < n; t++) {
    const c0 = close[t]!;
    const s = sigma[t]!;
    if (!(c0 > 0) || Number.isNaN(s)) continue;
    const upper = profitTake > 0 ? c0 * (1 + profitTake * s) : Infinity;
    const lower = stopLoss > 0 ? c0 * (1 - stopLoss * s) : -Infinity;
    let end = t + horizon;
    let hit: Barrier = Barrier.Vertical;
    for (let j = t + 1; j <= t + horizon; j++) {
      const c = close[j]!;
      if (c >= upper) {
        end = j;
        hit = Barrier.Upper;
        break;
      }
      if (c <= lower) {
        end = j;
        hit = Barrier.Lower;
        break;
      }
    }
    const r = close[end]! / c0 - 1;
    if (Number.isNaN(r)) continue;
    value[t] = hit === Barrier.Upper ? 1 : hit === Barrier.Lower ? -1 : verticalLabel === 'zero' ? 0 : Math.sign(r);
    realizedReturn[t] = r;
    horizonEnd[t] = time[end]!;
    barrier[t] = hit;
  }
  return makeLabels({
    definition: { kind: 'tripleBarrier', horizon, profitTake, stopLoss, volatilityWindow, verticalLabel },
    time,
    value,
    realizedReturn,
    horizonEnd,
    barrier,
  });
}

/** Sample std (ddof 1) of the last `window` simple returns ending at each bar; NaN until defined. */
function rollingReturnStd(close: Float64Array, window: number): Float64Array {
  const n = close.length;
  const out = new Float64Array(n).fill(NaN);
  for (let t = window; t < n; t++) {
    let s = 0;
    let s2 = 0;
    let ok = true;
    for (let k = t - window + 1; k <= t; k++) {
      const r = close[k]! / close[k - 1]! - 1;
      if (!Number.isFinite(r)) {
        ok = false;
        break;
      }
      s += r;
      s2 += r * r;
    }
    if (!ok) continue;
    const mean = s / window;
    out[t] = Math.sqrt(Math.max(0, (s2 - window * mean * mean) / (window - 1)));
  }
  return out;
}
