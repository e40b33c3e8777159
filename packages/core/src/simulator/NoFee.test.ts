import { describe, expect, it } from 'vitest';
import { testFeeModelContract } from '../testing/index.js';
import type { FeeParams } from './FeeModel.js';
import { NoFee } from './NoFee.js';

testFeeModelContract('NoFee', () => new NoFee());

const params: FeeParams = {
  symbol: 'AAPL',
  side: 'sell',
  price: 185.64,
  quantity: 1_000,
  orderQuantity: 1_000,
  firstFill: true,
  bar: { time: Date.UTC(2024, 0, 2), open: 187.15, high: 188.44, low: 183.89, close: 185.64, volume: 82_488_700 },
};

describe('NoFee', () => {
  it('is named NoFee', () => {
    expect(new NoFee().name).toBe('NoFee');
  });

  it('charges nothing on any fill', () => {
    const model = new NoFee();
    expect(model.fee(params)).toBe(0);
    expect(model.fee({ ...params, side: 'buy', firstFill: false })).toBe(0);
  });
});
