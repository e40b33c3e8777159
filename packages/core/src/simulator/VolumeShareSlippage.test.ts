import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { testSlippageModelContract } from '../testing/index.js';
import type { SlippageParams } from './SlippageModel.js';
import { VolumeShareSlippage } from './VolumeShareSlippage.js';

// Reference values from zipline's tests/finance/test_slippage.py (quantopian/zipline),
// VolumeShareSlippage() with its defaults price_impact 0.1 and volume_limit 0.025.

testSlippageModelContract('VolumeShareSlippage()', () => new VolumeShareSlippage());
testSlippageModelContract(
  'VolumeShareSlippage(volumeLimit 0.025)',
  () => new VolumeShareSlippage({ volumeLimit: 0.025 }),
);

const params: SlippageParams = {
  symbol: 'X',
  side: 'buy',
  price: 3,
  quantity: 5,
  bar: { time: Date.UTC(2006, 0, 5, 14, 31), open: 3, high: 3.15, low: 2.85, close: 3, volume: 200 },
};

describe('VolumeShareSlippage', () => {
  it('is named with its parameters', () => {
    expect(new VolumeShareSlippage().name).toBe('VolumeShareSlippage(priceImpact 0.1)');
    expect(new VolumeShareSlippage({ priceImpact: 0.05, volumeLimit: 0.025 }).name).toBe(
      'VolumeShareSlippage(priceImpact 0.05, volumeLimit 0.025)',
    );
  });

  it("matches zipline's fill of 5 shares on a 200-share bar at $3", () => {
    // zipline test_volume_share_slippage: fill price 3.0001875 = 3 + 3 × 0.1 × (5 / 200)².
    expect(new VolumeShareSlippage().slippage(params)).toBeCloseTo(0.0001875, 15);
  });

  it("matches zipline's stop-order fills of 50 shares on a 2 000-share bar", () => {
    const bar = { ...params.bar, volume: 2_000 };
    const model = new VolumeShareSlippage();
    // zipline test_orders_stop: buy at 4.0 fills at 4.00025 = 4 + 4 × 0.1 × 0.025².
    expect(model.slippage({ ...params, price: 4, quantity: 50, bar })).toBeCloseTo(0.00025, 15);
    // Sell at 3.0 fills at 2.9998125 = 3 − 3 × 0.1 × 0.025².
    expect(model.slippage({ ...params, side: 'sell', price: 3, quantity: 50, bar })).toBeCloseTo(0.0001875, 15);
  });

  it('caps the volume share at volumeLimit', () => {
    // 100 of 200 shares is a 50 % share; capped at 2.5 % it costs what 5 shares cost.
    const capped = new VolumeShareSlippage({ volumeLimit: 0.025 });
    expect(capped.slippage({ ...params, quantity: 100 })).toBeCloseTo(0.0001875, 15);
    // Uncapped: 3 × 0.1 × 0.5² = 0.075.
    expect(new VolumeShareSlippage().slippage({ ...params, quantity: 100 })).toBeCloseTo(0.075, 15);
  });

  it('grows with the square of the quantity', () => {
    const model = new VolumeShareSlippage({ priceImpact: 0.2 });
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e5, noNaN: true }), (quantity) => {
        const once = model.slippage({ ...params, quantity, bar: { ...params.bar, volume: 1e6 } });
        const twice = model.slippage({ ...params, quantity: 2 * quantity, bar: { ...params.bar, volume: 1e6 } });
        expect(twice / once).toBeCloseTo(4, 9);
      }),
    );
  });

  it('charges nothing on a bar without volume', () => {
    const model = new VolumeShareSlippage();
    expect(model.slippage({ ...params, bar: { ...params.bar, volume: Number.NaN } })).toBe(0);
    expect(model.slippage({ ...params, bar: { ...params.bar, volume: 0 } })).toBe(0);
  });

  it('rejects a negative impact and a volume limit outside (0, 1], quoting the value', () => {
    expect(() => new VolumeShareSlippage({ priceImpact: -0.1 })).toThrow(InvariantError);
    expect(() => new VolumeShareSlippage({ priceImpact: -0.1 })).toThrow(
      'VolumeShareSlippage: priceImpact must be a finite number in [0, Infinity), got -0.1',
    );
    expect(() => new VolumeShareSlippage({ volumeLimit: 0 })).toThrow(
      'VolumeShareSlippage: volumeLimit must be a finite number in (0, 1], got 0',
    );
    expect(() => new VolumeShareSlippage({ volumeLimit: 2.5 })).toThrow('got 2.5');
    expect(() => new VolumeShareSlippage({ priceImpact: Number.NaN })).toThrow('got NaN');
  });
});
