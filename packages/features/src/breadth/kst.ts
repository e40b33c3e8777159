/**
 * Know Sure Thing (Pring), from `technicalindicators` (KST), aligned to the input.
 */
import { kst as libraryKst } from 'technicalindicators';
import { checkPeriod, column } from '../core/errors.js';
import type { FeatureDefinition } from '../core/types.js';
import { cleanPrefix, identity, placeTailRecords } from './library.js';

type Four = readonly [number, number, number, number];

/** Periods of {@link kst} (defaults Pring's daily: ROC 10/15/20/30, SMA 10/10/10/15, signal 9). */
export interface KstParams {
  /** The four rate-of-change lookbacks. */
  readonly rocPeriods?: Four;
  /** The SMA window applied to each rate of change. */
  readonly smaPeriods?: Four;
  /** SMA window of the signal line. */
  readonly signalPeriod?: number;
}

/** The two lines of {@link kst} (percent units, weighted 1..4). */
export type KstOutput = { readonly kst: Float64Array; readonly signal: Float64Array };

interface Resolved {
  readonly roc: Four;
  readonly sma: Four;
  readonly signal: number;
  /** Index of the first KST value. */
  readonly first: number;
}

function resolve(p: KstParams): Resolved {
  const roc = p.rocPeriods ?? [10, 15, 20, 30];
  const sma = p.smaPeriods ?? [10, 10, 10, 15];
  const signal = p.signalPeriod ?? 9;
  for (const x of [...roc, ...sma, signal]) checkPeriod('kst', x);
  const first = Math.max(roc[0] + sma[0], roc[1] + sma[1], roc[2] + sma[2], roc[3] + sma[3]) - 1;
  return { roc, sma, signal, first };
}

/**
 * KST = Σ wₖ · SMA(ROC(close, rₖ), sₖ) with weights 1, 2, 3, 4 (ROC in percent); signal = SMA of KST
 * over `signalPeriod`. KST is defined from index max(rₖ + sₖ) − 1 (44 by default), the signal
 * `signalPeriod − 1` later. A NaN input makes this and every later output NaN.
 *
 * Batch only; wraps `technicalindicators` 3.1 `KST` (whose signal reads an exact 0 as "no value";
 * it is restored to 0 here).
 *
 * @param values - input series (e.g. close)
 * @param params - periods (whole numbers >= 1)
 * @returns `{ kst, signal }`, aligned
 * @throws {FeatureArgumentError} for an invalid period
 * @example const { kst: line, signal } = kst(close);
 */
export function kst(values: ArrayLike<number>, params: KstParams = {}): KstOutput {
  const r = resolve(params);
  const { arrays, length } = cleanPrefix([values]);
  const rows =
    length > r.first
      ? libraryKst({
          values: arrays[0]!,
          ROCPer1: r.roc[0],
          ROCPer2: r.roc[1],
          ROCPer3: r.roc[2],
          ROCPer4: r.roc[3],
          SMAROCPer1: r.sma[0],
          SMAROCPer2: r.sma[1],
          SMAROCPer3: r.sma[2],
          SMAROCPer4: r.sma[3],
          signalPeriod: r.signal,
          format: identity,
        })
      : [];
  const out = placeTailRecords('kst', rows, ['kst', 'signal'], length, values.length, r.first);
  for (let i = r.first + r.signal - 1; i < length; i++) if (Number.isNaN(out.signal[i])) out.signal[i] = 0;
  return out;
}

/** The registered definition of `kst(r1,r2,r3,r4,s1,s2,s3,s4,signal)` over the close (batch only). */
export function kstFeature(params: KstParams = {}): FeatureDefinition<KstOutput> {
  const r = resolve(params);
  return {
    name: `kst(${[...r.roc, ...r.sma, r.signal].join(',')})`,
    inputs: ['close'],
    batch: (c) => kst(column('kst', c, 'close'), params),
  };
}
