/**
 * The buy-and-hold benchmark strategy.
 */
import { Strategy, type StrategyContext } from '@qt-backtest/core';

/** Parameters of {@link BuyAndHold}. */
export interface BuyAndHoldParams {
  /** The symbols to hold, in equal cash weights. */
  readonly symbols: readonly string[];
  /** Fraction of starting cash to invest, in `(0, 1]`; default `0.99` (headroom for costs). */
  readonly fraction?: number;
}

/**
 * Buys once and holds to the end. Rules: on the first bar where every symbol has a bar, for each
 * of the `n` symbols it submits a market buy of `floor(fraction × cash / n / close)` shares (close
 * of that bar, cash at that bar); the orders fill at the next bar's open. It never sells. With one
 * symbol this is `floor(0.99 × cash / close)` shares by default.
 */
export class BuyAndHold extends Strategy<BuyAndHoldParams> {
  #bought = false;

  override onBar(ctx: StrategyContext): void {
    if (this.#bought) return;
    const { symbols } = this.params;
    const fraction = this.params.fraction ?? 0.99;
    if (symbols.some((s) => ctx.bar(s) === undefined)) return;
    const budget = (fraction * ctx.cash) / symbols.length;
    for (const symbol of symbols) {
      const quantity = Math.floor(budget / ctx.price(symbol));
      if (quantity > 0) ctx.buy(symbol, quantity);
    }
    this.#bought = true;
  }
}
