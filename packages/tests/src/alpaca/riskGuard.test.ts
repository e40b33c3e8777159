/**
 * The risk package's RiskGuard (limits and drawdown kill switch, a Strategy wrapper) runs unchanged
 * on the live runner: on a drawdown breach it cancels working orders, closes positions at the
 * broker and blocks every later order.
 */
import { LiveRunner } from '@qt-backtest/alpaca';
import { barSteps, connectToMock, MockAlpacaServer, replay, type MockBar } from '@qt-backtest/alpaca/testing';
import { RiskGuard } from '@qt-backtest/risk';
import { Strategy, type StrategyContext } from 'qt-backtest';
import { afterEach, expect, it } from 'vitest';

/** Buys 500 shares at once and keeps asking for more every bar. */
class AlwaysBuy extends Strategy<Record<string, never>> {
  override onBar(ctx: StrategyContext): void {
    if (ctx.hasBar('AAPL')) ctx.buy('AAPL', ctx.position('AAPL').quantity === 0 ? 500 : 1);
  }
}

const T0 = Date.UTC(2026, 6, 21, 13, 30);
// Flat for 3 bars, then a slide of 4 % per bar: a 10 % drawdown on 50 000 of stock trips the switch.
const BARS: MockBar[] = Array.from({ length: 14 }, (_, i) => {
  const p = i < 4 ? 100 : 100 * 0.96 ** (i - 3);
  const r = Math.round(p * 100) / 100;
  return { symbol: 'AAPL', time: T0 + i * 60_000, open: r, high: r + 0.1, low: r - 0.1, close: r, volume: 10_000 };
});

let mock: MockAlpacaServer | undefined;
let runner: LiveRunner | undefined;
afterEach(async () => {
  await runner?.stop({ keepOrders: true });
  await mock?.close();
});

it('RiskGuard trips its drawdown kill switch live: everything closed at the broker, later orders blocked', async () => {
  mock = await MockAlpacaServer.start({ symbols: ['AAPL'], now: T0 + 2 * 60_000, cash: '100000' });
  mock.addHistory(BARS.slice(0, 2));
  const guard = new RiskGuard(new AlwaysBuy({}), { maxDrawdown: 0.05 });
  const { broker, data } = connectToMock(mock);
  const r = new LiveRunner({ strategy: guard, symbols: ['AAPL'], broker, marketData: data, warmup: 2, runId: 'risk', barCompletionMs: 500 });
  runner = r;
  await r.start();
  await replay(mock, r, barSteps(BARS.slice(2)));
  expect(guard.halted).toBe(true);
  expect(guard.events.map((e) => e.type)).toContain('kill_switch_tripped');
  expect(mock.positions()).toEqual({});
  expect(r.exactPositions()).toEqual({});
  const orders = mock.orders();
  const closeAt = orders.findIndex((o) => o['side'] === 'sell');
  expect(closeAt).toBeGreaterThan(0);
  expect(orders.slice(closeAt + 1)).toHaveLength(0); // nothing after the flattening sell
});
