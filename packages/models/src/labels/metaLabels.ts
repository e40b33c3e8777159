/**
 * Meta-labels (AFML §3.6): given a primary model's side, learn whether to act on it.
 */
import { EstimatorError } from '../Estimator.js';
import type { Labels } from './Labels.js';
import { makeLabels } from './Labels.js';

/**
 * Meta-labels: 1 where the primary side (+1 long, −1 short) would have earned a positive return
 * over the underlying label's horizon, 0 where not, NaN where the side is 0/NaN or the label is
 * undefined. Horizon ends and returns are the underlying labels'.
 *
 * @throws {EstimatorError} when `side` and `labels` differ in length.
 * @example
 * const meta = metaLabels(smaCrossSide, tripleBarrierLabels(time, close, config));
 */
export function metaLabels(side: ArrayLike<number>, labels: Labels): Labels {
  const n = labels.value.length;
  if (side.length !== n) throw new EstimatorError(`side has ${side.length} values for ${n} labels`);
  const value = new Float64Array(n).fill(NaN);
  const realizedReturn = new Float64Array(n).fill(NaN);
  for (let t = 0; t < n; t++) {
    const s = side[t]!;
    const r = labels.realizedReturn[t]!;
    if (!(s === 1 || s === -1) || Number.isNaN(r)) continue;
    value[t] = s * r > 0 ? 1 : 0;
    realizedReturn[t] = s * r;
  }
  return makeLabels({
    definition: { kind: 'metaLabel', of: labels.definition },
    time: labels.time,
    value,
    realizedReturn,
    horizonEnd: labels.horizonEnd.map((e, t) => (Number.isNaN(value[t]!) ? NaN : e)),
    barrier: labels.barrier,
  });
}
