/**
 * Halts trading after repeated API failures. Thresholds (defaults): **open** after 5 consecutive
 * failures or 10 failures within 60 s; stay open 60 s; then **half-open** until the next
 * successful call (a REST reconciliation) closes it, or a failure opens it again. Failures are
 * 5xx answers, timeouts and transport errors; HTTP 429 is the server pacing us, not failing, and
 * never counts; 4xx answers are the request's fault and count as successes of the transport.
 */

/** Breaker states. */
export type BreakerState = 'closed' | 'open' | 'half_open';

/** Settings of {@link CircuitBreaker}. */
export interface CircuitBreakerConfig {
  readonly maxConsecutiveFailures?: number;
  readonly maxFailuresInWindow?: number;
  readonly windowMs?: number;
  readonly cooldownMs?: number;
  readonly now?: () => number;
  readonly onChange?: (state: BreakerState, reason: string) => void;
}

/** @example breaker.record(503); if (!breaker.allows()) skipTrading(); */
export class CircuitBreaker {
  readonly #cfg: Required<Omit<CircuitBreakerConfig, 'onChange'>> & Pick<CircuitBreakerConfig, 'onChange'>;
  #state: BreakerState = 'closed';
  #consecutive = 0;
  #failures: number[] = [];
  #openedAt = 0;

  constructor(config: CircuitBreakerConfig = {}) {
    this.#cfg = {
      maxConsecutiveFailures: config.maxConsecutiveFailures ?? 5,
      maxFailuresInWindow: config.maxFailuresInWindow ?? 10,
      windowMs: config.windowMs ?? 60_000,
      cooldownMs: config.cooldownMs ?? 60_000,
      now: config.now ?? Date.now,
      ...(config.onChange === undefined ? {} : { onChange: config.onChange }),
    };
  }

  get state(): BreakerState {
    if (this.#state === 'open' && this.#cfg.now() - this.#openedAt >= this.#cfg.cooldownMs) this.#set('half_open', 'cooldown elapsed');
    return this.#state;
  }

  /** Whether new orders may be sent (closed only: half-open waits for a successful reconciliation). */
  allows(): boolean {
    return this.state === 'closed';
  }

  /** Records one API outcome: an HTTP status, or 0 for a transport failure/timeout. */
  record(status: number): void {
    if (status === 429) return;
    const failure = status === 0 || status >= 500;
    const now = this.#cfg.now();
    if (!failure) {
      this.#consecutive = 0;
      if (this.state === 'half_open') this.#set('closed', 'a call succeeded after the cooldown');
      return;
    }
    this.#consecutive++;
    this.#failures = this.#failures.filter((t) => now - t < this.#cfg.windowMs);
    this.#failures.push(now);
    const state = this.state;
    if (state === 'half_open') this.#open(now, 'a call failed while half-open');
    else if (state === 'closed' && this.#consecutive >= this.#cfg.maxConsecutiveFailures) this.#open(now, `${this.#consecutive} consecutive API failures`);
    else if (state === 'closed' && this.#failures.length >= this.#cfg.maxFailuresInWindow) this.#open(now, `${this.#failures.length} API failures within ${this.#cfg.windowMs} ms`);
  }

  #open(now: number, reason: string): void {
    this.#openedAt = now;
    this.#set('open', reason);
  }

  #set(state: BreakerState, reason: string): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#cfg.onChange?.(state, reason);
  }
}
