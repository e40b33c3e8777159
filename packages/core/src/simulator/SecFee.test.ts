import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { testFeeModelContract } from '../testing/index.js';
import type { FeeParams } from './FeeModel.js';
import { SecFee } from './SecFee.js';

testFeeModelContract('SecFee()', () => new SecFee());
testFeeModelContract('SecFee(0 per million)', () => new SecFee({ ratePerMillion: 0 }));

const sale = (value: number): FeeParams => ({
  symbol: 'X',
  side: 'sell',
  price: value,
  quantity: 1,
  orderQuantity: 1,
  firstFill: true,
  bar: { time: Date.UTC(2024, 5, 3), open: value, high: value, low: value, close: value, volume: 1_000 },
});

describe('SecFee', () => {
  it('is named with its rate', () => {
    expect(new SecFee().name).toBe('SecFee(27.8 per million)');
  });

  it('charges the rate per million dollars sold, rounded up to the cent', () => {
    // $1 234 567.89 × 27.80 / 1e6 = 34.320 987 342 → $34.33.
    expect(new SecFee().fee(sale(1_234_567.89))).toBe(34.33);
    // Motif Investing's regulatory-fee FAQ at $23.10/M: $10 000 sold → $0.231 → $0.24.
    expect(new SecFee({ ratePerMillion: 23.1 }).fee(sale(10_000))).toBe(0.24);
    // 1 000 shares at $25 = $25 000 → 0.695 → $0.70.
    expect(new SecFee().fee({ ...sale(25), quantity: 1_000, orderQuantity: 1_000 })).toBe(0.7);
  });

  it('does not add a cent to an amount that is whole cents', () => {
    // $100 000 × 27.80 / 1e6 = $2.78.
    expect(new SecFee().fee(sale(100_000))).toBe(2.78);
    // At $8.00/M, 1 000 × $12.50 owes exactly $0.10, which is 10.000000000000002
    // cents in floats; a plain ceiling would charge $0.11.
    expect(new SecFee({ ratePerMillion: 8 }).fee({ ...sale(12.5), quantity: 1_000, orderQuantity: 1_000 })).toBe(0.1);
    // At $13.00/M, $100 000 owes exactly $1.30 (130.00000000000003 cents in floats).
    expect(new SecFee({ ratePerMillion: 13 }).fee(sale(100_000))).toBe(1.3);
  });

  it('charges nothing on buys', () => {
    expect(new SecFee().fee({ ...sale(1_234_567.89), side: 'buy' })).toBe(0);
  });

  it('charges nothing at a zero rate (as from 2025-05-14)', () => {
    expect(new SecFee({ ratePerMillion: 0 }).fee(sale(1_234_567.89))).toBe(0);
  });

  it('rejects a negative or non-finite rate, quoting the value', () => {
    expect(() => new SecFee({ ratePerMillion: -27.8 })).toThrow(InvariantError);
    expect(() => new SecFee({ ratePerMillion: -27.8 })).toThrow(
      'SecFee: ratePerMillion must be a finite number in [0, 1000000), got -27.8',
    );
    expect(() => new SecFee({ ratePerMillion: Number.NaN })).toThrow('got NaN');
  });
});
