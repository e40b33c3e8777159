/**
 * Alerts (halts, disconnects, limit breaches) POSTed as JSON to a webhook, fire-and-forget with a
 * short timeout so a slow receiver never stalls trading. Text is redacted before it is sent.
 */

/** One alert. */
export interface Alert {
  readonly kind: 'halt' | 'disconnect' | 'limit_breach' | 'reconcile_failed' | 'stuck' | 'kill_switch' | (string & {});
  readonly message: string;
  readonly marketTime: number | null;
}

/** Receives alerts. */
export interface Alerter {
  alert(alert: Alert): void;
  /** Waits for alerts in flight. */
  flush(): Promise<void>;
}

/** @example const alerts = new WebhookAlerter({ url: process.env.QT_ALERT_WEBHOOK_URL! }); */
export class WebhookAlerter implements Alerter {
  readonly #url: string;
  readonly #redact: (t: string) => string;
  readonly #timeoutMs: number;
  readonly #inFlight = new Set<Promise<void>>();

  constructor(config: { readonly url: string; readonly redact?: (t: string) => string; readonly timeoutMs?: number }) {
    this.#url = new URL(config.url).toString();
    this.#redact = config.redact ?? ((t) => t);
    this.#timeoutMs = config.timeoutMs ?? 3000;
  }

  alert(alert: Alert): void {
    const body = this.#redact(JSON.stringify({ ...alert, at: new Date().toISOString(), source: 'qt-backtest live' }));
    const p = fetch(this.#url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, redirect: 'manual', signal: AbortSignal.timeout(this.#timeoutMs) })
      .then(() => undefined)
      .catch(() => undefined)
      .finally(() => this.#inFlight.delete(p));
    this.#inFlight.add(p);
  }

  async flush(): Promise<void> {
    await Promise.all([...this.#inFlight]);
  }
}

/** Keeps alerts in memory (tests, dry runs). */
export class MemoryAlerter implements Alerter {
  readonly alerts: Alert[] = [];
  alert(alert: Alert): void {
    this.alerts.push(alert);
  }
  async flush(): Promise<void> {}
}
