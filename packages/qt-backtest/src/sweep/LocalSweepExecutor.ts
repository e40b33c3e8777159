/**
 * The in-process sweep executor: worker threads on this machine.
 */
import { availableParallelism } from 'node:os';
import { runTrials } from '../cli/runTrials.js';
import type { TrialOutcome } from '../cli/TrialRunner.js';
import type { SweepExecutor, SweepRun } from './SweepExecutor.js';

/**
 * Runs trials on `threads` worker threads (default: the CPU count; 1 runs them in this thread),
 * in small batches so fast and slow parameter sets balance.
 *
 * @example const outcomes = await new LocalSweepExecutor({ threads: 2 }).run({ setup, spec, trials });
 */
export class LocalSweepExecutor implements SweepExecutor {
  readonly threads: number;
  readonly name: string;

  constructor(options: { readonly threads?: number } = {}) {
    this.threads = Math.max(1, options.threads ?? availableParallelism());
    this.name = `local: ${this.threads} thread(s)`;
  }

  async run(sweep: SweepRun): Promise<TrialOutcome[]> {
    const byId = new Map(sweep.trials.map((t) => [t.id, t]));
    let reported = 0;
    const seen = new Set<number>();
    const outcomes = await runTrials(
      sweep.setup,
      sweep.trials.map((t) => ({ id: t.id, values: t.values })),
      Math.min(this.threads, sweep.trials.length),
      undefined,
      sweep.onResult === undefined
        ? undefined
        : (o) => {
            if (seen.has(o.id) || !byId.has(o.id)) return;
            seen.add(o.id);
            sweep.onResult!(o, ++reported, sweep.trials.length);
          },
    );
    return outcomes;
  }

  async close(): Promise<void> {}
}
