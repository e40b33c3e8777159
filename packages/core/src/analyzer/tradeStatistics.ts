/**
 * Statistics of closed round-trip trades.
 */
import type { Trade } from '../ledger/Trade.js';

/** Summary of closed trades (P&L net of fees unless named gross). */
export interface TradeStatistics {
  readonly numTrades: number;
  /** Winners / trades (NaN without trades). A trade with net P&L exactly 0 is not a winner. */
  readonly winRate: number;
  /** Σ winning net P&L / |Σ losing net P&L| (Infinity with no losers, NaN without trades). */
  readonly profitFactor: number;
  /** Mean net P&L per trade. */
  readonly expectancy: number;
  readonly averageWin: number;
  readonly averageLoss: number;
  readonly largestWin: number;
  readonly largestLoss: number;
  /** Mean holding time in milliseconds (exit time − entry time). */
  readonly averageHoldingMs: number;
  /** Longest run of consecutive losing trades, in exit order. */
  readonly maxConsecutiveLosses: number;
  readonly grossPnl: number;
  readonly netPnl: number;
  readonly fees: number;
}

/**
 * Win rate, profit factor, expectancy, average and largest win/loss, holding time and losing
 * streaks of closed trades.
 *
 * @example
 * tradeStatistics(result.trades).profitFactor;
 */
export function tradeStatistics(trades: readonly Trade[]): TradeStatistics {
  let wins = 0;
  let losses = 0;
  let winSum = 0;
  let lossSum = 0;
  let largestWin = Number.NaN;
  let largestLoss = Number.NaN;
  let holding = 0;
  let streak = 0;
  let maxStreak = 0;
  let gross = 0;
  let net = 0;
  let fees = 0;
  for (const t of trades) {
    gross += t.grossPnl;
    net += t.pnl;
    fees += t.fees;
    holding += t.exitTime - t.entryTime;
    if (t.pnl > 0) {
      wins++;
      winSum += t.pnl;
      largestWin = Number.isNaN(largestWin) ? t.pnl : Math.max(largestWin, t.pnl);
      streak = 0;
    } else if (t.pnl < 0) {
      losses++;
      lossSum += t.pnl;
      largestLoss = Number.isNaN(largestLoss) ? t.pnl : Math.min(largestLoss, t.pnl);
      maxStreak = Math.max(maxStreak, ++streak);
    } else {
      streak = 0;
    }
  }
  const n = trades.length;
  return {
    numTrades: n,
    winRate: n === 0 ? Number.NaN : wins / n,
    profitFactor: n === 0 ? Number.NaN : lossSum === 0 ? (winSum > 0 ? Number.POSITIVE_INFINITY : Number.NaN) : winSum / -lossSum,
    expectancy: n === 0 ? Number.NaN : net / n,
    averageWin: wins === 0 ? Number.NaN : winSum / wins,
    averageLoss: losses === 0 ? Number.NaN : lossSum / losses,
    largestWin,
    largestLoss,
    averageHoldingMs: n === 0 ? Number.NaN : holding / n,
    maxConsecutiveLosses: maxStreak,
    grossPnl: gross,
    netPnl: net,
    fees,
  };
}
