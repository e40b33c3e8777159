/**
 * Pre-trade risk limits and the pure check every order goes through — in a backtest through
 * {@link RiskGuard}, later in front of the live adapter. A breached limit blocks the order with a
 * reason code and the numbers behind it; nothing is silently resized.
 */
import { RiskInputError } from '../RiskError.js';

/** Limits; every field is optional (absent = unlimited). Fractions are of current equity. */
export interface RiskLimits {
  /** Max |position value| / equity per symbol after the order. */
  readonly maxWeight?: number;
  /** symbol → sector, for `sectorCaps`. */
  readonly sectorOf?: Readonly<Record<string, string>>;
  /** sector → max Σ|position value| / equity. */
  readonly sectorCaps?: Readonly<Record<string, number>>;
  /** Max Σ|position value| in currency. */
  readonly maxGrossExposure?: number;
  /** Max |Σ position value| / equity. */
  readonly maxNetExposure?: number;
  /** Max Σ|position value| / equity. */
  readonly maxLeverage?: number;
  /** Max shares per order. */
  readonly maxOrderQuantity?: number;
  /** Max quantity × price per order. */
  readonly maxOrderNotional?: number;
  /** Max orders submitted per bar. */
  readonly maxOrdersPerBar?: number;
  /** Loss since the previous day's close, as a fraction of it, that stops new orders for the day. */
  readonly dailyLossLimit?: number;
  /** Drawdown from peak equity that flattens everything and halts trading. */
  readonly maxDrawdown?: number;
}

/** Why an order was blocked. */
export const LimitCode = {
  MaxWeight: 'max_weight',
  SectorCap: 'sector_cap',
  GrossExposure: 'gross_exposure',
  NetExposure: 'net_exposure',
  Leverage: 'leverage',
  OrderQuantity: 'order_quantity',
  OrderNotional: 'order_notional',
  OrderRate: 'order_rate',
  DailyLoss: 'daily_loss',
  Halted: 'halted',
  NoPrice: 'no_price',
} as const;
export type LimitCode = (typeof LimitCode)[keyof typeof LimitCode];

/** An order to check: signed quantity (+ buy, − sell) at a reference price. */
export interface OrderIntent {
  readonly symbol: string;
  readonly quantity: number;
  readonly price: number;
}

/** What the check needs to know about the book. */
export interface BookState {
  readonly equity: number;
  /** symbol → signed market value now (working orders included if you want them counted). */
  readonly positionValues: ReadonlyMap<string, number>;
  /** Orders already submitted this bar. */
  readonly ordersThisBar: number;
}

/** A blocked order: the limit, the value it would have reached, and a sentence. */
export interface LimitBreach {
  readonly code: LimitCode;
  readonly limit: number;
  readonly value: number;
  readonly message: string;
}

/** Checks that every limit is a finite non-negative number. */
export function validateLimits(limits: RiskLimits): void {
  for (const [k, v] of Object.entries(limits)) {
    if (typeof v === 'number' && !(v >= 0 && Number.isFinite(v))) throw new RiskInputError(`risk limit ${k} must be a finite number ≥ 0, got ${v}`);
  }
  for (const [s, v] of Object.entries(limits.sectorCaps ?? {})) {
    if (!(v >= 0)) throw new RiskInputError(`sector cap ${s} must be ≥ 0, got ${v}`);
  }
}

/**
 * The first limit the order would breach, or `null` when it passes. Limits on exposure only block
 * orders that increase the exposure they measure, so a reducing trade is never trapped.
 *
 * @example
 * checkOrder({ maxWeight: 0.1 }, { equity: 1e6, positionValues: new Map(), ordersThisBar: 0 },
 *   { symbol: 'AAPL', quantity: 1000, price: 150 }) // → { code: 'max_weight', value: 0.15, … }
 */
export function checkOrder(limits: RiskLimits, book: BookState, order: OrderIntent): LimitBreach | null {
  const { symbol, quantity, price } = order;
  const breach = (code: LimitCode, limit: number, value: number, what: string): LimitBreach => ({
    code,
    limit,
    value,
    message: `${symbol} ${quantity > 0 ? 'buy' : 'sell'} ${Math.abs(quantity)}: ${what} ${value} exceeds the limit ${limit}`,
  });
  if (!(price > 0) || !Number.isFinite(price)) return breach('no_price', 0, price, 'reference price');
  const qty = Math.abs(quantity);
  if (limits.maxOrderQuantity !== undefined && qty > limits.maxOrderQuantity) {
    return breach('order_quantity', limits.maxOrderQuantity, qty, 'order quantity');
  }
  const notional = qty * price;
  if (limits.maxOrderNotional !== undefined && notional > limits.maxOrderNotional) {
    return breach('order_notional', limits.maxOrderNotional, notional, 'order notional');
  }
  if (limits.maxOrdersPerBar !== undefined && book.ordersThisBar + 1 > limits.maxOrdersPerBar) {
    return breach('order_rate', limits.maxOrdersPerBar, book.ordersThisBar + 1, 'orders this bar');
  }
  const equity = book.equity;
  const before = book.positionValues.get(symbol) ?? 0;
  const after = before + quantity * price;
  const increases = Math.abs(after) > Math.abs(before);
  if (!increases) return null;
  if (!(equity > 0)) return breach('leverage', 0, equity, 'equity');
  if (limits.maxWeight !== undefined && Math.abs(after) / equity > limits.maxWeight) {
    return breach('max_weight', limits.maxWeight, Math.abs(after) / equity, 'weight');
  }
  let gross = 0;
  let net = 0;
  for (const [s, v] of book.positionValues) {
    if (s === symbol) continue;
    gross += Math.abs(v);
    net += v;
  }
  gross += Math.abs(after);
  net += after;
  if (limits.sectorCaps !== undefined && limits.sectorOf !== undefined) {
    const sector = limits.sectorOf[symbol];
    const cap = sector === undefined ? undefined : limits.sectorCaps[sector];
    if (sector !== undefined && cap !== undefined) {
      let sv = Math.abs(after);
      for (const [s, v] of book.positionValues) if (s !== symbol && limits.sectorOf[s] === sector) sv += Math.abs(v);
      if (sv / equity > cap) return breach('sector_cap', cap, sv / equity, `sector ${sector} weight`);
    }
  }
  if (limits.maxGrossExposure !== undefined && gross > limits.maxGrossExposure) {
    return breach('gross_exposure', limits.maxGrossExposure, gross, 'gross exposure');
  }
  if (limits.maxLeverage !== undefined && gross / equity > limits.maxLeverage) {
    return breach('leverage', limits.maxLeverage, gross / equity, 'leverage');
  }
  const netBefore = net - after + before;
  if (limits.maxNetExposure !== undefined && Math.abs(net) > Math.abs(netBefore) && Math.abs(net) / equity > limits.maxNetExposure) {
    return breach('net_exposure', limits.maxNetExposure, Math.abs(net) / equity, 'net exposure');
  }
  return null;
}
