import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { testSlippageModelContract } from '../testing/index.js';
import { FixedBpsSlippage } from './FixedBpsSlippage.js';
import type { SlippageParams } from './SlippageModel.js';

testSlippageModelContract('FixedBpsSlippage(5)', () => new FixedBpsSlippage(5));
testSlippageModelContract('FixedBpsSlippage(0)', () => new FixedBpsSlippage(0));

const params: SlippageParams = {
  symbol: 'SPY',
  side: 'buy',
  price: 100,
  quantity: 10,
  bar: { time: Date.UTC(2024, 0, 2), open: 100, high: 101, low: 99, close: 100.5, volume: 1_000_000 },
};

describe('FixedBpsSlippage', () => {
  it('is named with its basis points', () => {
    expect(new FixedBpsSlippage(5).name).toBe('FixedBpsSlippage(5)');
    expect(new FixedBpsSlippage(2.5).name).toBe('FixedBpsSlippage(2.5)');
  });

  it('charges bps / 10 000 of the price per share', () => {
    // 5 bps of $100 = $0.05; 5 bps of $187.50 = $0.09375 (exact in binary).
    expect(new FixedBpsSlippage(5).slippage(params)).toBeCloseTo(0.05, 15);
    expect(new FixedBpsSlippage(5).slippage({ ...params, price: 187.5 })).toBe(0.09375);
  });

  it('ignores side, quantity and volume', () => {
    const model = new FixedBpsSlippage(5);
    const base = model.slippage(params);
    expect(model.slippage({ ...params, side: 'sell' })).toBe(base);
    expect(model.slippage({ ...params, quantity: 1e6 })).toBe(base);
    expect(model.slippage({ ...params, bar: { ...params.bar, volume: Number.NaN } })).toBe(base);
  });

  it('rejects negative, non-finite and 10 000+ bps, quoting the value', () => {
    expect(() => new FixedBpsSlippage(-1)).toThrow(InvariantError);
    expect(() => new FixedBpsSlippage(-1)).toThrow(
      'FixedBpsSlippage: bps must be a finite number in [0, 10000), got -1',
    );
    expect(() => new FixedBpsSlippage(Number.NaN)).toThrow('got NaN');
    expect(() => new FixedBpsSlippage(Infinity)).toThrow('got Infinity');
    expect(() => new FixedBpsSlippage(10_000)).toThrow('got 10000');
  });
});
