import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feeParamsArb, slippageParamsArb } from './arbitraries.js';

describe('contract arbitraries', () => {
  it('draw fills priced inside consistent bars', () => {
    fc.assert(
      fc.property(slippageParamsArb, ({ price, quantity, bar }) => {
        expect(bar.low).toBeLessThanOrEqual(Math.min(bar.open, bar.close));
        expect(bar.high).toBeGreaterThanOrEqual(Math.max(bar.open, bar.close));
        expect(price).toBeGreaterThanOrEqual(bar.low);
        expect(price).toBeLessThanOrEqual(bar.high);
        expect(price).toBeGreaterThan(0);
        expect(quantity).toBeGreaterThan(0);
      }),
    );
  });

  it('draw fee fills no larger than their order', () => {
    fc.assert(
      fc.property(feeParamsArb, ({ quantity, orderQuantity }) => {
        expect(quantity).toBeGreaterThan(0);
        expect(quantity).toBeLessThanOrEqual(orderQuantity);
      }),
    );
  });
});
