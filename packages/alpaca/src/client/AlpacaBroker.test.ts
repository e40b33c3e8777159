import { testBrokerContract, testMarketDataContract } from '@qt-backtest/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MockAlpacaServer } from '../testing/MockAlpacaServer.js';
import { connectToMock } from '../testing/connect.js';
import { AlpacaApiError } from './AlpacaApiError.js';
import { alpacaEndpoints } from './AlpacaEndpoints.js';
import { AlpacaMarketData } from './AlpacaMarketData.js';

const bars = [0, 1, 2].map((i) => ({ symbol: 'AAPL', time: Date.UTC(2026, 6, 21, 13, 30 + i), open: 200 + i, high: 201 + i, low: 199 + i, close: 200.5 + i, volume: 1000 }));
let shared: MockAlpacaServer;
beforeAll(async () => {
  shared = await MockAlpacaServer.start();
  shared.addHistory(bars);
});
afterAll(async () => shared.close());

testBrokerContract('AlpacaBroker on the mock', () => connectToMock(shared).broker);
testMarketDataContract('AlpacaMarketData on the mock', () => connectToMock(shared).data, { symbols: ['AAPL'] });

describe('AlpacaBroker', () => {
  let mock: MockAlpacaServer;
  afterEach(async () => mock?.close());

  it('keeps decimal strings exact and ignores unknown fields', async () => {
    mock = await MockAlpacaServer.start({ symbols: ['AAPL'], positions: { AAPL: { quantity: '0.123456789', averagePrice: '101.015' } } });
    const { broker } = connectToMock(mock);
    const [p] = await broker.positions();
    expect(p).toEqual({ symbol: 'AAPL', quantity: '0.123456789', averageEntryPrice: '101.015' });
    const o = await broker.submitOrder({ clientOrderId: 't-1', symbol: 'AAPL', side: 'buy', quantity: '0.3', type: 'limit', limitPrice: '100.01', timeInForce: 'day' });
    expect(o).toMatchObject({ quantity: '0.3', limitPrice: '100.01', filledQuantity: '0', status: 'new' });
    expect(Object.keys(o)).not.toContain('mock_future_field');
  });

  it('reads the clock in market time with ET offsets, not the host clock', async () => {
    const now = Date.UTC(2026, 6, 21, 14, 15, 22);
    mock = await MockAlpacaServer.start({ now });
    const clock = await connectToMock(mock).broker.clock();
    expect(clock.time).toBe(now);
    expect(clock.isOpen).toBe(true);
    expect(clock.nextClose).toBe(Date.UTC(2026, 6, 21, 20, 0));
    const days = await connectToMock(mock).broker.calendar({ start: '2026-07-01', end: '2026-07-07' });
    expect(days.map((d) => d.date)).toEqual(['2026-07-01', '2026-07-02', '2026-07-06', '2026-07-07']);
    expect(days[0]!.open).toBe(Date.UTC(2026, 6, 1, 13, 30));
  });

  it('retries an idempotent GET through 5xx and a 429 storm, honouring X-RateLimit-Reset', async () => {
    mock = await MockAlpacaServer.start();
    const { broker } = connectToMock(mock);
    mock.fault({ method: 'GET', path: '/v2/positions', times: 2, action: { kind: 'status', status: 503 } });
    expect(await broker.positions()).toEqual([]);
    mock.rateLimitStorm(2);
    const t0 = Date.now();
    expect(await broker.positions()).toEqual([]);
    const statuses = mock.requests.map((r) => r.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    expect(statuses.filter((s) => s === 503)).toHaveLength(2);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('never blind-retries a POST: a timeout is resolved by looking up the client order id', async () => {
    mock = await MockAlpacaServer.start({ symbols: ['AAPL'] });
    const { broker } = connectToMock(mock, { broker: { submitTimeoutMs: 200 } });
    mock.fault({ method: 'POST', path: '/v2/orders', action: { kind: 'delay', delayMs: 600 } });
    const o = await broker.submitOrder({ clientOrderId: 'to-1', symbol: 'AAPL', side: 'buy', quantity: '5', type: 'market', timeInForce: 'day' });
    expect(o.clientOrderId).toBe('to-1');
    expect(mock.postsFor('to-1')).toBe(1);
    expect(mock.orders()).toHaveLength(1);
  });

  it('resends a POST refused with 5xx or 429 with the same client order id, once created only once', async () => {
    mock = await MockAlpacaServer.start({ symbols: ['AAPL'] });
    const { broker } = connectToMock(mock);
    mock.fault({ method: 'POST', path: '/v2/orders', action: { kind: 'status', status: 503 } });
    mock.fault({ method: 'POST', path: '/v2/orders', action: { kind: 'status', status: 429 } });
    const o = await broker.submitOrder({ clientOrderId: 'r-1', symbol: 'AAPL', side: 'sell', quantity: '2', type: 'market', timeInForce: 'day' });
    expect(o.status).toBe('new');
    expect(mock.postsFor('r-1')).toBe(3);
    expect(mock.orders()).toHaveLength(1);
  });

  it('resolves a dropped POST answer and a duplicate id by lookup', async () => {
    mock = await MockAlpacaServer.start({ symbols: ['AAPL'] });
    const { broker } = connectToMock(mock);
    mock.fault({ method: 'POST', path: '/v2/orders', action: { kind: 'drop' } });
    const a = await broker.submitOrder({ clientOrderId: 'd-1', symbol: 'AAPL', side: 'buy', quantity: '1', type: 'market', timeInForce: 'day' });
    const b = await broker.submitOrder({ clientOrderId: 'd-1', symbol: 'AAPL', side: 'buy', quantity: '1', type: 'market', timeInForce: 'day' });
    expect(b.id).toBe(a.id);
    expect(mock.orders()).toHaveLength(1);
  });

  it('refuses invalid orders with the API error, without a resend', async () => {
    mock = await MockAlpacaServer.start({ symbols: ['AAPL'] });
    const { broker } = connectToMock(mock);
    const err = await broker
      .submitOrder({ clientOrderId: 'bad-1', symbol: 'AAPL', side: 'buy', quantity: '1', type: 'limit', limitPrice: '290.123', timeInForce: 'day' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AlpacaApiError);
    expect((err as AlpacaApiError).code).toBe(42210000);
    expect(mock.postsFor('bad-1')).toBe(1);
  });

  it('redacts the keys from errors even when the server quotes them back', async () => {
    mock = await MockAlpacaServer.start({ echoCredentialsInErrors: true });
    const { broker } = connectToMock(mock);
    mock.fault({ method: 'GET', path: '/v2/account', times: 4, action: { kind: 'status', status: 500 } });
    const err = (await broker.account().catch((e: unknown) => e)) as AlpacaApiError;
    expect(err).toBeInstanceOf(AlpacaApiError);
    expect(err.message).toContain('[REDACTED]');
    const all = `${err.message} ${err.stack ?? ''} ${JSON.stringify(err.body)}`;
    expect(all).not.toContain(mock.secretKey);
    expect(all).not.toContain(mock.keyId);
  });

  it('answers null for a flat position / unknown asset and false for a done order cancel', async () => {
    mock = await MockAlpacaServer.start({ symbols: ['AAPL'] });
    const { broker } = connectToMock(mock);
    expect(await broker.asset({ symbol: 'ZZZZ' })).toBeNull();
    expect(await broker.asset({ symbol: 'AAPL' })).toMatchObject({ tradable: true });
    const o = await broker.submitOrder({ clientOrderId: 'c-1', symbol: 'AAPL', side: 'buy', quantity: '1', type: 'limit', limitPrice: '1.5', timeInForce: 'day' });
    expect(await broker.cancelOrder({ orderId: o.id })).toBe(true);
    expect(await broker.cancelOrder({ orderId: o.id })).toBe(false);
  });
});

describe('AlpacaMarketData daily bars', () => {
  it('polls completed daily bars only: none from before the subscription, today\'s only after the close', async () => {
    const day = (d: number) => ({ symbol: 'AAPL', time: Date.UTC(2026, 6, d), open: 10, high: 11, low: 9, close: 10.5, volume: 100 });
    const mock = await MockAlpacaServer.start({ symbols: ['AAPL'], now: Date.UTC(2026, 6, 21, 14, 0) });
    try {
      mock.addHistory([day(17), day(20)]);
      const { http, credentials } = connectToMock(mock);
      const data = new AlpacaMarketData({ http, credentials, endpoints: alpacaEndpoints({ ...mock.env }), daily: true, dailyPollMs: 30 });
      const got: number[] = [];
      const sub = data.subscribeBars({ symbols: ['AAPL'], onBar: (b) => got.push(b.time) });
      await sub.ready;
      mock.addHistory([day(21)]); // today's running bar, market open
      await new Promise((r) => setTimeout(r, 150));
      expect(got).toEqual([]);
      mock.setNow(Date.UTC(2026, 6, 21, 20, 30)); // 16:30 ET, closed
      await new Promise((r) => setTimeout(r, 150));
      expect(got).toEqual([Date.UTC(2026, 6, 21)]);
      await sub.close();
    } finally {
      await mock.close();
    }
  });
});
