import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BorrowModel } from '../simulator/FinancingModel.js';
import { borrowParamsArb, runParameters, symbolArb, timeArb } from './arbitraries.js';
import type { ContractOptions } from './arbitraries.js';

/**
 * Registers vitest tests that every {@link BorrowModel} must pass, on random shorts held 0–400
 * days: a non-empty `name`; a finite `borrowFee >= 0`, and `0` over zero days; the same fee for
 * the same params, called again or from a fresh instance; `params` left unchanged; and
 * `isShortable` a boolean that does not change between calls. Growth with `days` is not assumed
 * (rates may vary with time). Call it at the top level of a test file.
 *
 * @param name - label of the `describe` block.
 * @param factory - builds the model under test; called once per test and again for the
 *   fresh-instance check, so it must build identical models.
 * @example
 * testBorrowModelContract('MyBorrow', () => new MyBorrow(rates));
 */
export function testBorrowModelContract(name: string, factory: () => BorrowModel, options: ContractOptions = {}): void {
  describe(`${name} meets the BorrowModel contract`, () => {
    it('has a non-empty name', () => {
      const model = factory();
      expect(typeof model.name).toBe('string');
      expect(model.name.length).toBeGreaterThan(0);
    });

    it('returns a finite borrow fee >= 0 for any short', () => {
      const model = factory();
      fc.assert(
        fc.property(borrowParamsArb, (params) => {
          const value = model.borrowFee(params);
          expect(Number.isFinite(value), `borrow fee ${String(value)} is not finite`).toBe(true);
          expect(value).toBeGreaterThanOrEqual(0);
        }),
        runParameters(options),
      );
    });

    it('charges nothing over zero days', () => {
      const model = factory();
      fc.assert(
        fc.property(borrowParamsArb, (params) => {
          // Math.abs: −0 counts as zero.
          expect(Math.abs(model.borrowFee({ ...params, days: 0 }))).toBe(0);
        }),
        runParameters(options),
      );
    });

    it('returns the same fee for the same params, again and from a fresh instance', () => {
      const model = factory();
      fc.assert(
        fc.property(borrowParamsArb, (params) => {
          const first = model.borrowFee(params);
          expect(model.borrowFee(params)).toBe(first);
          expect(factory().borrowFee(params)).toBe(first);
        }),
        runParameters(options),
      );
    });

    it('leaves its params unchanged', () => {
      const model = factory();
      fc.assert(
        fc.property(borrowParamsArb, (params) => {
          const before = structuredClone(params);
          model.borrowFee(params);
          expect(params).toStrictEqual(before);
        }),
        runParameters(options),
      );
    });

    it('answers isShortable with a boolean that is the same on every call', () => {
      const model = factory();
      fc.assert(
        fc.property(symbolArb, timeArb, (symbol, time) => {
          const first = model.isShortable(symbol, time);
          expect(typeof first).toBe('boolean');
          expect(model.isShortable(symbol, time)).toBe(first);
          expect(factory().isShortable(symbol, time)).toBe(first);
        }),
        runParameters(options),
      );
    });
  });
}
