import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { testFeeModelContract } from '../testing/index.js';
import type { FeeParams } from './FeeModel.js';
import { PerShareFee } from './PerShareFee.js';

// [IBKR] interactivebrokers.com/en/pricing/commissions-stocks.php, US stocks, IBKR Pro Fixed:
//        USD 0.005 per share, minimum USD 1.00 per order, maximum 1 % of trade value; examples
//        "100 Shares @ USD 25 = USD 1.00", "1,000 Shares @ USD 25 = USD 5.00",
//        "1,000 Shares @ USD 0.25 = USD 2.50".
const ibkrFixed = (): PerShareFee => new PerShareFee({ perShare: 0.005, minimum: 1, maximumFractionOfValue: 0.01 });

testFeeModelContract('PerShareFee(IBKR Fixed)', ibkrFixed);
testFeeModelContract('PerShareFee(0.01, max 5)', () => new PerShareFee({ perShare: 0.01, maximum: 5 }));
testFeeModelContract('PerShareFee(0.005)', () => new PerShareFee({ perShare: 0.005 }));

const order = (quantity: number, price: number): FeeParams => ({
  symbol: 'X',
  side: 'buy',
  price,
  quantity,
  orderQuantity: quantity,
  firstFill: true,
  bar: { time: Date.UTC(2024, 0, 2), open: price, high: price, low: price, close: price, volume: 1_000_000 },
});

describe('PerShareFee', () => {
  it('is named with its parameters', () => {
    expect(ibkrFixed().name).toBe('PerShareFee(0.005, min 1, max 0.01 of value)');
    expect(new PerShareFee({ perShare: 0.01, maximum: 5 }).name).toBe('PerShareFee(0.01, max 5)');
  });

  it("matches IBKR's published Fixed-pricing examples", () => {
    const model = ibkrFixed();
    expect(model.fee(order(100, 25))).toBeCloseTo(1, 12); // 0.50 per share → minimum 1.00
    expect(model.fee(order(1_000, 25))).toBeCloseTo(5, 12); // 5.00 per share
    expect(model.fee(order(1_000, 0.25))).toBeCloseTo(2.5, 12); // 5.00 capped at 1 % of $250
  });

  it('lets the value cap win over the minimum', () => {
    // 100 @ $0.50: 0.50 per share, minimum 1.00, but 1 % of $50 = 0.50 caps it.
    expect(ibkrFixed().fee(order(100, 0.5))).toBeCloseTo(0.5, 12);
  });

  it('caps the commission at the absolute maximum per order', () => {
    // 1 000 × 0.01 = 10, capped at 5.
    expect(new PerShareFee({ perShare: 0.01, maximum: 5 }).fee(order(1_000, 25))).toBeCloseTo(5, 12);
  });

  it('charges the top-up to the minimum on the first fill only', () => {
    const model = ibkrFixed();
    // 100 @ $25 filled 50 + 50: first 50 × 0.005 + (1.00 − 0.50) = 0.75, then 0.25; 1.00 in all.
    const first = model.fee({ ...order(100, 25), quantity: 50 });
    const second = model.fee({ ...order(100, 25), quantity: 50, firstFill: false });
    expect(first).toBeCloseTo(0.75, 12);
    expect(second).toBeCloseTo(0.25, 12);
    // 1 000 @ $25 needs no top-up: a later 10-share fill pays 10 × 0.005 = 0.05.
    expect(model.fee({ ...order(1_000, 25), quantity: 10, firstFill: false })).toBeCloseTo(0.05, 12);
  });

  it('charges an order split into fills at one price what it charges the whole order', () => {
    const model = ibkrFixed();
    const capped = new PerShareFee({ perShare: 0.01, minimum: 2, maximum: 5 });
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5_000 }), { minLength: 1, maxLength: 8 }),
        fc.double({ min: 0.01, max: 500, noNaN: true }),
        (fills, price) => {
          const total = fills.reduce((a, b) => a + b, 0);
          for (const m of [model, capped]) {
            const whole = m.fee(order(total, price));
            const split = fills.reduce(
              (sum, quantity, i) => sum + m.fee({ ...order(total, price), quantity, firstFill: i === 0 }),
              0,
            );
            expect(split).toBeCloseTo(whole, 9);
          }
        },
      ),
    );
  });

  it('keeps the whole-order top-up when the rest of the order is cancelled', () => {
    // 100 @ $25, only 50 filled: 0.75, less than the 1.00 minimum (documented approximation).
    expect(ibkrFixed().fee({ ...order(100, 25), quantity: 50 })).toBeCloseTo(0.75, 12);
  });

  it('rejects a fill larger than its order or not positive', () => {
    const model = ibkrFixed();
    expect(() => model.fee({ ...order(100, 25), quantity: 101 })).toThrow(InvariantError);
    expect(() => model.fee({ ...order(100, 25), quantity: 101 })).toThrow(
      'PerShareFee: a fill needs 0 < quantity <= orderQuantity, got quantity 101 and orderQuantity 100',
    );
    expect(() => model.fee({ ...order(100, 25), quantity: 0 })).toThrow('got quantity 0');
  });

  it('rejects out-of-range parameters, quoting the value', () => {
    expect(() => new PerShareFee({ perShare: -0.005 })).toThrow(
      'PerShareFee: perShare must be a finite number in [0, Infinity), got -0.005',
    );
    expect(() => new PerShareFee({ perShare: 0.005, minimum: Number.NaN })).toThrow('minimum must be');
    expect(() => new PerShareFee({ perShare: 0.005, maximum: 0 })).toThrow(
      'PerShareFee: maximum must be a finite number in (0, Infinity), got 0',
    );
    expect(() => new PerShareFee({ perShare: 0.005, maximumFractionOfValue: 1.5 })).toThrow(
      'PerShareFee: maximumFractionOfValue must be a finite number in (0, 1], got 1.5',
    );
    expect(() => new PerShareFee({ perShare: 0.005, minimum: 2, maximum: 1 })).toThrow(
      'PerShareFee: maximum must be >= minimum, got maximum 1 and minimum 2',
    );
  });
});
