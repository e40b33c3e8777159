import { describe, expect, it } from 'vitest';
import type { BarColumns, FeatureDefinition } from '../core/types.js';
import { assertCausal, type CausalityOptions } from './assertCausal.js';

/**
 * Registers the shared feature contract for a definition on some data: aligned output (same
 * length, NaN only in a leading warm-up and where inputs are NaN), batch = streaming at every index,
 * and causality (see {@link assertCausal}). Call it at the top level of a test file; run it on your
 * own features too.
 *
 * @example
 * testFeatureContract(smaFeature(20), { close: orcl.close });
 */
export function testFeatureContract(feature: FeatureDefinition, columns: BarColumns, options: CausalityOptions = {}): void {
  describe(`${feature.name} meets the feature contract`, () => {
    it('is causal, aligned, and streams what it computes in batch', () => {
      expect(() => assertCausal(feature, columns, options)).not.toThrow();
    });

    it('is deterministic', () => {
      expect(feature.batch(columns)).toEqual(feature.batch(columns));
    });
  });
}
