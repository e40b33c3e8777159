/**
 * Idempotent trial ids: the same strategy, parameters, data, seed and library version always give
 * the same id, on any machine, so a queue can drop duplicates and a sweep can resume.
 */
import { createHash } from 'node:crypto';
import { VERSION } from '@qt-backtest/core';

/** What identifies one trial. */
export interface TrialIdentity {
  /** Strategy name or file spec as given (`sma-cross`, `./my.ts`). */
  readonly strategy: string;
  /** Parameter values by name. */
  readonly params: Readonly<Record<string, number | boolean | string>>;
  /** sha256 of every data file the trial reads, in load order. */
  readonly dataHashes: readonly string[];
  /** The run seed (0 when none was given). */
  readonly seed: number;
  /** Everything else that changes results (costs, date range, benchmark), as plain JSON. */
  readonly settings?: unknown;
  /** Library version; default the running one. */
  readonly version?: string;
}

/**
 * JSON with object keys sorted at every depth, so equal values always give equal text.
 * Non-finite numbers are written as strings (`"NaN"`, `"Infinity"`) instead of JSON's `null`.
 *
 * @example canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }) // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : JSON.stringify(String(value));
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** sha256 hex of a text. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The id of a trial: `t-` and the first 32 hex digits of the sha256 of its canonical identity.
 *
 * @example trialKey({ strategy: 'sma-cross', params: { fast: 5, slow: 20 }, dataHashes: ['ab…'], seed: 0 })
 */
export function trialKey(identity: TrialIdentity): string {
  const text = canonicalJson({
    strategy: identity.strategy,
    params: identity.params,
    data: identity.dataHashes,
    seed: identity.seed,
    settings: identity.settings ?? null,
    version: identity.version ?? VERSION,
  });
  return `t-${sha256Hex(text).slice(0, 32)}`;
}
