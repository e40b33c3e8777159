import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import type { OrderId } from '../orders/Order.js';
import { Ledger, type LedgerFill } from './Ledger.js';

const oid = (s: string): OrderId => s as OrderId;

/** A fill with defaults: order "o-1", symbol "X", no fee, time 0. */
function fill(side: 'buy' | 'sell', quantity: number, price: number, more: Partial<LedgerFill> = {}): LedgerFill {
  return { orderId: oid('o-1'), symbol: 'X', side, quantity, price, fee: 0, time: 0, ...more };
}

/** `initialCash + realised + unrealised − fees − borrow + interest`, from the ledger's own totals. */
function fromPnl(ledger: Ledger, price: (s: string) => number): Decimal {
  const t = ledger.totals();
  return ledger.initialCash.plus(t.realised).plus(ledger.unrealised(price)).minus(t.fees).minus(t.borrow).plus(t.interest);
}

describe('Ledger: hand-checked examples', () => {
  it('books a buy: cash pays notional plus fee, the position carries the entry price', () => {
    const ledger = new Ledger(10_000);
    const effect = ledger.applyFill(fill('buy', 100, 10.0, { fee: 1 }));
    // 10,000 − 100 × 10 − 1 = 8,999
    expect(ledger.cash.toString()).toBe('8999');
    expect(ledger.cashNumber).toBe(8999);
    expect(effect).toEqual({ realised: 0, closedQuantity: 0, openedQuantity: 100 });
    expect(ledger.quantity('X')).toBe(100);
    expect(ledger.position('X')).toEqual({
      symbol: 'X',
      quantity: 100,
      averagePrice: 10,
      costBasis: 1000,
      realisedPnl: 0,
      fees: 1,
      borrow: 0,
    });
    // Marked at 11: 8,999 + 100 × 11 = 10,099; unrealised (11 − 10) × 100 = 100.
    expect(ledger.equity(() => 11).toString()).toBe('10099');
    expect(ledger.unrealised(() => 11).toString()).toBe('100');
    expect(fromPnl(ledger, () => 11).toString()).toBe('10099');
  });

  it('realises a partial sell against the entry price and pro-rates the entry fee into the trade', () => {
    const ledger = new Ledger(10_000);
    ledger.applyFill(fill('buy', 100, 10, { fee: 1, orderId: oid('o-1'), time: 1 }));
    const effect = ledger.applyFill(fill('sell', 40, 12, { fee: 0.5, orderId: oid('o-2'), time: 2 }));
    // Cash: 8,999 + 40 × 12 − 0.5 = 9,478.5; realised (12 − 10) × 40 = 80.
    expect(ledger.cash.toString()).toBe('9478.5');
    expect(effect).toEqual({ realised: 80, closedQuantity: 40, openedQuantity: 0 });
    expect(ledger.quantity('X')).toBe(60);
    expect(ledger.position('X')).toMatchObject({ quantity: 60, averagePrice: 10, costBasis: 600, realisedPnl: 80, fees: 1.5 });
    // Trade fees: entry 1 × 40/100 = 0.4, exit 0.5 (whole fill) → 0.9; net 80 − 0.9 = 79.1.
    expect(ledger.trades).toEqual([
      {
        symbol: 'X',
        side: 'long',
        quantity: 40,
        entryTime: 1,
        entryPrice: 10,
        exitTime: 2,
        exitPrice: 12,
        entryOrderId: 'o-1',
        exitOrderId: 'o-2',
        grossPnl: 80,
        fees: 0.9,
        pnl: 79.1,
      },
    ]);
    expect(ledger.totals().realised.toString()).toBe('80');
  });

  it('reverses long to short in one fill: closes the long lots, opens the rest short at the fill price', () => {
    const ledger = new Ledger(10_000);
    ledger.applyFill(fill('buy', 100, 10, { orderId: oid('o-1'), time: 1 }));
    const effect = ledger.applyFill(fill('sell', 150, 12, { fee: 3, orderId: oid('o-2'), time: 2 }));
    // Closes 100: (12 − 10) × 100 = 200; opens 50 short @ 12. Cash 10,000 − 1,000 + 1,800 − 3 = 10,797.
    expect(effect).toEqual({ realised: 200, closedQuantity: 100, openedQuantity: 50 });
    expect(ledger.cash.toString()).toBe('10797');
    expect(ledger.quantity('X')).toBe(-50);
    expect(ledger.position('X')).toMatchObject({ quantity: -50, averagePrice: 12, costBasis: -600, realisedPnl: 200 });
    // The long trade carries 100/150 of the 3 fee = 2.
    expect(ledger.trades[0]).toMatchObject({ side: 'long', quantity: 100, grossPnl: 200, fees: 2, pnl: 198 });

    // Cover 50 @ 11: (12 − 11) × 50 = 50; the short lot's entry fee share is 3 × 50/150 = 1.
    ledger.applyFill(fill('buy', 50, 11, { orderId: oid('o-3'), time: 3 }));
    expect(ledger.trades[1]).toMatchObject({
      side: 'short',
      quantity: 50,
      entryOrderId: 'o-2',
      exitOrderId: 'o-3',
      entryPrice: 12,
      exitPrice: 11,
      grossPnl: 50,
      fees: 1,
      pnl: 49,
    });
    // 10,797 − 550 = 10,247 = 10,000 + 250 realised − 3 fees.
    expect(ledger.cash.toString()).toBe('10247');
    expect(ledger.totals().realised.toString()).toBe('250');
    expect(ledger.openSymbols()).toEqual([]);
    expect(ledger.position('X').averagePrice).toBeNaN();
  });

  it('opens and covers a short: the sale credits cash, the mark is a liability', () => {
    const ledger = new Ledger(1000);
    ledger.applyFill(fill('sell', 10, 50, { fee: 1 }));
    // 1,000 + 500 − 1 = 1,499; at 55: 1,499 − 550 = 949 = 1,000 + (50 − 55) × 10 − 1.
    expect(ledger.cash.toString()).toBe('1499');
    expect(ledger.quantity('X')).toBe(-10);
    expect(ledger.equity(() => 55).toString()).toBe('949');
    expect(ledger.unrealised(() => 55).toString()).toBe('-50');
    expect(fromPnl(ledger, () => 55).toString()).toBe('949');

    ledger.applyFill(fill('buy', 10, 45, { fee: 1 }));
    // 1,499 − 450 − 1 = 1,048 = 1,000 + (50 − 45) × 10 − 2.
    expect(ledger.cash.toString()).toBe('1048');
    expect(ledger.totals().realised.toString()).toBe('50');
    expect(ledger.quantity('X')).toBe(0);
  });

  it('handles fractional quantities exactly (0.1 + 0.2 shares sell out as 0.3)', () => {
    const ledger = new Ledger(1000);
    ledger.applyFill(fill('buy', 0.125, 80.08));
    // 0.125 × 80.08 = 10.01 exactly.
    expect(ledger.cash.toString()).toBe('989.99');
    expect(ledger.quantity('X')).toBe(0.125);

    ledger.applyFill(fill('buy', 0.1, 10, { symbol: 'Y' }));
    ledger.applyFill(fill('buy', 0.2, 10, { symbol: 'Y' }));
    expect(ledger.quantity('Y')).toBe(0.3); // in doubles 0.1 + 0.2 is 0.30000000000000004
    const effect = ledger.applyFill(fill('sell', 0.3, 11, { symbol: 'Y' }));
    // (11 − 10) × 0.1 + (11 − 10) × 0.2 = 0.3 exactly, and the position is flat.
    expect(effect).toEqual({ realised: 0.3, closedQuantity: 0.3, openedQuantity: 0 });
    expect(ledger.quantity('Y')).toBe(0);
    expect(ledger.openSymbols()).toEqual(['X']);
    expect(ledger.trades.map((t) => t.quantity)).toEqual([0.1, 0.2]);
    expect(ledger.totals().realised.toString()).toBe('0.3');
    // 989.99 − 1 − 2 + 3.3 = 990.29
    expect(ledger.cash.toString()).toBe('990.29');
  });

  it('charges borrow and books signed interest into cash and the financing totals', () => {
    const ledger = new Ledger(1000);
    ledger.applyFill(fill('sell', 10, 20));
    ledger.chargeBorrow('X', 0.35, 1);
    ledger.creditInterest(0.1, 1);
    ledger.creditInterest(-0.05, 2);
    // 1,000 + 200 − 0.35 + 0.1 − 0.05 = 1,199.7
    expect(ledger.cash.toString()).toBe('1199.7');
    expect(ledger.cashNumber).toBe(1199.7);
    const t = ledger.totals();
    expect([t.borrow.toString(), t.interest.toString(), t.financing.toString()]).toEqual(['0.35', '0.05', '0.3']);
    expect(ledger.position('X').borrow).toBe(0.35);
    // At 20: 1,199.7 − 200 = 999.7 = 1,000 − 0.35 + 0.05.
    expect(ledger.equity(() => 20).toString()).toBe('999.7');
    expect(fromPnl(ledger, () => 20).toString()).toBe('999.7');
  });

  it('closes lots first in, first out across three buys and two sells, with exact realised P&L', () => {
    const ledger = new Ledger(10_000);
    ledger.applyFill(fill('buy', 10, 100, { fee: 2, orderId: oid('o-1'), time: 1 }));
    ledger.applyFill(fill('buy', 20, 110, { fee: 4, orderId: oid('o-2'), time: 2 }));
    ledger.applyFill(fill('buy', 30, 120, { fee: 6, orderId: oid('o-3'), time: 3 }));
    // Sell 25 @ 130: lot 1 (10 @ 100) → 300, then 15 of lot 2 (@ 110) → 300.
    const first = ledger.applyFill(fill('sell', 25, 130, { fee: 5, orderId: oid('o-4'), time: 4 }));
    expect(first).toEqual({ realised: 600, closedQuantity: 25, openedQuantity: 0 });
    // Sell 20 @ 105: the last 5 of lot 2 → (105 − 110) × 5 = −25, then 15 of lot 3 → (105 − 120) × 15 = −225.
    const second = ledger.applyFill(fill('sell', 20, 105, { fee: 2, orderId: oid('o-5'), time: 5 }));
    expect(second).toEqual({ realised: -250, closedQuantity: 20, openedQuantity: 0 });
    // FIFO leaves 15 of lot 3 @ 120 (average cost would have left 15 @ 113.33…).
    expect(ledger.totals().realised.toString()).toBe('350');
    expect(ledger.position('X')).toMatchObject({ quantity: 15, averagePrice: 120, costBasis: 1800, realisedPnl: 350, fees: 19 });
    // Cash: 10,000 − 1,000 − 2,200 − 3,600 − 12 + 3,250 − 5 + 2,100 − 2 = 8,531.
    expect(ledger.cash.toString()).toBe('8531');
    // At 120: 8,531 + 1,800 = 10,331 = 10,000 + 350 − 19.
    expect(ledger.equity(() => 120).toString()).toBe('10331');
    expect(fromPnl(ledger, () => 120).toString()).toBe('10331');

    const base = { symbol: 'X', side: 'long', exitPrice: 130, exitOrderId: 'o-4', exitTime: 4 };
    const base2 = { symbol: 'X', side: 'long', exitPrice: 105, exitOrderId: 'o-5', exitTime: 5 };
    expect(ledger.trades).toEqual([
      // Fees: entry 2 (whole fill) + exit 5 × 10/25 = 2.
      { ...base, quantity: 10, entryTime: 1, entryPrice: 100, entryOrderId: 'o-1', grossPnl: 300, fees: 4, pnl: 296 },
      // Fees: entry 4 × 15/20 = 3 + exit 5 × 15/25 = 3.
      { ...base, quantity: 15, entryTime: 2, entryPrice: 110, entryOrderId: 'o-2', grossPnl: 300, fees: 6, pnl: 294 },
      // Fees: entry 4 × 5/20 = 1 + exit 2 × 5/20 = 0.5.
      { ...base2, quantity: 5, entryTime: 2, entryPrice: 110, entryOrderId: 'o-2', grossPnl: -25, fees: 1.5, pnl: -26.5 },
      // Fees: entry 6 × 15/30 = 3 + exit 2 × 15/20 = 1.5.
      { ...base2, quantity: 15, entryTime: 3, entryPrice: 120, entryOrderId: 'o-3', grossPnl: -225, fees: 4.5, pnl: -229.5 },
    ]);
  });

  it('rounds pro-rated trade fees while the fee total stays exact', () => {
    const ledger = new Ledger(1000);
    ledger.applyFill(fill('buy', 3, 10, { fee: 1 }));
    ledger.applyFill(fill('sell', 1, 10));
    ledger.applyFill(fill('sell', 2, 10));
    // 1 × 1/3 and 1 × 2/3, each rounded to the nearest double.
    expect(ledger.trades.map((t) => t.fees)).toEqual([1 / 3, 2 / 3]);
    expect(ledger.totals().fees.toString()).toBe('1');
    expect(ledger.cash.toString()).toBe('999');
  });

  it('keeps openSymbols as one live array in opening order', () => {
    const ledger = new Ledger(1000);
    const open = ledger.openSymbols();
    ledger.applyFill(fill('buy', 1, 10, { symbol: 'B' }));
    ledger.applyFill(fill('sell', 1, 10, { symbol: 'A' }));
    ledger.applyFill(fill('buy', 1, 10, { symbol: 'C' }));
    expect(ledger.openSymbols()).toBe(open);
    expect(open).toEqual(['B', 'A', 'C']);
    ledger.applyFill(fill('buy', 1, 10, { symbol: 'A' }));
    expect(open).toEqual(['B', 'C']);
    ledger.applyFill(fill('buy', 2, 10, { symbol: 'A' }));
    expect(open).toEqual(['B', 'C', 'A']);
  });

  it('reports a flat, never-traded symbol as zeros with a NaN average price', () => {
    const ledger = new Ledger(1000);
    expect(ledger.quantity('Z')).toBe(0);
    expect(ledger.position('Z')).toEqual({ symbol: 'Z', quantity: 0, averagePrice: Number.NaN, costBasis: 0, realisedPnl: 0, fees: 0, borrow: 0 });
    expect(ledger.equity(() => Number.NaN).toString()).toBe('1000');
  });

  it('caches the position snapshot until the symbol changes', () => {
    const ledger = new Ledger(1000);
    ledger.applyFill(fill('buy', 1, 10));
    const a = ledger.position('X');
    expect(ledger.position('X')).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    ledger.chargeBorrow('X', 0.01, 1);
    expect(ledger.position('X')).not.toBe(a);
  });

  it('reads an initial cash string exactly', () => {
    expect(new Ledger('100000.10').cash.toString()).toBe('100000.1');
    expect(new Ledger(0).cashNumber).toBe(0);
  });
});

