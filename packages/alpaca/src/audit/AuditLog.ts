/**
 * An append-only audit log: JSON lines, each record chained to the previous one by SHA-256 (and,
 * when a key is given, signed with HMAC-SHA256), written asynchronously in order. Editing,
 * removing or reordering any record breaks the chain, which {@link verifyAuditLog} detects.
 */
import { createHash, createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';

/** What gets audited. */
export type AuditType =
  | 'start'
  | 'signal'
  | 'signal_rejected'
  | 'order_submitted'
  | 'order_rejected'
  | 'order_update'
  | 'fill'
  | 'risk'
  | 'reconnect'
  | 'reconciliation'
  | 'breaker'
  | 'cancel'
  | 'shutdown'
  | (string & {});

/** One stored record. */
export interface AuditRecord {
  readonly seq: number;
  /** Host wall time of writing (ISO). */
  readonly at: string;
  /** Market time (epoch ms) the runner was at, when known. */
  readonly marketTime: number | null;
  readonly type: AuditType;
  readonly data: unknown;
  /** Hash of the previous record (64 zeros for the first). */
  readonly prev: string;
  /** SHA-256 of the record's other fields, canonically serialised. */
  readonly hash: string;
  /** HMAC-SHA256 of `hash` with the key, when one is configured. */
  readonly hmac?: string;
}

export const GENESIS = '0'.repeat(64);

/** Canonical JSON: keys sorted at every level, so the hash does not depend on insertion order. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

/** The hash of a record's content (everything but `hash` and `hmac`). */
export function recordHash(r: Omit<AuditRecord, 'hash' | 'hmac'>): string {
  return createHash('sha256').update(canonicalJson({ seq: r.seq, at: r.at, marketTime: r.marketTime, type: r.type, data: r.data, prev: r.prev })).digest('hex');
}

/** Settings of {@link AuditLog}. */
export interface AuditLogConfig {
  readonly file: string;
  /** HMAC key (from the environment, e.g. `QT_AUDIT_HMAC_KEY`); never stored. */
  readonly hmacKey?: string;
  /** Scrubs secrets from every record before it is hashed and written. */
  readonly redact?: (text: string) => string;
}

/**
 * @example
 * const audit = new AuditLog({ file: 'audit.jsonl', hmacKey: process.env.QT_AUDIT_HMAC_KEY });
 * audit.append('signal', { symbol: 'AAPL', side: 'buy', quantity: 10 }, marketTime);
 * await audit.flush();
 */
export class AuditLog {
  readonly #cfg: AuditLogConfig;
  #prev = GENESIS;
  #seq = 0;
  #chain: Promise<void> = Promise.resolve();
  #error: Error | null = null;

  constructor(config: AuditLogConfig) {
    this.#cfg = config;
    // Continue an existing log's chain (a restart appends, never rewrites).
    if (existsSync(config.file)) {
      const lines = readFileSync(config.file, 'utf8').split('\n').filter((l) => l.trim() !== '');
      const last = lines[lines.length - 1];
      if (last !== undefined) {
        const r = JSON.parse(last) as AuditRecord;
        this.#prev = r.hash;
        this.#seq = r.seq;
      }
    }
  }

  /** The first write error, if any (writes stop at the first failure). */
  get error(): Error | null {
    return this.#error;
  }

  /** Queues one record; returns it (hash included). Writing happens asynchronously, in order. */
  append(type: AuditType, data: unknown, marketTime: number | null = null): AuditRecord {
    const redact = this.#cfg.redact ?? ((t: string) => t);
    const clean = JSON.parse(redact(JSON.stringify(data ?? null))) as unknown;
    const base = { seq: ++this.#seq, at: new Date().toISOString(), marketTime, type, data: clean, prev: this.#prev };
    const hash = recordHash(base);
    const record: AuditRecord = this.#cfg.hmacKey === undefined ? { ...base, hash } : { ...base, hash, hmac: createHmac('sha256', this.#cfg.hmacKey).update(hash).digest('hex') };
    this.#prev = hash;
    const line = `${JSON.stringify(record)}\n`;
    this.#chain = this.#chain.then(async () => {
      if (this.#error !== null) return;
      try {
        await appendFile(this.#cfg.file, line, { mode: 0o600 });
      } catch (e) {
        this.#error = e as Error;
      }
    });
    return record;
  }

  /** Waits until every queued record is on disk. */
  async flush(): Promise<void> {
    await this.#chain;
    if (this.#error !== null) throw this.#error;
  }
}
