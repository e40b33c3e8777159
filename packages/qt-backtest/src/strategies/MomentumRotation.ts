/**
 * The monthly cross-sectional momentum rotation strategy.
 */
import { Strategy, type StrategyContext } from '@qt-backtest/core';

/** Parameters of {@link MomentumRotation}. */
export interface MomentumRotationParams {
  /** The symbols ranked and traded (never any other symbol in the data, e.g. a benchmark). */
  readonly symbols: readonly string[];
  /** Momentum window in bars (integer `>= 1`); default 126 (about six months of daily bars). */
  readonly lookback?: number;
  /** How many symbols to hold (integer `>= 1`; more than the symbols available holds them all); default 5. */
  readonly top?: number;
  /** Fraction of equity invested across the `top` slots, in `(0, 1]`; default `0.98`. */
  readonly fraction?: number;
}

/**
 * Monthly momentum rotation across `params.symbols`. Rules:
 * - Rebalance on the first bar of each calendar month: a bar whose UTC year and month differ from
 *   those of the previous bar the strategy saw (the first bar of the run counts as one). Nothing
 *   happens on other bars.
 * - Candidates: the symbols with a bar at t and at least `lookback + 1` closes of their own; score
 *   `close(t) / close(t − lookback) − 1`, where `t − lookback` is `lookback` of the symbol's own
 *   bars back. Ranked by score, highest first; equal scores by symbol name (code-unit order).
 * - Chosen: the first `top` candidates (all of them when there are fewer).
 * - Orders, submitted in this order: first `closePosition` for every symbol not chosen (a held
 *   symbol without a bar at t is not a candidate, so it is sold too; its working orders are
 *   cancelled), then `orderTargetPercent(s, fraction / top)` for the chosen symbols — those whose
 *   current market value is above the target first (they sell), then the others (they buy), each
 *   group in rank order — so that sells fill ahead of buys at the next open. The weight is always
 *   `fraction / top`: with fewer than `top` candidates the rest stays in cash.
 * - Market orders, filled at the next bar's open.
 */
export class MomentumRotation extends Strategy<MomentumRotationParams> {
  /** The current month's first and the next month's first instant (UTC); NaN before the first bar. */
  #monthStart = Number.NaN;
  #nextMonthStart = Number.NaN;
  readonly #score: Float64Array;
  readonly #chosen: Uint8Array;

  constructor(params: MomentumRotationParams) {
    super(params);
    this.#score = new Float64Array(params.symbols.length);
    this.#chosen = new Uint8Array(params.symbols.length);
  }

  override onBar(ctx: StrategyContext): void {
    const time = ctx.time;
    // Two comparisons per bar; a Date only once a month.
    if (time >= this.#monthStart && time < this.#nextMonthStart) return;
    const date = new Date(time);
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth();
    this.#monthStart = Date.UTC(year, month, 1);
    this.#nextMonthStart = Date.UTC(year, month + 1, 1);
    this.#rebalance(ctx);
  }

  #rebalance(ctx: StrategyContext): void {
    const { symbols } = this.params;
    const lookback = this.params.lookback ?? 126;
    const top = this.params.top ?? 5;
    const weight = (this.params.fraction ?? 0.98) / top;
    const score = this.#score;
    const candidates: number[] = [];
    for (let k = 0; k < symbols.length; k++) {
      const s = symbols[k]!;
      if (!ctx.hasBar(s)) continue;
      const r = ctx.value(s, 'close', 0) / ctx.value(s, 'close', lookback) - 1;
      if (Number.isNaN(r)) continue; // fewer than lookback + 1 closes
      score[k] = r;
      candidates.push(k);
    }
    candidates.sort((a, b) => score[b]! - score[a]! || (symbols[a]! < symbols[b]! ? -1 : symbols[a]! > symbols[b]! ? 1 : 0));
    const chosen = this.#chosen;
    chosen.fill(0);
    const n = Math.min(top, candidates.length);
    for (let i = 0; i < n; i++) chosen[candidates[i]!] = 1;
    for (let k = 0; k < symbols.length; k++) if (chosen[k] === 0) ctx.closePosition(symbols[k]!);
    const target = weight * ctx.equity;
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < n; i++) {
        const s = symbols[candidates[i]!]!;
        const above = ctx.position(s).marketValue > target;
        if (above === (pass === 0)) ctx.orderTargetPercent(s, weight);
      }
    }
  }
}