describe('Ledger: invalid input', () => {
  it('rejects a negative, non-finite or unparsable initial cash, quoting it', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, 'abc', 'Infinity', '-0.01']) {
      expect(() => new Ledger(bad), String(bad)).toThrow(InvariantError);
      expect(() => new Ledger(bad), String(bad)).toThrow(`"${String(bad)}"`);
    }
  });

  it('rejects zero, negative or non-finite quantities, prices, fees and times, leaving the ledger untouched', () => {
    const ledger = new Ledger(1000);
    ledger.applyFill(fill('buy', 1, 10));
    const bad: LedgerFill[] = [
      fill('buy', 0, 10),
      fill('buy', -1, 10),
      fill('sell', Number.NaN, 10),
      fill('buy', Number.POSITIVE_INFINITY, 10),
      fill('buy', 1, 0),
      fill('buy', 1, Number.NaN),
      fill('sell', 1, Number.POSITIVE_INFINITY),
      fill('buy', 1, 10, { fee: -0.01 }),
      fill('buy', 1, 10, { fee: Number.NaN }),
      fill('buy', 1, 10, { time: Number.NaN }),
      fill('buy', 1, 10, { symbol: '' }),
      { ...fill('buy', 1, 10), side: 'hold' as 'buy' },
    ];
    for (const f of bad) expect(() => ledger.applyFill(f), JSON.stringify(f)).toThrow(InvariantError);
    expect(() => ledger.applyFill(fill('buy', 0, 10))).toThrow('"0"');
    expect(ledger.cash.toString()).toBe('990');
    expect(ledger.quantity('X')).toBe(1);
    expect(ledger.trades).toEqual([]);
  });

  it('rejects negative or non-finite financing amounts', () => {
    const ledger = new Ledger(1000);
    expect(() => ledger.chargeBorrow('X', -1, 0)).toThrow('"-1"');
    expect(() => ledger.chargeBorrow('X', Number.NaN, 0)).toThrow(InvariantError);
    expect(() => ledger.creditInterest(Number.NEGATIVE_INFINITY, 0)).toThrow('"-Infinity"');
    expect(() => ledger.creditInterest(1, Number.NaN)).toThrow(InvariantError);
    expect(ledger.cash.toString()).toBe('1000');
  });

  it('throws instead of rounding when a sum would exceed the exact precision', () => {
    const ledger = new Ledger(1e15);
    // 1e15 − 1e-200 × 1 needs ~215 significant digits.
    expect(() => ledger.applyFill(fill('buy', 1e-200, 1))).toThrow(/significant digits/);
  });

  it('rejects a non-finite mark price of an open symbol', () => {
    const ledger = new Ledger(1000);
    ledger.applyFill(fill('buy', 1, 10));
    expect(() => ledger.equity(() => Number.NaN)).toThrow(InvariantError);
    expect(() => ledger.unrealised(() => Number.POSITIVE_INFINITY)).toThrow(InvariantError);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties against an independent reference: plain high-precision cash and quantity sums, and a
// naive signed-quantity FIFO for realised and unrealised P&L.

const SYMBOLS = ['A', 'B', 'C'] as const;
const Ref = Decimal.clone({ precision: 1000 });

type Step =
  | { kind: 'fill'; symbol: number; side: 'buy' | 'sell'; quantity: number; price: number; fee: number; marks: number[] }
  | { kind: 'flatten'; symbol: number; price: number; fee: number; marks: number[] }
  | { kind: 'borrow'; symbol: number; amount: number; marks: number[] }
  | { kind: 'interest'; amount: number; marks: number[] };

// Prices 0.01..1000 with up to 6 decimals, plus arbitrary doubles (17 significant digits).
const priceArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 10_000, max: 1_000_000_000 }).map((n) => n / 1e6) },
  { weight: 1, arbitrary: fc.double({ min: 0.01, max: 1000, noNaN: true }) },
);
// Whole shares, thousandths, eighths, a few repeated sizes (so fills close lots exactly, reverse
// and go flat often), and arbitrary doubles.
const quantityArb = fc.oneof(
  fc.constantFrom(1, 2, 5, 10, 0.25),
  fc.integer({ min: 1, max: 500 }),
  fc.integer({ min: 1, max: 100_000 }).map((n) => n / 1000),
  fc.integer({ min: 1, max: 64 }).map((n) => n / 8),
  fc.double({ min: 0.001, max: 500, noNaN: true }),
);
const feeArb = fc.integer({ min: 0, max: 1000 }).map((n) => n / 100);
const marksArb = fc.array(priceArb, { minLength: SYMBOLS.length, maxLength: SYMBOLS.length });
const symbolArb = fc.integer({ min: 0, max: SYMBOLS.length - 1 });

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('fill' as const),
      symbol: symbolArb,
      side: fc.constantFrom('buy' as const, 'sell' as const),
      quantity: quantityArb,
      price: priceArb,
      fee: feeArb,
      marks: marksArb,
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('flatten' as const), symbol: symbolArb, price: priceArb, fee: feeArb, marks: marksArb }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('borrow' as const),
      symbol: symbolArb,
      amount: fc.integer({ min: 0, max: 500 }).map((n) => n / 100),
      marks: marksArb,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('interest' as const), amount: fc.integer({ min: -500, max: 500 }).map((n) => n / 100), marks: marksArb }) },
);
const streamArb = fc.record({
  initialCash: fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 1_000_000_000 }).map((n) => n / 100)),
  steps: fc.array(stepArb, { minLength: 1, maxLength: 40 }),
});
type Stream = { initialCash: number; steps: Step[] };

