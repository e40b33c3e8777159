/**
 * `@qt-backtest/features`: look-ahead-safe indicators and transforms with an index-aligned batch
 * face and a streaming face that agree value for value, checked by the causality contract in
 * `@qt-backtest/features/testing`.
 *
 * @packageDocumentation
 */

// Framework
export type { AnyStreamingFeature, BarColumns, BarInput, FeatureDefinition, FeatureOutput, StreamingFeature } from './core/types.js';
export { CausalityError, FeatureArgumentError } from './core/errors.js';
export { ExactRollingSum } from './core/ExactRollingSum.js';

// Pipeline
export type { CrossSectionalStep, FeatureColumns, FeatureLookup, PanelInput } from './pipeline/FeaturePipeline.js';
export { FeaturePipeline } from './pipeline/FeaturePipeline.js';

// Trend
export { Sma, sma, smaFeature } from './trend/sma.js';
