/**
 * A supervised dataset of panel samples: one row per (bar time, symbol) where every feature is
 * defined and the label's horizon has closed, in time order, with each sample's event times.
 */
import { EstimatorError } from '../Estimator.js';
import type { FeatureMatrix } from '../Estimator.js';
import type { LabelDefinition, Labels } from '../labels/Labels.js';

/** Feature columns on a panel (the shape of `@qt-backtest/features`' `FeatureColumns`). */
export interface FeatureColumnsLike {
  readonly time: Float64Array;
  readonly symbols: readonly string[];
  readonly names: readonly string[];
  column(name: string, symbol: string): Float64Array;
}

/** Samples ready for splitting and fitting. Rows are sorted by time, then symbol. */
export interface Dataset {
  readonly X: FeatureMatrix;
  /** Label value per row. */
  readonly y: Float64Array;
  /** Return realised over each row's label horizon (for IC and backtests). */
  readonly realizedReturn: Float64Array;
  /** Event start (bar time) per row. */
  readonly start: Float64Array;
  /** Label horizon close per row. */
  readonly end: Float64Array;
  /** Index into `symbols` per row. */
  readonly symbol: Int32Array;
  readonly symbols: readonly string[];
  readonly featureNames: readonly string[];
  readonly label: LabelDefinition;
}

/** Options of {@link buildDataset}. */
export interface BuildDatasetConfig {
  readonly features: FeatureColumnsLike;
  /** One `Labels` per symbol, in `features.symbols` order, on the same time index. */
  readonly labels: readonly Labels[];
  /** Feature columns to use (default: all of `features.names`). */
  readonly featureNames?: readonly string[];
}

/**
 * Joins features and labels into rows, dropping bars where a feature is NaN (warm-up, missing
 * bars) or the label is undefined (its horizon is beyond the data).
 *
 * @throws {EstimatorError} when labels and features do not line up.
 * @example
 * const data = buildDataset({ features: pipeline.compute(panel), labels: panel.symbols.map(...) });
 */
export function buildDataset(config: BuildDatasetConfig): Dataset {
  const { features, labels } = config;
  const names = config.featureNames ?? features.names;
  const { time, symbols } = features;
  if (labels.length !== symbols.length) throw new EstimatorError(`${labels.length} label series for ${symbols.length} symbols`);
  if (names.length === 0) throw new EstimatorError('a dataset needs at least one feature');
  labels.forEach((l, s) => {
    if (l.time.length !== time.length) throw new EstimatorError(`labels of ${symbols[s]} have ${l.time.length} bars, features ${time.length}`);
  });
  const definition = labels[0]?.definition;
  if (definition === undefined) throw new EstimatorError('a dataset needs at least one symbol');
  const cols = symbols.map((sym) => names.map((name) => features.column(name, sym)));
  const p = names.length;
  const rows: number[] = [];
  for (let t = 0; t < time.length; t++) {
    for (let s = 0; s < symbols.length; s++) {
      if (Number.isNaN(labels[s]!.value[t]!)) continue;
      let ok = true;
      for (let j = 0; j < p && ok; j++) ok = Number.isFinite(cols[s]![j]![t]!);
      if (ok) rows.push(t * symbols.length + s);
    }
  }
  const n = rows.length;
  const data = new Float64Array(n * p);
  const y = new Float64Array(n);
  const realizedReturn = new Float64Array(n);
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const symbol = new Int32Array(n);
  rows.forEach((code, i) => {
    const t = Math.floor(code / symbols.length);
    const s = code % symbols.length;
    for (let j = 0; j < p; j++) data[i * p + j] = cols[s]![j]![t]!;
    const l = labels[s]!;
    y[i] = l.value[t]!;
    realizedReturn[i] = l.realizedReturn[t]!;
    start[i] = time[t]!;
    end[i] = l.horizonEnd[t]!;
    symbol[i] = s;
  });
  return { X: { data, rows: n, cols: p }, y, realizedReturn, start, end, symbol, symbols, featureNames: names.slice(), label: definition };
}

/** The rows `index` of a dataset (a new dataset; rows stay in the given order). */
export function subsetRows(data: Dataset, index: readonly number[]): Dataset {
  const p = data.X.cols;
  const X = new Float64Array(index.length * p);
  index.forEach((i, r) => X.set(data.X.data.subarray(i * p, i * p + p), r * p));
  const pick = <T extends Float64Array | Int32Array>(a: T): T => a.constructor === Int32Array ? (Int32Array.from(index, (i) => a[i]!) as T) : (Float64Array.from(index, (i) => a[i]!) as T);
  return {
    ...data,
    X: { data: X, rows: index.length, cols: p },
    y: pick(data.y),
    realizedReturn: pick(data.realizedReturn),
    start: pick(data.start),
    end: pick(data.end),
    symbol: pick(data.symbol),
  };
}
