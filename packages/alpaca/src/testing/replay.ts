/**
 * Drives a live runner through recorded bars on the mock, one bar step at a time: fills of the
 * step are reported first and applied by the runner, then the bars are streamed and decided on —
 * the order a backtest uses (match → decide), so a replay is deterministic.
 */
import type { LiveRunner } from '../live/LiveRunner.js';
import type { MockAlpacaServer, MockBar } from './MockAlpacaServer.js';

/** Polls `cond` every 5 ms until it holds. @throws {Error} after `timeoutMs` quoting `what`. */
export async function waitUntil(cond: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Bars grouped by time label, oldest first. */
export function barSteps(bars: readonly MockBar[]): MockBar[][] {
  const by = new Map<number, MockBar[]>();
  for (const b of bars) {
    let list = by.get(b.time);
    if (list === undefined) by.set(b.time, (list = []));
    list.push(b);
  }
  return [...by.keys()].sort((a, b) => a - b).map((t) => by.get(t)!);
}

/** Whether the runner's positions equal the server's (exact decimals). */
export function positionsAgree(runner: LiveRunner, mock: MockAlpacaServer): boolean {
  const a = runner.exactPositions();
  const b = mock.positions();
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? '0') === (b[k] ?? '0'));
}

/** Replays `steps` through the mock into a started runner. */
export async function replay(mock: MockAlpacaServer, runner: LiveRunner, steps: readonly (readonly MockBar[])[], options: { readonly timeoutMs?: number } = {}): Promise<void> {
  for (const step of steps) {
    mock.matchBars(step);
    await waitUntil(() => positionsAgree(runner, mock), `the runner to apply the fills of ${new Date(step[0]!.time).toISOString()}`, options.timeoutMs);
    await runner.idle();
    await mock.streamBars(step);
    await waitUntil(() => runner.lastBarTime >= step[0]!.time, `the runner to decide on ${new Date(step[0]!.time).toISOString()}`, options.timeoutMs);
    await runner.idle();
  }
}
