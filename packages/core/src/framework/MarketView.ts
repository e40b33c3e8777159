/**
 * Read-only, point-in-time views handed to the framework models: the market up to and including
 * the current bar, and the account. A {@link StrategyContext} is both, so the engine and live
 * runner pass it as is; models cannot submit orders through these types.
 */
import type { StrategyContext } from '../engine/StrategyContext.js';

/** The market up to and including the current bar (never later): time, bars, history, features. */
export type MarketView = Pick<
  StrategyContext,
  'time' | 'index' | 'symbols' | 'bar' | 'hasBar' | 'value' | 'price' | 'feature' | 'history'
>;

/** The account at the current bar: cash, equity, positions and working orders. */
export type PortfolioView = Pick<StrategyContext, 'cash' | 'equity' | 'position' | 'openOrders'>;
