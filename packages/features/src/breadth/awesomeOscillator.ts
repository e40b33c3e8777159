/**
 * Awesome oscillator (Bill Williams), from `technicalindicators` (AwesomeOscillator), aligned.
 */
import { awesomeoscillator } from 'technicalindicators';
import { checkPeriod, column, sameLength } from '../core/errors.js';
import type { BarColumns, FeatureDefinition } from '../core/types.js';
import { cleanPrefix, identity, placeTail } from './library.js';

/** Windows of {@link awesomeOscillator} (defaults 5 / 34). */
export interface AwesomeOscillatorParams {
  readonly fast?: number;
  readonly slow?: number;
}

function resolve(p: AwesomeOscillatorParams): [number, number] {
  const fast = p.fast ?? 5;
  const slow = p.slow ?? 34;
  checkPeriod('awesomeOscillator', fast);
  checkPeriod('awesomeOscillator', slow);
  return [fast, slow];
}

/**
 * Awesome oscillator = SMA(median price, fast) − SMA(median price, slow), median price = (high +
 * low) / 2, in price units. Defined from index max(fast, slow) − 1 (33 by default). A NaN input
 * makes this and every later output NaN.
 *
 * Batch only; wraps `technicalindicators` 3.1 `AwesomeOscillator` (plain running sums, so the
 * last bits may differ from an exactly rounded SMA).
 *
 * @param columns - `high` and `low`
 * @param params - windows (whole numbers >= 1)
 * @returns an aligned Float64Array
 * @throws {FeatureArgumentError} for an invalid period, a missing or unequal column
 * @example awesomeOscillator({ high, low })
 */
export function awesomeOscillator(columns: Pick<BarColumns, 'high' | 'low'>, params: AwesomeOscillatorParams = {}): Float64Array {
  const [fast, slow] = resolve(params);
  const high = column('awesomeOscillator', columns, 'high');
  const low = column('awesomeOscillator', columns, 'low');
  const n = sameLength('awesomeOscillator', high, low);
  const first = Math.max(fast, slow) - 1;
  const { arrays, length } = cleanPrefix([high, low]);
  const out =
    length > first ? awesomeoscillator({ high: arrays[0]!, low: arrays[1]!, fastPeriod: fast, slowPeriod: slow, format: identity }) : [];
  return placeTail('awesomeOscillator', out, length, n, first);
}

/** The registered definition of `awesomeOscillator(fast,slow)` (batch only, no `stream`). */
export function awesomeOscillatorFeature(params: AwesomeOscillatorParams = {}): FeatureDefinition<Float64Array> {
  const [fast, slow] = resolve(params);
  return { name: `awesomeOscillator(${fast},${slow})`, inputs: ['high', 'low'], batch: (c) => awesomeOscillator(c, params) };
}
