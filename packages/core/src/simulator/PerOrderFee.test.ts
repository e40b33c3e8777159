import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { testFeeModelContract } from '../testing/index.js';
import type { FeeParams } from './FeeModel.js';
import { PerOrderFee } from './PerOrderFee.js';

testFeeModelContract('PerOrderFee(4.95)', () => new PerOrderFee(4.95));

const params: FeeParams = {
  symbol: 'X',
  side: 'buy',
  price: 25,
  quantity: 300,
  orderQuantity: 1_000,
  firstFill: true,
  bar: { time: Date.UTC(2024, 0, 2), open: 25, high: 26, low: 24, close: 25.5, volume: 1_000_000 },
};

describe('PerOrderFee', () => {
  it('is named with its amount', () => {
    expect(new PerOrderFee(4.95).name).toBe('PerOrderFee(4.95)');
  });

  it('charges the amount once per order, on the first fill', () => {
    const model = new PerOrderFee(4.95);
    // An order filled 300 + 700 pays $4.95 in all.
    const total = model.fee(params) + model.fee({ ...params, quantity: 700, firstFill: false });
    expect(model.fee(params)).toBe(4.95);
    expect(total).toBe(4.95);
  });

  it('charges sells like buys', () => {
    expect(new PerOrderFee(4.95).fee({ ...params, side: 'sell' })).toBe(4.95);
  });

  it('rejects a negative or non-finite amount, quoting the value', () => {
    expect(() => new PerOrderFee(-1)).toThrow(InvariantError);
    expect(() => new PerOrderFee(-1)).toThrow('PerOrderFee: amount must be a finite number in [0, Infinity), got -1');
    expect(() => new PerOrderFee(Infinity)).toThrow('got Infinity');
  });
});