interface RefLot {
  q: Decimal; // signed
  p: Decimal;
}

class Reference {
  cash: Decimal;
  fees = new Ref(0);
  borrow = new Ref(0);
  interest = new Ref(0);
  realised = new Ref(0);
  readonly lots = new Map<string, RefLot[]>();

  constructor(initialCash: number) {
    this.cash = new Ref(initialCash);
  }

  quantity(symbol: string): Decimal {
    let q = new Ref(0);
    for (const lot of this.lots.get(symbol) ?? []) q = q.plus(lot.q);
    return q;
  }

  fill(symbol: string, side: 'buy' | 'sell', quantity: number, price: number, fee: number): void {
    const p = new Ref(price);
    let rem = side === 'buy' ? new Ref(quantity) : new Ref(quantity).neg();
    this.cash = this.cash.minus(rem.times(p)).minus(fee);
    this.fees = this.fees.plus(fee);
    const lots = this.lots.get(symbol) ?? [];
    this.lots.set(symbol, lots);
    while (!rem.isZero() && lots.length > 0 && lots[0]!.q.isNegative() !== rem.isNegative()) {
      const lot = lots[0]!;
      const c = lot.q.abs().lte(rem.abs()) ? lot.q : rem.neg(); // closed, signed like the lot
      this.realised = this.realised.plus(p.minus(lot.p).times(c));
      lot.q = lot.q.minus(c);
      rem = rem.plus(c);
      if (lot.q.isZero()) lots.shift();
    }
    if (!rem.isZero()) lots.push({ q: rem, p });
  }

