/**
 * Closed round trips, as the ledger reports them: one `Trade` per (entry lot, closing fill) pair.
 */
import type { OrderId } from '../orders/Order.js';

/** Side of a round trip: `long` was opened by a buy and closed by a sell, `short` the reverse. */
export const TradeSide = { Long: 'long', Short: 'short' } as const;
/** {@inheritDoc TradeSide} */
export type TradeSide = (typeof TradeSide)[keyof typeof TradeSide];

/** @deprecated Renamed {@link TradeSide} (trades say `side`, as result.json does). */
export const TradeDirection = TradeSide;
/** @deprecated Renamed {@link TradeSide}. */
export type TradeDirection = TradeSide;

/**
 * One closed round trip: the part of one entry lot that one fill closed (FIFO). A sell that closes
 * three lots gives three trades; a lot closed by two sells gives two.
 *
 * Money in account currency, prices in the data's price units, times in epoch ms. `grossPnl` is
 * the ledger's exact realised P&L converted to `number`; `fees` (and so `pnl`) involve a
 * pro-rata division and are rounded, while the ledger's own totals stay exact.
 *
 * Field names are those of result.json (one vocabulary): `side` (not "direction"), `pnl` net of
 * fees (not "netPnl"), `fees`; fills likewise carry `side`, `price`, `fee`.
 *
 * @example
 * // buy 100 @ 10 (fee 1), later sell 40 @ 12 (fee 0.5):
 * // { side: 'long', quantity: 40, entryPrice: 10, exitPrice: 12, grossPnl: 80,
 * //   fees: 0.9 (1 × 40/100 + 0.5), pnl: 79.1, … }
 */
export interface Trade {
  readonly symbol: string;
  /** `long` (opened by a buy) or `short` (opened by a sell). */
  readonly side: TradeSide;
  /** Shares closed (> 0). */
  readonly quantity: number;
  /** Epoch ms of the entry fill. */
  readonly entryTime: number;
  /** Price of the entry fill (after slippage). */
  readonly entryPrice: number;
  /** Epoch ms of the closing fill. */
  readonly exitTime: number;
  /** Price of the closing fill (after slippage). */
  readonly exitPrice: number;
  readonly entryOrderId: OrderId;
  readonly exitOrderId: OrderId;
  /** `(exit − entry) × quantity` for longs, `(entry − exit) × quantity` for shorts, before costs. */
  readonly grossPnl: number;
  /**
   * Entry fill's fee × quantity / entry fill quantity + exit fill's fee × quantity / exit fill
   * quantity (rounded). Financing (borrow, interest) is account-level and not included.
   */
  readonly fees: number;
  /** Net P&L: `grossPnl − fees` (computed in decimal, then rounded once). */
  readonly pnl: number;
}
