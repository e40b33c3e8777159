import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Strategy, type StrategyContext } from '@qt-backtest/core';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../audit/verifyAuditLog.js';
import { MemoryAlerter } from '../observability/WebhookAlerter.js';
import { FAST_STREAM, mockEnv } from '../testing/connect.js';
import { MockAlpacaServer, type MockBar } from '../testing/MockAlpacaServer.js';
import { barSteps, replay } from '../testing/replay.js';
import { LiveConfirmationError, startLiveSession, type LiveSession } from './startLiveSession.js';

class Flipper extends Strategy<{ symbols: readonly string[] }> {
  override onBar(ctx: StrategyContext): void {
    for (const s of this.params.symbols) if (ctx.hasBar(s)) ctx.orderTargetQuantity(s, ctx.index % 4 < 2 ? 100 : 0);
  }
}

const KEY_ID = 'PKFAKEKEYID7Q3Z9XW21';
const SECRET = 'fakeSecretKey/6d2b8f0e4a1c9d7e5b3a1f0e2d4c6b8a';
const T0 = Date.UTC(2026, 6, 21, 13, 30);
const BARS: MockBar[] = Array.from({ length: 10 }, (_, i) => ({ symbol: 'AAPL', time: T0 + i * 60_000, open: 50 + i, high: 51 + i, low: 49 + i, close: 50.5 + i, volume: 500 }));

let mock: MockAlpacaServer | undefined;
let session: LiveSession | undefined;
afterEach(async () => {
  await session?.stop({ keepOrders: true });
  await mock?.close();
  session = undefined;
  mock = undefined;
});

async function run(dir: string, extraEnv: Record<string, string> = {}, alerter = new MemoryAlerter()): Promise<{ session: LiveSession; mock: MockAlpacaServer }> {
  mock = await MockAlpacaServer.start({ keyId: KEY_ID, secretKey: SECRET, symbols: ['AAPL'], now: T0 + 2 * 60_000, echoCredentialsInErrors: true });
  mock.addHistory(BARS.slice(0, 2));
  session = await startLiveSession({
    env: { ...mockEnv(mock), ...extraEnv },
    strategy: new Flipper({ symbols: ['AAPL'] }),
    symbols: ['AAPL'],
    warmup: 2,
    auditLog: join(dir, 'audit.jsonl'),
    log: join(dir, 'live.log'),
    statusPort: 0,
    handleSignals: false,
    stream: FAST_STREAM,
    submitTimeoutMs: 1000,
    barCompletionMs: 500,
    alerter,
  });
  return { session, mock };
}

