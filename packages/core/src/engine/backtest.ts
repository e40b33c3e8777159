/**
 * `backtest`: run a strategy over data with the configured simulator and return the result.
 */
import type { BacktestConfig } from './BacktestConfig.js';
import { BacktestEngine } from './BacktestEngine.js';
import type { BacktestResult } from './BacktestResult.js';

/**
 * Runs `config.strategy` over `config.data` (see {@link BacktestConfig} for costs, margin and fill
 * policies) and returns the equity curve, orders, fills and trades.
 *
 * @throws {InvariantError} for invalid settings (negative cash, margin fractions out of range, …).
 * @example
 * const result = backtest({ data: await loadBars('orcl.csv', { symbol: 'ORCL' }), strategy: new SmaCross({ fast: 10, slow: 30 }) });
 * result.finalEquity;
 */
export function backtest(config: BacktestConfig): BacktestResult {
  return new BacktestEngine(config).run();
}
