/**
 * The factor tear sheet: a self-contained HTML page (inline SVG, no scripts, no network) with the
 * IC series and histogram, IC decay over periods, mean return by quantile, cumulative returns by
 * quantile, the top-minus-bottom spread, turnover and rank autocorrelation.
 */
import { barChart, escapeHtml, formatNumber, formatPercent, histogram, lineChart } from '@qt-backtest/core';
import type { DatedPeriodValues, FactorReport } from './FactorReport.js';

const COLORS = ['#b2182b', '#ef8a62', '#999999', '#67a9cf', '#2166ac', '#1b7837', '#762a83', '#e08214', '#542788', '#8c510a'];

const CSS = `body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#fafafa;color:#222}
main{max-width:1000px;margin:0 auto;padding:16px}h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:13px;margin:8px 0}td,th{border:1px solid #ddd;padding:4px 8px;text-align:right}
th:first-child,td:first-child{text-align:left}svg{background:#fff;border:1px solid #eee;margin:6px 0;display:block}
.note{color:#666;font-size:12px}`;

/** Options of {@link renderFactorTearSheet}. */
export interface FactorTearSheetOptions {
  /** Page title (default "Factor tear sheet"). */
  readonly title?: string;
  /** Extra lines shown under the title (inputs, settings). */
  readonly notes?: readonly string[];
}

function times(rows: readonly DatedPeriodValues[]): Float64Array {
  return Float64Array.from(rows, (r) => Date.parse(r.date.length === 10 ? `${r.date}T00:00:00Z` : r.date));
}

function column(rows: readonly DatedPeriodValues[], key: string): Float64Array {
  return Float64Array.from(rows, (r) => (typeof r[key] === 'number' ? (r[key] as number) : Number.NaN));
}

function rolling(values: Float64Array, window: number): Float64Array {
  const out = new Float64Array(values.length).fill(Number.NaN);
  let s = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i]!)) {
      s += values[i]!;
      c++;
    }
    if (i >= window && Number.isFinite(values[i - window]!)) {
      s -= values[i - window]!;
      c--;
    }
    if (i >= window - 1 && c > 0) out[i] = s / c;
  }
  return out;
}

/** Cumulative growth of 1 from per-date returns of a `period`-row horizon, compounded at 1/period per row. */
function cumulative(values: Float64Array, period: number): Float64Array {
  const out = new Float64Array(values.length);
  let g = 1;
  for (let i = 0; i < values.length; i++) {
    const r = values[i]!;
    if (Number.isFinite(r)) g *= (1 + r) ** (1 / period);
    out[i] = g;
  }
  return out;
}

const v = (x: number | null | undefined, digits = 4) => (x === null || x === undefined ? '—' : formatNumber(x, digits));

/**
 * Renders the report of `analyzeFactor` as one HTML document.
 *
 * @example
 * await writeFile('factor.html', renderFactorTearSheet(analyzeFactor(input), { title: 'Momentum 20d' }));
 */
