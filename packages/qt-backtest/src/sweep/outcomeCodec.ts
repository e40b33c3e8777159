/**
 * Text form of a trial's outcome that survives a trip through Redis bit for bit: JSON, with
 * NaN, ±Infinity and −0 written as strings (plain JSON would turn them into `null` and `0`), and
 * the per-bar returns (when kept) as base64 of their float64 bytes.
 */
import type { TrialOutcome } from '../cli/TrialRunner.js';

const SPECIAL: Readonly<Record<string, number>> = { NaN: Number.NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

/** The outcome without its sweep-local id, as text. */
export function encodeOutcome(outcome: TrialOutcome): string {
  const returns = outcome.returns === undefined ? {} : { returns: Buffer.from(outcome.returns.buffer, outcome.returns.byteOffset, outcome.returns.byteLength).toString('base64') };
  const body = outcome.metrics === undefined ? { error: outcome.error ?? 'unknown error' } : { metrics: outcome.metrics, ...returns };
  return JSON.stringify(body, (_k, v: unknown) => (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? (Object.is(v, -0) ? '-0' : String(v)) : v));
}

/**
 * The outcome of {@link encodeOutcome}'s text, with the sweep's own trial id.
 *
 * @throws {SyntaxError} for text that is not an encoded outcome.
 */
export function decodeOutcome(id: number, text: string): TrialOutcome {
  const body = JSON.parse(text) as { metrics?: Record<string, number | string>; error?: string; returns?: string };
  if (body.metrics !== undefined) {
    const metrics: Record<string, number> = {};
    for (const [k, v] of Object.entries(body.metrics)) {
      if (typeof v === 'number') metrics[k] = v;
      else if (v in SPECIAL) metrics[k] = SPECIAL[v]!;
      else throw new SyntaxError(`trial outcome: metric "${k}" has the value "${v}"`);
    }
    if (body.returns === undefined) return { id, metrics };
    const bytes = Buffer.from(body.returns, 'base64');
    const returns = new Float64Array(bytes.length / 8);
    new Uint8Array(returns.buffer).set(bytes);
    return { id, metrics, returns };
  }
  if (typeof body.error === 'string') return { id, error: body.error };
  throw new SyntaxError(`trial outcome: neither metrics nor error in ${text.slice(0, 80)}`);
}
