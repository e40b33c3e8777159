/**
 * Ichimoku cloud lines, from `technicalindicators` (IchimokuCloud), aligned to the input.
 */
import { ichimokucloud } from 'technicalindicators';
import { checkPeriod, column, sameLength } from '../core/errors.js';
import type { BarColumns, FeatureDefinition } from '../core/types.js';
import { cleanPrefix, identity, placeTailRecords } from './library.js';

/** Periods of {@link ichimoku} (defaults 9 / 26 / 52). */
export interface IchimokuParams {
  /** Tenkan-sen (conversion line) window. */
  readonly conversion?: number;
  /** Kijun-sen (base line) window. */
  readonly base?: number;
  /** Senkou span B window. */
  readonly span?: number;
}

/** The four lines of {@link ichimoku}, in price units. */
export type IchimokuOutput = {
  readonly conversion: Float64Array;
  readonly base: Float64Array;
  readonly spanA: Float64Array;
  readonly spanB: Float64Array;
};

const KEYS = ['conversion', 'base', 'spanA', 'spanB'] as const;

function periods(params: IchimokuParams): [number, number, number] {
  const p: [number, number, number] = [params.conversion ?? 9, params.base ?? 26, params.span ?? 52];
  checkPeriod('ichimoku', p[0]);
  checkPeriod('ichimoku', p[1]);
  checkPeriod('ichimoku', p[2]);
  return p;
}

/**
 * Ichimoku lines at each bar: conversion = (highest high + lowest low) / 2 over `conversion` bars,
 * base = the same over `base` bars, spanA = (conversion + base) / 2, spanB = midpoint over `span`
 * bars; every window includes the current bar. The spans are NOT displaced: `spanA[i]` is computed
 * from data up to `i` and is what a chart plots `displacement` (26) bars ahead; the cloud drawn at
 * bar `i` is `spanA[i − 26]`, `spanB[i − 26]`. The chikou (lagging) span is omitted: as plotted it
 * shows a future close. All four lines start together at index max(periods) − 1 (51 by default),
 * the library's warm-up. A NaN input makes this and every later output NaN.
 *
 * Batch only (the library's generator is not exposed as a streaming class); wraps
 * `technicalindicators` 3.1 `IchimokuCloud`.
 *
 * @param columns - `high` and `low`
 * @param params - window lengths (whole numbers >= 1)
 * @returns four aligned Float64Arrays
 * @throws {FeatureArgumentError} for an invalid period, a missing or unequal column
 * @example const { spanA, spanB } = ichimoku({ high, low });
 */
export function ichimoku(columns: Pick<BarColumns, 'high' | 'low'>, params: IchimokuParams = {}): IchimokuOutput {
  const [conversion, base, span] = periods(params);
  const high = column('ichimoku', columns, 'high');
  const low = column('ichimoku', columns, 'low');
  const n = sameLength('ichimoku', high, low);
  const first = Math.max(conversion, base, span) - 1;
  const { arrays, length } = cleanPrefix([high, low]);
  // displacement 1: the library only uses it to delay its first output, it never shifts the spans.
  const rows =
    length > first
      ? ichimokucloud({ high: arrays[0]!, low: arrays[1]!, conversionPeriod: conversion, basePeriod: base, spanPeriod: span, displacement: 1, format: identity })
      : [];
  return placeTailRecords('ichimoku', rows, KEYS, length, n, first);
}

/** The registered definition of `ichimoku(conversion,base,span)` (batch only, no `stream`). */
export function ichimokuFeature(params: IchimokuParams = {}): FeatureDefinition<IchimokuOutput> {
  const [conversion, base, span] = periods(params);
  return {
    name: `ichimoku(${conversion},${base},${span})`,
    inputs: ['high', 'low'],
    batch: (c) => ichimoku(c, params),
  };
}
