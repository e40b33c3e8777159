/**
 * Heikin-Ashi candles, from `technicalindicators` (HeikinAshi), aligned to the input.
 */
import { heikinashi } from 'technicalindicators';
import { column, sameLength } from '../core/errors.js';
import type { BarColumns, FeatureDefinition } from '../core/types.js';
import { cleanPrefix, identity, placeTail } from './library.js';

/** Heikin-Ashi open/high/low/close, in price units. */
export type HeikinAshiOutput = { readonly open: Float64Array; readonly high: Float64Array; readonly low: Float64Array; readonly close: Float64Array };

/**
 * Heikin-Ashi candles: close = (O + H + L + C) / 4; open = (previous HA open + previous HA close)
 * / 2, the first one (O + C) / 2; high = max(H, HA open, HA close); low = min(L, HA open, HA
 * close). Defined from index 0 (the recursion makes early opens depend on where the data starts).
 * A NaN input makes this and every later output NaN.
 *
 * Batch only; wraps `technicalindicators` 3.1 `HeikinAshi`.
 *
 * @param columns - `open`, `high`, `low`, `close`
 * @returns `{ open, high, low, close }`, aligned
 * @throws {FeatureArgumentError} for a missing or unequal column
 * @example const ha = heikinAshi({ open, high, low, close });
 */
export function heikinAshi(columns: Pick<BarColumns, 'open' | 'high' | 'low' | 'close'>): HeikinAshiOutput {
  const open = column('heikinAshi', columns, 'open');
  const high = column('heikinAshi', columns, 'high');
  const low = column('heikinAshi', columns, 'low');
  const close = column('heikinAshi', columns, 'close');
  const n = sameLength('heikinAshi', open, high, low, close);
  const { arrays, length } = cleanPrefix([open, high, low, close]);
  const r = length > 0 ? heikinashi({ open: arrays[0]!, high: arrays[1]!, low: arrays[2]!, close: arrays[3]!, format: identity }) : {};
  return {
    open: placeTail('heikinAshi', r.open ?? [], length, n, 0),
    high: placeTail('heikinAshi', r.high ?? [], length, n, 0),
    low: placeTail('heikinAshi', r.low ?? [], length, n, 0),
    close: placeTail('heikinAshi', r.close ?? [], length, n, 0),
  };
}

/** The registered definition of `heikinAshi()` (batch only, no `stream`). */
export function heikinAshiFeature(): FeatureDefinition<HeikinAshiOutput> {
  return { name: 'heikinAshi()', inputs: ['open', 'high', 'low', 'close'], batch: (c) => heikinAshi(c) };
}
