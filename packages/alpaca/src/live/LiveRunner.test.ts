import { Strategy, type StrategyContext } from '@qt-backtest/core';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryAlerter } from '../observability/WebhookAlerter.js';
import { connectToMock } from '../testing/connect.js';
import { MockAlpacaServer, type MockBar } from '../testing/MockAlpacaServer.js';
import { barSteps, positionsAgree, replay, waitUntil } from '../testing/replay.js';
import { LiveRunner, type LiveRunnerConfig } from './LiveRunner.js';
import { TwapSlicing } from './SlicingModel.js';

/** Holds 100 shares of each symbol for two bars, then none for two bars, via target quantities. */
class Flipper extends Strategy<{ symbols: readonly string[] }> {
  override onBar(ctx: StrategyContext): void {
    for (const s of this.params.symbols) if (ctx.hasBar(s)) ctx.orderTargetQuantity(s, ctx.index % 4 < 2 ? 100 : 0);
  }
}

const T0 = Date.UTC(2026, 6, 21, 13, 30);
function makeBars(symbols: readonly string[], n: number): MockBar[] {
  const out: MockBar[] = [];
  for (let i = 0; i < n; i++) {
    symbols.forEach((symbol, k) => {
      const base = 100 + 10 * k + Math.sin(i / 3) * 2;
      const open = Math.round(base * 100) / 100;
      const close = Math.round((base + 0.37) * 100) / 100;
      out.push({ symbol, time: T0 + i * 60_000, open, high: Math.max(open, close) + 0.5, low: Math.min(open, close) - 0.5, close, volume: 1000 + 10 * i });
    });
  }
  return out;
}

const SYMBOLS = ['AAPL', 'MSFT'];
const WARMUP = 3;
const BARS = makeBars(SYMBOLS, 14);
const STEPS = barSteps(BARS);

let mock: MockAlpacaServer | undefined;
let runner: LiveRunner | undefined;
afterEach(async () => {
  await runner?.stop({ reason: 'test end', keepOrders: true });
  await mock?.close();
  runner = undefined;
  mock = undefined;
});

async function setUp(opts: { mock?: Parameters<typeof MockAlpacaServer.start>[0]; runner?: Partial<LiveRunnerConfig>; broker?: Parameters<typeof connectToMock>[1] } = {}): Promise<{ mock: MockAlpacaServer; runner: LiveRunner }> {
  mock = await MockAlpacaServer.start({ symbols: SYMBOLS, now: T0 + WARMUP * 60_000, ...opts.mock });
  mock.addHistory(BARS.filter((b) => b.time < T0 + WARMUP * 60_000));
  const r: { runner?: LiveRunner } = {};
  const { broker, data } = connectToMock(mock, { ...opts.broker, http: { ...opts.broker?.http, onResult: (x) => r.runner?.recordApiResult(x) } });
  runner = new LiveRunner({ strategy: new Flipper({ symbols: SYMBOLS }), symbols: SYMBOLS, broker, marketData: data, warmup: WARMUP, runId: 'test', barCompletionMs: 1000, reconcileRetryMs: 100, ...opts.runner });
  r.runner = runner;
  await runner.start();
  return { mock, runner };
}

/** Orders as (client id, symbol, side, qty), in submission order. */
function orderList(m: MockAlpacaServer): string[] {
  return m.orders().map((o) => `${String(o['client_order_id'])} ${String(o['symbol'])} ${String(o['side'])} ${String(o['qty'])}`);
}

/** The fault-free run every fault test is compared with (computed once). */
let reference: { orders: string[]; positions: Record<string, string> } | undefined;
async function referenceRun(): Promise<{ orders: string[]; positions: Record<string, string> }> {
  if (reference !== undefined) return reference;
  const { mock: m, runner: r } = await setUp();
  await replay(m, r, STEPS.slice(WARMUP));
  reference = { orders: orderList(m), positions: m.positions() };
  await r.stop({ keepOrders: true });
  await m.close();
  runner = undefined;
  mock = undefined;
  return reference;
}

function expectSameAsReference(m: MockAlpacaServer, r: LiveRunner, ref: { orders: string[]; positions: Record<string, string> }): void {
  const orders = orderList(m);
  expect(orders).toEqual(ref.orders); // nothing lost, nothing duplicated
  expect(new Set(orders.map((o) => o.split(' ')[0])).size).toBe(orders.length);
  expect(r.exactPositions()).toEqual(m.positions());
  expect(m.positions()).toEqual(ref.positions);
}

