/**
 * Prometheus metrics in the text exposition format (v0.0.4): counters, gauges and a latency
 * summary, kept in memory and rendered on `/metrics`.
 */

/** Metric names the runner maintains. */
export const METRIC_HELP: Readonly<Record<string, [type: 'counter' | 'gauge' | 'summary', help: string]>> = {
  qt_orders_submitted_total: ['counter', 'Orders sent to the broker'],
  qt_orders_rejected_total: ['counter', 'Orders refused by the broker, the guard or signal validation'],
  qt_fills_total: ['counter', 'Fill increments applied to the book'],
  qt_fills_duplicate_total: ['counter', 'Fill events dropped as duplicates (same execution id)'],
  qt_fills_inferred_total: ['counter', 'Fills inferred by REST reconciliation (missed on the stream)'],
  qt_reconnects_total: ['counter', 'Stream reconnects'],
  qt_reconciliations_total: ['counter', 'REST reconciliations'],
  qt_limit_breaches_total: ['counter', 'Pre-trade limit breaches'],
  qt_api_errors_total: ['counter', 'Failed API calls (5xx, transport) counted by the circuit breaker'],
  qt_rate_limited_total: ['counter', 'HTTP 429 answers'],
  qt_bars_total: ['counter', 'Live bars processed'],
  qt_equity: ['gauge', 'Cash plus positions at last prices'],
  qt_pnl: ['gauge', 'Equity minus starting equity'],
  qt_gross_exposure: ['gauge', 'Sum of absolute position values'],
  qt_drawdown: ['gauge', 'Fraction below peak equity'],
  qt_trading_halted: ['gauge', '1 while trading is halted'],
  qt_request_latency_ms: ['summary', 'Broker API latency in milliseconds'],
};

/** @example metrics.inc('qt_fills_total'); metrics.render(); */
export class Metrics {
  readonly #values = new Map<string, number>();
  readonly #latency: number[] = [];

  inc(name: string, by = 1): void {
    this.#values.set(name, (this.#values.get(name) ?? 0) + by);
  }

  set(name: string, value: number): void {
    this.#values.set(name, value);
  }

  get(name: string): number {
    return this.#values.get(name) ?? 0;
  }

  /** Records one latency (keeps the last 1,000). */
  observeLatency(ms: number): void {
    this.#latency.push(ms);
    if (this.#latency.length > 1000) this.#latency.shift();
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, [type, help]] of Object.entries(METRIC_HELP)) {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      if (type === 'summary') {
        const sorted = [...this.#latency].sort((a, b) => a - b);
        for (const q of [0.5, 0.9, 0.99]) {
          const v = sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
          lines.push(`${name}{quantile="${q}"} ${fmt(v)}`);
        }
        lines.push(`${name}_sum ${fmt(sorted.reduce((a, b) => a + b, 0))}`, `${name}_count ${sorted.length}`);
      } else {
        lines.push(`${name} ${fmt(this.get(name))}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }
}

function fmt(v: number): string {
  return Number.isNaN(v) ? 'NaN' : Number.isFinite(v) ? String(v) : v > 0 ? '+Inf' : '-Inf';
}
