/**
 * The simple-moving-average crossover strategy.
 */
import { Strategy, type StrategyContext } from '@qt-backtest/core';
import { ExactRollingSum } from '@qt-backtest/features';

/** Parameters of {@link SmaCross}. */
export interface SmaCrossParams {
  /** The symbols traded, each independently. */
  readonly symbols: readonly string[];
  /** Fast window in bars (integer `>= 1`); default 10. */
  readonly fast?: number;
  /** Slow window in bars (integer `> fast`); default 30. */
  readonly slow?: number;
  /** Shares per entry; default 100 (ignored when `sizePct` is set). */
  readonly size?: number;
  /** Fraction of cash per entry: `floor(sizePct × cash / close)` shares on the signal bar. */
  readonly sizePct?: number;
  /** Reverse to short on a cross down (and back to long on a cross up); default `false`. */
  readonly allowShort?: boolean;
}

/**
 * Sign of `mean(last fast closes) − mean(last slow closes)` computed exactly. When every close in
 * the window has at most 6 decimals (`round(x × 1e6) / 1e6 === x`), the sums are compared as
 * integer micro-prices (`fastSum × slow − slowSum × fast`); otherwise with
 * `ExactRollingSum.compareMeans`. Either way a tie is a tie, whatever the summation order.
 */
export function compareSmas(closes: { readonly length: number; at(i: number): number }, fast: number, slow: number): -1 | 0 | 1 {
  let fastMicro = 0;
  let slowMicro = 0;
  let micro = true;
  for (let i = 0; i < slow && micro; i++) {
    const x = closes.at(i);
    const m = Math.round(x * 1e6);
    if (m / 1e6 !== x) micro = false;
    slowMicro += m;
    if (i >= slow - fast) fastMicro += m;
  }
  if (micro) {
    const diff = fastMicro * slow - slowMicro * fast;
    if (Number.isSafeInteger(fastMicro * slow) && Number.isSafeInteger(slowMicro * fast)) return Math.sign(diff) as -1 | 0 | 1;
  }
  const fastSum = new ExactRollingSum();
  const slowSum = new ExactRollingSum();
  for (let i = 0; i < slow; i++) {
    const x = closes.at(i);
    slowSum.add(x);
    if (i >= slow - fast) fastSum.add(x);
  }
  return ExactRollingSum.compareMeans(fastSum, fast, slowSum, slow);
}

/**
 * SMA crossover on closes, per symbol. Rules:
 * - Signal at bar t (needs `slow` closes): the sign of `SMA(fast) − SMA(slow)` at t, compared
 *   exactly ({@link compareSmas}). A cross up at t: the sign is `+` at t and `−` at the latest earlier
 *   bar where it was not 0 (ties neither cross nor reset the memory); a cross down likewise.
 * - Size: `size` shares (default 100), or `floor(sizePct × cash / close)` on the signal bar.
 * - Long only (default): on a cross up while flat, buy `size`; on a cross down while long, sell the
 *   whole position.
 * - `allowShort`: on a cross down, sell the long position (if any) plus `size` to go short; on a
 *   cross up, buy back the short (if any) plus `size` to go long.
 * - Market orders, filled at the next bar's open.
 */
export class SmaCross extends Strategy<SmaCrossParams> {
  readonly #lastSign = new Map<string, number>();

  override onBar(ctx: StrategyContext): void {
    const fast = this.params.fast ?? 10;
    const slow = this.params.slow ?? 30;
    for (const symbol of this.params.symbols) {
      if (ctx.bar(symbol) === undefined) continue;
      const closes = ctx.history(symbol, 'close', slow);
      if (closes.length < slow) continue;
      const sign = compareSmas(closes, fast, slow);
      const last = this.#lastSign.get(symbol) ?? 0;
      if (sign !== 0) this.#lastSign.set(symbol, sign);
      const crossUp = sign > 0 && last < 0;
      const crossDown = sign < 0 && last > 0;
      if (!crossUp && !crossDown) continue;
      const held = ctx.position(symbol).quantity;
      const size = this.#size(ctx, symbol);
      if (this.params.allowShort === true) {
        if (crossUp && held <= 0 && size - held > 0) ctx.buy(symbol, size - held);
        if (crossDown && held >= 0 && size + held > 0) ctx.sell(symbol, size + held);
      } else {
        if (crossUp && held === 0 && size > 0) ctx.buy(symbol, size);
        if (crossDown && held > 0) ctx.sell(symbol, held);
      }
    }
  }

  #size(ctx: StrategyContext, symbol: string): number {
    const pct = this.params.sizePct;
    if (pct !== undefined) return Math.floor((pct * ctx.cash) / ctx.price(symbol));
    return this.params.size ?? 100;
  }
}
