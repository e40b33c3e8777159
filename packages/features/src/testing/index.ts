/**
 * `@qt-backtest/features/testing`: the causality contract users run on their own features.
 *
 * @packageDocumentation
 */
export type { CausalityOptions } from './assertCausal.js';
export { assertCausal } from './assertCausal.js';
export { testFeatureContract } from './testFeatureContract.js';