  unrealised(marks: ReadonlyMap<string, number>): Decimal {
    let u = new Ref(0);
    for (const [symbol, lots] of this.lots) {
      for (const lot of lots) u = u.plus(new Ref(marks.get(symbol)!).minus(lot.p).times(lot.q));
    }
    return u;
  }
}

interface RunResult {
  ledger: Ledger;
  closedQuantity: number;
}

/** Runs a stream; with `check`, asserts the identities against the reference after every step. */
function run(stream: Stream, check: boolean): RunResult {
  const ledger = new Ledger(stream.initialCash);
  const ref = new Reference(stream.initialCash);
  let closedQuantity = 0;
  stream.steps.forEach((step, i) => {
    const time = i * 60_000;
    if (step.kind === 'fill' || step.kind === 'flatten') {
      const symbol = SYMBOLS[step.symbol]!;
      let side: 'buy' | 'sell';
      let quantity: number;
      if (step.kind === 'fill') {
        side = step.side;
        quantity = step.quantity;
      } else {
        const held = ledger.quantity(symbol);
        side = held > 0 ? 'sell' : 'buy';
        quantity = Math.abs(held);
      }
      if (quantity > 0) {
        const effect = ledger.applyFill({ orderId: oid(`o-${i}`), symbol, side, quantity, price: step.price, fee: step.fee, time });
        ref.fill(symbol, side, quantity, step.price, step.fee);
        closedQuantity += effect.closedQuantity;
        if (check) {
          assert(effect.closedQuantity >= 0 && effect.openedQuantity >= 0, 'fill effect quantities >= 0');
          assert(Math.abs(effect.closedQuantity + effect.openedQuantity - quantity) <= 1e-12 * quantity, 'closed + opened = quantity');
        }
      }
    } else if (step.kind === 'borrow') {
      ledger.chargeBorrow(SYMBOLS[step.symbol]!, step.amount, time);
      ref.cash = ref.cash.minus(step.amount);
      ref.borrow = ref.borrow.plus(step.amount);
    } else {
      ledger.creditInterest(step.amount, time);
      ref.cash = ref.cash.plus(step.amount);
      ref.interest = ref.interest.plus(step.amount);
    }
    if (check) checkState(ledger, ref, step.marks);
  });
  return { ledger, closedQuantity };
}

