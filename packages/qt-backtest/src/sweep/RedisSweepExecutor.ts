/**
 * The distributed sweep executor: trials become BullMQ jobs on Redis, served by
 * `qt-backtest worker --redis URL` processes on any machine that has the same data files.
 */
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import type { TrialOutcome } from '../cli/TrialRunner.js';
import { decodeOutcome } from './outcomeCodec.js';
import { jobIdOf, redisConnection, SWEEP_QUEUE, sweepIdOf, sweepKeys, type TrialJobData } from './redisKeys.js';
import type { SweepExecutor, SweepRun } from './SweepExecutor.js';

/** Settings of {@link RedisSweepExecutor}. */
export interface RedisSweepExecutorConfig {
  /** `redis://HOST:PORT[/DB]`. */
  readonly url: string;
  /** Tries per trial before it counts as failed (another worker may take a retry); default 3. */
  readonly attempts?: number;
  /** Progress lines (e.g. "waiting for workers"); default none. */
  readonly log?: (line: string) => void;
  /** How often missing results are looked up directly, in ms (a net under the event stream); default 1000. */
  readonly pollMs?: number;
  /**
   * Trials per job (integer >= 1); default 4. Results stay per trial (keyed by trial key); more
   * trials per job cut the queue's per-trial overhead, fewer spread a small sweep wider.
   */
  readonly trialsPerJob?: number;
}

/** Counts of the last {@link RedisSweepExecutor.run}. */
export interface RedisSweepStats {
  /** Trials whose result was already in Redis (an interrupted sweep resumed). */
  readonly resumed: number;
  /** Trials submitted in jobs (jobs that already existed are not added twice). */
  readonly submitted: number;
  /** Jobs those trials went out in. */
  readonly jobs: number;
  /** Results computed more than once (a killed worker's trial re-run elsewhere) and ignored. */
  readonly duplicates: number;
}

/**
 * Runs a sweep's trials as BullMQ jobs of `trialsPerJob` trials. A job's id derives from its
 * trials' idempotent keys, so a trial already queued or done is never added twice; results are stored in a Redis hash (first write
 * wins: a duplicate is ignored) and stream back through BullMQ's events as they finish; an
 * interrupted sweep run again picks up every stored result. A worker that dies holding a job
 * loses its lock and the job is retried by another worker.
 *
 * @example
 * const executor = new RedisSweepExecutor({ url: 'redis://127.0.0.1:6379' });
 * const outcomes = await executor.run({ setup, spec, trials });
 * await executor.close();
 */
export class RedisSweepExecutor implements SweepExecutor {
  readonly name: string;
  readonly #config: RedisSweepExecutorConfig;
  readonly #queue: Queue<TrialJobData>;
  /** Plain commands (results hash, spec); BullMQ keeps its own connections. */
  readonly #client: Redis;
  #stats: RedisSweepStats = { resumed: 0, submitted: 0, jobs: 0, duplicates: 0 };

  /** @throws {RangeError} for a bad URL or attempts. */
  constructor(config: RedisSweepExecutorConfig) {
    this.#config = config;
    this.name = config.url;
    const attempts = config.attempts ?? 3;
    if (!(Number.isInteger(attempts) && attempts >= 1)) throw new RangeError(`attempts must be an integer >= 1, got ${attempts}`);
    const perJob = config.trialsPerJob ?? 4;
    if (!(Number.isInteger(perJob) && perJob >= 1)) throw new RangeError(`trialsPerJob must be an integer >= 1, got ${perJob}`);
    this.#queue = new Queue<TrialJobData>(SWEEP_QUEUE, { connection: redisConnection(config.url) });
    this.#client = new Redis(config.url, { maxRetriesPerRequest: null });
  }

  /** Counts of the last run. */
  get stats(): RedisSweepStats {
    return this.#stats;
  }

