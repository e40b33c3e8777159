/**
 * The sweep part of a tear sheet: the parameter grid as a heat map (two swept parameters) or a
 * line (one), the number of trials, the deflated Sharpe ratio of the best, and the trials table.
 * A pure function of the trials' data.
 */
import { escapeHtml, formatNumber, formatPercent, heatColor, lineChart } from './svgCharts.js';

/** One trial of a parameter sweep. */
export interface SweepTrial {
  /** Trial number, from 1. */
  readonly trial: number;
  readonly params: Readonly<Record<string, number | boolean | string>>;
  /** The trial's headline metrics (as `result.json`); absent when it failed. */
  readonly metrics?: Readonly<Record<string, number>>;
  readonly error?: string | undefined;
}

/** What the sweep section shows. */
export interface SweepReport {
  /** The metric that picked the best trial, e.g. `sharpeRatio`. */
  readonly metric: string;
  /** The swept parameters (those with more than one value), in grid order. */
  readonly swept: readonly string[];
  readonly trials: readonly SweepTrial[];
  /** The best trial's number. */
  readonly best: number;
  /** Probability that the best trial's Sharpe ratio reflects skill, given the trials (Bailey & López de Prado). */
  readonly deflatedSharpeRatio: number;
  /** Parameter sets skipped before running (inconsistent, e.g. fast >= slow). */
  readonly skipped?: number;
}

/** The most trials listed in the table (best first). */
export const SWEEP_MAX_ROWS = 200;

const COLUMNS: readonly [string, string, (v: number) => string][] = [
  ['sharpeRatio', 'Sharpe', (v) => formatNumber(v)],
  ['annualReturn', 'CAGR', (v) => formatPercent(v)],
  ['totalReturn', 'Total return', (v) => formatPercent(v)],
  ['maxDrawdown', 'Max drawdown', (v) => formatPercent(v)],
  ['numTrades', 'Trades', (v) => formatNumber(v, 0)],
];

function metricFormat(metric: string): (v: number) => string {
  return COLUMNS.find(([k]) => k === metric)?.[2] ?? ((v: number) => formatNumber(v, 3));
}