export function renderFactorTearSheet(report: FactorReport, options: FactorTearSheetOptions = {}): string {
  const title = options.title ?? 'Factor tear sheet';
  const keys = report.periods.map(String);
  const x = times(report.ic);
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(title)}</h1>`);
  for (const line of options.notes ?? []) parts.push(`<p class="note">${escapeHtml(line)}</p>`);
  const d = report.dropped;
  parts.push(
    `<p class="note">${d.kept.toLocaleString('en-US')} of ${d.input.toLocaleString('en-US')} factor rows analysed; dropped: ` +
      `${d.nonFiniteFactor} non-finite factor, ${d.missingForwardReturns} without forward returns, ${d.binning} in dates with non-unique quantile edges. ` +
      `Periods ${keys.join(', ')} rows; ${report.quantiles} quantiles per date (pd.qcut); returns demeaned by the date's universe mean.</p>`,
  );

  parts.push('<section data-section="ic"><h2>Information coefficient</h2><table><tr><th></th>' + keys.map((k) => `<th>${k}</th>`).join('') + '</tr>');
  const rows: Array<[string, (k: string) => string]> = [
    ['IC mean', (k) => v(report.icSummary[k]!.mean)],
    ['IC std.', (k) => v(report.icSummary[k]!.std)],
    ['Risk-adjusted IC', (k) => v(report.icSummary[k]!.riskAdjusted)],
    ['t-stat (IC)', (k) => v(report.icSummary[k]!.tStat, 3)],
    ['p-value (IC)', (k) => (report.icSummary[k]!.pValue === null ? '—' : report.icSummary[k]!.pValue!.toExponential(3))],
    ['IC skew', (k) => v(report.icSummary[k]!.skew, 3)],
    ['IC kurtosis', (k) => v(report.icSummary[k]!.kurtosis, 3)],
    ['Ann. alpha', (k) => (report.alphaBeta[k]!.annualAlpha === null ? '—' : formatPercent(report.alphaBeta[k]!.annualAlpha!))],
    ['Beta', (k) => v(report.alphaBeta[k]!.beta, 3)],
  ];
  for (const [label, f] of rows) parts.push(`<tr><td>${label}</td>${keys.map((k) => `<td>${f(k)}</td>`).join('')}</tr>`);
  parts.push('</table>');

  for (const k of keys) {
    const ic = column(report.ic, k);
    parts.push(
      lineChart({
        x,
        timeAxis: true,
        title: `IC, ${k}-period forward returns (1-month moving average in blue)`,
        referenceY: 0,
        height: 220,
        series: [
          { name: 'IC', values: ic, color: '#9ecae1' },
          { name: '21-date mean', values: rolling(ic, 21), color: '#08519c' },
        ],
      }),
    );
    const mean = report.icSummary[k]!.mean;
    parts.push(
      histogram({
        values: ic,
        title: `IC distribution, ${k}-period`,
        bins: 40,
        height: 200,
        ...(mean === null ? {} : { markers: [{ value: mean, label: `mean ${formatNumber(mean, 3)}`, color: '#b2182b' }] }),
      }),
    );
  }
  parts.push(
    barChart({
      labels: keys.map((k) => `${k}-period`),
      values: keys.map((k) => report.icSummary[k]!.mean ?? Number.NaN),
      title: 'IC decay: mean IC by forward-return period',
      height: 220,
      format: (y) => formatNumber(y, 3),
    }),
  );

  parts.push('</section><section data-section="returns"><h2>Returns by quantile</h2>');
  for (const k of keys) {
    const q = report.meanReturnByQuantile[k]!;
    parts.push(
      barChart({
        labels: q.map((e) => `Q${e.quantile}`),
        values: q.map((e) => (e.mean ?? Number.NaN) * 1e4),
        title: `Mean ${k}-period forward return by quantile, demeaned (bps)`,
        height: 220,
        format: (y) => formatNumber(y, 1),
      }),
    );
  }
  const first = keys[0]!;
  const p0 = report.periods[0]!;
  const qSeries = Object.keys(report.meanReturnByQuantileByDate).map((q, i) => ({
    name: `Q${q}`,
    values: cumulative(column(report.meanReturnByQuantileByDate[q]!, first), p0),
    color: COLORS[Math.round((i * (COLORS.length > 5 ? 4 : COLORS.length - 1)) / Math.max(1, report.quantiles - 1)) % COLORS.length]!,
  }));
  parts.push(lineChart({ x, timeAxis: true, title: `Cumulative demeaned return by quantile (${first}-period)`, series: qSeries, referenceY: 1, height: 280 }));
  const top = String(report.quantiles);
  for (const k of keys) {
    const spread = column(report.meanReturnByQuantileByDate[top]!, k).map((a, i) => a - column(report.meanReturnByQuantileByDate['1']!, k)[i]!);
    parts.push(
      lineChart({
        x,
        timeAxis: true,
        title: `Top minus bottom quantile mean return, ${k}-period (bps; 1-month mean in red)`,
        referenceY: 0,
        height: 200,
        series: [
          { name: 'spread', values: spread.map((s) => s * 1e4), color: '#6baed6' },
          { name: '21-date mean', values: rolling(spread, 21).map((s) => s * 1e4), color: '#b2182b' },
        ],
        yFormat: (y) => formatNumber(y, 0),
      }),
    );
  }
  parts.push(
    lineChart({
      x: times(report.factorReturns),
      timeAxis: true,
      title: `Factor-weighted long-short portfolio, cumulative (${first}-period returns)`,
      referenceY: 1,
      height: 220,
      series: [{ name: 'factor portfolio', values: cumulative(column(report.factorReturns, first), p0), color: '#2166ac' }],
    }),
  );

  parts.push('</section><section data-section="turnover"><h2>Turnover and rank autocorrelation</h2>');
  for (const k of keys) {
    const tq = [['1', COLORS[0]!], [top, COLORS[4]!]] as const;
    parts.push(
      lineChart({
        x: Float64Array.from(report.quantileTurnover['1']![k]!, (e) => Date.parse(`${e.date.slice(0, 10)}T00:00:00Z`)),
        timeAxis: true,
        title: `Quantile turnover, ${k}-period: share of names new to the quantile (21-date mean)`,
        height: 200,
        series: tq.map(([q, color]) => ({
          name: `Q${q}`,
          values: rolling(alignTo(report.quantileTurnover['1']![k]!.map((e) => e.date), report.quantileTurnover[q]![k]!), 21),
          color,
        })),
        yFormat: (y) => formatPercent(y, 0),
      }),
    );
  }
  for (const k of keys) {
    const ac = report.rankAutocorrelation[k]!;
    parts.push(
      lineChart({
        x: Float64Array.from(ac, (e) => Date.parse(`${e.date.slice(0, 10)}T00:00:00Z`)),
        timeAxis: true,
        title: `Factor rank autocorrelation, lag ${k}`,
        height: 200,
        series: [{ name: 'autocorrelation', values: Float64Array.from(ac, (e) => e.value ?? Number.NaN), color: '#54278f' }],
      }),
    );
  }
  parts.push('</section>');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${CSS}</style></head><body><main>${parts.join('\n')}</main></body></html>\n`;
}

function alignTo(dates: readonly string[], series: readonly { date: string; value: number | null }[]): Float64Array {
  const m = new Map(series.map((e) => [e.date, e.value ?? Number.NaN]));
  return Float64Array.from(dates, (d) => m.get(d) ?? Number.NaN);
}
