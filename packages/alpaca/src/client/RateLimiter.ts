/**
 * Client-side request budget: a token bucket (default 200 requests per minute) that also obeys the
 * server's `X-RateLimit-Remaining` / `X-RateLimit-Reset` headers — when the server says the budget
 * is spent, every request waits for the reset.
 */

/** Settings of {@link RateLimiter}. */
export interface RateLimiterConfig {
  /** Requests per minute (default 200). */
  readonly perMinute?: number;
  /** Host clock for waiting (injectable for tests; wall time is right here: the limit is the server's). */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * @example
 * const limiter = new RateLimiter({ perMinute: 200 });
 * await limiter.acquire();
 * const res = await fetch(url);
 * limiter.observe(res.status, res.headers);
 */
export class RateLimiter {
  readonly #capacity: number;
  readonly #refillPerMs: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  #tokens: number;
  #last: number;
  /** Host ms before which nothing is sent (the server's reset after a 429 or `Remaining: 0`). */
  #blockedUntil = 0;
  #chain: Promise<void> = Promise.resolve();

  constructor(config: RateLimiterConfig = {}) {
    const perMinute = config.perMinute ?? 200;
    if (!(perMinute > 0)) throw new RangeError(`perMinute must be > 0, got "${perMinute}"`);
    this.#capacity = perMinute;
    this.#refillPerMs = perMinute / 60_000;
    this.#now = config.now ?? Date.now;
    this.#sleep = config.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.#tokens = perMinute;
    this.#last = this.#now();
  }

  /** Host time until which requests are held (0 when not blocked). */
  get blockedUntil(): number {
    return this.#blockedUntil;
  }

  /** Waits for a token (requests are released one at a time, in order). */
  acquire(): Promise<void> {
    const next = this.#chain.then(() => this.#take());
    this.#chain = next.catch(() => {});
    return next;
  }

  async #take(): Promise<void> {
    for (;;) {
      const now = this.#now();
      if (now < this.#blockedUntil) {
        await this.#sleep(this.#blockedUntil - now);
        continue;
      }
      this.#tokens = Math.min(this.#capacity, this.#tokens + (now - this.#last) * this.#refillPerMs);
      this.#last = now;
      if (this.#tokens >= 1) {
        this.#tokens -= 1;
        return;
      }
      await this.#sleep(Math.ceil((1 - this.#tokens) / this.#refillPerMs));
    }
  }

  /**
   * Reads one response's headers. A 429, or `Remaining: 0`, holds every request until
   * `X-RateLimit-Reset` (epoch seconds) — or `Retry-After` seconds, or one second when neither came.
   */
  observe(status: number, headers: { get(name: string): string | null }): void {
    const remaining = Number(headers.get('x-ratelimit-remaining') ?? Number.NaN);
    const reset = Number(headers.get('x-ratelimit-reset') ?? Number.NaN);
    const retryAfter = Number(headers.get('retry-after') ?? Number.NaN);
    const now = this.#now();
    if (Number.isFinite(remaining)) this.#tokens = Math.min(this.#tokens, remaining);
    if (status === 429 || remaining === 0) {
      let until = now + 1000;
      if (Number.isFinite(reset) && reset > 0) until = Math.max(now + 50, reset * 1000);
      if (Number.isFinite(retryAfter)) until = Math.max(until, now + retryAfter * 1000);
      // Never trust a reset absurdly far away (clock skew): cap at one minute.
      this.#blockedUntil = Math.max(this.#blockedUntil, Math.min(until, now + 60_000));
    }
  }
}