const sortKey = (v: number | boolean | string): number | string => (typeof v === 'number' ? v : String(v));
function distinct(values: readonly (number | boolean | string)[]): (number | boolean | string)[] {
  const out = [...new Set(values)];
  out.sort((a, b) => {
    const x = sortKey(a);
    const y = sortKey(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return out;
}

/**
 * Renders the sweep section's HTML (no `<section>` wrapper): a summary, the heat map or line of
 * the metric over the swept parameters, and the trials table, best first.
 *
 * @example
 * const html = sweepSection({ metric: 'sharpeRatio', swept: ['fast'], trials, best: 3, deflatedSharpeRatio: 0.41 });
 */
export function sweepSection(report: SweepReport): string {
  const fmt = metricFormat(report.metric);
  const value = (t: SweepTrial): number => t.metrics?.[report.metric] ?? Number.NaN;
  const ran = report.trials.filter((t) => t.metrics !== undefined);
  const failed = report.trials.length - ran.length;
  const best = report.trials.find((t) => t.trial === report.best);
  const paramText = (t: SweepTrial): string => Object.entries(t.params).map(([k, v]) => `${k}=${String(v)}`).join(' ');
  const summary =
    '<table class="sweep-summary"><tbody>' +
    [
      ['Trials', `${report.trials.length} run${failed > 0 ? `, ${failed} failed` : ''}${report.skipped ? `; ${report.skipped} invalid sets skipped` : ''}`],
      ['Best trial', best === undefined ? '—' : `#${best.trial}: ${paramText(best)}`],
      [`Best ${report.metric}`, best === undefined ? '—' : fmt(value(best))],
      ['Deflated Sharpe ratio', `${formatNumber(report.deflatedSharpeRatio, 3)} (probability that the best Sharpe is skill, not the luck of ${ran.length} tries)`],
    ]
      .map(([k, v]) => `<tr><td>${escapeHtml(k ?? '')}</td><td>${escapeHtml(v ?? '')}</td></tr>`)
      .join('') +
    '</tbody></table>';

  // Scale of the colours: distance from the median metric, saturating at the largest distance.
  const finite = ran.map(value).filter(Number.isFinite).sort((a, b) => a - b);
  const median = finite.length === 0 ? 0 : (finite[Math.floor((finite.length - 1) / 2)]! + finite[Math.ceil((finite.length - 1) / 2)]!) / 2;
  let scale = 0;
  for (const v of finite) scale = Math.max(scale, Math.abs(v - median));

  let grid = '';
  const [p1, p2] = report.swept;
  if (p1 !== undefined && p2 !== undefined && report.swept.length === 2) {
    const rows = distinct(report.trials.map((t) => t.params[p1]!));
    const cols = distinct(report.trials.map((t) => t.params[p2]!));
    const cell = new Map<string, SweepTrial>();
    for (const t of report.trials) cell.set(`${String(t.params[p1])}\u0000${String(t.params[p2])}`, t);
    grid =
      `<h3>${escapeHtml(report.metric)} by ${escapeHtml(p1)} (rows) and ${escapeHtml(p2)} (columns)</h3>` +
      `<div class="scroll"><table class="heat sweep-grid"><thead><tr><th>${escapeHtml(p1)} \\ ${escapeHtml(p2)}</th>${cols.map((c) => `<th>${escapeHtml(String(c))}</th>`).join('')}</tr></thead><tbody>` +
      rows
        .map((r) => {
          const tds = cols
            .map((c) => {
              const t = cell.get(`${String(r)}\u0000${String(c)}`);
              if (t === undefined) return '<td class="empty" title="skipped">·</td>';
              const v = value(t);
              const mark = t.trial === report.best ? ' class="best"' : '';
              return `<td${mark} style="background:${heatColor(v - median, scale)}" title="trial ${t.trial}">${escapeHtml(Number.isFinite(v) ? fmt(v) : '—')}</td>`;
            })
            .join('');
          return `<tr><th scope="row">${escapeHtml(String(r))}</th>${tds}</tr>`;
        })
        .join('') +
      '</tbody></table></div>' +
      `<p class="note">Colour: distance from the median ${escapeHtml(report.metric)} (${escapeHtml(fmt(median))}); the best trial is outlined; · = skipped set.</p>`;
  } else if (p1 !== undefined && report.swept.length === 1) {
    const pts = report.trials.filter((t) => typeof t.params[p1] === 'number').sort((a, b) => (a.params[p1] as number) - (b.params[p1] as number));
    grid = lineChart({
      x: pts.map((t) => t.params[p1] as number),
      series: [{ name: report.metric, values: pts.map(value), color: '#1f6feb' }],
      title: `${report.metric} by ${p1}`,
      yFormat: fmt,
      height: 260,
    });
  } else if (report.swept.length > 2) {
    grid = `<p class="note">${report.swept.length} parameters were swept; the trials table below lists every set.</p>`;
  }

  const ordered = [...report.trials].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (Number.isNaN(x) !== Number.isNaN(y)) return Number.isNaN(x) ? 1 : -1;
    return y - x || a.trial - b.trial;
  });
  const shown = ordered.slice(0, SWEEP_MAX_ROWS);
  const names = report.swept.length > 0 ? report.swept : Object.keys(report.trials[0]?.params ?? {});
  const cols = COLUMNS.filter(([k]) => ran.some((t) => t.metrics?.[k] !== undefined));
  const extra = cols.some(([k]) => k === report.metric) ? [] : [[report.metric, report.metric, fmt] as const];
  const head = ['#', 'Trial', ...names, ...extra.map(([, h]) => h), ...cols.map(([, h]) => h)];
  const body = shown
    .map((t, i) => {
      const cells = [
        String(i + 1),
        String(t.trial),
        ...names.map((k) => String(t.params[k] ?? '')),
        ...extra.map(([k, , f]) => (t.metrics === undefined ? '' : f(t.metrics[k] ?? Number.NaN))),
        ...cols.map(([k, , f]) => (t.metrics === undefined ? (k === 'sharpeRatio' ? `failed: ${t.error ?? ''}` : '') : f(t.metrics[k] ?? Number.NaN))),
      ];
      return `<tr${t.trial === report.best ? ' class="best"' : ''}>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
    })
    .join('');
  const trialsTable =
    `<h3>Trials, best ${escapeHtml(report.metric)} first</h3>` +
    `<div class="scroll"><table class="trials"><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table></div>` +
    (ordered.length > shown.length ? `<p class="note">The best ${shown.length} of ${ordered.length} trials; all are in trials.csv and trials.json.</p>` : '');

  return `${summary}${grid}${trialsTable}<p class="note">The rest of this page is the best trial's report. Choosing the best of many trials inflates its Sharpe ratio; the deflated Sharpe ratio corrects for the number of trials.</p>`;
}
