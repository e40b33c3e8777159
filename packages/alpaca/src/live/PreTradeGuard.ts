/**
 * Pre-trade checks between a strategy's order and the broker. The risk package's limits and kill
 * switch plug in through this interface; {@link BasicPreTradeGuard} is the minimal built-in set
 * (order size, position size, gross exposure, drawdown and daily loss → flatten and halt).
 */

/** What a guard sees for one proposed order. */
export interface PreTradeParams {
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly quantity: number;
  /** Price used for notional checks (limit price, else the last close). */
  readonly price: number;
  /** Current signed positions (shares) and last prices. */
  readonly positions: Readonly<Record<string, number>>;
  readonly prices: Readonly<Record<string, number>>;
  readonly equity: number;
  /** Highest equity seen in this run, and equity at the start of the session day. */
  readonly peakEquity: number;
  readonly dayStartEquity: number;
}

/** A guard's verdict: allow, reject this order, or flatten everything and halt. */
export type PreTradeDecision =
  | { readonly action: 'allow' }
  | { readonly action: 'reject'; readonly reason: string }
  | { readonly action: 'flatten_and_halt'; readonly reason: string };

/** A pre-trade check. */
export interface PreTradeGuard {
  readonly name: string;
  check(params: PreTradeParams): PreTradeDecision;
}

/** Allows everything. */
export class NoPreTradeGuard implements PreTradeGuard {
  readonly name = 'NoPreTradeGuard';
  check(): PreTradeDecision {
    return { action: 'allow' };
  }
}

/** Limits of {@link BasicPreTradeGuard} (each optional; absent = no limit). */
export interface BasicLimits {
  /** Largest order in shares. */
  readonly maxOrderQuantity?: number;
  /** Largest order value (shares × price). */
  readonly maxOrderNotional?: number;
  /** Largest absolute position value per symbol after the order. */
  readonly maxPositionNotional?: number;
  /** Largest Σ |position value| after the order, as a multiple of equity. */
  readonly maxGrossLeverage?: number;
  /** Drawdown from peak equity (fraction, e.g. 0.1) that flattens and halts. */
  readonly maxDrawdown?: number;
  /** Loss since the day's start (fraction of that equity) that flattens and halts. */
  readonly maxDailyLoss?: number;
}

/** @example new BasicPreTradeGuard({ maxOrderNotional: 50_000, maxDrawdown: 0.1 }) */
export class BasicPreTradeGuard implements PreTradeGuard {
  readonly name = 'BasicPreTradeGuard';
  readonly #l: BasicLimits;

  constructor(limits: BasicLimits) {
    for (const [k, v] of Object.entries(limits)) if (!(typeof v === 'number' && v > 0)) throw new RangeError(`limit ${k} must be a number > 0, got "${String(v)}"`);
    this.#l = limits;
  }

  check(p: PreTradeParams): PreTradeDecision {
    const l = this.#l;
    if (l.maxDrawdown !== undefined && p.peakEquity > 0 && (p.peakEquity - p.equity) / p.peakEquity >= l.maxDrawdown) {
      return { action: 'flatten_and_halt', reason: `drawdown ${(((p.peakEquity - p.equity) / p.peakEquity) * 100).toFixed(2)}% reached the limit ${(l.maxDrawdown * 100).toFixed(2)}%` };
    }
    if (l.maxDailyLoss !== undefined && p.dayStartEquity > 0 && (p.dayStartEquity - p.equity) / p.dayStartEquity >= l.maxDailyLoss) {
      return { action: 'flatten_and_halt', reason: `daily loss ${(p.dayStartEquity - p.equity).toFixed(2)} reached ${(l.maxDailyLoss * 100).toFixed(2)}% of ${p.dayStartEquity.toFixed(2)}` };
    }
    if (l.maxOrderQuantity !== undefined && p.quantity > l.maxOrderQuantity) return { action: 'reject', reason: `order of ${p.quantity} ${p.symbol} exceeds maxOrderQuantity ${l.maxOrderQuantity}` };
    const notional = p.quantity * p.price;
    if (l.maxOrderNotional !== undefined && notional > l.maxOrderNotional) return { action: 'reject', reason: `order value ${notional.toFixed(2)} of ${p.symbol} exceeds maxOrderNotional ${l.maxOrderNotional}` };
    const after = (p.positions[p.symbol] ?? 0) + (p.side === 'buy' ? p.quantity : -p.quantity);
    if (l.maxPositionNotional !== undefined && Math.abs(after * p.price) > l.maxPositionNotional) {
      return { action: 'reject', reason: `position of ${after} ${p.symbol} (${Math.abs(after * p.price).toFixed(2)}) would exceed maxPositionNotional ${l.maxPositionNotional}` };
    }
    if (l.maxGrossLeverage !== undefined && p.equity > 0) {
      let gross = 0;
      for (const [s, q] of Object.entries({ ...p.positions, [p.symbol]: after })) gross += Math.abs(q * (s === p.symbol ? p.price : (p.prices[s] ?? 0)));
      if (gross / p.equity > l.maxGrossLeverage) return { action: 'reject', reason: `gross exposure ${(gross / p.equity).toFixed(3)}× equity would exceed maxGrossLeverage ${l.maxGrossLeverage}` };
    }
    return { action: 'allow' };
  }
}
