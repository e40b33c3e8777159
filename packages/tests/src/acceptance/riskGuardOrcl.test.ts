/**
 * The drawdown kill switch on real data: a strategy that buys 100 ORCL shares every session from
 * 1999 keeps buying into the 2000–2002 crash. Wrapped in RiskGuard with a 25 % drawdown limit, the
 * guard must trip on the first session whose marked equity is 25 % below its running peak
 * (computed here independently from the engine's equity curve), cancel every working order that
 * session, be flat from the next session on, and let no order through afterwards.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RiskGuard } from '@qt-backtest/risk';
import { backtest, loadBars, Strategy, type StrategyContext } from 'qt-backtest';
import { describe, expect, it } from 'vitest';

const data = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../..'), '..', 'shared', 'data');
const orcl = join(data, 'orcl-1995-2014.txt');
const present = existsSync(orcl);

class KeepBuying extends Strategy<{ symbol: string; from: number }> {
  override onBar(ctx: StrategyContext): void {
    if (ctx.time < this.params.from) return;
    ctx.buy(this.params.symbol, 100);
    // A resting bid far below the market that stays working until something cancels it.
    if (ctx.openOrders(this.params.symbol).length < 3) ctx.buy(this.params.symbol, 10, { type: 'limit', limitPrice: ctx.price(this.params.symbol) * 0.3, timeInForce: 'gtc' });
  }
}

describe.skipIf(!present)(`RiskGuard kill switch on ORCL 1999–2002 ${present ? '(real data in ../shared/data)' : '(SKIPPED: ../shared/data not found)'}`, () => {
  it('trips on the first 25 % drawdown, flattens on the next session, and blocks everything after', async () => {
    const bars = await loadBars(orcl, { symbol: 'ORCL' });
    const inner = new KeepBuying({ symbol: 'ORCL', from: Date.UTC(1999, 0, 1) });
    const guard = new RiskGuard(inner, { maxDrawdown: 0.25 });
    const result = backtest({ data: bars, strategy: guard, cash: 1_000_000, recordEvents: true });

    // Independent: first index whose equity is ≥ 25 % below the running peak.
    let peak = -Infinity;
    let breach = -1;
    for (let i = 0; i < result.equity.length; i++) {
      peak = Math.max(peak, result.equity[i]!);
      if (1 - result.equity[i]! / peak >= 0.25) {
        breach = i;
        break;
      }
    }
    expect(breach).toBeGreaterThan(0);
    const trip = guard.events.find((e) => e.type === 'kill_switch_tripped');
    expect(trip?.time).toBe(result.time[breach]);
    const t = result.time[breach]!;
    // Year of the breach: the 2000 crash.
    expect(new Date(t).getUTCFullYear()).toBe(2000);

    const qty = result.positions.get('ORCL')!;
    expect(qty[breach]).toBeGreaterThan(0);
    for (let i = breach + 1; i < qty.length; i++) expect(qty[i]).toBe(0);
    const working = result.orders.filter((o) => o.type === 'limit' && o.submittedAt < t && o.status === 'cancelled');
    expect(working.length).toBeGreaterThan(0);
    const cancelledAtTrip = new Set(result.events.filter((e) => e.type === 'cancelled' && e.time === t).map((e) => e.order.id));
    for (const o of working) expect(cancelledAtTrip.has(o.id)).toBe(true);
    const after = result.orders.filter((o) => o.submittedAt >= t);
    expect(after.map((o) => [o.side, o.status])).toEqual([['sell', 'filled']]);
    const blocked = guard.events.filter((e) => e.type === 'order_blocked');
    expect(blocked.length).toBeGreaterThan(1000);
    expect(blocked.every((e) => e.type === 'order_blocked' && e.reason === 'halted' && e.time >= t)).toBe(true);
  });
});
