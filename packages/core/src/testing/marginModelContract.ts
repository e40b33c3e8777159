import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MarginModel, MarginParams } from '../simulator/MarginModel.js';
import { runParameters } from './arbitraries.js';
import type { ContractOptions } from './arbitraries.js';

const value = fc.double({ min: 0, max: 1e9, noNaN: true });
const paramsArb: fc.Arbitrary<MarginParams> = fc.record({ longValue: value, shortValue: value });

/**
 * Registers vitest tests every {@link MarginModel} must pass: a non-empty `name`; requirements
 * finite and `>= 0`; nothing required when flat; maintenance never above initial; requirements
 * that never shrink as positions grow; the same answer each time. Call it at the top level of a
 * test file.
 *
 * @example
 * testMarginModelContract('MyBrokerMargin', () => new MyBrokerMargin());
 */
export function testMarginModelContract(name: string, factory: () => MarginModel, options: ContractOptions = {}): void {
  describe(`${name} meets the MarginModel contract`, () => {
    it('has a non-empty name and requires nothing when flat', () => {
      const model = factory();
      expect(model.name.length).toBeGreaterThan(0);
      expect(model.initial({ longValue: 0, shortValue: 0 })).toBe(0);
      expect(model.maintenance({ longValue: 0, shortValue: 0 })).toBe(0);
    });

    it('requires finite amounts >= 0, maintenance <= initial, growing with positions, the same each time', () => {
      const model = factory();
      fc.assert(
        fc.property(paramsArb, value, value, (p, addLong, addShort) => {
          const initial = model.initial(p);
          const maintenance = model.maintenance(p);
          expect(Number.isFinite(initial) && initial >= 0).toBe(true);
          expect(Number.isFinite(maintenance) && maintenance >= 0).toBe(true);
          expect(maintenance).toBeLessThanOrEqual(initial * (1 + 1e-12));
          const bigger = { longValue: p.longValue + addLong, shortValue: p.shortValue + addShort };
          expect(model.initial(bigger)).toBeGreaterThanOrEqual(initial * (1 - 1e-12));
          expect(model.maintenance(bigger)).toBeGreaterThanOrEqual(maintenance * (1 - 1e-12));
          expect(factory().initial(p)).toBe(initial);
        }),
        runParameters(options),
      );
    });
  });
}
