import { describe, expect, it } from 'vitest';
import type { Trade } from '../ledger/Trade.js';
import { tradeStatistics } from './tradeStatistics.js';

const DAY = 86_400_000;
const trade = (pnl: number, days: number, fees = 1): Trade =>
  ({ symbol: 'A', side: 'long', quantity: 1, entryTime: 0, entryPrice: 1, exitTime: days * DAY, exitPrice: 1, entryOrderId: 'o-1', exitOrderId: 'o-2', grossPnl: pnl + fees, fees, pnl }) as unknown as Trade;

describe('tradeStatistics', () => {
  it('summarises wins, losses, streaks and holding time (hand calculation)', () => {
    // Net P&L: +10, −5, −3, +20, −2, 0. Winners 2/6; Σwin 30, Σloss −10 → profit factor 3;
    // expectancy 20/6; losing streak −5, −3 = 2 (0 breaks a streak); holding (1+2+3+4+5+6)/6 days.
    const s = tradeStatistics([trade(10, 1), trade(-5, 2), trade(-3, 3), trade(20, 4), trade(-2, 5), trade(0, 6)]);
    expect(s).toMatchObject({ numTrades: 6, winRate: 2 / 6, profitFactor: 3, averageWin: 15, averageLoss: -10 / 3, largestWin: 20, largestLoss: -5, maxConsecutiveLosses: 2, netPnl: 20, fees: 6, grossPnl: 26 });
    expect(s.expectancy).toBeCloseTo(20 / 6, 12);
    expect(s.averageHoldingMs).toBe(3.5 * DAY);
  });

  it('is NaN without trades and infinite profit factor without losers', () => {
    expect(tradeStatistics([]).winRate).toBeNaN();
    expect(tradeStatistics([]).profitFactor).toBeNaN();
    expect(tradeStatistics([trade(5, 1)]).profitFactor).toBe(Number.POSITIVE_INFINITY);
  });
});
