/**
 * Accumulation/distribution line (Chaikin), from `technicalindicators` (ADL), aligned.
 */
import { adl as libraryAdl } from 'technicalindicators';
import { column, sameLength } from '../core/errors.js';
import type { BarColumns, FeatureDefinition } from '../core/types.js';
import { cleanPrefix, placeTail } from './library.js';

/**
 * Accumulation/distribution line: the running sum from index 0 of money-flow volume =
 * ((close − low) − (high − close)) / (high − low) · volume, in volume units. Library conventions:
 * the running total is rounded to a whole number at every bar (`Math.round`), and a bar with
 * high = low counts its full volume (multiplier 1, where some sources use 0). Defined from
 * index 0; being a cumulative sum, its level depends on where the data starts. A NaN input makes
 * this and every later output NaN.
 *
 * Batch only; wraps `technicalindicators` 3.1 `ADL`.
 *
 * @param columns - `high`, `low`, `close`, `volume`
 * @returns an aligned Float64Array
 * @throws {FeatureArgumentError} for a missing or unequal column
 * @example adl({ high, low, close, volume })
 */
export function adl(columns: Pick<BarColumns, 'high' | 'low' | 'close' | 'volume'>): Float64Array {
  const high = column('adl', columns, 'high');
  const low = column('adl', columns, 'low');
  const close = column('adl', columns, 'close');
  const volume = column('adl', columns, 'volume');
  const n = sameLength('adl', high, low, close, volume);
  const { arrays, length } = cleanPrefix([high, low, close, volume]);
  const out = length > 0 ? libraryAdl({ high: arrays[0]!, low: arrays[1]!, close: arrays[2]!, volume: arrays[3]! }) : [];
  return placeTail('adl', out, length, n, 0);
}

/** The registered definition of `adl()` (batch only, no `stream`). */
export function adlFeature(): FeatureDefinition<Float64Array> {
  return { name: 'adl()', inputs: ['high', 'low', 'close', 'volume'], batch: (c) => adl(c) };
}
