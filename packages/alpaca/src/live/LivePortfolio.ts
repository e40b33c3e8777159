/**
 * The live book in exact decimals: cash, signed quantities, average entry prices and realised
 * P&L per symbol, changed only by fills (one at a time, from the runner's event queue) and by
 * reconciliation against the broker's positions.
 */
import { Decimal } from 'decimal.js';

/** One symbol's holding. */
export interface Holding {
  readonly quantity: Decimal;
  readonly averagePrice: Decimal;
  readonly realised: Decimal;
}

const ZERO = new Decimal(0);

/** @example const book = new LivePortfolio('100000'); book.applyFill('AAPL', 'buy', '10', '200.5'); */
export class LivePortfolio {
  #cash: Decimal;
  readonly #holdings = new Map<string, Holding>();

  constructor(cash: string) {
    this.#cash = new Decimal(cash);
  }

  get cash(): Decimal {
    return this.#cash;
  }

  /** Sets cash from the broker's account (at start). */
  setCash(cash: string): void {
    this.#cash = new Decimal(cash);
  }

  holding(symbol: string): Holding {
    return this.#holdings.get(symbol) ?? { quantity: ZERO, averagePrice: ZERO, realised: ZERO };
  }

  /** Signed quantities of every non-flat symbol, as decimal strings (`{ AAPL: '10' }`). */
  quantities(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [s, h] of this.#holdings) if (!h.quantity.isZero()) out[s] = h.quantity.toString();
    return out;
  }

  /**
   * Applies one execution exactly. Cash moves by `notional` when given (an increment whose average
   * price does not terminate: the broker's own total), else by `quantity × price`.
   */
  applyFill(symbol: string, side: 'buy' | 'sell' | (string & {}), quantity: Decimal.Value, price: Decimal.Value, notional?: Decimal.Value): void {
    const q = new Decimal(quantity);
    const p = new Decimal(price);
    const signed = side === 'buy' ? q : q.neg();
    const h = this.holding(symbol);
    const next = h.quantity.add(signed);
    let avg = h.averagePrice;
    let realised = h.realised;
    if (h.quantity.isZero() || h.quantity.isNeg() === signed.isNeg()) {
      // Adding to (or opening) a position: volume-weighted average.
      avg = next.isZero() ? ZERO : h.quantity.mul(h.averagePrice).add(signed.mul(p)).div(next);
    } else {
      const closed = Decimal.min(q, h.quantity.abs());
      realised = realised.add(closed.mul(p.sub(h.averagePrice)).mul(h.quantity.isNeg() ? -1 : 1));
      if (next.isZero()) avg = ZERO;
      else if (next.isNeg() !== h.quantity.isNeg()) avg = p; // crossed through zero
    }
    const money = notional === undefined ? q.mul(p) : new Decimal(notional);
    this.#cash = side === 'buy' ? this.#cash.sub(money) : this.#cash.add(money);
    this.#holdings.set(symbol, { quantity: next, averagePrice: avg, realised });
  }

  /** Replaces a holding with the broker's (reconciliation); returns whether it changed. */
  setPosition(symbol: string, quantity: string, averagePrice: string): boolean {
    const h = this.holding(symbol);
    const q = new Decimal(quantity);
    if (h.quantity.eq(q)) return false;
    this.#holdings.set(symbol, { quantity: q, averagePrice: new Decimal(averagePrice), realised: h.realised });
    return true;
  }
}
