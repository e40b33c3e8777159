import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VolumeLimitModel, VolumeLimitParams } from '../simulator/VolumeLimitModel.js';
import { barArb, runParameters, symbolArb } from './arbitraries.js';
import type { ContractOptions } from './arbitraries.js';

const paramsArb: fc.Arbitrary<VolumeLimitParams> = fc.record({
  symbol: symbolArb,
  side: fc.constantFrom('buy' as const, 'sell' as const),
  bar: barArb,
  filledThisBar: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e7, noNaN: true })),
});

/**
 * Registers vitest tests every {@link VolumeLimitModel} must pass: a non-empty `name`; a cap that
 * is `>= 0` (or `Infinity`); a cap that never grows as more of the bar is already filled; the same
 * answer for the same input, again and from a fresh instance. Call it at the top level of a test file.
 *
 * @example
 * testVolumeLimitModelContract('MyCap', () => new MyCap());
 */
export function testVolumeLimitModelContract(name: string, factory: () => VolumeLimitModel, options: ContractOptions = {}): void {
  describe(`${name} meets the VolumeLimitModel contract`, () => {
    it('has a non-empty name', () => {
      expect(factory().name.length).toBeGreaterThan(0);
    });

    it('caps at >= 0, never more after more has filled, the same each time', () => {
      const model = factory();
      fc.assert(
        fc.property(paramsArb, fc.double({ min: 0, max: 1e6, noNaN: true }), (params, more) => {
          const cap = model.maxQuantity(params);
          expect(cap >= 0, `cap ${cap}`).toBe(true);
          expect(Number.isNaN(cap)).toBe(false);
          expect(model.maxQuantity({ ...params, filledThisBar: params.filledThisBar + more })).toBeLessThanOrEqual(cap);
          expect(factory().maxQuantity(params)).toBe(cap);
        }),
        runParameters(options),
      );
    });
  });
}
