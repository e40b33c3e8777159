/**
 * `@qt-backtest/models/testing`: the `Estimator` contract users run on their own estimators.
 *
 * @packageDocumentation
 */
export type { EstimatorContractConfig } from './testEstimatorContract.js';
export { testEstimatorContract } from './testEstimatorContract.js';
