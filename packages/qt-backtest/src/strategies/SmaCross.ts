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
  /** Fraction of equity per entry: `floor(min(sizePct × equity, buying power) / close)` shares on the signal bar. */
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
 * - Size: `size` shares (default 100), or `floor(min(sizePct × equity, buying power) / close)` on the signal bar.
 * - Long only (default): on a cross up while flat, buy `size`; on a cross down while long, sell the
 *   whole position.
 * - `allowShort`: on a cross down, sell the long position (if any) plus `size` to go short; on a
 *   cross up, buy back the short (if any) plus `size` to go long.
 * - Market orders, filled at the next bar's open.
 */
export class SmaCross extends Strategy<SmaCrossParams> {
  readonly #lastSign = new Map<string, number>();
  readonly #windows = new Map<string, MicroWindow>();

  override onBar(ctx: StrategyContext): void {
    const fast = this.params.fast ?? 10;
    const slow = this.params.slow ?? 30;
    for (const symbol of this.params.symbols) {
      if (!ctx.hasBar(symbol)) continue;
      let w = this.#windows.get(symbol);
      if (w === undefined) this.#windows.set(symbol, (w = new MicroWindow(fast, slow)));
      w.push(ctx.value(symbol, 'close'));
      if (w.count < slow) continue;
      // O(1) on micro-prices; the exact O(slow) comparison only when the window holds other values.
      const sign = w.sign() ?? compareSmas(ctx.history(symbol, 'close', slow), fast, slow);
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
    if (pct !== undefined) return Math.floor(Math.min(pct * ctx.equity, ctx.buyingPower) / ctx.price(symbol));
    return this.params.size ?? 100;
  }
}

/**
 * Rolling integer sums of the last `fast` and `slow` closes in micro units (`round(x × 1e6)`),
 * with a count of the closes in the window that are not whole micro-prices. `sign()` is exactly
 * {@link compareSmas}'s micro path, in O(1) per bar.
 */
class MicroWindow {
  readonly #fast: number;
  readonly #slow: number;
  /** The last `slow` closes as micro-prices (NaN for a close that is not one), a ring. */
  readonly #micro: Float64Array;
  /** Largest micro-price kept in the integer sums: `slow` of them still sum exactly. */
  readonly #maxMicro: number;
  #head = 0;
  count = 0;
  #fastSum = 0;
  #slowSum = 0;
  #fastOther = 0;
  #slowOther = 0;

  constructor(fast: number, slow: number) {
    this.#fast = fast;
    this.#slow = slow;
    this.#micro = new Float64Array(slow);
    this.#maxMicro = Math.floor(Number.MAX_SAFE_INTEGER / slow);
  }

  push(x: number): void {
    const slow = this.#slow;
    const m = Math.round(x * 1e6);
    const v = m / 1e6 === x && Math.abs(m) <= this.#maxMicro ? m : Number.NaN;
    // The value leaving the slow window sits where the new one goes; the one leaving the fast
    // window `fast` places behind the new one.
    if (this.count >= slow) this.#drop(this.#micro[this.#head]!, 'slow');
    if (this.count >= this.#fast) this.#drop(this.#micro[(this.#head - this.#fast + slow) % slow]!, 'fast');
    this.#micro[this.#head] = v;
    this.#head = (this.#head + 1) % slow;
    this.count++;
    if (Number.isNaN(v)) {
      this.#slowOther++;
      this.#fastOther++;
    } else {
      this.#slowSum += v;
      this.#fastSum += v;
    }
  }

  #drop(v: number, which: 'fast' | 'slow'): void {
    if (which === 'slow') {
      if (Number.isNaN(v)) this.#slowOther--;
      else this.#slowSum -= v;
    } else if (Number.isNaN(v)) this.#fastOther--;
    else this.#fastSum -= v;
  }

  /** Sign of `SMA(fast) − SMA(slow)` when every close in the window is a micro-price; else `undefined`. */
  sign(): -1 | 0 | 1 | undefined {
    if (this.#slowOther !== 0) return undefined;
    const a = this.#fastSum * this.#slow;
    const b = this.#slowSum * this.#fast;
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return undefined;
    return Math.sign(a - b) as -1 | 0 | 1;
  }
}
