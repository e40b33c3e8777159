/**
 * The RSI mean-reversion strategy.
 */
import { Strategy, type StrategyContext } from '@qt-backtest/core';
import { Rsi } from '@qt-backtest/features';

/** Parameters of {@link RsiReversion}. */
export interface RsiReversionParams {
  /** The symbols traded, each independently (never any other symbol in the data). */
  readonly symbols: readonly string[];
  /** RSI period in bars (integer `>= 1`); default 14. */
  readonly period?: number;
  /** Long entry threshold: buy when RSI falls below it; default 30. */
  readonly entry?: number;
  /** Long exit threshold: sell when RSI rises above it; default 50. */
  readonly exit?: number;
  /** Shares per entry; default 100 (ignored when `sizePct` is set). */
  readonly size?: number;
  /** Fraction of equity per entry: `floor(min(sizePct × equity, buying power) / close)` shares on the signal bar. */
  readonly sizePct?: number;
  /** Also trade the mirror image on the short side; default `false`. */
  readonly allowShort?: boolean;
}

/**
 * RSI mean reversion on closes, per symbol. Rules:
 * - Indicator: Wilder's RSI of the symbol's closes, `RSI(t)` at bar t, computed by the streaming
 *   `Rsi(period)` of `@qt-backtest/features` (one instance per symbol, fed only on bars where the
 *   symbol has a bar; equal to the batch `rsi(closes, period)`). It is NaN for the symbol's first
 *   `period` bars: no signal, and so no trade, during the warm-up.
 * - Size: `size` shares (default 100), or `floor(min(sizePct × equity, buying power) / close(t))` on the signal bar; a
 *   size of 0 shares submits nothing.
 * - Long: when flat (position 0) with no working order in the symbol and `RSI(t) < entry`, buy
 *   `size`; when long and `RSI(t) > exit`, sell the whole position (`closePosition`, which also
 *   cancels any working order of the symbol).
 * - `allowShort`: the mirror image — when flat with no working order and `RSI(t) > 100 − entry`,
 *   sell `size` short; when short and `RSI(t) < 100 − exit`, buy the whole short back.
 * - Market orders, filled at the next bar's open (defaults: buy below 30, sell above 50; short above
 *   70, cover below 50). Only the symbols in `params.symbols` are traded.
 */
export class RsiReversion extends Strategy<RsiReversionParams> {
  readonly #rsi: Rsi[];

  constructor(params: RsiReversionParams) {
    super(params);
    const period = params.period ?? 14;
    this.#rsi = params.symbols.map(() => new Rsi(period));
  }

  override onBar(ctx: StrategyContext): void {
    const entry = this.params.entry ?? 30;
    const exit = this.params.exit ?? 50;
    const short = this.params.allowShort === true;
    const symbols = this.params.symbols;
    for (let k = 0; k < symbols.length; k++) {
      const symbol = symbols[k]!;
      if (!ctx.hasBar(symbol)) continue;
      const close = ctx.value(symbol, 'close');
      const rsi = this.#rsi[k]!.add(close);
      if (Number.isNaN(rsi)) continue;
      const held = ctx.position(symbol).quantity;
      if (held === 0) {
        const long = rsi < entry;
        if (!long && !(short && rsi > 100 - entry)) continue;
        if (ctx.openOrders(symbol).length > 0) continue;
        const size = this.#size(ctx, close);
        if (size > 0) ctx.order({ symbol, side: long ? 'buy' : 'sell', quantity: size });
      } else if (held > 0 ? rsi > exit : rsi < 100 - exit) {
        ctx.closePosition(symbol);
      }
    }
  }

  #size(ctx: StrategyContext, close: number): number {
    const pct = this.params.sizePct;
    if (pct !== undefined) return Math.floor(Math.min(pct * ctx.equity, ctx.buyingPower) / close);
    return this.params.size ?? 100;
  }
}
