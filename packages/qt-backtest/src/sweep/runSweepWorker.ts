/**
 * The `qt-backtest worker` process: serves sweep trials from a Redis queue.
 */
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { RunSettings } from '../cli/runSettings.js';
import { prepareData } from '../cli/prepareRun.js';
import { seriesInit, TrialRunner } from '../cli/TrialRunner.js';
import { verifyDataHashes } from './DataMismatchError.js';
import { encodeOutcome } from './outcomeCodec.js';
import { redisConnection, SWEEP_QUEUE, sweepKeys, type TrialJobData } from './redisKeys.js';
import type { SweepSpec } from './SweepExecutor.js';

/** Settings of {@link runSweepWorker}. */
export interface SweepWorkerConfig {
  /** `redis://HOST:PORT[/DB]`. */
  readonly url: string;
  /** Jobs this process holds at once (trials are CPU-bound: start one process per core); default 1. */
  readonly concurrency?: number;
  /** Directory relative data and strategy paths are resolved against; default the process's. */
  readonly cwd?: string;
  /** A job's lock lifetime in ms: a dead worker's job is retried elsewhere after about this long; default 30000. */
  readonly lockDurationMs?: number;
  /** Log lines (one per problem, not per trial); default none. */
  readonly log?: (line: string) => void;
}

/** A running worker. */
export interface SweepWorkerHandle {
  /** Trials this worker ran. */
  readonly processed: () => number;
  /** Milliseconds spent computing trials (the rest of a sweep's wall time is queue overhead). */
  readonly busyMs: () => number;
  /** Stops taking jobs, finishes the current ones and disconnects. */
  close(): Promise<void>;
}

/**
 * Starts serving trials. For each sweep it first loads the data the sweep names (paths resolved
 * against `cwd`) and checks every file's sha256 against the sweep's; a mismatch fails that sweep's
 * jobs with a {@link DataMismatchError} message (other workers may take the retries). Each result
 * is stored with HSETNX — a trial that a dead worker had finished and that ran again elsewhere is
 * counted as a duplicate and ignored.
 *
 * @throws {RangeError} for a bad URL or settings.
 */
export async function runSweepWorker(config: SweepWorkerConfig): Promise<SweepWorkerHandle> {
  const concurrency = config.concurrency ?? 1;
  const lockDuration = config.lockDurationMs ?? 30_000;
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new RangeError(`--concurrency must be an integer >= 1, got ${concurrency}`);
  if (!(Number.isInteger(lockDuration) && lockDuration >= 100)) throw new RangeError(`--lock-duration must be an integer >= 100 (ms), got ${lockDuration}`);
  const cwd = config.cwd ?? process.cwd();
  const runners = new Map<string, Promise<TrialRunner>>();
  let processed = 0;
  let busyMs = 0;
  const client = new Redis(redisConnection(config.url).url, { maxRetriesPerRequest: null });

  const runnerFor = (sweepId: string, spec: SweepSpec): Promise<TrialRunner> => {
    let p = runners.get(sweepId);
    if (p === undefined) {
      p = (async () => {
        const settings = { ...spec.settings, strategy: spec.strategy, params: {}, out: undefined, workers: undefined, metric: undefined } as RunSettings;
        const data = await prepareData(settings, cwd);
        verifyDataHashes(
          data.sources.map((s) => s.path),
          data.sources.map((s) => s.sha256),
          spec.dataHashes,
        );
        return TrialRunner.create({
          strategy: spec.strategy,
          cwd,
          series: data.series.map(seriesInit),
          traded: data.traded,
          benchmark: data.benchmark === undefined ? undefined : seriesInit(data.benchmark),
          costs: settings,
          keepReturns: spec.keepReturns === true,
        });
      })();
      p.catch((e: Error) => config.log?.(`sweep ${sweepId}: ${e.message}`));
      runners.set(sweepId, p);
    }
    return p;
  };

  const worker = new Worker<TrialJobData, Record<string, string>>(
    SWEEP_QUEUE,
    async (job) => {
      const { sweepId, trials } = job.data;
      const keys = sweepKeys(sweepId);
      let runner = runners.get(sweepId);
      if (runner === undefined) {
        const specText = await client.get(keys.spec);
        if (specText === null) throw new Error(`sweep ${sweepId} has no spec in Redis (${keys.spec}); was it submitted to this server?`);
        runner = runnerFor(sweepId, JSON.parse(specText) as SweepSpec);
      }
      const trialRunner = await runner;
      // A retried job (its first worker died) skips the trials that worker had already stored.
      const done = trials.length === 1 ? [null] : await client.hmget(keys.results, ...trials.map((t) => t.key));
      const out: Record<string, string> = {};
      for (let i = 0; i < trials.length; i++) {
        const { key, values } = trials[i]!;
        const previous = done[i];
        if (typeof previous === 'string') {
          out[key] = previous;
          continue;
        }
        const started = performance.now();
        const text = encodeOutcome(trialRunner.run(0, values));
        busyMs += performance.now() - started;
        processed++;
        const stored = await client.hsetnx(keys.results, key, text);
        if (stored === 0) await client.incr(keys.duplicates);
        out[key] = text;
      }
      return out;
    },
    {
      connection: redisConnection(config.url),
      concurrency,
      lockDuration,
      stalledInterval: lockDuration,
      maxStalledCount: 5,
      autorun: true,
    },
  );
  worker.on('error', (e) => config.log?.(`worker: ${e.message}`));
  await worker.waitUntilReady();
  return {
    processed: () => processed,
    busyMs: () => busyMs,
    close: async () => {
      await worker.close();
      client.disconnect();
    },
  };
}
