/**
 * Sweep benchmarks (issue 18): the batch path on the CLI benchmark's workload (1,000 sma-cross
 * sets × 5,000 bars), its throughput in bar-events, and the queue overhead per trial on Redis
 * (a throwaway redis-server on 127.0.0.1, one in-process worker).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBarSeries, isoDate, loadBars, nyseCalendar, SeededRandom, type BarSeries } from '@qt-backtest/core';
import {
  BatchData,
  builtinStrategies,
  hasRedisServer,
  RedisSweepExecutor,
  runSmaCrossBatch,
  runSweepWorker,
  startRedisServer,
  trialKey,
  type SmaCrossParams,
  type SweepDataSettings,
  type SweepRun,
  type SweepTrial,
  type SweepWorkerHandle,
  type RedisServerHandle,
} from 'qt-backtest';
import { defineBenchmark } from './Benchmark.js';

/** The CLI benchmark's data: 5,000 NYSE sessions of a seeded random walk, cent prices. */
function walk(bars: number): BarSeries {
  const rng = new SeededRandom(11);
  const days = nyseCalendar.sessions('2000-01-01', '2025-12-31').subarray(0, bars);
  let close = 40;
  const o: number[] = [];
  const h: number[] = [];
  const l: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < days.length; i++) {
    const open = Math.round(close * (1 + (rng.next() - 0.5) * 0.01) * 100) / 100;
    close = Math.max(1, Math.round(open * (1 + (rng.next() - 0.5) * 0.04) * 100) / 100);
    o.push(open);
    c.push(close);
    h.push(Number((Math.max(open, close) + 0.05).toFixed(2)));
    l.push(Number(Math.max(0.01, Math.min(open, close) - 0.05).toFixed(2)));
  }
  return createBarSeries({
    symbol: 'WALK',
    time: Float64Array.from(days, (d) => d),
    open: Float64Array.from(o),
    high: Float64Array.from(h),
    low: Float64Array.from(l),
    close: Float64Array.from(c),
    volume: new Float64Array(days.length).fill(1_000_000),
    fields: ['open', 'high', 'low', 'close', 'volume'],
    frequency: 'daily',
    adjustment: 'raw',
    source: 'seeded random walk (seed 11)',
  });
}

/** The CLI benchmark's grid: fast 1..20 × slow 22..120 step 2 = 1,000 sets. */
function grid(): SmaCrossParams[] {
  const sets: SmaCrossParams[] = [];
  for (let fast = 1; fast <= 20; fast++) for (let slow = 22; slow <= 120; slow += 2) sets.push(builtinStrategies['sma-cross']!.create({ fast, slow }, ['WALK']).params as SmaCrossParams);
  return sets;
}

let lastBest = '';
/** CPU time of the last batch run (user + system, ms): on a shared machine it shows the work without the waiting. */
let lastCpuMs = Number.NaN;

/** Runs every set on the batch path and keeps each one's per-bar Sharpe ratio; returns bar-events. */
function sweepBatch(data: BatchData, sets: readonly SmaCrossParams[], scratch: Int8Array[], into: Float64Array): number {
  const cpu0 = process.cpuUsage();
  const T = data.panel.time.length;
  let best = -Infinity;
  let bestSet = '';
  for (const p of sets) {
    const r = runSmaCrossBatch(data, p, { cash: 100_000 }, scratch, into);
    // Per-bar Sharpe of the equity returns (ddof 1): what the sweep ranks by.
    const e = r.equity;
    let prev = 100_000;
    let s = 0;
    let ss = 0;
    for (let t = 0; t < T; t++) {
      const x = e[t]! / prev - 1;
      prev = e[t]!;
      s += x;
      ss += x * x;
    }
    const mean = s / T;
    const sharpe = mean / Math.sqrt((ss - T * mean * mean) / (T - 1));
    if (sharpe > best) {
      best = sharpe;
      bestSet = `fast=${p.fast} slow=${p.slow} (per-bar Sharpe ${sharpe.toFixed(4)}, ${r.fills.length} fills)`;
    }
  }
  lastBest = bestSet;
  const cpu = process.cpuUsage(cpu0);
  lastCpuMs = (cpu.user + cpu.system) / 1000;
  if (!(best > -Infinity)) throw new Error('no set produced a Sharpe ratio');
  return sets.length * T;
}

