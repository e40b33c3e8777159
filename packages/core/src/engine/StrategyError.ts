/**
 * The error a strategy's own exception becomes: it names the strategy, the handler, the symbols,
 * the bar and its time, and keeps the original as `cause`.
 */
import { QtError } from '../errors.js';

/** Which strategy handler was running. */
export type StrategyHandler = 'onStart' | 'onBar' | 'onOrderEvent' | 'onEnd';

/** Where a strategy failed. */
export interface StrategyErrorDetails {
  /** The strategy's name (its class name). */
  readonly strategy: string;
  readonly handler: StrategyHandler;
  /** The run's symbols. */
  readonly symbols: readonly string[];
  /** Index of the bar on the engine's time index (−1 before the first bar). */
  readonly index: number;
  /** Epoch ms of that bar (NaN before the first bar). */
  readonly time: number;
}

/**
 * Thrown by `backtest` when a strategy handler throws, or returns a promise (handlers are
 * synchronous: a promise would settle after the bar it belongs to, and its failure would escape
 * the run as an unhandled rejection).
 *
 * @example
 * try { backtest(config); } catch (e) { if (e instanceof StrategyError) console.error(e.message, e.cause); }
 */
export class StrategyError extends QtError implements StrategyErrorDetails {
  readonly strategy: string;
  readonly handler: StrategyHandler;
  readonly symbols: readonly string[];
  readonly index: number;
  readonly time: number;

  /**
   * @param problem - what happened, e.g. `threw` or `returned a promise`.
   * @param cause - the strategy's own error, when it threw one.
   */
  constructor(details: StrategyErrorDetails, problem: string, cause?: unknown) {
    super(`${details.strategy}.${details.handler} ${problem} ${where(details)}${cause === undefined ? '' : `: ${messageOf(cause)}`}`, cause === undefined ? undefined : { cause });
    this.strategy = details.strategy;
    this.handler = details.handler;
    this.symbols = details.symbols;
    this.index = details.index;
    this.time = details.time;
  }
}

function where(d: StrategyErrorDetails): string {
  const shown = d.symbols.length <= 10 ? d.symbols.join(', ') : `${d.symbols.slice(0, 10).join(', ')}, … ${d.symbols.length} in all`;
  const bar = d.index < 0 || !Number.isFinite(d.time) ? 'before the first bar' : `at bar ${d.index} (${label(d.time)})`;
  return `${bar} over symbols [${shown}]`;
}

function label(time: number): string {
  const iso = new Date(time).toISOString();
  return time % 86_400_000 === 0 ? iso.slice(0, 10) : iso;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
