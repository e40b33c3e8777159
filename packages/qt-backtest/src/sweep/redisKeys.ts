/**
 * Names shared by the Redis sweep executor and its workers (one definition, so they cannot drift).
 */
import { canonicalJson, sha256Hex } from './trialKey.js';
import type { SweepSpec } from './SweepExecutor.js';

/** The BullMQ queue every `qt-backtest worker` listens on. */
export const SWEEP_QUEUE = 'qt-backtest-trials';

/** Id of a sweep: the hash of its spec (same strategy, settings and data give the same id). */
export function sweepIdOf(spec: SweepSpec): string {
  return `s-${sha256Hex(canonicalJson(spec)).slice(0, 24)}`;
}

/** Redis keys of one sweep. */
export function sweepKeys(sweepId: string): { readonly spec: string; readonly results: string; readonly duplicates: string } {
  return { spec: `qtb:${sweepId}:spec`, results: `qtb:${sweepId}:results`, duplicates: `qtb:${sweepId}:duplicates` };
}

/** The payload of one job: a few trials of one sweep (each with its own idempotent key). */
export interface TrialJobData {
  readonly sweepId: string;
  readonly trials: readonly { readonly key: string; readonly values: Readonly<Record<string, number | boolean | string>> }[];
}

/** Id of the job that carries these trial keys of a sweep (equal for equal chunks, so a rerun adds nothing twice). */
export function jobIdOf(sweepId: string, trialKeys: readonly string[]): string {
  return `${sweepId}-${trialKeys.length === 1 ? trialKeys[0]! : `c-${sha256Hex(trialKeys.join(',')).slice(0, 32)}`}`;
}

/**
 * The connection options of a `redis://HOST:PORT[/DB]` URL (BullMQ needs `maxRetriesPerRequest: null`).
 *
 * @throws {RangeError} for a URL that is not redis:// or rediss://.
 */
export function redisConnection(url: string): { url: string; maxRetriesPerRequest: null } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError(`"${url}" is not a Redis URL (expected redis://HOST:PORT)`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new RangeError(`"${url}" is not a Redis URL (expected redis://HOST:PORT)`);
  return { url, maxRetriesPerRequest: null };
}
