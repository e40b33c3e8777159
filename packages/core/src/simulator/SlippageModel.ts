/**
 * Slippage: the extra price paid (buys) or given up (sells) on a fill, beyond the rule price.
 */

/** The bar an order fills on. */
export interface BarSnapshot {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** NaN when the data has no volume. */
  readonly volume: number;
}

/** Inputs of {@link SlippageModel.slippage}. */
export interface SlippageParams {
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  /** The price the fill rule produced (open, limit, stop …). */
  readonly price: number;
  /** Shares being filled now (> 0). */
  readonly quantity: number;
  readonly bar: BarSnapshot;
}

/**
 * Extension point: slippage per share in price units, `>= 0`, always adverse (the engine adds it
 * to buys and subtracts it from sells). Applied to market, stop and trailing-stop fills; limit
 * fills never pay slippage beyond their limit.
 */
export interface SlippageModel {
  /** Short description with parameters, e.g. `FixedBpsSlippage(5)`. */
  readonly name: string;
  slippage(params: SlippageParams): number;
}
