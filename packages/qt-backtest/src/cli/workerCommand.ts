/**
 * `qt-backtest worker --redis URL`: serves sweep trials until SIGINT/SIGTERM.
 */
import { runSweepWorker } from '../sweep/runSweepWorker.js';
import type { CliIo } from './cliOutput.js';
import { UsageError } from './runSettings.js';
import { suspendSignalHandlers } from './signals.js';

/** Runs a sweep worker in this process until it is told to stop; resolves to the exit code. */
export async function workerCommand(opts: { readonly redis: string; readonly concurrency: string; readonly lockDuration: string; readonly quiet?: boolean }, io: CliIo): Promise<number> {
  const concurrency = Number(opts.concurrency);
  const lockDurationMs = Number(opts.lockDuration);
  let handle;
  try {
    handle = await runSweepWorker({ url: opts.redis, concurrency, lockDurationMs, cwd: io.cwd, log: (line) => io.stderr(`${line}\n`) });
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
  if (opts.quiet !== true) io.stdout(`worker: serving sweep trials from ${opts.redis} (concurrency ${concurrency}); Ctrl-C to stop\n`);
  // The worker closes itself on SIGINT/SIGTERM (finishing its held trials), not with the CLI's exit code.
  suspendSignalHandlers();
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await handle.close();
  if (opts.quiet !== true) io.stdout(`worker: stopped after ${handle.processed()} trial(s)\n`);
  return 0;
}
