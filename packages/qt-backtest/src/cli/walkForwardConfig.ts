/**
 * The `wf.json` file of `qt-backtest walk-forward`: data, features, label, estimator and search
 * space, windows, purge/embargo, costs of the prediction backtest. Every field is checked with an
 * error naming the file, the field and the value.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { HyperparameterValue } from '@qt-backtest/models';
import { UsageError } from './runSettings.js';

/** One feature of the pipeline. */
export interface WfFeature {
  readonly name: string;
  /** roc: n-bar rate of change; rsi; zscore: rolling z-score of close; volatility: rolling std of 1-bar returns; smaRatio: close / SMA − 1. */
  readonly kind: 'roc' | 'rsi' | 'zscore' | 'volatility' | 'smaRatio';
  readonly period: number;
}

/** A checked walk-forward config with paths resolved. */
export interface WalkForwardFileConfig {
  readonly data: readonly string[];
  readonly adjusted: boolean;
  readonly symbols: readonly string[] | undefined;
  readonly features: readonly WfFeature[];
  readonly label:
    | { readonly kind: 'forwardReturn'; readonly horizon: number }
    | { readonly kind: 'tripleBarrier'; readonly horizon: number; readonly profitTake: number; readonly stopLoss: number; readonly volatilityWindow: number };
  readonly estimator: { readonly type: string; readonly hyperparameters: Readonly<Record<string, HyperparameterValue>> };
  readonly search:
    | { readonly space: Readonly<Record<string, readonly HyperparameterValue[]>>; readonly mode: 'grid' | 'random'; readonly samples: number; readonly folds: number; readonly embargo: number }
    | undefined;
  readonly windows: { readonly folds: number; readonly minTrainFolds: number; readonly maxTrainFolds: number | undefined; readonly embargo: number };
  readonly sampleWeights: 'uniqueness' | 'none';
  readonly seed: number;
  readonly backtest: { readonly quantiles: number; readonly short: boolean; readonly cash: number; readonly feeBps: number; readonly slippageBps: number };
  readonly out: string | undefined;
}

const FEATURE_KINDS = ['roc', 'rsi', 'zscore', 'volatility', 'smaRatio'];

/**
 * Reads and checks a walk-forward config file.
 *
 * @throws {UsageError} naming the file, field and value for anything malformed.
 */