describe('startLiveSession', () => {
  it('never writes, logs, audits, alerts or throws the API keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qt-secrets-'));
    const alerts = new MemoryAlerter();
    const { session: s, mock: m } = await run(dir, {}, alerts);
    const errors: string[] = [];
    // Faults whose error bodies quote the keys (a hostile proxy), on GETs and on the order POST.
    m.fault({ method: 'GET', path: '/v2/orders', times: 3, action: { kind: 'status', status: 502 } });
    m.fault({ method: 'POST', path: '/v2/orders', times: 1, action: { kind: 'status', status: 500 } });
    await replay(m, s.runner, barSteps(BARS.slice(2, 7)));
    m.fault({ method: 'GET', path: '/v2/positions', times: 4, action: { kind: 'status', status: 500 } });
    m.dropTradeStream();
    await new Promise((r) => setTimeout(r, 800));
    // An error thrown to the caller, built from an echoing error body.
    await s.runner.kill('test kill switch').catch((e: unknown) => errors.push(String(e)));
    errors.push(JSON.stringify(s.runner.status()));
    await s.stop({ reason: 'test' });
    // Error paths of the session itself.
    for (const bad of [{ live: true }, { live: true, confirmLive: true, env: { APCA_API_BASE_URL: 'http://127.0.0.1:9' } }]) {
      try {
        await startLiveSession({ env: { ...mockEnv(m), ...bad.env }, strategy: new Flipper({ symbols: ['AAPL'] }), symbols: ['AAPL'], handleSignals: false, stream: FAST_STREAM, requestTimeoutMs: 300, ...bad });
      } catch (e) {
        errors.push(String(e), (e as Error).stack ?? '', JSON.stringify(e));
      }
    }
    expect(errors.some((e) => e.includes('LiveConfirmationError'))).toBe(true);
    const texts = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));
    expect(texts.join('').length).toBeGreaterThan(1000);
    // The echo was exercised (and redacted) — otherwise this test would prove nothing.
    expect(texts.join('')).toContain('[REDACTED]');
    const everything = [...texts, ...errors, JSON.stringify(alerts.alerts)].join('\n');
    for (const secret of [KEY_ID, SECRET, SECRET.slice(0, 20)]) expect(everything.split(secret).length - 1).toBe(0);
  });

  it('serves /healthz to anyone and /status, /metrics only with the bearer token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qt-status-'));
    const { session: s, mock: m } = await run(dir, { QT_STATUS_TOKEN: 'status-token-123' });
    await replay(m, s.runner, barSteps(BARS.slice(2, 6)));
    const base = `http://127.0.0.1:${s.statusPort}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/status`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/status`, { headers: { authorization: 'Bearer wrong-token-xyz' } })).status).toBe(401);
    const res = await fetch(`${base}/status`, { headers: { authorization: 'Bearer status-token-123' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { positions: Record<string, number>; mode: string };
    expect(body.mode).toBe('paper');
    expect(body.positions).toEqual(Object.fromEntries(Object.entries(m.positions()).map(([k, v]) => [k, Number(v)])));
    expect(body.positions).toEqual({ AAPL: 100 });
    const metrics = await (await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer status-token-123' } })).text();
    expect(metrics).toMatch(/^qt_fills_total 1$/m);
    expect(metrics).toMatch(/^qt_orders_submitted_total 1$/m);
  });

  it('refuses /status to everyone when no QT_STATUS_TOKEN is set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qt-status-'));
    const { session: s } = await run(dir);
    const base = `http://127.0.0.1:${s.statusPort}`;
    expect((await fetch(`${base}/status`, { headers: { authorization: 'Bearer ' } })).status).toBe(401);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('writes an audit log that verifies, ends with the final positions, and exposes tampering', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qt-audit-'));
    const { session: s, mock: m } = await run(dir, { QT_AUDIT_HMAC_KEY: 'hmac-key-for-test' });
    await replay(m, s.runner, barSteps(BARS.slice(2, 8)));
    await s.stop({ reason: 'test' });
    const file = join(dir, 'audit.jsonl');
    const v = await verifyAuditLog(file, { hmacKey: 'hmac-key-for-test' });
    expect(v).toMatchObject({ ok: true, endsWithShutdown: true });
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const records = lines.map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown> });
    const types = new Set(records.map((r) => r.type));
    for (const t of ['start', 'signal', 'order_submitted', 'fill', 'reconciliation', 'shutdown']) expect(types).toContain(t);
    expect(records.at(-1)!.data['positions']).toEqual(m.positions());
    expect((await verifyAuditLog(file, { hmacKey: 'another-key' })).ok).toBe(false);
    // Tamper: change one fill's price.
    const i = records.findIndex((r) => r.type === 'fill');
    const tampered = lines.slice();
    tampered[i] = tampered[i]!.replace(/"price":"([\d.]+)"/, '"price":"1.00"');
    expect(tampered[i]).not.toBe(lines[i]);
    writeFileSync(file, `${tampered.join('\n')}\n`);
    const bad = await verifyAuditLog(file);
    expect(bad.ok).toBe(false);
    expect(bad.error?.line).toBe(i + 1);
    expect(bad.error?.reason).toMatch(/altered/);
    // Remove a record.
    writeFileSync(file, `${[...lines.slice(0, 3), ...lines.slice(4)].join('\n')}\n`);
    expect((await verifyAuditLog(file)).error?.line).toBe(4);
  });

  it('needs both --live and --confirm-live for live trading', async () => {
    await expect(startLiveSession({ env: {}, strategy: new Flipper({ symbols: ['A'] }), symbols: ['A'], live: true })).rejects.toBeInstanceOf(LiveConfirmationError);
    await expect(startLiveSession({ env: { APCA_API_KEY_ID: 'k', APCA_API_SECRET_KEY: 's', APCA_API_BASE_URL: 'https://api.alpaca.markets' }, strategy: new Flipper({ symbols: ['A'] }), symbols: ['A'] })).rejects.toThrow(/live trading host/);
  });
});
