/**
 * The distributed sweep end to end: a throwaway redis-server on 127.0.0.1, `qt-backtest worker`
 * processes, `qt-backtest sweep --executor redis://…`, a worker killed mid-sweep.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, startRedisServer, hasRedisServer, type RedisServerHandle } from 'qt-backtest';

// ../shared/data beside the repository (CI always has it; QT_REQUIRE_SHARED_DATA makes its absence an error there).
const repoRootDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const sharedDataDir = join(repoRootDir, '..', 'shared', 'data');
const hasSharedData = existsSync(join(sharedDataDir, 'orcl-1995-2014.txt'));
if (!hasSharedData && process.env['QT_REQUIRE_SHARED_DATA'] === '1') throw new Error(`QT_REQUIRE_SHARED_DATA=1 but ${sharedDataDir} has no orcl-1995-2014.txt`);
const needsSharedData = hasSharedData ? '(real data in ../shared/data)' : '(SKIPPED: ../shared/data not found beside the repository; CI provides it)';

const BIN = join(repoRootDir, 'packages', 'qt-backtest', 'src', 'cli', 'bin.ts');
const TSX = pathToFileURL(join(dirname(createRequire(join(repoRootDir, 'package.json')).resolve('tsx/package.json')), 'dist', 'loader.mjs')).href;
const QUEUE = 'qt-backtest-trials';

interface Io {
  readonly out: string[];
  readonly err: string[];
  readonly io: Parameters<typeof main>[1];
}
function io(cwd: string): Io {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd } };
}

/** A `qt-backtest worker` process from the TypeScript source; resolves once it serves. */
function startWorker(url: string, cwd: string, name: string, log: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', TSX, '--conditions=@qt-backtest/source', BIN, 'worker', '--redis', url, '--lock-duration', '1500', '--concurrency', '2'], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 60 s: ${text}`)), 60_000);
    child.stdout!.on('data', (b: Buffer) => {
      text += b.toString();
      if (text.includes('worker: serving')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr!.on('data', (b: Buffer) => log.push(`${name}: ${b.toString()}`));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code}: ${text} ${log.join('')}`));
    });
  });
}

function stopWorker(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

// CI sets QT_REQUIRE_REDIS (.ci/run installs redis-server): there the test can never skip unnoticed.
if (!hasRedisServer() && process.env['QT_REQUIRE_REDIS'] === '1') throw new Error('QT_REQUIRE_REDIS=1 but no redis-server was found (apt-get install redis-server)');
const run = hasSharedData && hasRedisServer() ? describe : describe.skip;

run(`sweep --executor redis:// with worker processes ${needsSharedData}${hasRedisServer() ? '' : ' (SKIPPED: no redis-server; apt-get install redis-server)'}`, () => {
  let redis: RedisServerHandle;
  let dir: string;
  const workers: ChildProcess[] = [];
  const workerLog: string[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    dir = mkdtempSync(join(tmpdir(), 'qt-redis-sweep-'));
    mkdirSync(join(dir, 'data'));
    copyFileSync(join(sharedDataDir, 'orcl-1995-2014.txt'), join(dir, 'data', 'ORCL.txt'));
  }, 30_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => stopWorker(w, 'SIGKILL')));
    await redis?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  // 20 fast × 10 slow windows = 200 trials on 5,036 real ORCL bars (backtrader's orcl-1995-2014).
  // The volume limit keeps the trials on the event engine (the batch path would finish a job in
  // about a millisecond): slow enough that the killed worker is caught holding jobs.
  const args = ['sweep', '--data', 'data/ORCL.txt', '--symbol', 'ORCL', '--strategy', 'sma-cross', '--param', 'fast=2:21', '--param', 'slow=30:120:10', '--fee-per-share', '0.005', '--fee-min', '1', '--slippage-bps', '2', '--volume-limit', '0.5', '--json'];

  it('runs 200 trials on two workers, survives one being killed mid-sweep, and equals a local run byte for byte; a rerun resumes', async () => {
    const local = io(dir);
    expect(await main([...args, '--workers', '1', '--out', 'local'], local.io)).toBe(0);

    // Named handles: `workers` (for cleanup) also holds other tests' workers, in whatever order they ran.
    const worker1 = await startWorker(redis.url, dir, 'worker-1', workerLog);
    const worker2 = await startWorker(redis.url, dir, 'worker-2', workerLog);
    workers.push(worker1, worker2);
    const probe = new Redis(redis.url);
    let killedAt = -1;
    // How worker 1 ends (listened for before the kill, so the exit cannot be missed).
    const exited = new Promise<string>((resolve) => worker1.once('exit', (code, signal) => resolve(`code ${code} signal ${signal}`)));
    const watch = setInterval(() => {
      void probe.keys('qtb:*:results').then(async (keys) => {
        if (keys.length === 0 || killedAt >= 0) return;
        const done = await probe.hlen(keys[0]!);
        if (done >= 30) {
          killedAt = done;
          worker1.kill('SIGKILL');
        }
      });
    }, 25);
    const remote = io(dir);
    const code = await main([...args, '--executor', redis.url, '--out', 'remote'], remote.io);
    clearInterval(watch);
    expect(code, remote.err.join('') + workerLog.join('')).toBe(0);
    // The kill happened mid-sweep (trial 1 runs in the submitting process: 199 go to the queue).
    expect(killedAt).toBeGreaterThanOrEqual(30);
    expect(killedAt).toBeLessThan(199);
    expect(await exited, workerLog.join('')).toBe('code null signal SIGKILL');

    const summary = JSON.parse(remote.out.join('')) as { trials: number; failed: number };
    expect(summary).toMatchObject({ trials: 200, failed: 0 });
    const localCsv = readFileSync(join(dir, 'local', 'trials.csv'));
    expect(readFileSync(join(dir, 'remote', 'trials.csv')).equals(localCsv)).toBe(true);
    expect(localCsv.toString().trim().split('\n')).toHaveLength(201);

    // Every queued trial completed exactly once: 199 trials in jobs of 4 (the default) = 50 jobs,
    // each completed once, none failed; one stored result per trial key, each trial's key in
    // exactly one completed job.
    // (The queue may also hold the other test's jobs: count this sweep's, by the sweep id in their ids.)
    const queue = new Queue(QUEUE, { connection: { url: redis.url } });
    const [resultsKey] = await probe.keys('qtb:*:results');
    const sweepId = resultsKey!.split(':')[1]!;
    const mine = async (state: 'completed' | 'failed' | 'active' | 'wait' | 'delayed'): Promise<{ id?: string; data: unknown; stalledCounter: number; attemptsStarted: number }[]> =>
      (await queue.getJobs([state], 0, 10_000)).filter((j) => j.id?.startsWith(`${sweepId}-`) === true);
    expect({ failed: (await mine('failed')).length, active: (await mine('active')).length, wait: (await mine('wait')).length, delayed: (await mine('delayed')).length }).toEqual({ failed: 0, active: 0, wait: 0, delayed: 0 });
    const completed = await mine('completed');
    expect(completed).toHaveLength(50);
    expect(new Set(completed.map((j) => j.id)).size).toBe(50);
    // The killed worker's jobs were taken again by the other one (BullMQ's stalled-job check).
    expect(completed.some((j) => j.stalledCounter > 0 || j.attemptsStarted > 1)).toBe(true);
    const keysInJobs = completed.flatMap((j) => (j.data as { trials: { key: string }[] }).trials.map((t) => t.key));
    expect(keysInJobs).toHaveLength(199);
    expect(new Set(keysInJobs).size).toBe(199);
    expect(await probe.hlen(resultsKey!)).toBe(199);

    // Interrupted or not, a rerun resumes from the stored results: no worker is running now.
    await stopWorker(worker2);
    const again = io(dir);
    expect(await main([...args, '--executor', redis.url, '--out', 'resumed'], again.io)).toBe(0);
    expect(readFileSync(join(dir, 'resumed', 'trials.csv')).equals(localCsv)).toBe(true);
    expect(await mine('completed')).toHaveLength(50);
    await queue.close();
    probe.disconnect();
  }, 420_000);

  it('a worker beside different data refuses the sweep with a clear error', async () => {
    // The same relative path on the "other machine" holds a file with one price changed.
    const other = mkdtempSync(join(tmpdir(), 'qt-redis-other-'));
    mkdirSync(join(other, 'data'));
    const text = readFileSync(join(sharedDataDir, 'orcl-2014.txt'), 'utf8').split('\n');
    text[5] = text[5]!.replace(/,(\d+)\.(\d)/, (_m, a: string, b: string) => `,${a}.${(Number(b) + 1) % 10}`);
    writeFileSync(join(other, 'data', 'ORCL14.txt'), text.join('\n'));
    copyFileSync(join(sharedDataDir, 'orcl-2014.txt'), join(dir, 'data', 'ORCL14.txt'));
    const bad = await startWorker(redis.url, other, 'worker-bad', workerLog);
    workers.push(bad);
    try {
      const out = io(dir);
      const code = await main(['sweep', '--data', 'data/ORCL14.txt', '--symbol', 'ORCL', '--strategy', 'sma-cross', '--param', 'fast=2:4', '--param', 'slow=30', '--executor', redis.url, '--out', 'bad', '--json'], out.io);
      expect(code, out.err.join('')).toBe(0);
      expect(JSON.parse(out.out.join('')).failed).toBe(2);
      const csv = readFileSync(join(dir, 'bad', 'trials.csv'), 'utf8');
      expect(csv).toMatch(/worker: data file .*ORCL14\.txt on this worker has sha256 [0-9a-f]{16}…; the sweep was submitted with [0-9a-f]{16}…: refusing to run on different data/);
    } finally {
      await stopWorker(bad);
      rmSync(other, { recursive: true, force: true });
    }
  }, 120_000);
});
