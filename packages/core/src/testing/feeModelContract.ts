import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeeModel } from '../simulator/FeeModel.js';
import { feeParamsArb, runParameters } from './arbitraries.js';
import type { ContractOptions } from './arbitraries.js';

/**
 * Registers vitest tests that every {@link FeeModel} must pass, on random fills (both sides, first
 * and later fills, `0 < quantity <= orderQuantity`, bars with `NaN` or zero volume): a non-empty
 * `name`; a finite fee `>= 0`; the same fee for the same fill, called again or from a fresh
 * instance (models must not keep state between calls); and `params` left unchanged. Call it at
 * the top level of a test file.
 *
 * @param name - label of the `describe` block.
 * @param factory - builds the model under test; called once per test and again for the
 *   fresh-instance check, so it must build identical models.
 * @example
 * testFeeModelContract('MyBrokerFee', () => new MyBrokerFee());
 */
export function testFeeModelContract(name: string, factory: () => FeeModel, options: ContractOptions = {}): void {
  describe(`${name} meets the FeeModel contract`, () => {
    it('has a non-empty name', () => {
      const model = factory();
      expect(typeof model.name).toBe('string');
      expect(model.name.length).toBeGreaterThan(0);
    });

    it('returns a finite fee >= 0 for any fill', () => {
      const model = factory();
      fc.assert(
        fc.property(feeParamsArb, (params) => {
          const value = model.fee(params);
          expect(Number.isFinite(value), `fee ${String(value)} is not finite`).toBe(true);
          expect(value).toBeGreaterThanOrEqual(0);
        }),
        runParameters(options),
      );
    });

    it('returns the same fee for the same fill, again and from a fresh instance', () => {
      const model = factory();
      fc.assert(
        fc.property(feeParamsArb, (params) => {
          const first = model.fee(params);
          expect(model.fee(params)).toBe(first);
          expect(factory().fee(params)).toBe(first);
        }),
        runParameters(options),
      );
    });

    it('leaves its params unchanged', () => {
      const model = factory();
      fc.assert(
        fc.property(feeParamsArb, (params) => {
          const before = structuredClone(params);
          model.fee(params);
          expect(params).toStrictEqual(before);
        }),
        runParameters(options),
      );
    });
  });
}
