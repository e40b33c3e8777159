/** What the risk guard did and why — every action is an event with the values behind it. */
import type { LimitCode } from './RiskLimits.js';

/** An order the guard refused. */
export interface OrderBlocked {
  readonly type: 'order_blocked';
  readonly time: number;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly quantity: number;
  readonly reason: LimitCode;
  readonly limit: number;
  readonly value: number;
  readonly message: string;
}

/** The drawdown limit was breached: trading halts until {@link RiskGuard.reset}. */
export interface KillSwitchTripped {
  readonly type: 'kill_switch_tripped';
  readonly time: number;
  readonly reason: 'max_drawdown';
  readonly equity: number;
  readonly peakEquity: number;
  readonly drawdown: number;
  readonly limit: number;
}

/** Working orders cancelled by the guard. */
export interface WorkingOrdersCancelled {
  readonly type: 'working_orders_cancelled';
  readonly time: number;
  readonly reason: 'max_drawdown';
  readonly count: number;
}

/** A closing order the guard submitted to flatten a position. */
export interface PositionCloseSubmitted {
  readonly type: 'position_close_submitted';
  readonly time: number;
  readonly reason: 'max_drawdown';
  readonly symbol: string;
  readonly quantity: number;
}

/** The daily loss limit was breached: orders that add risk are blocked for the rest of the day. */
export interface DailyLossBreached {
  readonly type: 'daily_loss_breached';
  readonly time: number;
  readonly equity: number;
  readonly dayStartEquity: number;
  readonly loss: number;
  readonly limit: number;
}

/** The user cleared a halt. */
export interface HaltReset {
  readonly type: 'halt_reset';
  readonly time: number;
}

export type RiskEvent = OrderBlocked | KillSwitchTripped | WorkingOrdersCancelled | PositionCloseSubmitted | DailyLossBreached | HaltReset;
