/**
 * Out-of-sample model predictions as an alpha of the framework (`AlphaModel` → `Insight`s), read
 * at the current bar only through the backtest's feature source.
 */
import type { AlphaModel, AlphaModelParams, FeatureSource, Insight } from '@qt-backtest/core';
import { createInsight } from '@qt-backtest/core';
import { EstimatorError } from '../Estimator.js';
import type { Dataset } from '../training/Dataset.js';
import type { WalkForwardResult } from '../training/walkForward.js';

/** Options of {@link PredictionAlpha}. */
export interface PredictionAlphaConfig {
  /** Feature name holding the predictions (default 'prediction'). */
  readonly feature?: string;
  /** 'probability': values are P(up) in [0, 1] (score p − ½, confidence |2p − 1|); 'return': predicted returns. */
  readonly kind: 'probability' | 'return';
  /** Bars an insight stays active (the label horizon). */
  readonly horizonBars: number;
  /** Ignore predictions whose |score| is below this (default 0). */
  readonly minScore?: number;
}

/**
 * An alpha that turns stored out-of-sample predictions into insights: at each bar, one insight per
 * symbol with a finite prediction at that bar (`ctx.feature(name, symbol)` — never a later value).
 *
 * @throws {EstimatorError} for a horizon that is not a positive integer.
 * @example
 * const features = predictionFeatures(data, wf, panel.time);
 * const strategy = new FrameworkStrategy({ alpha: new PredictionAlpha({ kind: 'probability', horizonBars: 5 }), portfolio: new LongShortQuantilePortfolio() });
 * backtest({ data: series, strategy, features });
 */
export class PredictionAlpha implements AlphaModel {
  readonly name: string;
  readonly #feature: string;
  readonly #kind: 'probability' | 'return';
  readonly #horizon: number;
  readonly #minScore: number;

  constructor(config: PredictionAlphaConfig) {
    if (!(Number.isInteger(config.horizonBars) && config.horizonBars >= 1)) throw new EstimatorError(`PredictionAlpha horizonBars must be a positive integer, got ${config.horizonBars}`);
    this.#feature = config.feature ?? 'prediction';
    this.#kind = config.kind;
    this.#horizon = config.horizonBars;
    this.#minScore = config.minScore ?? 0;
    this.name = `PredictionAlpha(${this.#feature}, ${this.#kind}, ${this.#horizon})`;
  }

  update({ market }: AlphaModelParams): readonly Insight[] {
    const out: Insight[] = [];
    for (const symbol of market.symbols) {
      if (!market.hasBar(symbol)) continue;
      const v = market.feature(this.#feature, symbol);
      if (!Number.isFinite(v)) continue;
      const score = this.#kind === 'probability' ? v - 0.5 : v;
      if (Math.abs(score) <= this.#minScore || score === 0) continue;
      out.push(
        createInsight({
          symbol,
          score,
          ...(this.#kind === 'probability' ? { confidence: Math.min(1, Math.abs(2 * v - 1)) } : { magnitude: v }),
          horizonBars: this.#horizon,
          sourceAlpha: this.name,
          generatedTime: market.time,
          generatedIndex: market.index,
        }),
      );
    }
    return out;
  }
}

/**
 * The out-of-sample predictions of a walk-forward run as a feature source on a panel's time axis
 * (`prediction` per symbol; NaN where the row was not predicted out of sample).
 *
 * @throws {EstimatorError} when a dataset time is not on the axis.
 */
export function predictionFeatures(data: Dataset, result: WalkForwardResult, time: Float64Array, name = 'prediction'): FeatureSource {
  const index = new Map<number, number>();
  time.forEach((t, i) => index.set(t, i));
  const cols = data.symbols.map(() => new Float64Array(time.length).fill(NaN));
  const values = result.probabilities ?? result.predictions;
  for (let r = 0; r < data.start.length; r++) {
    const v = values[r]!;
    if (Number.isNaN(v)) continue;
    const i = index.get(data.start[r]!);
    if (i === undefined) throw new EstimatorError(`prediction time ${data.start[r]} is not on the panel's time axis`);
    cols[data.symbol[r]!]![i] = v;
  }
  const bySymbol = new Map(data.symbols.map((s, k) => [s, cols[k]!]));
  return {
    time,
    names: [name],
    column(feature: string, symbol: string): Float64Array {
      const c = bySymbol.get(symbol);
      if (feature !== name || c === undefined) throw new EstimatorError(`no feature "${feature}" for "${symbol}" (have "${name}" for ${data.symbols.join(', ')})`);
      return c;
    },
  };
}
