/**
 * `backtest`: run a strategy over data with the configured simulator and return the result.
 */
import { nyseCalendar } from '../calendar/NyseCalendar.js';
import { inferFrequency } from '../analyzer/inferFrequency.js';
import type { BacktestConfig } from '../engine/BacktestConfig.js';
import { BacktestEngine } from '../engine/BacktestEngine.js';
import type { BacktestResult } from './BacktestResult.js';
import { completeResult } from './completeResult.js';
import { diagnose } from './diagnose.js';

/**
 * Runs `config.strategy` over `config.data` (see {@link BacktestConfig} for costs, margin and fill
 * policies) and returns the equity curve, orders, fills, trades, the inferred bar frequency and
 * coded diagnostics.
 *
 * @throws {InvariantError} for invalid settings (negative cash, margin fractions out of range, …).
 * @throws {StrategyError} when a strategy handler throws or returns a promise.
 * @example
 * const result = backtest({ data: await loadBars('orcl.csv', { symbol: 'ORCL' }), strategy: new SmaCross({ fast: 10, slow: 30 }) });
 * result.finalEquity;
 * result.diagnostics; // e.g. [{ code: 'positions_open_at_end', … }]
 */
export function backtest(config: BacktestConfig): BacktestResult {
  const run = new BacktestEngine(config).run();
  const frequency = inferFrequency(run.time, config.calendar ?? nyseCalendar);
  return completeResult(run, frequency, diagnose(run, config));
}
