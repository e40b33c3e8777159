/**
 * Fees: commissions and regulatory fees charged on a fill.
 */
import type { BarSnapshot } from './SlippageModel.js';

/** Inputs of {@link FeeModel.fee}. */
export interface FeeParams {
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  /** Fill price after slippage. */
  readonly price: number;
  /** Shares in this fill (> 0). */
  readonly quantity: number;
  /** Shares of the whole order, for per-order minimums and caps. */
  readonly orderQuantity: number;
  /** Whether this is the order's first fill (per-order fees are charged once, on it). */
  readonly firstFill: boolean;
  readonly bar: BarSnapshot;
}

/** Extension point: the fee for one fill, in account currency, `>= 0`. */
export interface FeeModel {
  /** Short description with parameters, e.g. `PerShareFee(0.005, min 1)`. */
  readonly name: string;
  fee(params: FeeParams): number;
}
