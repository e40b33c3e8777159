/**
 * Structured JSON logs, one object per line, written asynchronously (the loop never waits for the
 * disk) and scrubbed of credentials before they leave the process.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';

/** Log levels, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Settings of {@link JsonLogger}. */
export interface JsonLoggerConfig {
  /** A file path (appended to) or a writable stream (default: nothing is written). */
  readonly destination?: string | Writable;
  readonly level?: LogLevel;
  readonly redact?: (text: string) => string;
  /** Fields on every line (`{ run: 'r1' }`). */
  readonly base?: Readonly<Record<string, unknown>>;
}

/**
 * @example
 * const log = new JsonLogger({ destination: 'live.log' });
 * log.info('order_submitted', { clientOrderId: 'r1-1' });
 * await log.flush();
 */
export class JsonLogger {
  readonly #out: Writable | null;
  readonly #own: boolean;
  readonly #level: number;
  readonly #redact: (text: string) => string;
  readonly #base: Readonly<Record<string, unknown>>;

  constructor(config: JsonLoggerConfig = {}) {
    const d = config.destination;
    this.#own = typeof d === 'string';
    this.#out = d === undefined ? null : typeof d === 'string' ? (createWriteStream(d, { flags: 'a', mode: 0o600 }) as WriteStream) : d;
    this.#level = RANK[config.level ?? 'info'];
    this.#redact = config.redact ?? ((t) => t);
    this.#base = config.base ?? {};
  }

  log(level: LogLevel, event: string, fields: Readonly<Record<string, unknown>> = {}): void {
    if (this.#out === null || RANK[level] < this.#level) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...this.#base, ...fields }, (_k, v: unknown) =>
      v instanceof Error ? { name: v.name, message: v.message } : typeof v === 'bigint' ? v.toString() : v,
    );
    this.#out.write(`${this.#redact(line)}\n`);
  }

  debug(event: string, fields?: Readonly<Record<string, unknown>>): void {
    this.log('debug', event, fields);
  }
  info(event: string, fields?: Readonly<Record<string, unknown>>): void {
    this.log('info', event, fields);
  }
  warn(event: string, fields?: Readonly<Record<string, unknown>>): void {
    this.log('warn', event, fields);
  }
  error(event: string, fields?: Readonly<Record<string, unknown>>): void {
    this.log('error', event, fields);
  }

  /** Waits until every line is handed to the OS (and closes a file this logger opened). */
  async flush(): Promise<void> {
    const out = this.#out;
    if (out === null) return;
    if (this.#own) {
      await new Promise<void>((ok) => out.end(ok));
      return;
    }
    await new Promise<void>((ok) => {
      if (out.writableNeedDrain) out.once('drain', ok);
      else ok();
    });
  }
}
