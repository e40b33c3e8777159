import { InvariantError } from '../errors.js';
import type { ReturnSeries } from './MetricOptions.js';
import { underwater } from './internal.js';

/** One drawdown episode found by {@link drawdownPeriods}; indices are positions in `returns`. */
export interface DrawdownPeriod {
  /** Depth at the trough: wealth_trough / wealth_peak − 1, in [−1, 0). pyfolio's "Net drawdown in %" is −100·depth. */
  readonly depth: number;
  /**
   * Last period at or before the trough whose close was a running high; −1 when the peak is the
   * starting capital (the drawdown began with the first period).
   */
  readonly peakIndex: number;
  /** Period of the lowest point (the first one if it is reached several times). */
  readonly troughIndex: number;
  /** First period after the trough whose close regains the peak; NaN if not recovered by the end. */
  readonly recoveryIndex: number;
  /**
   * Periods from peak to recovery, both counted: recoveryIndex − peakIndex + 1 (pyfolio's
   * `len(pd.date_range(peak, recovery, freq='B'))` on a business-day series); NaN if not recovered.
   */
  readonly duration: number;
}

/** Options of {@link drawdownPeriods}. */
export interface DrawdownPeriodsOptions {
  /** How many drawdowns to return at most; a whole number >= 0. Default 10 (pyfolio's default). */
  readonly top?: number;
}

/**
 * The largest drawdowns, deepest first, by pyfolio's `get_top_drawdowns`/`gen_drawdown_table`
 * procedure on the underwater series (see `drawdownSeries`): take the lowest remaining point (the
 * trough), its peak (last running high at or before it) and recovery (first running high after
 * it); remove the points strictly between peak and recovery, or everything after the peak if it
 * has not recovered; repeat. So episodes never overlap, and an unrecovered drawdown hides the
 * periods after its peak.
 *
 * Differences from pyfolio, both so that the first episode agrees with {@link maxDrawdown}: the
 * starting capital is the first peak (`peakIndex` −1; pyfolio starts at the first period's close
 * and ignores a first-period loss), and a series that never falls below a running high returns an
 * empty list (pyfolio returns one zero-depth row). NaN returns count as 0.
 *
 * @param returns - simple periodic returns, oldest first.
 * @param options - `top` (default 10).
 * @throws InvariantError if top is not a whole number >= 0.
 * @example
 * drawdownPeriods([0.1, -0.2, 0.3, -0.1]);
 * // [{ depth: -0.2, peakIndex: 0, troughIndex: 1, recoveryIndex: 2, duration: 3 },
 * //  { depth: -0.1, peakIndex: 2, troughIndex: 3, recoveryIndex: NaN, duration: NaN }]
 * @see pyfolio `timeseries.gen_drawdown_table`
 */
export function drawdownPeriods(returns: ReturnSeries, options?: DrawdownPeriodsOptions): DrawdownPeriod[] {
  const top = options?.top ?? 10;
  if (!Number.isSafeInteger(top) || top < 0) {
    throw new InvariantError(`top must be a whole number >= 0, got "${String(top)}"`);
  }
  const dd = underwater(returns);
  const n = dd.length;
  const removed = new Uint8Array(n);
  let end = n; // points at >= end were cut off by an unrecovered drawdown
  const out: DrawdownPeriod[] = [];
  while (out.length < top) {
    let trough = -1;
    let depth = 0;
    for (let i = 0; i < end; i++) {
      if (removed[i] === 0 && dd[i]! < depth) {
        depth = dd[i]!;
        trough = i;
      }
    }
    if (trough < 0) break;
    let peak = -1;
    for (let i = trough - 1; i >= 0; i--) {
      if (removed[i] === 0 && dd[i] === 0) {
        peak = i;
        break;
      }
    }
    let recovery = Number.NaN;
    for (let i = trough + 1; i < end; i++) {
      if (removed[i] === 0 && dd[i] === 0) {
        recovery = i;
        break;
      }
    }
    if (Number.isNaN(recovery)) {
      end = peak + 1;
    } else {
      for (let i = peak + 1; i < recovery; i++) removed[i] = 1;
    }
    out.push({
      depth,
      peakIndex: peak,
      troughIndex: trough,
      recoveryIndex: recovery,
      duration: recovery - peak + 1,
    });
  }
  return out;
}
