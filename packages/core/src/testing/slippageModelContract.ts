import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SlippageModel } from '../simulator/SlippageModel.js';
import { runParameters, slippageParamsArb } from './arbitraries.js';
import type { ContractOptions } from './arbitraries.js';

/**
 * Registers vitest tests that every {@link SlippageModel} must pass, on random fills (both sides,
 * whole and fractional quantities, bars with `NaN` or zero volume): a non-empty `name`; a finite
 * slippage `>= 0`; the same value for the same fill, called again or from a fresh instance (the
 * engine may ask more than once, so models must not keep state between calls); and `params` left
 * unchanged. Call it at the top level of a test file.
 *
 * @param name - label of the `describe` block.
 * @param factory - builds the model under test; called once per test and again for the
 *   fresh-instance check, so it must build identical models.
 * @example
 * testSlippageModelContract('MySlippage(3)', () => new MySlippage(3));
 */
export function testSlippageModelContract(
  name: string,
  factory: () => SlippageModel,
  options: ContractOptions = {},
): void {
  describe(`${name} meets the SlippageModel contract`, () => {
    it('has a non-empty name', () => {
      const model = factory();
      expect(typeof model.name).toBe('string');
      expect(model.name.length).toBeGreaterThan(0);
    });

    it('returns a finite slippage >= 0 for any fill, bars without volume included', () => {
      const model = factory();
      fc.assert(
        fc.property(slippageParamsArb, (params) => {
          const value = model.slippage(params);
          expect(Number.isFinite(value), `slippage ${String(value)} is not finite`).toBe(true);
          expect(value).toBeGreaterThanOrEqual(0);
        }),
        runParameters(options),
      );
    });

    it('returns the same slippage for the same fill, again and from a fresh instance', () => {
      const model = factory();
      fc.assert(
        fc.property(slippageParamsArb, (params) => {
          const first = model.slippage(params);
          expect(model.slippage(params)).toBe(first);
          expect(factory().slippage(params)).toBe(first);
        }),
        runParameters(options),
      );
    });

    it('leaves its params unchanged', () => {
      const model = factory();
      fc.assert(
        fc.property(slippageParamsArb, (params) => {
          const before = structuredClone(params);
          model.slippage(params);
          expect(params).toStrictEqual(before);
        }),
        runParameters(options),
      );
    });
  });
}
