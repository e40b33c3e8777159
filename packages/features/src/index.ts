/**
 * `@qt-backtest/features`: look-ahead-safe indicators and transforms with a streaming face and an
 * index-aligned batch face. The indicator set lands with the features issue; this entry point
 * exists now so the package graph is fixed from the start.
 *
 * @packageDocumentation
 */
export {};
