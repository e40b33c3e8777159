import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InterestModel } from '../simulator/FinancingModel.js';
import { interestParamsArb, runParameters } from './arbitraries.js';
import type { ContractOptions } from './arbitraries.js';

/**
 * Registers vitest tests that every {@link InterestModel} must pass, on random balances (positive,
 * zero and negative) held 0–400 days: a non-empty `name`; a finite amount, and `0` over zero days;
 * the same amount for the same params, called again or from a fresh instance; and `params` left
 * unchanged. No sign rule is assumed (negative deposit rates exist). Call it at the top level of
 * a test file.
 *
 * @param name - label of the `describe` block.
 * @param factory - builds the model under test; called once per test and again for the
 *   fresh-instance check, so it must build identical models.
 * @example
 * testInterestModelContract('MyInterest', () => new MyInterest(0.04));
 */
export function testInterestModelContract(
  name: string,
  factory: () => InterestModel,
  options: ContractOptions = {},
): void {
  describe(`${name} meets the InterestModel contract`, () => {
    it('has a non-empty name', () => {
      const model = factory();
      expect(typeof model.name).toBe('string');
      expect(model.name.length).toBeGreaterThan(0);
    });

    it('returns a finite amount for any balance', () => {
      const model = factory();
      fc.assert(
        fc.property(interestParamsArb, (params) => {
          const value = model.interest(params);
          expect(Number.isFinite(value), `interest ${String(value)} is not finite`).toBe(true);
        }),
        runParameters(options),
      );
    });

    it('returns nothing over zero days', () => {
      const model = factory();
      fc.assert(
        fc.property(interestParamsArb, (params) => {
          // Math.abs: −0 counts as zero.
          expect(Math.abs(model.interest({ ...params, days: 0 }))).toBe(0);
        }),
        runParameters(options),
      );
    });

    it('returns the same amount for the same params, again and from a fresh instance', () => {
      const model = factory();
      fc.assert(
        fc.property(interestParamsArb, (params) => {
          const first = model.interest(params);
          expect(model.interest(params)).toBe(first);
          expect(factory().interest(params)).toBe(first);
        }),
        runParameters(options),
      );
    });

    it('leaves its params unchanged', () => {
      const model = factory();
      fc.assert(
        fc.property(interestParamsArb, (params) => {
          const before = structuredClone(params);
          model.interest(params);
          expect(params).toStrictEqual(before);
        }),
        runParameters(options),
      );
    });
  });
}