  async run(sweep: SweepRun): Promise<TrialOutcome[]> {
    const { trials } = sweep;
    const total = trials.length;
    const sweepId = sweepIdOf(sweep.spec);
    const keys = sweepKeys(sweepId);
    const client = this.#client;
    await client.set(keys.spec, JSON.stringify(sweep.spec));
    const byKey = new Map(trials.map((t) => [t.key, t]));
    if (byKey.size !== total) throw new RangeError(`${total - byKey.size} trials share a key with another trial of the sweep`);
    const outcomes = new Map<string, TrialOutcome>();
    let settle: (() => void) | undefined;
    let fail: ((e: Error) => void) | undefined;
    const finished = new Promise<void>((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
    const accept = (key: string, outcome: TrialOutcome): void => {
      if (outcomes.has(key)) return;
      outcomes.set(key, outcome);
      sweep.onResult?.(outcome, outcomes.size, total);
      if (outcomes.size === total) settle!();
    };
    const lookup = async (wanted: readonly string[]): Promise<void> => {
      if (wanted.length === 0) return;
      const texts = await client.hmget(keys.results, ...wanted);
      texts.forEach((text: string | null, i: number) => {
        if (text !== null) accept(wanted[i]!, decodeOutcome(byKey.get(wanted[i]!)!.id, text));
      });
    };
    /** Job id → its trial keys, and back. */
    const jobKeys = new Map<string, readonly string[]>();
    const jobOfKey = new Map<string, string>();
    const failedFinally = async (jobId: string): Promise<void> => {
      const wanted = (jobKeys.get(jobId) ?? []).filter((k) => !outcomes.has(k));
      if (wanted.length === 0) return;
      const job = await this.#queue.getJob(jobId);
      if (job === undefined || (await job.getState()) !== 'failed') return;
      await lookup(wanted);
      for (const key of wanted) accept(key, { id: byKey.get(key)!.id, error: `worker: ${job.failedReason}` });
    };

    // Listen before submitting, so no completion can slip between the two.
    const events = new QueueEvents(SWEEP_QUEUE, { connection: redisConnection(this.#config.url) });
    await events.waitUntilReady();
    events.on('completed', ({ jobId, returnvalue }) => {
      const wanted = jobKeys.get(jobId);
      if (wanted === undefined) return;
      // The event carries the worker's encoded outcomes by trial key; the results hash is the fallback.
      try {
        let value: unknown = returnvalue;
        if (typeof value === 'string') value = JSON.parse(value);
        if (typeof value === 'string') value = JSON.parse(value);
        const texts = value as Record<string, string>;
        for (const key of wanted) {
          const text = texts[key];
          if (typeof text === 'string') accept(key, decodeOutcome(byKey.get(key)!.id, text));
        }
      } catch {
        // not what a worker returns: read the hash below
      }
      lookup(wanted.filter((k) => !outcomes.has(k))).catch((e: Error) => fail!(e));
    });
    events.on('failed', ({ jobId }) => {
      if (jobKeys.has(jobId)) failedFinally(jobId).catch((e: Error) => fail!(e));
    });
    let poll: NodeJS.Timeout | undefined;
    try {
      // Resume: results already stored need no job.
      await lookup([...byKey.keys()]);
      const resumed = outcomes.size;
      const missing = trials.filter((t) => !outcomes.has(t.key));
      const perJob = this.#config.trialsPerJob ?? 4;
      const jobs: { id: string; data: TrialJobData }[] = [];
      for (let i = 0; i < missing.length; i += perJob) {
        const chunk = missing.slice(i, i + perJob);
        const id = jobIdOf(sweepId, chunk.map((t) => t.key));
        jobKeys.set(id, chunk.map((t) => t.key));
        for (const t of chunk) jobOfKey.set(t.key, id);
        jobs.push({ id, data: { sweepId, trials: chunk.map((t) => ({ key: t.key, values: t.values })) } });
      }
      // A job that failed for good in an earlier run is tried again.
      for (const { id } of jobs) {
        const job = await this.#queue.getJob(id);
        if (job !== undefined && (await job.getState()) === 'failed') await job.retry('failed');
      }
      const attempts = this.#config.attempts ?? 3;
      for (let i = 0; i < jobs.length; i += 500) {
        await this.#queue.addBulk(
          jobs.slice(i, i + 500).map(({ id, data }) => ({
            name: 'trials',
            data,
            opts: { jobId: id, attempts, backoff: { type: 'fixed', delay: 500 }, removeOnComplete: false, removeOnFail: false },
          })),
        );
      }
      this.#stats = { resumed, submitted: missing.length, jobs: jobs.length, duplicates: 0 };
      if (outcomes.size < total) {
        const pollMs = this.#config.pollMs ?? 1000;
        let idle = 0;
        let lastDone = outcomes.size;
        poll = setInterval(() => {
          const pending = trials.filter((t) => !outcomes.has(t.key)).map((t) => t.key);
          lookup(pending)
            .then(async () => {
              if (outcomes.size === lastDone) {
                idle += pollMs;
                if (idle % 10_000 < pollMs) this.#config.log?.(`waiting for workers: ${outcomes.size}/${total} trials done (start one: qt-backtest worker --redis ${this.#config.url})`);
                for (const id of new Set(pending.slice(0, 200).map((k) => jobOfKey.get(k)!))) await failedFinally(id);
              } else idle = 0;
              lastDone = outcomes.size;
            })
            .catch((e: Error) => fail!(e));
        }, pollMs);
        await finished;
      }
      this.#stats = { ...this.#stats, duplicates: Number((await client.get(keys.duplicates)) ?? 0) };
    } finally {
      if (poll !== undefined) clearInterval(poll);
      await events.close();
    }
    return trials.map((t) => outcomes.get(t.key)!);
  }

  async close(): Promise<void> {
    await this.#queue.close();
    this.#client.disconnect();
  }
}
