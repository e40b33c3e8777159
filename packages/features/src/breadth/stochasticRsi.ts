/**
 * Stochastic RSI, from `technicalindicators` (StochasticRSI), aligned to the input.
 */
import { stochasticrsi } from 'technicalindicators';
import { checkPeriod, column } from '../core/errors.js';
import type { FeatureDefinition } from '../core/types.js';
import { cleanPrefix, identity, placeTailRecords } from './library.js';

/** Periods of {@link stochasticRsi} (defaults 14 / 14 / 3 / 3). */
export interface StochasticRsiParams {
  readonly rsiPeriod?: number;
  /** Window of the highest/lowest RSI. */
  readonly stochasticPeriod?: number;
  /** SMA smoothing of the raw stochastic RSI into %K. */
  readonly kPeriod?: number;
  /** SMA smoothing of %K into %D. */
  readonly dPeriod?: number;
}

/** The lines of {@link stochasticRsi}, in 0..100. */
export type StochasticRsiOutput = { readonly stochRsi: Float64Array; readonly k: Float64Array; readonly d: Float64Array };

function resolve(p: StochasticRsiParams): [number, number, number, number] {
  const r: [number, number, number, number] = [p.rsiPeriod ?? 14, p.stochasticPeriod ?? 14, p.kPeriod ?? 3, p.dPeriod ?? 3];
  for (const x of r) checkPeriod('stochasticRsi', x);
  return r;
}

/**
 * Stochastic RSI: raw = 100 · (RSI − lowest RSI) / (highest RSI − lowest RSI) over the last
 * `stochasticPeriod` RSI values (0 when they are all equal), %K = SMA(raw, kPeriod), %D =
 * SMA(%K, dPeriod). Library conventions: Wilder RSI seeded with the mean of the first `rsiPeriod`
 * changes (first RSI at index `rsiPeriod`) and ROUNDED TO 2 DECIMALS before the stochastic, so
 * the raw line is coarse near flat RSI. All three lines start together at index rsiPeriod +
 * stochasticPeriod + kPeriod + dPeriod − 3 (31 by default). A NaN input makes this and every later
 * output NaN.
 *
 * Batch only; wraps `technicalindicators` 3.1 `StochasticRSI` (its `stochRSI` / `k` / `d` fields
 * become `stochRsi` / `k` / `d`).
 *
 * @param values - input series (e.g. close)
 * @param params - periods (whole numbers >= 1)
 * @returns `{ stochRsi, k, d }`, aligned
 * @throws {FeatureArgumentError} for an invalid period
 * @example const { k, d } = stochasticRsi(close);
 */
export function stochasticRsi(values: ArrayLike<number>, params: StochasticRsiParams = {}): StochasticRsiOutput {
  const [rsiPeriod, stochasticPeriod, kPeriod, dPeriod] = resolve(params);
  const first = rsiPeriod + stochasticPeriod + kPeriod + dPeriod - 3;
  const { arrays, length } = cleanPrefix([values]);
  const rows =
    length > first ? stochasticrsi({ values: arrays[0]!, rsiPeriod, stochasticPeriod, kPeriod, dPeriod, format: identity }) : [];
  const out = placeTailRecords('stochasticRsi', rows, ['stochRSI', 'k', 'd'], length, values.length, first);
  return { stochRsi: out.stochRSI, k: out.k, d: out.d };
}

/** The registered definition of `stochasticRsi(rsi,stochastic,k,d)` over the close (batch only). */
export function stochasticRsiFeature(params: StochasticRsiParams = {}): FeatureDefinition<StochasticRsiOutput> {
  const r = resolve(params);
  return { name: `stochasticRsi(${r.join(',')})`, inputs: ['close'], batch: (c) => stochasticRsi(column('stochasticRsi', c, 'close'), params) };
}
