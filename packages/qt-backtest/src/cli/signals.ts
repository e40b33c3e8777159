/**
 * SIGINT and SIGTERM during a CLI run: remove the temporary output being written and exit with
 * 130 or 143 (128 + the signal number), as shells expect. While the engine runs synchronously a
 * JavaScript handler could not run before it finishes, so there the default action (immediate
 * termination) is restored: nothing is being written then, and a temporary directory left by a
 * killed process is removed by the next run.
 */
import { removeTemporaryOutputs } from '@qt-backtest/core';

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type Handled = keyof typeof EXIT_CODES;

let installed: { readonly [K in Handled]: () => void } | null = null;

function handler(signal: Handled, write: (s: string) => void): () => void {
  return () => {
    const removed = removeTemporaryOutputs();
    write(`\ninterrupted by ${signal}${removed.length > 0 ? ': partial output removed' : ''}\n`);
    process.exit(EXIT_CODES[signal]);
  };
}

/**
 * Installs the handlers (once per process; the `qt-backtest` executable calls this).
 *
 * @param write - where the one-line notice goes (stderr)
 */
export function installSignalHandlers(write: (s: string) => void): void {
  if (installed !== null) return;
  installed = { SIGINT: handler('SIGINT', write), SIGTERM: handler('SIGTERM', write) };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, installed[signal]);
}

/**
 * Runs synchronous work with the default signal actions (the handlers cannot run until it
 * returns), then puts the handlers back. Without installed handlers it just runs `work`.
 */
export function withDefaultSignals<T>(work: () => T): T {
  const active = installed;
  if (active === null) return work();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, active[signal]);
  try {
    return work();
  } finally {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, active[signal]);
  }
}

/**
 * For commands that run until a signal and stop themselves cleanly (`live`, `worker`): removes the
 * CLI's exit-on-signal handlers so that the command's own handler decides the exit. Returns the
 * function that puts them back.
 */
export function suspendSignalHandlers(): () => void {
  const active = installed;
  if (active === null) return () => {};
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, active[signal]);
  return () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, active[signal]);
  };
}
