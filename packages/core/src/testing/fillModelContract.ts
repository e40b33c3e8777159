import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FillModel, FillParams } from '../simulator/FillModel.js';
import { barArb, runParameters } from './arbitraries.js';
import type { ContractOptions } from './arbitraries.js';

/** Random orders of every type and time in force, priced around the bar. */
const fillParamsArb: fc.Arbitrary<FillParams> = barArb.chain((bar) => {
  const around = fc.double({ min: bar.low * 0.8, max: bar.high * 1.2, noNaN: true });
  return fc
    .record({
      side: fc.constantFrom('buy' as const, 'sell' as const),
      type: fc.constantFrom('market' as const, 'limit' as const, 'stop' as const, 'stop_limit' as const, 'trailing_stop' as const),
      timeInForce: fc.constantFrom('day' as const, 'gtc' as const, 'ioc' as const, 'opg' as const),
      limitPrice: around,
      stopPrice: around,
      trailAmount: fc.double({ min: 1e-6, max: bar.high, noNaN: true }),
      triggered: fc.boolean(),
      best: around,
    })
    .map((r) => ({ ...r, trailPercent: undefined, bar }));
});

/**
 * Registers vitest tests that every {@link FillModel} must pass, on random orders and bars: a
 * non-empty `name`; a price that is NaN (no fill) or inside the bar's range; a buy limit never
 * above its limit and a sell limit never below it; the same decision for the same input, again and
 * from a fresh instance; and `params` left unchanged. Call it at the top level of a test file.
 *
 * @example
 * testFillModelContract('MyFillModel', () => new MyFillModel());
 */
export function testFillModelContract(name: string, factory: () => FillModel, options: ContractOptions = {}): void {
  describe(`${name} meets the FillModel contract`, () => {
    it('has a non-empty name and a known intrabar path', () => {
      const model = factory();
      expect(model.name.length).toBeGreaterThan(0);
      expect(['adaptive', 'ohlc', 'olhc']).toContain(model.intrabarPath);
    });

    it('fills inside the bar, and limits at their limit or better', () => {
      const model = factory();
      fc.assert(
        fc.property(fillParamsArb, (params) => {
          const { price } = model.fill(params);
          if (Number.isNaN(price)) return;
          const { low, high } = params.bar;
          expect(price, `price ${price} outside the bar ${low}..${high}`).toBeGreaterThanOrEqual(low);
          expect(price).toBeLessThanOrEqual(high);
          if (params.type === 'limit' || (params.type === 'stop_limit' && params.timeInForce !== 'opg')) {
            if (params.side === 'buy') expect(price).toBeLessThanOrEqual(params.limitPrice!);
            else expect(price).toBeGreaterThanOrEqual(params.limitPrice!);
          }
        }),
        runParameters(options),
      );
    });

    it('decides the same for the same input, again and from a fresh instance, without mutating it', () => {
      const model = factory();
      fc.assert(
        fc.property(fillParamsArb, (params) => {
          const copy = structuredClone(params);
          const first = model.fill(params);
          expect(model.fill(params)).toEqual(first);
          expect(factory().fill(params)).toEqual(first);
          expect(params).toEqual(copy);
        }),
        runParameters(options),
      );
    });
  });
}