/** Plain assertion for the hot property loop (`expect` costs too much at ~200,000 steps). */
function assert(ok: boolean, what: string): void {
  if (!ok) throw new Error(`property broken: ${what}`);
}

function checkState(ledger: Ledger, ref: Reference, markList: readonly number[]): void {
  const marks = new Map<string, number>(SYMBOLS.map((s, k) => [s, markList[k]!]));
  const price = (s: string): number => marks.get(s)!;
  const t = ledger.totals();
  const equity = ledger.equity(price);

  // Identity 1, against independent sums: equity = cash + Σ qty × price.
  let expected = ref.cash;
  for (const s of SYMBOLS) expected = expected.plus(ref.quantity(s).times(price(s)));
  assert(ledger.cash.eq(ref.cash), `cash ${ledger.cash.toString()} = ${ref.cash.toString()}`);
  assert(equity.eq(expected), `equity ${equity.toString()} = cash + Σ qty × price ${expected.toString()}`);
  // Identity 2, from the ledger's own totals: equity = initial + realised + unrealised − costs.
  const fromTotals = fromPnl(ledger, price);
  assert(equity.eq(fromTotals), `equity ${equity.toString()} = initial + realised + unrealised − costs ${fromTotals.toString()}`);
  // The pieces match the naive FIFO reference exactly.
  assert(t.realised.eq(ref.realised), `realised ${t.realised.toString()} = ${ref.realised.toString()}`);
  assert(ledger.unrealised(price).eq(ref.unrealised(marks)), 'unrealised matches the reference');
  assert(t.fees.eq(ref.fees) && t.borrow.eq(ref.borrow) && t.interest.eq(ref.interest), 'fee and financing totals');
  assert(t.financing.eq(ref.borrow.minus(ref.interest)), 'financing = borrow − interest');
  assert(ledger.cashNumber === ref.cash.toNumber(), 'cashNumber = Number(cash)');

  for (const s of SYMBOLS) {
    const q = ref.quantity(s);
    assert(ledger.quantity(s) === (q.isZero() ? 0 : q.toNumber()), `quantity of ${s}`);
    assert(ledger.openSymbols().includes(s) === !q.isZero(), `${s} listed as open iff not flat`);
  }
}

