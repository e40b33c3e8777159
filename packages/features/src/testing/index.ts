/**
 * `@qt-backtest/features/testing`: the causality contract users run on their own features.
 * It lands with the features issue.
 *
 * @packageDocumentation
 */
export {};
