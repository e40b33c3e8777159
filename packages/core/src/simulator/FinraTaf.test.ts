import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { testFeeModelContract } from '../testing/index.js';
import type { FeeParams } from './FeeModel.js';
import { FinraTaf } from './FinraTaf.js';

testFeeModelContract('FinraTaf()', () => new FinraTaf());

const sold = (quantity: number): FeeParams => ({
  symbol: 'X',
  side: 'sell',
  price: 25,
  quantity,
  orderQuantity: quantity,
  firstFill: true,
  bar: { time: Date.UTC(2024, 5, 3), open: 25, high: 26, low: 24, close: 25.5, volume: 10_000_000 },
});

describe('FinraTaf', () => {
  it('is named with its rates', () => {
    expect(new FinraTaf().name).toBe('FinraTaf(0.000166 per share, max 8.3)');
  });

  it('charges per share sold, rounded up to the cent', () => {
    // 1 000 × 0.000166 = 0.166 → $0.17 (the example on brokerage-review.com's TAF page).
    expect(new FinraTaf().fee(sold(1_000))).toBe(0.17);
    // 100 × 0.000166 = 0.0166 → $0.02; one share → $0.01.
    expect(new FinraTaf().fee(sold(100))).toBe(0.02);
    expect(new FinraTaf().fee(sold(1))).toBe(0.01);
  });

  it('caps the fee at the maximum per trade', () => {
    // 50 000 × 0.000166 = 8.30 exactly (8.299 999… in floats); 100 000 shares: 16.60 → 8.30.
    expect(new FinraTaf().fee(sold(50_000))).toBe(8.3);
    expect(new FinraTaf().fee(sold(100_000))).toBe(8.3);
  });

  it('charges nothing on buys', () => {
    expect(new FinraTaf().fee({ ...sold(1_000), side: 'buy' })).toBe(0);
  });

  it('rejects negative or non-finite rates, quoting the value', () => {
    expect(() => new FinraTaf({ perShare: -0.000166 })).toThrow(InvariantError);
    expect(() => new FinraTaf({ perShare: -0.000166 })).toThrow(
      'FinraTaf: perShare must be a finite number in [0, Infinity), got -0.000166',
    );
    expect(() => new FinraTaf({ maximum: Infinity })).toThrow('FinraTaf: maximum must be');
  });
});
