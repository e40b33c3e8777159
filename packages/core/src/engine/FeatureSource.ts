/**
 * Precomputed feature columns a backtest can read at the current bar (the shape of
 * `@qt-backtest/features`' `FeaturePipeline.compute` result; core does not depend on it).
 */

/** Feature columns aligned to the same time index as the backtest's data. */
export interface FeatureSource {
  /** The time index the columns are aligned to (must equal the backtest's). */
  readonly time: Float64Array;
  readonly names: readonly string[];
  /** The column of one feature for one symbol (throws for unknown names). */
  column(name: string, symbol: string): Float64Array;
}