interface BatchCtx {
  readonly data: BatchData;
  readonly sets: SmaCrossParams[];
  readonly scratch: Int8Array[];
  readonly into: Float64Array;
}

const batchSetup = async (): Promise<BatchCtx> => {
  const data = new BatchData([walk(5000)]);
  data.microPrefix(0);
  return { data, sets: grid(), scratch: [new Int8Array(5000)], into: new Float64Array(5000) };
};

let redisNotes: Record<string, string | number> = {};

/** The batch simulator alone (signals, fills, equity curve) over every set; returns bar-events. */
function simulateBatch(data: BatchData, sets: readonly SmaCrossParams[], scratch: Int8Array[], into: Float64Array): number {
  const cpu0 = process.cpuUsage();
  let fills = 0;
  for (const p of sets) fills += runSmaCrossBatch(data, p, { cash: 100_000 }, scratch, into).fills.length;
  const cpu = process.cpuUsage(cpu0);
  lastCpuMs = (cpu.user + cpu.system) / 1000;
  // The CLI benchmark's grid on this walk trades: a broken fast path cannot report a good number.
  if (fills < 100_000) throw new Error(`only ${fills} fills over ${sets.length} sets`);
  return sets.length * data.panel.time.length;
}

/** CPU milliseconds (user + system) a process has used, from /proc (Linux). */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (100 Hz)
}

/**
 * 2,000 near-free trials (buy-and-hold, fraction 0.0005..1) on the 30-bar file in `dir`, with
 * seed `round` (new trial keys each round, so nothing is resumed): the wall time is the queue's.
 */
async function tinySweep(dir: string, round: number): Promise<SweepRun> {
  const loaded = await loadBars(join(dir, 'WALK.csv'), { symbol: 'WALK', hash: true });
  const dataHashes = loaded.sources.map((s) => s.sha256 ?? '');
  const settings: SweepDataSettings = { data: ['WALK.csv'], symbol: 'WALK', adjusted: false, from: undefined, to: undefined, benchmark: undefined, cash: 100_000, feePct: undefined, feePerShare: undefined, feeMin: undefined, slippageBps: undefined, volumeLimit: undefined, seed: round };
  const trials: SweepTrial[] = [];
  for (let k = 1; k <= 2000; k++) {
    const values = { fraction: k / 2000 };
    trials.push({ id: trials.length + 1, key: trialKey({ strategy: 'buy-and-hold', params: values, dataHashes, seed: round }), values });
  }
  const s = loaded.get('WALK');
  const run: SweepRun = {
    setup: { strategy: 'buy-and-hold', cwd: dir, series: [{ symbol: s.symbol, time: s.time, open: s.open, high: s.high, low: s.low, close: s.close, volume: s.volume, fields: s.fields, frequency: s.frequency, adjustment: s.adjustment, source: s.source }], traded: ['WALK'], benchmark: undefined, costs: settings },
    spec: { strategy: 'buy-and-hold', settings, dataHashes },
    trials,
  };
  return run;
}

