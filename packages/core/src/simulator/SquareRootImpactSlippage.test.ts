import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { testSlippageModelContract } from '../testing/index.js';
import type { SlippageParams } from './SlippageModel.js';
import { SquareRootImpactSlippage } from './SquareRootImpactSlippage.js';

testSlippageModelContract(
  'SquareRootImpactSlippage(σ 0.02)',
  () => new SquareRootImpactSlippage({ volatility: 0.02 }),
);
testSlippageModelContract(
  'SquareRootImpactSlippage(coefficient 1, σ 0.05)',
  () => new SquareRootImpactSlippage({ coefficient: 1, volatility: 0.05 }),
);

const params: SlippageParams = {
  symbol: 'X',
  side: 'buy',
  price: 50,
  quantity: 10_000,
  bar: { time: Date.UTC(2024, 0, 2), open: 50, high: 51, low: 49, close: 50.5, volume: 1_000_000 },
};

describe('SquareRootImpactSlippage', () => {
  it('is named with its parameters', () => {
    expect(new SquareRootImpactSlippage({ volatility: 0.02 }).name).toBe(
      'SquareRootImpactSlippage(coefficient 0.1, volatility 0.02)',
    );
  });

  it('charges price × coefficient × σ × √(quantity / volume) per share', () => {
    // 10 000 of 1 000 000 shares at $50, σ 2 %: 50 × 0.1 × 0.02 × √0.01 = $0.01.
    expect(new SquareRootImpactSlippage({ volatility: 0.02 }).slippage(params)).toBeCloseTo(0.01, 15);
    // Coefficient 1, 250 000 shares (a quarter of the day), σ 3 %, $20: 20 × 1 × 0.03 × 0.5 = $0.30.
    const model = new SquareRootImpactSlippage({ coefficient: 1, volatility: 0.03 });
    expect(model.slippage({ ...params, price: 20, quantity: 250_000 })).toBeCloseTo(0.3, 14);
  });

  it('grows with the square root of the quantity', () => {
    const model = new SquareRootImpactSlippage({ volatility: 0.02 });
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e5, noNaN: true }), (quantity) => {
        const once = model.slippage({ ...params, quantity });
        const fourfold = model.slippage({ ...params, quantity: 4 * quantity });
        expect(fourfold / once).toBeCloseTo(2, 9);
      }),
    );
  });

  it('charges buys and sells alike', () => {
    const model = new SquareRootImpactSlippage({ volatility: 0.02 });
    expect(model.slippage({ ...params, side: 'sell' })).toBe(model.slippage(params));
  });

  it('charges nothing on a bar without volume', () => {
    const model = new SquareRootImpactSlippage({ volatility: 0.02 });
    expect(model.slippage({ ...params, bar: { ...params.bar, volume: Number.NaN } })).toBe(0);
    expect(model.slippage({ ...params, bar: { ...params.bar, volume: 0 } })).toBe(0);
  });

  it('rejects a negative coefficient and a volatility outside (0, 1], quoting the value', () => {
    expect(() => new SquareRootImpactSlippage({ coefficient: -1, volatility: 0.02 })).toThrow(InvariantError);
    expect(() => new SquareRootImpactSlippage({ coefficient: -1, volatility: 0.02 })).toThrow(
      'SquareRootImpactSlippage: coefficient must be a finite number in [0, Infinity), got -1',
    );
    expect(() => new SquareRootImpactSlippage({ volatility: 0 })).toThrow(
      'SquareRootImpactSlippage: volatility must be a finite number in (0, 1], got 0',
    );
    // An annual σ in percent is the likely mistake.
    expect(() => new SquareRootImpactSlippage({ volatility: 25 })).toThrow('got 25');
    // JavaScript callers may leave it out.
    expect(() => new SquareRootImpactSlippage({ volatility: undefined as unknown as number })).toThrow('got undefined');
  });
});
