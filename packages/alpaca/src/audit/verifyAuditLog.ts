/**
 * Checks an audit log: every line parses, sequence numbers run 1, 2, 3…, each record's `prev` is
 * the previous record's `hash`, each `hash` matches the record's content, and (with a key) each
 * `hmac` matches. Reports the first broken line.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { GENESIS, recordHash, type AuditRecord } from './AuditLog.js';

/** The verdict on one file. */
export interface AuditVerification {
  readonly ok: boolean;
  readonly records: number;
  /** Whether the last record is a `shutdown` (a run that ended cleanly). */
  readonly endsWithShutdown: boolean;
  /** The first problem: 1-based line and what is wrong. */
  readonly error?: { readonly line: number; readonly reason: string };
}

/**
 * @example
 * const v = await verifyAuditLog('audit.jsonl', { hmacKey: process.env.QT_AUDIT_HMAC_KEY });
 * if (!v.ok) console.error(`line ${v.error.line}: ${v.error.reason}`);
 */
export async function verifyAuditLog(file: string, options: { readonly hmacKey?: string } = {}): Promise<AuditVerification> {
  const text = await readFile(file, 'utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let prev = GENESIS;
  let last: AuditRecord | undefined;
  const fail = (line: number, reason: string, records: number): AuditVerification => ({ ok: false, records, endsWithShutdown: false, error: { line, reason } });
  for (let i = 0; i < lines.length; i++) {
    let r: AuditRecord;
    try {
      r = JSON.parse(lines[i]!) as AuditRecord;
    } catch {
      return fail(i + 1, 'not valid JSON', i);
    }
    if (r.seq !== i + 1) return fail(i + 1, `sequence number ${String(r.seq)}, expected ${i + 1} (a record was removed, added or reordered)`, i);
    if (r.prev !== prev) return fail(i + 1, `prev ${String(r.prev).slice(0, 12)}… does not match the previous record's hash ${prev.slice(0, 12)}…`, i);
    const expected = recordHash(r);
    if (r.hash !== expected) return fail(i + 1, `hash ${String(r.hash).slice(0, 12)}… does not match the record's content (${expected.slice(0, 12)}…): the record was altered`, i);
    if (options.hmacKey !== undefined) {
      const mac = createHmac('sha256', options.hmacKey).update(r.hash).digest();
      const given = Buffer.from(typeof r.hmac === 'string' ? r.hmac : '', 'hex');
      if (given.length !== mac.length || !timingSafeEqual(given, mac)) return fail(i + 1, 'HMAC does not match (wrong key, or the record was forged)', i);
    }
    prev = r.hash;
    last = r;
  }
  return { ok: true, records: lines.length, endsWithShutdown: last?.type === 'shutdown' };
}
