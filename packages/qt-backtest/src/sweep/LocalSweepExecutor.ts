/**
 * The in-process sweep executor: worker threads on this machine.
 */
import { availableParallelism } from 'node:os';
import { TrialPool } from '../cli/runTrials.js';
import type { SweepSetup } from '../cli/TrialRunner.js';
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
  /** Threads stay up across runs on the same setup (a search runs many small batches). */
  #pool: { setup: SweepSetup; pool: TrialPool } | undefined;

  constructor(options: { readonly threads?: number } = {}) {
    this.threads = Math.max(1, options.threads ?? availableParallelism());
    this.name = `local: ${this.threads} thread(s)`;
  }

  async run(sweep: SweepRun): Promise<TrialOutcome[]> {
    const byId = new Map(sweep.trials.map((t) => [t.id, t]));
    let reported = 0;
    const seen = new Set<number>();
    if (this.#pool?.setup !== sweep.setup) {
      await this.#pool?.pool.close();
      this.#pool = { setup: sweep.setup, pool: new TrialPool(sweep.setup, this.threads) };
    }
    const outcomes = await this.#pool.pool.run(
      sweep.trials.map((t) => ({ id: t.id, values: t.values })),
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

  async close(): Promise<void> {
    await this.#pool?.pool.close();
    this.#pool = undefined;
  }
}
