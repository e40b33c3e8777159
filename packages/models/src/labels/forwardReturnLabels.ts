/**
 * Forward-return labels: the return from bar t's close to bar t+h's close.
 */
import { EstimatorError } from '../Estimator.js';
import type { Labels } from './Labels.js';
import { Barrier, makeLabels } from './Labels.js';

/** Options of {@link forwardReturnLabels}. */
export interface ForwardReturnConfig {
  /** Horizon in bars (≥ 1). */
  readonly horizon: number;
  /** Log return instead of simple return. Default false. */
  readonly log?: boolean;
}

/**
 * Forward return over `horizon` bars: `close[t+h] / close[t] − 1` (or its log), ending at
 * `time[t+h]`. The last `horizon` bars, and bars with a NaN close at either end, get NaN.
 *
 * @throws {EstimatorError} for unequal lengths or a horizon < 1.
 * @example
 * const y = forwardReturnLabels(time, close, { horizon: 5 });
 */
export function forwardReturnLabels(time: Float64Array, close: Float64Array, config: ForwardReturnConfig): Labels {
  const { horizon } = config;
  const log = config.log ?? false;
  if (time.length !== close.length) throw new EstimatorError(`time and close need equal lengths, got ${time.length} and ${close.length}`);
  if (!Number.isInteger(horizon) || horizon < 1) throw new EstimatorError(`label horizon must be an integer ≥ 1, got ${horizon}`);
  const n = close.length;
  const value = new Float64Array(n).fill(NaN);
  const horizonEnd = new Float64Array(n).fill(NaN);
  for (let t = 0; t + horizon < n; t++) {
    const a = close[t]!;
    const b = close[t + horizon]!;
    if (!(a > 0) || !(b > 0)) continue;
    value[t] = log ? Math.log(b / a) : b / a - 1;
    horizonEnd[t] = time[t + horizon]!;
  }
  return makeLabels({
    definition: { kind: 'forwardReturn', horizon, log },
    time,
    value,
    realizedReturn: log ? value.map(Math.expm1) : value.slice(),
    horizonEnd,
    barrier: new Int8Array(n).fill(Barrier.None),
  });
}
