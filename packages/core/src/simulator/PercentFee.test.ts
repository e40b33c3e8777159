import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { testFeeModelContract } from '../testing/index.js';
import type { FeeParams } from './FeeModel.js';
import { PercentFee } from './PercentFee.js';

testFeeModelContract('PercentFee(0.001)', () => new PercentFee(0.001));

const params: FeeParams = {
  symbol: 'X',
  side: 'buy',
  price: 25.5,
  quantity: 100,
  orderQuantity: 100,
  firstFill: true,
  bar: { time: Date.UTC(2024, 0, 2), open: 25.5, high: 26, low: 25, close: 25.8, volume: 1_000_000 },
};

describe('PercentFee', () => {
  it('is named with its rate', () => {
    expect(new PercentFee(0.001).name).toBe('PercentFee(0.001)');
  });

  it('charges the rate times the traded value, unrounded', () => {
    // 0.1 % of 100 × $25.50 = 0.1 % of $2 550 = $2.55.
    expect(new PercentFee(0.001).fee(params)).toBeCloseTo(2.55, 12);
    // 0.05 % of 3 × $33.33 = 0.0005 × 99.99 = $0.049995 (kept, not rounded to cents).
    expect(new PercentFee(0.0005).fee({ ...params, price: 33.33, quantity: 3 })).toBeCloseTo(0.049995, 12);
  });

  it('charges every fill, buys and sells alike', () => {
    const model = new PercentFee(0.001);
    const base = model.fee(params);
    expect(model.fee({ ...params, side: 'sell' })).toBe(base);
    expect(model.fee({ ...params, firstFill: false, orderQuantity: 1_000 })).toBe(base);
  });

  it('rejects rates outside [0, 1), quoting the value', () => {
    expect(() => new PercentFee(1)).toThrow(InvariantError);
    expect(() => new PercentFee(1)).toThrow('PercentFee: rate must be a finite number in [0, 1), got 1');
    expect(() => new PercentFee(-0.001)).toThrow('got -0.001');
    expect(() => new PercentFee(Number.NaN)).toThrow('got NaN');
  });
});
