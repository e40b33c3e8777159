/**
 * Runs sweep trials on a pool of worker threads, handing out small batches so that fast and slow
 * parameter sets balance across workers.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParamValues } from './loadStrategy.js';
import type { TrialBatch } from './sweepWorker.js';
import { TrialRunner, type SweepSetup, type TrialOutcome } from './TrialRunner.js';

/** One trial to run. */
export interface Trial {
  readonly id: number;
  readonly values: ParamValues;
}

/**
 * Starts a worker on `sweepWorker`. From the built package that is plain JavaScript; from the
 * TypeScript source (tests, `pnpm cli`) the worker first registers tsx and keeps the source export
 * condition, so both run the same code.
 */
function startWorker(setup: SweepSetup): Worker {
  const self = import.meta.url;
  if (!/\.[cm]?ts$/.test(new URL(self).pathname)) {
    return new Worker(new URL('./sweepWorker.js', self), { workerData: setup });
  }
  const require = createRequire(self);
  const tsxApi = new URL('dist/esm/api/index.mjs', pathToFileURL(require.resolve('tsx/package.json'))).href;
  const entry = new URL('./sweepWorker.ts', self).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true, workerData: setup, execArgv: ['--conditions=@qt-backtest/source'] });
}

/**
 * A pool of sweep worker threads on one setup, kept across batches (a search runs many small
 * ones; starting threads for each would cost more than the trials).
 */
export class TrialPool {
  readonly #setup: SweepSetup;
  readonly #size: number;
  #workers: Worker[] = [];
  /** Workers that have sent their one "ready" message (the setup is loaded). */
  readonly #readyWorkers = new WeakSet<Worker>();
  #runner: Promise<TrialRunner> | undefined;

  /** `size <= 1` runs trials in this thread. */
  constructor(setup: SweepSetup, size: number) {
    this.#setup = setup;
    this.#size = Math.max(1, size);
  }

  /**
   * Runs trials and resolves to their outcomes in trial order. A trial that throws is an outcome
   * with `error`; a worker that dies rejects the run (and the pool is closed).
   */
  async run(trials: readonly Trial[], onOutcome?: (outcome: TrialOutcome) => void): Promise<TrialOutcome[]> {
    const total = trials.length;
    const outcomes = new Map<number, TrialOutcome>();
    if (total === 0) return [];
    if (this.#size <= 1 || total <= 1) {
      this.#runner ??= TrialRunner.create(this.#setup);
      const runner = await this.#runner;
      for (const t of trials) {
        const o = runner.run(t.id, t.values);
        outcomes.set(t.id, o);
        onOutcome?.(o);
      }
      return trials.map((t) => outcomes.get(t.id)!);
    }
    const poolSize = Math.min(this.#size, total);
    while (this.#workers.length < poolSize) this.#workers.push(startWorker(this.#setup));
    const pool = this.#workers.slice(0, poolSize);
    const ready = this.#readyWorkers;
    const batchSize = Math.max(1, Math.min(25, Math.ceil(total / (poolSize * 8))));
    let next = 0;
    const nextBatch = (): TrialBatch | undefined => {
      if (next >= total) return undefined;
      const batch = { trials: trials.slice(next, next + batchSize) };
      next += batch.trials.length;
      return batch;
    };
    try {
      await new Promise<void>((resolve, reject) => {
        let running = 0;
        let failed = false;
        const cleanups: (() => void)[] = [];
        const finish = (e?: Error): void => {
          if (failed) return;
          if (e !== undefined) failed = true;
          for (const c of cleanups) c();
          if (e !== undefined) reject(e);
          else resolve();
        };
        for (let w = 0; w < pool.length; w++) {
          const worker = pool[w]!;
          running++;
          const feed = (): void => {
            const batch = nextBatch();
            if (batch === undefined) {
              running--;
              if (running === 0 && !failed) finish();
              return;
            }
            worker.postMessage(batch);
          };
          const onMessage = (msg: { ready?: true; fatal?: string; results?: TrialOutcome[] }): void => {
            if (msg.fatal !== undefined) return finish(new Error(msg.fatal));
            if (msg.ready === true) ready.add(worker);
            for (const r of msg.results ?? []) {
              outcomes.set(r.id, r);
              onOutcome?.(r);
            }
            feed();
          };
          const onError = (e: Error): void => finish(e);
          const onExit = (code: number): void => {
            if (code !== 0) finish(new Error(`sweep worker ${w + 1} exited with code ${code}`));
          };
          worker.on('message', onMessage);
          worker.on('error', onError);
          worker.on('exit', onExit);
          cleanups.push(() => {
            worker.off('message', onMessage);
            worker.off('error', onError);
            worker.off('exit', onExit);
          });
          // A worker that is already up gets its first batch now; a new one on its "ready".
          if (ready.has(worker)) feed();
        }
      });
    } catch (e) {
      await this.close();
      throw e;
    }
    return trials.map((t) => outcomes.get(t.id)!);
  }

  /** Stops the threads. */
  async close(): Promise<void> {
    const workers = this.#workers;
    this.#workers = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * Runs every trial and resolves to their outcomes in trial order. `workers <= 1` runs them in this
 * thread. A trial that throws is an outcome with `error`; a worker that dies rejects the whole run.
 *
 * @param onProgress - called with `(done, total)` after each outcome
 * @param onOutcome - called with each trial's outcome as soon as it arrives (results stream back)
 */
export async function runTrials(
  setup: SweepSetup,
  trials: readonly Trial[],
  workers: number,
  onProgress?: (done: number, total: number) => void,
  onOutcome?: (outcome: TrialOutcome) => void,
): Promise<TrialOutcome[]> {
  const pool = new TrialPool(setup, workers);
  let done = 0;
  try {
    return await pool.run(trials, (o) => {
      onOutcome?.(o);
      onProgress?.(++done, trials.length);
    });
  } finally {
    await pool.close();
  }
}
