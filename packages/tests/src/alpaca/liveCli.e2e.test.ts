/**
 * `qt-backtest live` as a child process against the mock Alpaca server: it trades, serves its
 * status page, and on SIGTERM mid-run stops taking signals, cancels working orders, writes the
 * `shutdown` audit record and exits 0 — with positions equal to the server's, no order lost or
 * sent twice, and the keys nowhere in its output or files. Then `audit verify` on its log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { verifyAuditLog } from '@qt-backtest/alpaca';
import { barSteps, MockAlpacaServer, mockEnv, waitUntil, type MockBar } from '@qt-backtest/alpaca/testing';
import { main } from 'qt-backtest';
import { afterEach, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../../..');
const BIN = join(root, 'packages', 'qt-backtest', 'src', 'cli', 'bin.ts');
/** tsx's loader by absolute URL: the child runs in a temporary directory outside the workspace. */
const TSX = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const T0 = Date.UTC(2026, 6, 21, 13, 30);
const SYMBOLS = ['AAPL', 'MSFT'];
const BARS: MockBar[] = [];
for (let i = 0; i < 12; i++) SYMBOLS.forEach((symbol, k) => BARS.push({ symbol, time: T0 + i * 60_000, open: 100 + k * 50 + i, high: 101 + k * 50 + i, low: 99 + k * 50 + i, close: 100.5 + k * 50 + i, volume: 1000 }));
const STEPS = barSteps(BARS);
const KEY_ID = 'PKCLITESTKEY00ZZ11YY';
const SECRET = 'cliTestSecret/Zq81mW0pXy7rT4uV2sN6kL9jH3gF5dD1';

interface Child {
  readonly proc: ChildProcess;
  stdout: string;
  stderr: string;
  readonly exit: Promise<number | null>;
}

