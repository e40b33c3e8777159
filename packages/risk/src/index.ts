/**
 * `@qt-backtest/risk`: Position sizers, covariance estimators, portfolio optimisers, VaR/CVaR and pre-trade limits.
 * Its contents land with their own issues; this entry point exists now so the package graph
 * (see docs/ARCHITECTURE.md) is fixed and checked from the start.
 *
 * @packageDocumentation
 */
export {};