describe('LiveRunner against the mock', () => {
  it('warms up without sending orders, then trades the strategy bar by bar (reference run)', async () => {
    const ref = await referenceRun();
    // 11 live bars, target flips every 2 bars → an order every other bar per symbol.
    expect(ref.orders.length).toBeGreaterThanOrEqual(8);
    expect(ref.orders[0]).toMatch(/^test-\d+ (AAPL|MSFT) (buy|sell) 100$/);
    const { mock: m, runner: r } = await setUp();
    expect(m.orders()).toHaveLength(0); // warm-up submitted nothing
    expect(r.marketTime).toBe(T0 + WARMUP * 60_000); // market time from /v2/clock, hours away from the host's
    await replay(m, r, STEPS.slice(WARMUP));
    expectSameAsReference(m, r, ref);
  });

  it('recovers fills lost when the trade stream drops mid-fill (REST reconciliation infers them)', async () => {
    const ref = await referenceRun();
    const { mock: m, runner: r } = await setUp();
    m.setFillScript({ slices: 3 });
    await replay(m, r, STEPS.slice(WARMUP, WARMUP + 2));
    m.setFillScript({ slices: 3, dropAfter: 1 });
    await replay(m, r, STEPS.slice(WARMUP + 2));
    expect(r.metrics.get('qt_fills_inferred_total')).toBeGreaterThan(0);
    expect(r.metrics.get('qt_reconnects_total')).toBeGreaterThan(0);
    expectSameAsReference(m, r, ref);
  });

  it('detects a silent stall with the heartbeat, reconnects and reconciles', async () => {
    const ref = await referenceRun();
    const { mock: m, runner: r } = await setUp();
    const steps = STEPS.slice(WARMUP);
    await replay(m, r, steps.slice(0, 2));
    m.muteTradeStream(true);
    m.matchBars(steps[2]!); // these fills are never sent
    await waitUntil(() => r.metrics.get('qt_reconnects_total') > 0, 'the heartbeat to declare the muted stream dead', 3000);
    m.muteTradeStream(false);
    await waitUntil(() => positionsAgree(r, m), 'reconciliation after the stall', 5000);
    await m.streamBars(steps[2]!);
    await waitUntil(() => r.lastBarTime >= steps[2]![0]!.time, 'the bar after the stall');
    await r.idle();
    await replay(m, r, steps.slice(3));
    expectSameAsReference(m, r, ref);
  });

  it('applies duplicated and out-of-order partial fills exactly once', async () => {
    const ref = await referenceRun();
    const { mock: m, runner: r } = await setUp();
    m.setFillScript({ slices: 3, duplicate: true, reverse: true });
    await replay(m, r, STEPS.slice(WARMUP));
    expect(r.metrics.get('qt_fills_duplicate_total')).toBeGreaterThan(0);
    expectSameAsReference(m, r, ref);
  });

  it('rides out 429 storms: every order sent once, and 429s never trip the circuit breaker', async () => {
    const ref = await referenceRun();
    const { mock: m, runner: r } = await setUp({ runner: { breaker: { maxConsecutiveFailures: 2 } } });
    const steps = STEPS.slice(WARMUP);
    for (let i = 0; i < steps.length; i++) {
      if (i === 1 || i === 6) m.rateLimitStorm(2);
      await replay(m, r, [steps[i]!], { timeoutMs: 8000 });
    }
    expect(m.requests.filter((q) => q.status === 429).length).toBe(4);
    expect(r.status()['breaker']).toBe('closed');
    expectSameAsReference(m, r, ref);
  }, 40_000);

  it('finds a timed-out order POST by its client order id instead of sending it twice', async () => {
    const ref = await referenceRun();
    const { mock: m, runner: r } = await setUp({ broker: { broker: { submitTimeoutMs: 150, lookupGraceMs: 500 } } });
    m.fault({ method: 'POST', path: '/v2/orders', times: 2, action: { kind: 'delay', delayMs: 400 } });
    await replay(m, r, STEPS.slice(WARMUP));
    const first = m.orders()[0]!['client_order_id'] as string;
    expect(m.postsFor(first)).toBe(1);
    expect(m.requests.filter((q) => q.path === '/v2/orders:by_client_order_id').length).toBeGreaterThan(0);
    expectSameAsReference(m, r, ref);
  });

  it('adopts existing positions and working orders on a restart and trades from them', async () => {
    const { mock: m, runner: r } = await setUp({ mock: { positions: { AAPL: { quantity: '250', averagePrice: '99.5' } } } });
    expect(r.exactPositions()).toEqual({ AAPL: '250' });
    await replay(m, r, STEPS.slice(WARMUP, WARMUP + 4));
    // The first live bar targets 0 shares: from the adopted 250 it sells 250 (not 0, not 100).
    const firstAapl = orderList(m).find((o) => o.includes(' AAPL '));
    expect(firstAapl).toMatch(/AAPL sell 250$/);
    expect(r.exactPositions()).toEqual(m.positions());
    await r.stop({ keepOrders: true });
    // A second run on the same account starts from the first one's positions.
    const { broker, data } = connectToMock(m);
    const again = new LiveRunner({ strategy: new Flipper({ symbols: SYMBOLS }), symbols: SYMBOLS, broker, marketData: data, warmup: WARMUP, runId: 'again' });
    runner = again;
    await again.start();
    expect(again.exactPositions()).toEqual(m.positions());
  });

  it('refuses to trade while it cannot reconcile, and resumes once it can', async () => {
    const alerts = new MemoryAlerter();
    const { mock: m, runner: r } = await setUp({ runner: { alerts, breaker: { cooldownMs: 300 } } });
    const steps = STEPS.slice(WARMUP);
    await replay(m, r, steps.slice(0, 1));
    const before = m.orders().length;
    m.fault({ method: 'GET', path: '/v2/positions', times: 12, action: { kind: 'status', status: 500 } });
    m.dropTradeStream();
    await waitUntil(() => alerts.alerts.some((a) => a.kind === 'reconcile_failed'), 'a failed reconciliation', 5000);
    await m.streamBars(steps[1]!);
    await waitUntil(() => r.lastBarTime >= steps[1]![0]!.time, 'bar 2');
    await r.idle();
    expect(m.orders().length).toBe(before); // the signal of bar 2 was refused, not sent
    expect(r.healthy()).toBe(false);
    await waitUntil(() => r.healthy(), 'a successful reconciliation once the API recovers', 8000);
    // 12 answers of 500 (10 within the window trip it), then a half-open reconciliation closed it.
    expect(alerts.alerts.some((a) => a.kind === 'halt' && /circuit breaker open/.test(a.message))).toBe(true);
    await replay(m, r, steps.slice(2, 4));
    expect(m.orders().length).toBeGreaterThan(before);
    expect(r.exactPositions()).toEqual(m.positions());
  });

  it('works a parent order in TWAP slices on successive bars, positions matching the server', async () => {
    const { mock: m, runner: r } = await setUp({ runner: { execution: new TwapSlicing({ slices: 3 }) } });
    const steps = STEPS.slice(WARMUP);
    await replay(m, r, steps.slice(0, 5)); // index 4 targets 100: 33 + 33 + 34 on bars 4, 5, 6
    const aapl = m.orders().filter((o) => o['symbol'] === 'AAPL').map((o) => `${String(o['client_order_id'])} ${String(o['side'])} ${String(o['qty'])}`);
    expect(aapl.slice(0, 3)).toEqual([expect.stringMatching(/^test-\d+s1 buy 33$/), expect.stringMatching(/^test-\d+s2 buy 33$/), expect.stringMatching(/^test-\d+s3 buy 34$/)]);
    expect(r.exactPositions()).toEqual(m.positions());
  });

  it('cancels working orders and writes the final positions on stop', async () => {
    const { mock: m, runner: r } = await setUp();
    await replay(m, r, STEPS.slice(WARMUP, WARMUP + 2)); // two market buys are now working
    expect(m.orders().filter((o) => o['status'] === 'new')).toHaveLength(2);
    await r.stop({ reason: 'test' });
    expect(m.orders().filter((o) => o['status'] === 'new')).toHaveLength(0);
    expect(r.state).toBe('stopped');
  });
});