function startCli(args: readonly string[], env: Record<string, string>, cwd: string): Child {
  const proc = spawn(process.execPath, ['--import', TSX, '--conditions=@qt-backtest/source', BIN, ...args], { cwd, env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const child: Child = {
    proc,
    stdout: '',
    stderr: '',
    exit: new Promise((ok) => proc.on('exit', (code) => ok(code))),
  };
  proc.stdout!.on('data', (d: Buffer) => (child.stdout += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (child.stderr += d.toString()));
  return child;
}

let mock: MockAlpacaServer | undefined;
let child: Child | undefined;
afterEach(async () => {
  if (child !== undefined && child.proc.exitCode === null) child.proc.kill('SIGKILL');
  await mock?.close();
});

describe('qt-backtest live (child process)', () => {
  it('stops cleanly on SIGTERM mid-run: working orders cancelled, shutdown record, exit 0, no secrets anywhere', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qt-live-cli-'));
    mock = await MockAlpacaServer.start({ keyId: KEY_ID, secretKey: SECRET, symbols: SYMBOLS, now: T0 + 3 * 60_000 });
    mock.addHistory(BARS.filter((b) => b.time < T0 + 3 * 60_000));
    const env = { ...mockEnv(mock), QT_STATUS_TOKEN: 'cli-status-token', QT_AUDIT_HMAC_KEY: 'cli-hmac-key' };
    child = startCli(['live', '--strategy', join(here, 'fixtures', 'Flipper.ts'), '--symbols', SYMBOLS.join(','), '--warmup', '3', '--audit-log', 'audit.jsonl', '--log', 'live.log', '--status-port', '0'], env, dir);
    await waitUntil(() => /status on 127\.0\.0\.1:(\d+)/.test(child!.stderr) || child!.proc.exitCode !== null, 'the live command to start', 90_000);
    expect(child.stderr).toMatch(/\(paper\)/);
    const port = Number(/status on 127\.0\.0\.1:(\d+)/.exec(child.stderr)![1]);
    const status = async (): Promise<Record<string, unknown>> =>
      (await (await fetch(`http://127.0.0.1:${port}/status`, { headers: { authorization: 'Bearer cli-status-token' } })).json()) as Record<string, unknown>;
    expect((await fetch(`http://127.0.0.1:${port}/status`)).status).toBe(401);
    // Bars 3..5: index 3 targets 0 (nothing), 4 and 5 target 100 (buys, then filled).
    for (const step of STEPS.slice(3, 6)) {
      mock.matchBars(step);
      const want = JSON.stringify(Object.fromEntries(Object.entries(mock.positions()).map(([k, v]) => [k, Number(v)])));
      let last: Record<string, unknown> = {};
      for (let i = 0; i < 200 && JSON.stringify(last['positions']) !== want; i++) {
        last = await status();
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(last['positions']).toEqual(JSON.parse(want));
      await mock.streamBars(step);
      const label = new Date(step[0]!.time).toISOString();
      for (let i = 0; i < 250; i++) {
        last = await status();
        if (last['lastBarTime'] === label && last['idle'] === true) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(last['lastBarTime']).toBe(label);
    }
    // Bar 4's buys filled at bar 5; bar 5 targets 100 again: nothing new. Bar 6 (index 6) targets 0:
    // stream it without matching, so two sells are working when SIGTERM arrives.
    await mock.streamBars(STEPS[6]!);
    await waitUntil(() => mock!.orders().filter((o) => o['status'] === 'new').length === 2, 'two working sell orders', 10_000);
    child.proc.kill('SIGTERM');
    const code = await Promise.race([child.exit, new Promise((r) => setTimeout(() => r('no exit within 15 s'), 15_000))]);
    expect(code, child.stderr).toBe(0);
    // Nothing left working, nothing sent twice, positions equal the server's.
    expect(mock.orders().filter((o) => o['status'] === 'new')).toHaveLength(0);
    const ids = mock.orders().map((o) => o['client_order_id'] as string);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(mock.postsFor(id)).toBe(1);
    expect(mock.orders()).toHaveLength(4);
    const out = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { stopped: boolean; positions: Record<string, number> };
    expect(out).toEqual({ stopped: true, positions: { AAPL: 100, MSFT: 100 } });
    expect(mock.positions()).toEqual({ AAPL: '100', MSFT: '100' });
    // The audit log verifies (with its HMAC) and ends with the shutdown record and final positions.
    const audit = join(dir, 'audit.jsonl');
    expect(await verifyAuditLog(audit, { hmacKey: 'cli-hmac-key' })).toMatchObject({ ok: true, endsWithShutdown: true });
    const records = readFileSync(audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown> });
    expect(records.at(-1)!.data['positions']).toEqual({ AAPL: '100', MSFT: '100' });
    expect(records.filter((r) => r.type === 'cancel')).toHaveLength(2);
    expect(readFileSync(join(dir, 'live.log'), 'utf8')).toContain('"signal":"SIGTERM"');
    // Secrets: every file written and everything printed.
    const everything = [child.stdout, child.stderr, ...readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'))].join('\n');
    expect(everything.includes(KEY_ID)).toBe(false);
    expect(everything.includes(SECRET)).toBe(false);

    // `audit verify` (the CLI function, in process): ok on the file, exit 1 naming the line once a record is altered.
    const verify = async (env: Record<string, string>): Promise<{ code: number; out: string; err: string }> => {
      let out = '';
      let err = '';
      const saved = process.env['QT_AUDIT_HMAC_KEY'];
      if (env['QT_AUDIT_HMAC_KEY'] === undefined) delete process.env['QT_AUDIT_HMAC_KEY'];
      else process.env['QT_AUDIT_HMAC_KEY'] = env['QT_AUDIT_HMAC_KEY'];
      try {
        const code = await main(['audit', 'verify', 'audit.jsonl'], { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: dir });
        return { code, out, err };
      } finally {
        if (saved === undefined) delete process.env['QT_AUDIT_HMAC_KEY'];
        else process.env['QT_AUDIT_HMAC_KEY'] = saved;
      }
    };
    const ok = await verify({ QT_AUDIT_HMAC_KEY: 'cli-hmac-key' });
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/ok, \d+ records, chain intact, HMAC verified, ends with shutdown/);
    expect((await verify({ QT_AUDIT_HMAC_KEY: 'wrong-key' })).code).toBe(1);
    const lines = readFileSync(audit, 'utf8').trim().split('\n');
    const i = records.findIndex((r) => r.type === 'fill');
    lines[i] = lines[i]!.replace('"quantity":"100"', '"quantity":"10"');
    writeFileSync(audit, `${lines.join('\n')}\n`);
    const bad = await verify({});
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`audit.jsonl:${i + 1}:`);
  }, 180_000);
});