describe('Ledger: properties', () => {
  it('holds both equity identities exactly after every step of 10,000 random order streams', () => {
    fc.assert(
      fc.property(streamArb, (stream) => {
        const { ledger, closedQuantity } = run(stream, true);
        const trades = ledger.trades;
        let gross = 0;
        let grossAbs = 0;
        let quantity = 0;
        for (const trade of trades) {
          gross += trade.grossPnl;
          grossAbs += Math.abs(trade.grossPnl);
          quantity += trade.quantity;
          assert(trade.quantity > 0, 'trade quantity > 0');
          assert(Math.abs(trade.pnl - (trade.grossPnl - trade.fees)) <= 1e-9 * (1 + Math.abs(trade.grossPnl) + trade.fees), 'net = gross − fees');
        }
        const realised = ledger.totals().realised.toNumber();
        expect(Math.abs(gross - realised)).toBeLessThanOrEqual(1e-6 * Math.max(1, grossAbs));
        expect(Math.abs(quantity - closedQuantity)).toBeLessThanOrEqual(1e-9 * Math.max(1, quantity));
        // Each trade's fees are shares of fills' fees, so together they never exceed the total.
        const tradeFees = trades.reduce((sum, trade) => sum + trade.fees, 0);
        expect(tradeFees).toBeLessThanOrEqual(ledger.totals().fees.toNumber() * (1 + 1e-9) + 1e-9);
      }),
      { numRuns: 10_000 },
    );
  });

  it('converts exact amounts to the nearest double (cashNumber = Number of the decimal string)', () => {
    const amount = fc
      .tuple(fc.stringMatching(/^[1-9]\d{0,24}$/), fc.stringMatching(/^\d{0,24}$/))
      .map(([int, frac]) => (frac === '' ? int : `${int}.${frac}`));
    fc.assert(
      fc.property(amount, (s) => {
        expect(new Ledger(s).cashNumber).toBe(Number(s));
      }),
      { numRuns: 5_000 },
    );
  });

  it('gives identical trades and totals for the same stream run twice', () => {
    fc.assert(
      fc.property(streamArb, (stream) => {
        const a = run(stream, false).ledger;
        const b = run(stream, false).ledger;
        expect(b.trades).toEqual(a.trades);
        const ta = a.totals();
        const tb = b.totals();
        expect(Object.values(tb).map(String)).toEqual(Object.values(ta).map(String));
        expect(b.cash.toString()).toBe(a.cash.toString());
        expect([...b.openSymbols()]).toEqual([...a.openSymbols()]);
      }),
      { numRuns: 500 },
    );
  });
});