export const benchmarks = [
  defineBenchmark({
    name: 'sweep-batch-sma-cross-1000x5000',
    description: 'batch path: 1,000 sma-cross sets (fast 1..20 × slow 22..120 step 2) × 5,000 bars, equity + fills + Sharpe per set, one thread (target: ≤ 0.5 s)',
    unit: 'trials',
    target: 2000,
    repeats: 5,
    warmup: 1,
    setup: batchSetup,
    run: async (ctx) => {
      sweepBatch(ctx.data, ctx.sets, ctx.scratch, ctx.into);
      return ctx.sets.length;
    },
    notes: () => ({ best: lastBest, 'CPU ms (last run)': Number(lastCpuMs.toFixed(1)) }),
  }),
  defineBenchmark({
    name: 'sweep-batch-bar-events',
    description: 'batch simulator throughput in bar-events (parameter sets × bars): crossings, fills and the equity curve of every set, same workload (target: ≥ 50 M/s)',
    unit: 'bar-events',
    target: 50_000_000,
    repeats: 5,
    warmup: 1,
    setup: batchSetup,
    run: async (ctx) => simulateBatch(ctx.data, ctx.sets, ctx.scratch, ctx.into),
    notes: () => ({ 'CPU ms (last run)': Number(lastCpuMs.toFixed(1)), 'bar-events per CPU second': Math.round(5_000_000 / (lastCpuMs / 1000)) }),
  }),
  defineBenchmark({
    name: 'sweep-redis-queue-overhead',
    description:
      'queue overhead per trial on Redis: 2,000 near-free trials (buy-and-hold on 30 bars) through RedisSweepExecutor (4 trials a job) and one in-process worker (concurrency 16), submit to last result (target: ≥ 1,000 trials/s, i.e. ≤ 1 ms per trial)',
    unit: 'trials',
    target: 1000,
    repeats: 3,
    warmup: 1,
    async setup() {
      if (!hasRedisServer()) throw new Error('redis-server is not installed (apt-get install redis-server)');
      const redis: RedisServerHandle = await startRedisServer();
      const dir = mkdtempSync(join(tmpdir(), 'qt-bench-redis-'));
      const series = walk(30);
      const lines = ['Date,Open,High,Low,Close,Volume'];
      for (let i = 0; i < series.time.length; i++) lines.push(`${isoDate(series.time[i]!)},${series.open[i]},${series.high[i]},${series.low[i]},${series.close[i]},1000000`);
      writeFileSync(join(dir, 'WALK.csv'), `${lines.join('\n')}\n`);
      const worker: SweepWorkerHandle = await runSweepWorker({ url: redis.url, concurrency: 16, cwd: dir });
      return { redis, dir, worker, round: 0 };
    },
    async run(ctx) {
      const job = await tinySweep(ctx.dir, ++ctx.round);
      const executor = new RedisSweepExecutor({ url: ctx.redis.url, pollMs: 200 });
      const busy0 = ctx.worker.busyMs();
      const cpu0 = process.cpuUsage();
      const redisCpu0 = processCpuMs(ctx.redis.pid);
      const started = performance.now();
      const outcomes = await executor.run(job);
      const wallMs = performance.now() - started;
      // The worker shares this thread: the wall time is its trial compute plus everything else
      // (submitting, dispatch, locks, storing and streaming results) — the queue overhead.
      const computeMs = ctx.worker.busyMs() - busy0;
      const cpu = process.cpuUsage(cpu0);
      const cpuMs = (cpu.user + cpu.system) / 1000 + processCpuMs(ctx.redis.pid) - redisCpu0;
      await executor.close();
      if (outcomes.length !== job.trials.length || outcomes.some((o) => o.metrics === undefined)) throw new Error('a trial failed');
      const overheadMs = (wallMs - computeMs) / outcomes.length;
      redisNotes = {
        'wall ms': Math.round(wallMs),
        'trial compute ms (in the worker)': Math.round(computeMs),
        'overhead ms per trial (wall − compute)': Number(overheadMs.toFixed(3)),
        'CPU ms per trial (node + redis-server − compute)': Number(((cpuMs - computeMs) / outcomes.length).toFixed(3)),
      };
      return outcomes.length;
    },
    async teardown(ctx) {
      await ctx.worker.close();
      await ctx.redis.stop();
      rmSync(ctx.dir, { recursive: true, force: true });
    },
    notes: () => redisNotes,
  }),
];