export function readWalkForwardConfig(path: string): WalkForwardFileConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `not valid JSON (${(e as Error).message})`}`);
  }
  const bad = (field: string, value: unknown, expected: string): never => {
    throw new UsageError(`${path}: "${field}" is ${JSON.stringify(value)}; expected ${expected}`);
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) bad('(root)', raw, 'a JSON object');
  const c = raw as Record<string, unknown>;
  const known = ['data', 'adjusted', 'symbols', 'features', 'label', 'estimator', 'search', 'windows', 'sampleWeights', 'seed', 'backtest', 'out'];
  for (const k of Object.keys(c)) if (!known.includes(k)) bad(k, c[k], `one of the known fields (${known.join(', ')})`);
  const base = dirname(path);
  const int = (field: string, v: unknown, min: number, dflt?: number): number => {
    if (v === undefined && dflt !== undefined) return dflt;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) bad(field, v, `an integer ≥ ${min}`);
    return v as number;
  };
  const num = (field: string, v: unknown, min: number, max: number, dflt: number): number => {
    if (v === undefined) return dflt;
    if (typeof v !== 'number' || !(v >= min && v <= max)) bad(field, v, `a number in [${min}, ${max}]`);
    return v as number;
  };
  const data = typeof c['data'] === 'string' ? [c['data']] : c['data'];
  if (!Array.isArray(data) || data.length === 0 || data.some((p) => typeof p !== 'string')) bad('data', c['data'], 'a path or a list of paths (files or directories)');
  const symbols = c['symbols'];
  if (symbols !== undefined && (!Array.isArray(symbols) || symbols.some((s) => typeof s !== 'string'))) bad('symbols', symbols, 'a list of symbol names');
  const feats = c['features'];
  if (!Array.isArray(feats) || feats.length === 0) bad('features', feats, 'a non-empty list of {name, kind, period}');
  const features = (feats as unknown[]).map((f, i) => {
    const o = f as Record<string, unknown>;
    if (typeof o?.['name'] !== 'string' || o['name'] === '') bad(`features[${i}].name`, o?.['name'], 'a non-empty string');
    if (!FEATURE_KINDS.includes(o['kind'] as string)) bad(`features[${i}].kind`, o['kind'], FEATURE_KINDS.join(' | '));
    return { name: o['name'] as string, kind: o['kind'] as WfFeature['kind'], period: int(`features[${i}].period`, o['period'], 1) };
  });
  const l = (c['label'] ?? {}) as Record<string, unknown>;
  const label =
    l['kind'] === 'forwardReturn'
      ? { kind: 'forwardReturn' as const, horizon: int('label.horizon', l['horizon'], 1) }
      : l['kind'] === 'tripleBarrier'
        ? {
            kind: 'tripleBarrier' as const,
            horizon: int('label.horizon', l['horizon'], 1),
            profitTake: num('label.profitTake', l['profitTake'], 0, 100, 2),
            stopLoss: num('label.stopLoss', l['stopLoss'], 0, 100, 2),
            volatilityWindow: int('label.volatilityWindow', l['volatilityWindow'], 2, 20),
          }
        : bad('label.kind', l['kind'], "'forwardReturn' or 'tripleBarrier'");
  const e = (c['estimator'] ?? {}) as Record<string, unknown>;
  if (typeof e['type'] !== 'string') bad('estimator.type', e['type'], 'an estimator type such as "GradientBoostingClassifier"');
  const hyper = (e['hyperparameters'] ?? {}) as Record<string, HyperparameterValue>;
  if (typeof hyper !== 'object' || Array.isArray(hyper)) bad('estimator.hyperparameters', hyper, 'an object');
  const s = c['search'] as Record<string, unknown> | undefined;
  let search: WalkForwardFileConfig['search'];
  if (s !== undefined) {
    const space = s['space'] as Record<string, unknown>;
    if (space === null || typeof space !== 'object' || Object.values(space).some((v) => !Array.isArray(v) || v.length === 0)) bad('search.space', space, 'an object of non-empty value lists');
    const mode = s['mode'] ?? 'grid';
    if (mode !== 'grid' && mode !== 'random') bad('search.mode', mode, "'grid' or 'random'");
    search = {
      space: space as Record<string, HyperparameterValue[]>,
      mode: mode as 'grid' | 'random',
      samples: int('search.samples', s['samples'], 1, 10),
      folds: int('search.folds', s['folds'], 2, 3),
      embargo: num('search.embargo', s['embargo'], 0, 0.5, 0.01),
    };
  }
  const w = (c['windows'] ?? {}) as Record<string, unknown>;
  const windows = {
    folds: int('windows.folds', w['folds'], 2, 8),
    minTrainFolds: int('windows.minTrainFolds', w['minTrainFolds'], 1, 3),
    maxTrainFolds: w['maxTrainFolds'] === undefined || w['maxTrainFolds'] === null ? undefined : int('windows.maxTrainFolds', w['maxTrainFolds'], 1),
    embargo: num('windows.embargo', w['embargo'], 0, 0.5, 0),
  };
  if (windows.minTrainFolds >= windows.folds) bad('windows.minTrainFolds', windows.minTrainFolds, `fewer than windows.folds (${windows.folds})`);
  const sw = c['sampleWeights'] ?? 'uniqueness';
  if (sw !== 'uniqueness' && sw !== 'none') bad('sampleWeights', sw, "'uniqueness' or 'none'");
  const b = (c['backtest'] ?? {}) as Record<string, unknown>;
  if (b['short'] !== undefined && typeof b['short'] !== 'boolean') bad('backtest.short', b['short'], 'true or false');
  if (c['adjusted'] !== undefined && typeof c['adjusted'] !== 'boolean') bad('adjusted', c['adjusted'], 'true or false');
  if (c['out'] !== undefined && typeof c['out'] !== 'string') bad('out', c['out'], 'a directory path');
  return {
    data: (data as string[]).map((p) => resolve(base, p)),
    adjusted: c['adjusted'] === true,
    symbols: symbols as string[] | undefined,
    features,
    label,
    estimator: { type: e['type'] as string, hyperparameters: hyper },
    search,
    windows,
    sampleWeights: sw as 'uniqueness' | 'none',
    seed: int('seed', c['seed'], 0, 0),
    backtest: {
      quantiles: int('backtest.quantiles', b['quantiles'], 2, 5),
      short: b['short'] === true,
      cash: num('backtest.cash', b['cash'], 1, 1e15, 1_000_000),
      feeBps: num('backtest.feeBps', b['feeBps'], 0, 1000, 1),
      slippageBps: num('backtest.slippageBps', b['slippageBps'], 0, 1000, 5),
    },
    out: c['out'] === undefined ? undefined : resolve(base, c['out'] as string),
  };
}
