import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { testSlippageModelContract } from '../testing/index.js';
import { HalfSpreadSlippage } from './HalfSpreadSlippage.js';
import type { SlippageParams } from './SlippageModel.js';

testSlippageModelContract('HalfSpreadSlippage(10)', () => new HalfSpreadSlippage(10));

const params: SlippageParams = {
  symbol: 'SPY',
  side: 'buy',
  price: 100,
  quantity: 10,
  bar: { time: Date.UTC(2024, 0, 2), open: 100, high: 101, low: 99, close: 100.5, volume: 1_000_000 },
};

describe('HalfSpreadSlippage', () => {
  it('is named with its spread', () => {
    expect(new HalfSpreadSlippage(10).name).toBe('HalfSpreadSlippage(10)');
  });

  it('charges half the quoted spread per share', () => {
    // A 10 bps spread on $100 is $0.10 wide (bid 99.95, ask 100.05): half is $0.05.
    expect(new HalfSpreadSlippage(10).slippage(params)).toBeCloseTo(0.05, 15);
    // A 2.5 bps spread on $400 is $0.10 wide as well: half is $0.05.
    expect(new HalfSpreadSlippage(2.5).slippage({ ...params, price: 400 })).toBeCloseTo(0.05, 15);
    expect(new HalfSpreadSlippage(0).slippage(params)).toBe(0);
  });

  it('charges buys and sells alike', () => {
    const model = new HalfSpreadSlippage(10);
    expect(model.slippage({ ...params, side: 'sell' })).toBe(model.slippage(params));
  });

  it('rejects negative, non-finite and 20 000+ bps spreads, quoting the value', () => {
    expect(() => new HalfSpreadSlippage(-0.5)).toThrow(InvariantError);
    expect(() => new HalfSpreadSlippage(-0.5)).toThrow(
      'HalfSpreadSlippage: spreadBps must be a finite number in [0, 20000), got -0.5',
    );
    expect(() => new HalfSpreadSlippage(20_000)).toThrow('got 20000');
    expect(() => new HalfSpreadSlippage(Number.NaN)).toThrow('got NaN');
  });
});
