/**
 * The HTTP layer of the Alpaca client over global `fetch`: auth headers, no redirects followed
 * (custom `APCA-*` headers must never travel to another origin), the rate limiter, a per-attempt
 * timeout, and retries with jittered, bounded exponential backoff — for idempotent requests only.
 * A POST is never retried here; order submission handles its own recovery by client order id.
 */
import { AlpacaApiError, AlpacaTransportError } from './AlpacaApiError.js';
import type { AlpacaCredentials } from './AlpacaCredentials.js';
import { RateLimiter } from './RateLimiter.js';

/** Settings of {@link AlpacaHttp}. */
export interface AlpacaHttpConfig {
  readonly credentials: AlpacaCredentials;
  /** Per-attempt timeout in ms (default 10,000). */
  readonly timeoutMs?: number;
  /** Retries of an idempotent request (default 3). */
  readonly maxRetries?: number;
  /** First backoff in ms (default 250), doubled per retry up to `maxBackoffMs` (default 5,000), ±20 % jitter. */
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly limiter?: RateLimiter;
  /** Random source in [0, 1) for jitter (seedable in tests). */
  readonly random?: () => number;
  /** Called after every response or failure (metrics, circuit breaker). */
  readonly onResult?: (result: HttpResult) => void;
}

/** One attempt's outcome, for observers. */
export interface HttpResult {
  readonly method: string;
  readonly path: string;
  /** HTTP status, or 0 for a transport failure. */
  readonly status: number;
  readonly ms: number;
  readonly timedOut: boolean;
}

/** One request. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Full base (trading or data host). */
  readonly base: string;
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  /** Whether repeating the request is harmless (GET, DELETE of one order). POST/PATCH never are. */
  readonly idempotent: boolean;
  readonly timeoutMs?: number;
}

/** A decoded answer. */
export interface HttpResponse {
  readonly status: number;
  readonly body: unknown;
}

const RETRY_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Sends requests to Alpaca. */
export class AlpacaHttp {
  readonly #cfg: AlpacaHttpConfig;
  readonly #limiter: RateLimiter;
  readonly #random: () => number;

  constructor(config: AlpacaHttpConfig) {
    this.#cfg = config;
    this.#limiter = config.limiter ?? new RateLimiter();
    this.#random = config.random ?? Math.random;
  }

  /** The limiter (shared by requests of this client). */
  get limiter(): RateLimiter {
    return this.#limiter;
  }

  /** Redacts credentials from a text. */
  redact(text: string): string {
    return this.#cfg.credentials.redact(text);
  }

  /**
   * Sends a request; retries idempotent ones on 408/425/429/5xx and transport errors.
   *
   * @throws {AlpacaApiError} for an error status (after retries).
   * @throws {AlpacaTransportError} when no answer came (after retries).
   */
  async request(req: HttpRequest): Promise<HttpResponse> {
    const retries = req.idempotent ? (this.#cfg.maxRetries ?? 3) : 0;
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await this.#once(req);
        if (res.status >= 400) {
          if (attempt < retries && RETRY_STATUS.has(res.status)) {
            await this.#backoff(attempt);
            continue;
          }
          const body = typeof res.body === 'object' && res.body !== null ? (res.body as Record<string, unknown>) : {};
          throw new AlpacaApiError(req.method, req.path, res.status, body, this.redact(String(res.body ?? '')));
        }
        return res;
      } catch (e) {
        if (e instanceof AlpacaTransportError && attempt < retries) {
          await this.#backoff(attempt);
          continue;
        }
        throw e;
      }
    }
  }

  /** Jittered exponential backoff (the rate limiter adds its own wait after a 429). */
  async #backoff(attempt: number): Promise<void> {
    const base = this.#cfg.baseBackoffMs ?? 250;
    const cap = this.#cfg.maxBackoffMs ?? 5000;
    const ms = Math.min(cap, base * 2 ** attempt) * (0.8 + 0.4 * this.#random());
    await new Promise((r) => setTimeout(r, ms));
  }

  async #once(req: HttpRequest): Promise<HttpResponse> {
    await this.#limiter.acquire();
    const url = new URL(req.base + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const timeoutMs = req.timeoutMs ?? this.#cfg.timeoutMs ?? 10_000;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const started = performance.now();
    const report = (status: number, timedOut: boolean): void =>
      this.#cfg.onResult?.({ method: req.method, path: req.path, status, ms: performance.now() - started, timedOut });
    let res: Response;
    try {
      res = await fetch(url, {
        method: req.method,
        headers: { ...this.#cfg.credentials.headers(), ...(req.body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }),
        redirect: 'manual',
        signal: controller.signal,
      });
    } catch (e) {
      clearTimeout(timer);
      const timedOut = controller.signal.aborted;
      report(0, timedOut);
      const cause = e instanceof Error ? `${e.message}${e.cause instanceof Error ? ` (${e.cause.message})` : ''}` : String(e);
      throw new AlpacaTransportError(this.redact(`${req.method} ${req.path}: ${timedOut ? `no answer within ${timeoutMs} ms` : cause}`), timedOut);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      clearTimeout(timer);
      const timedOut = controller.signal.aborted;
      report(0, timedOut);
      throw new AlpacaTransportError(this.redact(`${req.method} ${req.path}: the answer broke off (${(e as Error).message})`), timedOut);
    } finally {
      clearTimeout(timer);
    }
    this.#limiter.observe(res.status, res.headers);
    report(res.status, false);
    if (res.status >= 300 && res.status < 400) {
      throw new AlpacaTransportError(`${req.method} ${req.path}: refused to follow a redirect (HTTP ${res.status}); Alpaca never redirects`, false);
    }
    // Whatever the server (or a proxy) sends back is scrubbed before it can reach an error or a log.
    text = this.redact(text);
    let body: unknown = null;
    if (text !== '') {
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        body = text;
      }
    }
    return { status: res.status, body };
  }
}
