/**
 * `@qt-backtest/alpha`: Alpha library, combiners and alpha analysis (IC, quantile returns, decay).
 * Its contents land with their own issues; this entry point exists now so the package graph
 * (see docs/ARCHITECTURE.md) is fixed and checked from the start.
 *
 * @packageDocumentation
 */
export {};
