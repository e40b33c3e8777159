/**
 * What a batch run returns: the same equity curve and fills the event engine would.
 */
import type { Fill } from '@qt-backtest/core';

/** The outcome of one parameter set on the batch path. */
export interface BatchResult {
  /** Bar times of the panel (epoch ms). */
  readonly time: Float64Array;
  /** Equity after each bar (cash + positions at their last close), bit for bit the engine's. */
  readonly equity: Float64Array;
  /** Every fill, in the engine's order, with its order id, price, slippage and fee. */
  readonly fills: readonly Fill[];
  /** Cash after the last bar. */
  readonly finalCash: number;
  /** Long and short market value per bar (empty unless `exposure` was asked for). */
  readonly longValue: Float64Array;
  readonly shortValue: Float64Array;
  /** Last close per panel symbol (NaN for one that never had a bar). */
  readonly lastPrice: Float64Array;
}
