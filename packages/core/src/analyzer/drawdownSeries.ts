import type { ReturnSeries } from './MetricOptions.js';
import { underwater } from './internal.js';

/**
 * Drawdown ("underwater") series: after each period, the fall of wealth from its running peak,
 * wealth_i / max(1, wealth_0..i) − 1, with the starting capital (1) as the first peak.
 *
 * Units: fraction of the peak, aligned with `returns`; range [−1, 0] for returns ≥ −1, exactly 0 at
 * every new high. NaN returns count as 0 (empyrical's `cum_returns`). Empty input gives an empty
 * array. Note pyfolio's underwater plot starts its running peak at the first period's wealth
 * instead, so it differs from this series (and from empyrical's `max_drawdown`) only when the
 * first returns are negative.
 *
 * @param returns - simple periodic returns, oldest first.
 * @returns a new Float64Array of the same length.
 * @example
 * drawdownSeries([-0.1, 0.05, 0.1]); // Float64Array [-0.1, -0.055, 0]  (0.9·1.05·1.1 = 1.0395)
 * @see empyrical `drawdown_series` (empyrical-reloaded) / the series under `max_drawdown`
 */
export function drawdownSeries(returns: ReturnSeries): Float64Array {
  return underwater(returns);
}
