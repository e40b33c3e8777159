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
 * Runs every trial and resolves to their outcomes in trial order. `workers <= 1` runs them in this
 * thread. A trial that throws is an outcome with `error`; a worker that dies rejects the whole run.
 *
 * @param onProgress - called with `(done, total)` after each finished batch
 * @param onOutcome - called with each trial's outcome as soon as it arrives (results stream back)
 */
export async function runTrials(
  setup: SweepSetup,
  trials: readonly Trial[],
  workers: number,
  onProgress?: (done: number, total: number) => void,
  onOutcome?: (outcome: TrialOutcome) => void,
): Promise<TrialOutcome[]> {
  const total = trials.length;
  const outcomes = new Map<number, TrialOutcome>();
  if (total === 0) return [];
  if (workers <= 1 || total <= 1) {
    const runner = await TrialRunner.create(setup);
    for (const t of trials) {
      const o = runner.run(t.id, t.values);
      outcomes.set(t.id, o);
      onOutcome?.(o);
      onProgress?.(outcomes.size, total);
    }
    return trials.map((t) => outcomes.get(t.id)!);
  }

  const poolSize = Math.min(workers, total);
  const batchSize = Math.max(1, Math.min(25, Math.ceil(total / (poolSize * 8))));
  let next = 0;
  const nextBatch = (): TrialBatch | undefined => {
    if (next >= total) return undefined;
    const batch = { trials: trials.slice(next, next + batchSize) };
    next += batch.trials.length;
    return batch;
  };
  const pool: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      let failed = false;
      const fail = (e: Error): void => {
        if (failed) return;
        failed = true;
        reject(e);
      };
      for (let w = 0; w < poolSize; w++) {
        const worker = startWorker(setup);
        pool.push(worker);
        running++;
        const feed = (): void => {
          const batch = nextBatch();
          if (batch === undefined) {
            running--;
            if (running === 0 && !failed) resolve();
            return;
          }
          worker.postMessage(batch);
        };
        worker.on('message', (msg: { ready?: true; fatal?: string; results?: TrialOutcome[] }) => {
          if (msg.fatal !== undefined) return fail(new Error(msg.fatal));
          for (const r of msg.results ?? []) {
            outcomes.set(r.id, r);
            onOutcome?.(r);
          }
          if (msg.results !== undefined) onProgress?.(outcomes.size, total);
          feed();
        });
        worker.on('error', (e) => fail(e));
        worker.on('exit', (code) => {
          if (code !== 0) fail(new Error(`sweep worker ${w + 1} exited with code ${code}`));
        });
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return trials.map((t) => outcomes.get(t.id)!);
}
