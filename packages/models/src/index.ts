/**
 * `@qt-backtest/models`: Labels, walk-forward and purged cross-validation splitters, estimators and model persistence.
 * Its contents land with their own issues; this entry point exists now so the package graph
 * (see docs/ARCHITECTURE.md) is fixed and checked from the start.
 *
 * @packageDocumentation
 */
export {};
