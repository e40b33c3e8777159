import type { LiveBar, StreamStatus } from '@qt-backtest/core';
import { afterEach, describe, expect, it } from 'vitest';
import { AlpacaBroker } from '../client/AlpacaBroker.js';
import { AlpacaCredentials } from '../client/AlpacaCredentials.js';
import { alpacaEndpoints } from '../client/AlpacaEndpoints.js';
import { AlpacaHttp } from '../client/AlpacaHttp.js';
import { connectToMock, FAST_STREAM } from '../testing/connect.js';
import { MockAlpacaServer } from '../testing/MockAlpacaServer.js';
import { waitUntil } from '../testing/replay.js';
import { ReconnectingSocket } from './ReconnectingSocket.js';

const T = Date.UTC(2026, 6, 21, 14, 0);
const bar = (i: number) => ({ symbol: 'AAPL', time: T + i * 60_000, open: 10, high: 11, low: 9, close: 10.5, volume: 100 });

let mock: MockAlpacaServer | undefined;
afterEach(async () => mock?.close());

describe('ReconnectingSocket', () => {
  it('refuses a ping interval above 10 s or a dead time above 20 s', () => {
    const protocol = { open: () => {}, message: () => {} };
    expect(() => new ReconnectingSocket({ url: 'ws://127.0.0.1:1', protocol, pingIntervalMs: 15_000 })).toThrow(/pingIntervalMs/);
    expect(() => new ReconnectingSocket({ url: 'ws://127.0.0.1:1', protocol, deadAfterMs: 30_000 })).toThrow(/deadAfterMs/);
  });

  it('streams bars, survives a silent stall (heartbeat) and a 406 "connection limit exceeded" on reconnect', async () => {
    mock = await MockAlpacaServer.start({ symbols: ['AAPL'], staleSessionMs: 400 });
    const { data } = connectToMock(mock, { stream: { connectionLimitWaitMs: 500 } });
    const bars: LiveBar[] = [];
    const states: StreamStatus[] = [];
    const sub = data.subscribeBars({ symbols: ['AAPL'], onBar: (b) => bars.push(b), onStatus: (s) => states.push(s) });
    await sub.ready;
    await mock.pushBars([bar(0)]);
    await waitUntil(() => bars.length === 1, 'the first bar');
    expect(bars[0]).toEqual({ symbol: 'AAPL', time: T, open: 10, high: 11, low: 9, close: 10.5, volume: 100 });
    // Silent stall: no data, no pongs. The client must notice on its own.
    mock.muteDataStream(true);
    await waitUntil(() => states.some((s) => s.state === 'reconnecting' && /no frame or pong/.test(s.reason ?? '')), 'the heartbeat to declare the stream dead', 2000);
    mock.muteDataStream(false);
    // The dead session is still counted by the server for 400 ms: the reconnect meets 406 first.
    await waitUntil(() => states.filter((s) => s.state === 'connected').length >= 2, 'a reconnect after the stale session is reaped', 5000);
    expect(mock.connections.data406).toBeGreaterThanOrEqual(1);
    const limited = states.find((s) => /406/.test(s.reason ?? ''));
    expect(limited?.reason).toMatch(/next attempt in (\d{3,}) ms/);
    expect(Number(/in (\d+) ms/.exec(limited!.reason!)![1])).toBeGreaterThanOrEqual(500);
    await mock.pushBars([bar(1)]);
    await waitUntil(() => bars.length === 2, 'a bar after the reconnect');
    await sub.close();
    expect(states.at(-1)?.state).toBe('closed');
  });

  it('backs off with a capped, jittered delay when the upgrade is refused with 429, and gives up after maxAttempts', async () => {
    mock = await MockAlpacaServer.start({ symbols: ['AAPL'] });
    mock.rejectUpgrades(3, 429, '/stream');
    const { broker } = connectToMock(mock, { stream: { initialBackoffMs: 30, maxBackoffMs: 60 } });
    const states: StreamStatus[] = [];
    const sub = broker.subscribeOrderUpdates({ onUpdate: () => {}, onStatus: (s) => states.push(s) });
    await sub.ready;
    const delays = states.map((s) => /next attempt in (\d+) ms/.exec(s.reason ?? '')?.[1]).filter((d) => d !== undefined).map(Number);
    expect(delays).toHaveLength(3);
    for (const d of delays) expect(d).toBeLessThanOrEqual(60 * 1.2 + 1);
    expect(delays[1]!).toBeGreaterThan(30 * 0.8 * 2 - 1);
    await sub.close();

    mock.rejectUpgrades(100, 429, '/stream');
    const { broker: b2 } = connectToMock(mock, { stream: { initialBackoffMs: 5, maxBackoffMs: 10, maxAttempts: 3 } });
    const s2: StreamStatus[] = [];
    const sub2 = b2.subscribeOrderUpdates({ onUpdate: () => {}, onStatus: (s) => s2.push(s) });
    await expect(sub2.ready).rejects.toThrow(/gave up/);
    expect(s2.filter((s) => s.state === 'fatal')).toHaveLength(1);
    expect(mock.connections.upgradeRejected).toBe(3 + 4);
  });

  it('treats bad keys as fatal instead of reconnecting in a loop', async () => {
    mock = await MockAlpacaServer.start({ symbols: ['AAPL'] });
    const env = { ...mock.env, APCA_API_KEY_ID: 'PKWRONGKEY', APCA_API_SECRET_KEY: 'wrong-secret' };
    const credentials = AlpacaCredentials.fromEnv(env);
    const endpoints = alpacaEndpoints(env);
    const broker = new AlpacaBroker({ http: new AlpacaHttp({ credentials }), credentials, endpoints, stream: FAST_STREAM });
    const states: StreamStatus[] = [];
    const sub = broker.subscribeOrderUpdates({ onUpdate: () => {}, onStatus: (s) => states.push(s) });
    await expect(sub.ready).rejects.toThrow(/fatal/);
    expect(states.filter((s) => s.state === 'fatal')).toHaveLength(1);
    expect(mock.connections.trade).toBe(1);
    expect(JSON.stringify(states)).not.toContain('wrong-secret');
  });

  it('declares a connected but silent data stream stale (data watchdog) and reconnects', async () => {
    mock = await MockAlpacaServer.start({ symbols: ['AAPL'] });
    const { data } = connectToMock(mock, { stream: { staleAfterMs: 150 } });
    const states: StreamStatus[] = [];
    const sub = data.subscribeBars({ symbols: ['AAPL'], onBar: () => {}, onStatus: (s) => states.push(s) });
    await sub.ready;
    await waitUntil(() => states.some((s) => s.state === 'stale'), 'the staleness watchdog', 2000);
    await waitUntil(() => states.filter((s) => s.state === 'connected').length >= 2, 'the reconnect', 2000);
    await sub.close();
    // Outside market hours silence is normal: no stale verdicts then.
    const quiet: StreamStatus[] = [];
    const { data: d2 } = connectToMock(mock, { stream: { staleAfterMs: 150, staleWhen: () => false } });
    const sub2 = d2.subscribeBars({ symbols: ['AAPL'], onBar: () => {}, onStatus: (s) => quiet.push(s) });
    await sub2.ready;
    await new Promise((r) => setTimeout(r, 500));
    expect(quiet.some((s) => s.state === 'stale')).toBe(false);
    await sub2.close();
  });
});
