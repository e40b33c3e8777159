import { describe, expect, it } from 'vitest';
import { nyseCalendar } from '../calendar/NyseCalendar.js';
import { backtest } from '../backtest/backtest.js';
import { Strategy } from '../engine/Strategy.js';
import type { StrategyContext } from '../engine/StrategyContext.js';
import { flatRows, makeSeries, type TestRow } from '../internal/makeSeries.js';
import { DAY_MS } from '../time/civil.js';
import { exposureStatistics } from './exposureStatistics.js';
import { periodsPerYearFor } from './periodsPerYearFor.js';
import { equityReturns, resultMetrics } from './resultMetrics.js';
import { sharpeRatio } from './sharpeRatio.js';

class Script extends Strategy<{ buyAt: number; sellAt: number; quantity: number }> {
  override onBar(ctx: StrategyContext): void {
    if (ctx.index === this.params.buyAt) ctx.buy('A', this.params.quantity);
    if (ctx.index === this.params.sellAt) ctx.closePosition('A');
  }
}

// Mon 2024-01-08 .. Fri 2024-01-12 with closes 100, 110, 121, 121, 121 (opens = closes).
const rows: TestRow[] = [100, 110, 121, 121, 121].map((p, i) => [`2024-01-${String(8 + i).padStart(2, '0')}`, p, p, p, p]);

describe('resultMetrics', () => {
  const result = backtest({ data: [makeSeries('A', rows)], strategy: new Script({ buyAt: 0, sellAt: 2, quantity: 100 }), cash: 20_000 });

  it('uses the equity curve\'s returns and the calendar\'s annualisation', () => {
    const m = resultMetrics(result);
    expect(m.periodsPerYear).toBe(nyseCalendar.sessionsPerYear());
    expect(m.sharpeRatio).toBe(sharpeRatio(equityReturns(result), { periodsPerYear: m.periodsPerYear }));
    // Bought 100 at 110 (bar 1 open), sold at 121 (bar 3 open): +1,100 on 20,000.
    expect(m.totalReturn).toBeCloseTo(1100 / 20_000, 12);
    expect(m).toMatchObject({ numTrades: 1, winRate: 1, largestWin: 1100 });
  });

  it('measures exposure and time in market by hand', () => {
    // Long 100 at closes 110 and 121 on bars 1 and 2; flat on bars 0, 3, 4.
    const e = exposureStatistics(result);
    expect(e.timeInMarket).toBe(2 / 5);
    expect(e.maxGrossExposure).toBeCloseTo(12_100 / 21_100, 12);
    expect(e.feesPaid).toBe(0);
  });

  it('is what the result reports as its metrics', () => {
    expect(result.metrics()).toEqual(resultMetrics(result));
  });

  it('matches the returns series the result carries', () => {
    expect(result.returns).toEqual(equityReturns(result));
  });

  it('reports beta 1 and alpha 0 against its own returns', () => {
    const r = equityReturns(result);
    const m = resultMetrics(result, { benchmarkReturns: r });
    expect(m.beta).toBeCloseTo(1, 12);
    expect(m.alpha).toBeCloseTo(0, 12);
  });
});

describe('periodsPerYearFor', () => {
  it('is the mean NYSE sessions per year for daily data and × bars per day for intraday', () => {
    const daily = makeSeries('A', flatRows('2015-01-02', 2516, 1));
    expect(periodsPerYearFor(daily.time)).toBe(nyseCalendar.sessionsPerYear(daily.time[0]!, daily.time[2515]!));
    const minutes = Float64Array.from({ length: 390 * 3 }, (_, i) => Date.UTC(2024, 0, 8 + Math.floor(i / 390), 14, 30) + (i % 390) * 60_000);
    expect(periodsPerYearFor(minutes)).toBe(nyseCalendar.sessionsPerYear() * 390);
    expect(DAY_MS).toBe(86_400_000);
  });
});
