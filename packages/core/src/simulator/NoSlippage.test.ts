import { describe, expect, it } from 'vitest';
import { testSlippageModelContract } from '../testing/index.js';
import { NoSlippage } from './NoSlippage.js';
import type { SlippageParams } from './SlippageModel.js';

testSlippageModelContract('NoSlippage', () => new NoSlippage());

const params: SlippageParams = {
  symbol: 'AAPL',
  side: 'buy',
  price: 187.15,
  quantity: 1_000,
  bar: { time: Date.UTC(2024, 0, 2), open: 187.15, high: 188.44, low: 183.89, close: 185.64, volume: 82_488_700 },
};

describe('NoSlippage', () => {
  it('is named NoSlippage', () => {
    expect(new NoSlippage().name).toBe('NoSlippage');
  });

  it('adds nothing to buys or sells', () => {
    const model = new NoSlippage();
    expect(model.slippage(params)).toBe(0);
    expect(model.slippage({ ...params, side: 'sell' })).toBe(0);
  });
});
