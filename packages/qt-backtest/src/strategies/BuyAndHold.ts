/**
 * The buy-and-hold benchmark strategy.
 */
import { Strategy, type StrategyContext } from '@qt-backtest/core';

/** Parameters of {@link BuyAndHold}. */
export interface BuyAndHoldParams {
  /** The symbols to hold, in equal weights of equity. */
  readonly symbols: readonly string[];
  /** Fraction of equity to invest, in `(0, 1]`; default `0.99` (headroom for costs). */
  readonly fraction?: number;
}

/**
 * Buys once and holds to the end. Rules: on the first bar where every symbol has a bar, for each
 * of the `n` symbols it submits a market order toward `fraction / n` of equity sized at the fill
 * (`orderTargetPercent(symbol, fraction / n, { at: 'fill' })`): at the next bar's open it buys
 * `floor(fraction / n × equity / open)` shares, so a gap up at that open cannot make the order
 * unaffordable. It never sells. With one symbol this is `floor(0.99 × equity / open)` shares by
 * default.
 */
export class BuyAndHold extends Strategy<BuyAndHoldParams> {
  #bought = false;

  override onBar(ctx: StrategyContext): void {
    if (this.#bought) return;
    const { symbols } = this.params;
    const fraction = this.params.fraction ?? 0.99;
    if (symbols.some((s) => !ctx.hasBar(s))) return;
    for (const symbol of symbols) ctx.orderTargetPercent(symbol, fraction / symbols.length, { at: 'fill' });
    this.#bought = true;
  }
}
