/**
 * The engine's acceptance test on real data: a 10/30 SMA crossover on ORCL 1995–2014 (raw
 * Open/High/Low/Close, Adj Close ignored), zero costs, 100 shares per order, market orders.
 *
 * Expected values were computed independently of the engine (a 20-line Python script over the
 * same CSV, exact integer arithmetic) and the first trades checked by hand against the file:
 * - 1995-05-11: SMA10 = 2.2842592 > SMA30 = 2.2820987, and on the last earlier bar where they
 *   differed SMA10 < SMA30 → buy; filled at the 1995-05-12 open, 2.370370.
 * - 1995-09-22: SMA10 = 3.0856482 < SMA30 = 3.1114198 → sell; filled at the 1995-09-25 open
 *   (a Monday), 2.935185. Gross P&L 100 × (2.935185 − 2.370370) = 56.4815.
 * - 1995-10-20 → buy at the 1995-10-23 open 3.120370; 1995-12-07 → sell at the 1995-12-08 open
 *   3.351852 (+23.1482); 1996-01-23 → buy at 3.481482; 1996-03-11 → sell at 3.666667 (+18.5185).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backtest, isoDate, loadBars, Strategy, type StrategyContext } from 'qt-backtest';
import { describe, expect, it } from 'vitest';

const data = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../..'), '..', 'shared', 'data');
const orcl = join(data, 'orcl-1995-2014.txt');
const present = existsSync(orcl);

/**
 * Long-only SMA crossover. A cross up at t: fast > slow at t and, at the latest earlier bar where
 * they differed, fast < slow. Averages are compared exactly (prices have 6 decimals, so sums in
 * micro-units are exact integers): a tie stays a tie whatever the summation order.
 */
class SmaCross extends Strategy<{ symbol: string; fast: number; slow: number; quantity: number }> {
  #lastSign = 0;

  override onBar(ctx: StrategyContext): void {
    const { symbol, fast, slow, quantity } = this.params;
    const closes = ctx.history(symbol, 'close', slow);
    if (closes.length < slow) return;
    let fastSum = 0;
    let slowSum = 0;
    for (let i = 0; i < slow; i++) {
      const micro = Math.round(closes.at(i) * 1e6);
      slowSum += micro;
      if (i >= slow - fast) fastSum += micro;
    }
    const diff = fastSum * slow - slowSum * fast;
    const sign = Math.sign(diff);
    const held = ctx.position(symbol).quantity;
    if (sign > 0 && this.#lastSign < 0 && held === 0) ctx.buy(symbol, quantity);
    if (sign < 0 && this.#lastSign > 0 && held > 0) ctx.sell(symbol, held);
    if (sign !== 0) this.#lastSign = sign;
  }
}

describe.skipIf(!present)(`10/30 SMA crossover on ORCL 1995–2014 ${present ? '' : '(SKIPPED: ../shared/data not found)'}`, () => {
  it('fills at the next open and matches the independently computed trades', async () => {
    const bars = await loadBars(orcl, { symbol: 'ORCL' });
    const result = backtest({
      data: bars,
      strategy: new SmaCross({ symbol: 'ORCL', fast: 10, slow: 30, quantity: 100 }),
      cash: 100_000,
    });
    const fills = result.fills.map((f) => [f.side, isoDate(f.time), f.price, f.quantity]);
    expect(fills.slice(0, 6)).toEqual([
      ['buy', '1995-05-12', 2.37037, 100],
      ['sell', '1995-09-25', 2.935185, 100],
      ['buy', '1995-10-23', 3.12037, 100],
      ['sell', '1995-12-08', 3.351852, 100],
      ['buy', '1996-01-24', 3.481482, 100],
      ['sell', '1996-03-12', 3.666667, 100],
    ]);
    expect(result.fills).toHaveLength(195);
    // Every fill is at the open of the bar after its signal bar.
    const series = bars.get('ORCL');
    for (const f of result.fills) {
      const i = series.time.indexOf(f.time);
      expect(f.price, isoDate(f.time)).toBe(series.open[i]);
      expect(result.orders.find((o) => o.id === f.orderId)!.submittedAt).toBe(series.time[i - 1]);
    }
    expect(result.trades).toHaveLength(97);
    expect(result.trades.slice(0, 3).map((t) => [isoDate(t.entryTime), isoDate(t.exitTime), t.grossPnl])).toEqual([
      ['1995-05-12', '1995-09-25', expect.closeTo(56.4815, 9)],
      ['1995-10-23', '1995-12-08', expect.closeTo(23.1482, 9)],
      ['1996-01-24', '1996-03-12', expect.closeTo(18.5185, 9)],
    ]);
    // Exact money: 100,000 + Σ sells − Σ buys, and one open lot of 100 marked at 44.970001.
    expect(result.exact.finalCash).toBe('98149.0651');
    expect(result.exact.finalEquity).toBe('102646.0652');
    expect(result.positions.get('ORCL')![series.length - 1]).toBe(100);
    expect(result.totals.fees).toBe(0);
  });
});
