/**
 * A sweep worker thread: builds a {@link TrialRunner} from `workerData` (a `SweepSetup`), then
 * answers each `{ trials }` batch with `{ results }` until the pool terminates it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ParamValues } from './loadStrategy.js';
import { TrialRunner, type SweepSetup } from './TrialRunner.js';

/** A batch of trials sent to a worker. */
export interface TrialBatch {
  readonly trials: readonly { readonly id: number; readonly values: ParamValues }[];
}

const port = parentPort;
if (port !== null) {
  try {
    const runner = await TrialRunner.create(workerData as SweepSetup);
    port.on('message', (batch: TrialBatch) => {
      port.postMessage({ results: batch.trials.map((t) => runner.run(t.id, t.values)) });
    });
    port.postMessage({ ready: true });
  } catch (e) {
    port.postMessage({ fatal: e instanceof Error ? e.message : String(e) });
  }
}
