/**
 * The offline HTML tear sheet of a backtest: one self-contained document (inline CSS and SVG, no
 * script, no network, no external fonts) with the headline metrics, equity (linear and log),
 * drawdowns, monthly and annual returns, rolling Sharpe and volatility, the return distribution,
 * the top drawdowns and the trade list. Each section carries a stable `data-section` attribute.
 */
import { benchmarkReturns } from '../analyzer/benchmarkCurve.js';
import { annualReturn } from '../analyzer/annualReturn.js';
import { annualVolatility } from '../analyzer/annualVolatility.js';
import { calmarRatio } from '../analyzer/calmarRatio.js';
import { conditionalValueAtRisk } from '../analyzer/conditionalValueAtRisk.js';
import { drawdownPeriods } from '../analyzer/drawdownPeriods.js';
import { drawdownSeries } from '../analyzer/drawdownSeries.js';
import { kurtosis } from '../analyzer/kurtosis.js';
import { maxDrawdown } from '../analyzer/maxDrawdown.js';
import { periodsPerYearFor } from '../analyzer/periodsPerYearFor.js';
import { equityReturns, resultMetrics } from '../analyzer/resultMetrics.js';
import { rollingBeta } from '../analyzer/rollingBeta.js';
import { rollingSharpe } from '../analyzer/rollingSharpe.js';
import { rollingVolatility } from '../analyzer/rollingVolatility.js';
import { sharpeRatio } from '../analyzer/sharpeRatio.js';
import { skewness } from '../analyzer/skewness.js';
import { sortinoRatio } from '../analyzer/sortinoRatio.js';
import { stabilityOfTimeseries } from '../analyzer/stabilityOfTimeseries.js';
import { tailRatio } from '../analyzer/tailRatio.js';
import { totalReturn } from '../analyzer/totalReturn.js';
import { valueAtRisk } from '../analyzer/valueAtRisk.js';
import type { BacktestResult } from '../backtest/BacktestResult.js';
import { InvariantError } from '../errors.js';
import { timeFormatter } from './resultToJson.js';
import {
  areaChart,
  barChart,
  escapeHtml,
  formatAmount,
  formatNumber,
  formatPercent,
  heatColor,
  histogram,
  lineChart,
} from './svgCharts.js';
import type { RobustnessVariant, TearSheetOptions } from './reportOptions.js';
import { sweepSection } from './sweepSection.js';
import { priceChartSymbols } from './tearSheetExtras.js';

export type { RobustnessVariant, TearSheetOptions } from './reportOptions.js';


/**
 * The most trades listed in the trade table (a note says how many more there are and where the
 * full list is: trades.csv and result.json beside the report).
 */
export const TEAR_SHEET_MAX_TRADES = 1000;

/** A trade's net P&L, under either vocabulary (`pnl`, or the older `netPnl`). */
function tradePnl(t: object): number {
  const r = t as Record<string, unknown>;
  const v = r['pnl'] ?? r['netPnl'];
  return typeof v === 'number' ? v : NaN;
}


/** A finding of the engine's run diagnostics, read defensively (any missing field is left out). */
interface DiagnosticRow {
  readonly code: string;
  readonly message: string;
  readonly count: string;
  readonly examples: string;
}

/** `result.diagnostics` (when the engine provides them) as table rows; `undefined` when absent. */
function diagnosticsOf(result: object): DiagnosticRow[] | undefined {
  const list = (result as { diagnostics?: unknown }).diagnostics;
  if (!Array.isArray(list)) return undefined;
  return list.map((d: unknown) => {
    const r = (typeof d === 'object' && d !== null ? d : { message: String(d) }) as Record<string, unknown>;
    const text = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v) ?? '');
    const ex = Array.isArray(r['examples']) ? r['examples'].slice(0, 3).map(text).join('; ') : text(r['examples']);
    return { code: text(r['code'] ?? r['severity']), message: text(r['message']), count: text(r['count']), examples: ex };
  });
}

/** Headline numbers of an equity curve (for the robustness panel). */
function curveStats(equity: Float64Array, initialCash: number, ppy: number): number[] {
  const r = new Float64Array(equity.length);
  let prev = initialCash;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i] ?? NaN;
    r[i] = e / prev - 1;
    prev = e;
  }
  const o = { periodsPerYear: ppy };
  return [totalReturn(r), annualReturn(r, o), sharpeRatio(r, o), maxDrawdown(r)];
}

/** A value's share of equity at each bar (NaN where equity is not > 0). */
function shareOfEquity(values: (i: number) => number, equity: Float64Array): Float64Array {
  const out = new Float64Array(equity.length);
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i] ?? NaN;
    out[i] = e > 0 ? values(i) / e : NaN;
  }
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

interface Period {
  readonly key: number;
  readonly year: number;
  readonly month: number;
  readonly ret: number;
}

/** Compounded returns per calendar month (UTC), in time order. */
function monthlyReturns(time: Float64Array, returns: Float64Array): Period[] {
  const out: Period[] = [];
  let growth = 1;
  let key = NaN;
  let year = 0;
  let month = 0;
  for (let i = 0; i < time.length; i++) {
    const d = new Date(time[i] ?? 0);
    const k = d.getUTCFullYear() * 12 + d.getUTCMonth();
    if (k !== key) {
      if (!Number.isNaN(key)) out.push({ key, year, month, ret: growth - 1 });
      key = k;
      year = d.getUTCFullYear();
      month = d.getUTCMonth();
      growth = 1;
    }
    const r = returns[i] ?? NaN;
    if (Number.isFinite(r)) growth *= 1 + r;
  }
  if (!Number.isNaN(key)) out.push({ key, year, month, ret: growth - 1 });
  return out;
}

/** The header's symbols: the traded ones (at most 40 named), then the benchmark, never among them. */
function symbolsLine(traded: readonly string[], benchmark: string | undefined): string {
  const named = traded.length > 40 ? `${traded.slice(0, 40).join(', ')} and ${traded.length - 40} more` : traded.join(', ');
  return `Traded (${traded.length}): ${escapeHtml(named)}${benchmark === undefined ? '' : ` · benchmark ${escapeHtml(benchmark)} (not traded)`}`;
}

function section(name: string, title: string, body: string): string {
  return `<section id="${name}" data-section="${name}"><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[], cls = ''): string {
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(v)}</td>`).join('')}</tr>`).join('');
  return `<table class="${cls}"><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`;
}

const CSS = `
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;padding:16px 24px 48px;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1f2328;background:#f6f8fa}
main{max-width:1100px;margin:0 auto}
header h1{font-size:22px;margin:8px 0 4px}
header p{margin:2px 0;color:#57606a;overflow-wrap:anywhere}
header code{overflow-wrap:anywhere;word-break:break-word;white-space:normal}
nav{margin:10px 0 4px;display:flex;flex-wrap:wrap;gap:6px 14px;font-size:13px}
nav a{color:#0969da;text-decoration:none}
section{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:12px 16px;margin:14px 0}
h2{font-size:16px;margin:0 0 8px}
h3{font-size:14px;margin:10px 0 4px}
table{border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:13px}
th,td{padding:3px 8px;border-bottom:1px solid #eaeef2;text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}
thead th{background:#f6f8fa;position:sticky;top:0}
.metrics{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.scroll{max-height:480px;overflow:auto;border:1px solid #eaeef2}
table.heat td{text-align:center;min-width:56px}
svg.chart{display:block;width:100%;height:auto;max-width:100%}
svg .chart-title{font-size:13px;font-weight:600;fill:#1f2328}
svg .tick{font-size:11px;fill:#57606a}
svg .legend,svg .bar-value{font-size:11px;fill:#1f2328}
svg .grid{stroke:#eaeef2}
svg .axis,svg .tickmark{stroke:#8c959f}
svg .reference{stroke:#8c959f;stroke-dasharray:3 3}
.note{color:#57606a;font-size:12px;margin:6px 0 0}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:8px}
.grid3{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:8px}
table.diagnostics td,table.robustness td{white-space:normal}
table.sweep-grid td.best,table.trials tr.best td{outline:2px solid #1f2328;outline-offset:-2px;font-weight:600}
table.sweep-summary td{white-space:normal}
`;

/**
 * Renders the tear sheet of a backtest as one self-contained HTML document. Deterministic: the
 * same result and options give the same string (the run's wall time is not shown). Every text
 * from the result (strategy, parameters, symbols) is HTML-escaped.
 *
 * The headline metrics are `resultMetrics` (the same numbers as `result.json`), computed on the
 * simple periodic returns of the equity curve (`equityReturns`) with `options.periodsPerYear` or
 * the calendar frequency of the time index (`periodsPerYearFor`).
 *
 * @throws InvariantError if the result has no bars, periodsPerYear is not a finite number > 0, or
 *   the benchmark is not aligned with `result.time`.
 * @example
 * writeFileSync('tear-sheet.html', renderTearSheet(result, { title: 'Momentum rotation' }));
 */
export function renderTearSheet(result: BacktestResult, options: TearSheetOptions = {}): string {
  const { time, equity } = result;
  const n = time.length;
  const ppy = options.periodsPerYear ?? periodsPerYearFor(time);
  if (n === 0 || !Number.isFinite(ppy) || !(ppy > 0)) {
    throw new InvariantError(`cannot render a tear sheet of ${n} bar(s) with periodsPerYear ${String(ppy)}`);
  }
  const metricOptions = { periodsPerYear: ppy };
  const fmtTime = timeFormatter(time);
  const returns = equityReturns(result);
  const title = options.title ?? `${result.strategy} tear sheet`;

  const bench = options.benchmark;
  let benchCurve: Float64Array | undefined;
  let benchReturns: Float64Array | undefined;
  if (bench !== undefined) {
    if (bench.equity.length !== n) {
      throw new InvariantError(`benchmark "${bench.name}" has ${bench.equity.length} values, the result has ${n} bars`);
    }
    const base = bench.equity[0] ?? NaN;
    benchCurve = bench.equity.map((v) => (v / base) * result.initialCash);
    benchReturns = benchmarkReturns(bench.equity);
  }

  // Headline metrics: the strategy's from resultMetrics (as result.json), the benchmark's alike.
  const m = resultMetrics(result, benchReturns === undefined ? { periodsPerYear: ppy } : { periodsPerYear: ppy, benchmarkReturns: benchReturns });
  const stratValues = [
    m.totalReturn, m.annualReturn, m.annualVolatility, m.sharpeRatio, m.sortinoRatio, m.calmarRatio, m.maxDrawdown,
    m.valueAtRisk, m.conditionalValueAtRisk, m.skewness, m.kurtosis, m.tailRatio, m.stability,
  ];
  const seriesValues = (r: Float64Array): number[] => [
    totalReturn(r), annualReturn(r, metricOptions), annualVolatility(r, metricOptions), sharpeRatio(r, metricOptions),
    sortinoRatio(r, metricOptions), calmarRatio(r, metricOptions), maxDrawdown(r), valueAtRisk(r),
    conditionalValueAtRisk(r), skewness(r), kurtosis(r), tailRatio(r), stabilityOfTimeseries(r),
  ];
  const metricNames: readonly [string, (v: number) => string][] = [
    ['Total return', formatPercent],
    ['CAGR', formatPercent],
    ['Annual volatility', formatPercent],
    ['Sharpe ratio', formatNumber],
    ['Sortino ratio', formatNumber],
    ['Calmar ratio', formatNumber],
    ['Max drawdown', formatPercent],
    ['VaR (5%, per period)', formatPercent],
    ['CVaR (5%, per period)', formatPercent],
    ['Skewness', formatNumber],
    ['Excess kurtosis', formatNumber],
    ['Tail ratio', formatNumber],
    ['Stability', formatNumber],
  ];
  const bmValues = benchReturns === undefined ? undefined : seriesValues(benchReturns);
  const headlineRows = metricNames.map(([name, fmt], i) => {
    const row = [name, fmt(stratValues[i] ?? NaN)];
    if (bmValues !== undefined) row.push(fmt(bmValues[i] ?? NaN));
    return row;
  });
  if (bmValues !== undefined) {
    headlineRows.push(
      ['Alpha (annual)', formatPercent(m.alpha ?? NaN), ''],
      ['Beta', formatNumber(m.beta ?? NaN), ''],
      ['Information ratio', formatNumber(m.informationRatio ?? NaN), ''],
    );
  }
  const headlineTable = table(bmValues === undefined ? ['Metric', 'Strategy'] : ['Metric', 'Strategy', bench?.name ?? 'Benchmark'], headlineRows, 'headline');
  const hours = m.averageHoldingMs / 3_600_000;
  const tradeRows: string[][] = [
    ['Closed trades', String(m.numTrades)],
    ['Win rate', formatPercent(m.winRate, 1)],
    ['Profit factor', formatNumber(m.profitFactor)],
    ['Expectancy (per trade)', formatAmount(m.expectancy)],
    ['Average win / loss', `${formatAmount(m.averageWin)} / ${formatAmount(m.averageLoss)}`],
    ['Average holding', !Number.isFinite(hours) ? '— (no closed trades)' : hours >= 48 ? `${formatNumber(hours / 24, 1)} days` : `${formatNumber(hours, 1)} hours`],
    ['Max consecutive losses', String(m.maxConsecutiveLosses)],
    ['Time in market', formatPercent(m.timeInMarket, 1)],
    ['Average gross exposure', formatPercent(m.averageGrossExposure, 1)],
    ['Turnover (per year)', formatPercent(m.turnover, 0)],
    ['Fees / borrow / interest', `${formatAmount(m.feesPaid)} / ${formatAmount(m.borrowPaid)} / ${formatAmount(m.interestReceived)}`],
  ];
  const tradesTable = table(['Trades and exposure', ''], tradeRows, 'trade-stats');
  const runRows: string[][] = [
    ['Period', `${fmtTime(time[0] ?? 0)} → ${fmtTime(time[n - 1] ?? 0)}`],
    ['Bars', String(n)],
    ['Periods per year', formatNumber(ppy, 1)],
    ['Initial cash', formatAmount(result.initialCash)],
    ['Final equity', formatAmount(result.finalEquity)],
    ['Fill model', `${result.policy.fillModel}, ${result.policy.fillTiming}`],
    ['Slippage', result.policy.slippage],
    ['Fee model', result.policy.fees],
  ];
  const runTable = table(['Run', ''], runRows, 'run');

  // Equity (linear and log).
  const eqSeries = [{ name: result.strategy, values: equity, color: '#1f6feb' }];
  if (benchCurve !== undefined) eqSeries.push({ name: bench?.name ?? 'Benchmark', values: benchCurve, color: '#8c959f' });
  const amount = (v: number): string => formatAmount(v, 0);
  const equityCharts =
    lineChart({ x: time, series: eqSeries, title: 'Equity (linear scale)', timeAxis: true, yFormat: amount, height: 320 }) +
    lineChart({ x: time, series: eqSeries, title: 'Equity (log scale)', timeAxis: true, yFormat: amount, logScale: true, height: 260 });

  // Drawdown.
  const dd = drawdownSeries(returns);
  const ddSeries = [{ name: result.strategy, values: dd, color: '#c62828' }];
  if (benchReturns !== undefined) ddSeries.push({ name: bench?.name ?? 'Benchmark', values: drawdownSeries(benchReturns), color: '#8c959f' });
  const ddChart = areaChart({ x: time, series: ddSeries, title: 'Underwater (drawdown from running peak)', timeAxis: true, yFormat: (v) => formatPercent(v, 0), height: 240 });

  // Monthly heat map.
  const months = monthlyReturns(time, returns);
  const years = [...new Set(months.map((m) => m.year))];
  let scale = 0.01;
  for (const m of months) if (Number.isFinite(m.ret)) scale = Math.max(scale, Math.abs(m.ret));
  const byKey = new Map(months.map((m) => [m.key, m.ret]));
  const heatRows = years
    .map((y) => {
      const cells = MONTHS.map((_, m) => {
        const r = byKey.get(y * 12 + m);
        if (r === undefined) return '<td class="empty"></td>';
        return `<td style="background:${heatColor(r, scale)}">${escapeHtml(formatPercent(r, 1))}</td>`;
      }).join('');
      return `<tr><th scope="row">${y}</th>${cells}</tr>`;
    })
    .join('');
  const heatMap =
    `<table class="heat"><thead><tr><th>Year</th>${MONTHS.map((m) => `<th>${m}</th>`).join('')}</tr></thead>` +
    `<tbody>${heatRows}</tbody></table>` +
    `<p class="note">Compounded strategy return per calendar month; colour saturates at ±${escapeHtml(formatPercent(scale, 1))}.</p>`;

  // Annual returns.
  const annual = years.map((y) => months.filter((m) => m.year === y).reduce((g, m) => g * (1 + m.ret), 1) - 1);
  let benchAnnual: number[] | undefined;
  if (benchReturns !== undefined) {
    const bm = monthlyReturns(time, benchReturns);
    benchAnnual = years.map((y) => bm.filter((m) => m.year === y).reduce((g, m) => g * (1 + m.ret), 1) - 1);
  }
  const annualChart = barChart({
    labels: years.map(String),
    values: annual,
    title: benchAnnual === undefined ? 'Return per calendar year' : `Return per calendar year, beside ${bench?.name ?? 'the benchmark'}`,
    format: (v) => formatPercent(v, 1),
    name: result.strategy,
    ...(benchAnnual === undefined ? {} : { compare: { name: bench?.name ?? 'Benchmark', values: benchAnnual } }),
  });

  // Rolling metrics.
  const window = Math.max(2, Math.round(ppy / 2));
  const rollOptions = { periodsPerYear: ppy, window };
  const rollingCharts =
    lineChart({
      x: time,
      series: [{ name: 'Rolling Sharpe', values: rollingSharpe(returns, rollOptions), color: '#1f6feb' }],
      title: `Rolling Sharpe ratio (${window}-period window)`,
      timeAxis: true,
      referenceY: 0,
      height: 240,
    }) +
    lineChart({
      x: time,
      series: [{ name: 'Rolling volatility', values: rollingVolatility(returns, rollOptions), color: '#8250df' }],
      title: `Rolling annualised volatility (${window}-period window)`,
      timeAxis: true,
      yFormat: (v) => formatPercent(v, 0),
      height: 240,
    }) +
    (benchReturns === undefined
      ? ''
      : lineChart({
          x: time,
          series: [{ name: 'Rolling beta', values: rollingBeta(returns, benchReturns, { window }), color: '#bf8700' }],
          title: `Rolling beta to ${bench?.name ?? 'the benchmark'} (${window}-period window)`,
          timeAxis: true,
          referenceY: 1,
          height: 240,
        }));

  // Exposure over time: long, short, gross and net market value as fractions of equity.
  const longShare = shareOfEquity((i) => result.longValue[i] ?? NaN, equity);
  const shortShare = shareOfEquity((i) => -(result.shortValue[i] ?? NaN), equity);
  const grossShare = shareOfEquity((i) => (result.longValue[i] ?? NaN) + (result.shortValue[i] ?? NaN), equity);
  const netShare = shareOfEquity((i) => (result.longValue[i] ?? NaN) - (result.shortValue[i] ?? NaN), equity);
  const exposureChart =
    lineChart({
      x: time,
      series: [
        { name: 'Gross', values: grossShare, color: '#1f2328' },
        { name: 'Net', values: netShare, color: '#1f6feb' },
        { name: 'Long', values: longShare, color: '#1a7f37' },
        { name: 'Short', values: shortShare, color: '#c62828' },
      ],
      title: 'Exposure (market value / equity)',
      timeAxis: true,
      yFormat: (v) => formatPercent(v, 0),
      referenceY: 0,
      height: 260,
    }) + '<p class="note">Gross = (long + short) / equity, net = (long − short) / equity, at each bar\'s close; short drawn below zero.</p>';

  // P&L by symbol: closed trades (net of fees) plus open positions (unrealised).
  const tradedSymbols = result.symbols.filter((sym) => sym !== bench?.name);
  const pnlBySymbol = new Map<string, { realised: number; unrealised: number; trades: number }>();
  for (const sym of tradedSymbols) pnlBySymbol.set(sym, { realised: 0, unrealised: 0, trades: 0 });
  for (const t of result.trades) {
    const row = pnlBySymbol.get(t.symbol) ?? { realised: 0, unrealised: 0, trades: 0 };
    const pnl = tradePnl(t);
    pnlBySymbol.set(t.symbol, { ...row, realised: row.realised + (Number.isFinite(pnl) ? pnl : 0), trades: row.trades + 1 });
  }
  for (const o of result.openPositions) {
    const row = pnlBySymbol.get(o.symbol) ?? { realised: 0, unrealised: 0, trades: 0 };
    pnlBySymbol.set(o.symbol, { ...row, unrealised: row.unrealised + o.unrealisedPnl });
  }
  const pnlRows = [...pnlBySymbol.entries()].sort((a, b) => b[1].realised + b[1].unrealised - (a[1].realised + a[1].unrealised));
  const pnlSection =
    pnlRows.length === 0
      ? '<p class="note">No symbols traded.</p>'
      : barChart({
          labels: pnlRows.map(([sym]) => sym),
          values: pnlRows.map(([, r]) => r.realised + r.unrealised),
          title: 'Total P&L by symbol (closed trades net of fees + open positions)',
          format: (v) => formatAmount(v, 0),
          height: 260,
        }) +
        table(
          ['Symbol', 'Closed trades', 'Realised P&L (net)', 'Unrealised P&L', 'Total'],
          pnlRows.map(([sym, r]) => [sym, String(r.trades), formatAmount(r.realised), formatAmount(r.unrealised), formatAmount(r.realised + r.unrealised)]),
          'pnl-by-symbol',
        );

  // Per-symbol price charts with entries and exits, for the first N symbols by traded value.
  const tradedCount = new Set(result.fills.map((f) => f.symbol)).size;
  const bySymbol = new Map((options.prices ?? []).map((p) => [p.symbol, p]));
  const chartSymbols = priceChartSymbols(result, options);
  const priceSection =
    options.prices === undefined
      ? '<p class="note">Price charts need the bars: the CLI passes them (`run`); from a library call, pass <code>prices</code> (the BarSeries) to the report.</p>'
      : chartSymbols.length === 0
        ? '<p class="note">No fills to mark.</p>'
        : `<div class="grid2">${chartSymbols
            .map((sym) => {
              const p = bySymbol.get(sym)!;
              const marks = result.fills
                .filter((f) => f.symbol === sym)
                .map((f) => ({ x: f.time, y: f.price, kind: f.side === 'buy' ? ('up' as const) : ('down' as const), label: `${f.side} ${formatNumber(f.quantity, 0)} @ ${formatAmount(f.price, 2)} on ${fmtTime(f.time)}` }));
              return lineChart({ x: p.time, series: [{ name: sym, values: p.close, color: '#57606a' }], title: `${sym}: close, buys ▲ and sells ▼`, timeAxis: true, yFormat: (v) => formatAmount(v, 2), width: 540, height: 260, markers: marks });
            })
            .join('')}</div><p class="note">The ${chartSymbols.length} most traded symbol(s) by traded value (of ${tradedCount}); markers at each fill's time and price.</p>`;

  // Diagnostics from the engine, when it reports them.
  const diagnostics = diagnosticsOf(result);
  const diagnosticsSection =
    diagnostics === undefined
      ? undefined
      : diagnostics.length === 0
        ? '<p class="note">No findings: nothing in the run looked suspicious to the engine.</p>'
        : table(['Code', 'Finding', 'Count', 'Examples'], diagnostics.map((d) => [d.code, d.message, d.count, d.examples]), 'diagnostics');

  // Robustness panel: the same run under harsher assumptions.
  const robustness = options.robustness;
  let robustnessSection: string | undefined;
  if (robustness !== undefined && robustness.length > 0) {
    const base = curveStats(equity, result.initialCash, ppy);
    const statNames = ['Total return', 'CAGR', 'Sharpe', 'Max drawdown'];
    const fmts = [formatPercent, formatPercent, (v: number) => formatNumber(v), formatPercent];
    const head = ['Run', ...statNames, 'Trades', 'Final equity'];
    const rows: string[][] = [['As run', ...base.map((v, i) => fmts[i]!(v)), String(result.trades.length), formatAmount(result.finalEquity)]];
    const charts: string[] = [];
    const rebased = (v: RobustnessVariant): Float64Array | undefined => {
      const r = v.result;
      if (r === undefined || r.equity.length !== n) return undefined;
      return r.equity;
    };
    for (const v of robustness) {
      if (v.result === undefined) {
        rows.push([v.label, ...statNames.map(() => '—'), '—', v.error === undefined ? 'failed' : `failed: ${v.error}`]);
        continue;
      }
      const st = curveStats(v.result.equity, v.result.initialCash, ppy);
      rows.push([v.label, ...st.map((x, i) => fmts[i]!(x)), String(v.result.trades.length), formatAmount(v.result.equity[v.result.equity.length - 1] ?? NaN)]);
      const eq = rebased(v);
      if (eq !== undefined) {
        charts.push(
          lineChart({
            x: time,
            series: [
              { name: 'As run', values: equity, color: '#8c959f' },
              { name: v.label, values: eq, color: '#cf222e' },
            ],
            title: v.label,
            timeAxis: true,
            yFormat: amount,
            width: 420,
            height: 240,
          }),
        );
      }
    }
    robustnessSection =
      table(head, rows, 'robustness') +
      `<div class="grid3">${charts.join('')}</div>` +
      `<ul class="note">${robustness.map((v) => `<li><strong>${escapeHtml(v.label)}</strong>: ${escapeHtml(v.description)}</li>`).join('')}</ul>` +
      '<p class="note">A result that survives these is less likely to be an artefact of fill assumptions or costs.</p>';
  }

  // Distribution.
  const mean = returns.reduce((s, r) => s + (Number.isFinite(r) ? r : 0), 0) / Math.max(1, n);
  const var5 = valueAtRisk(returns);
  const dist = histogram({
    values: returns,
    title: `Distribution of periodic returns (${n} periods)`,
    format: (v) => formatPercent(v, 1),
    markers: [
      { value: mean, label: 'mean', color: '#1f2328' },
      { value: var5, label: 'VaR 5%', color: '#c62828' },
    ],
  });

  // Top drawdowns.
  const periods = drawdownPeriods(returns, { top: 10 });
  const at = (i: number): string => (i < 0 ? `start (${fmtTime(time[0] ?? 0)})` : fmtTime(time[i] ?? NaN));
  const ddTable =
    periods.length === 0
      ? '<p class="note">No drawdown: equity never fell below a previous high.</p>'
      : table(
          ['#', 'Depth', 'Peak', 'Trough', 'Recovery', 'Duration (bars)'],
          periods.map((p, i) => [
            String(i + 1),
            formatPercent(p.depth),
            at(p.peakIndex),
            at(p.troughIndex),
            Number.isNaN(p.recoveryIndex) ? 'not recovered' : at(p.recoveryIndex),
            Number.isNaN(p.duration) ? '—' : String(p.duration),
          ]),
          'drawdowns',
        );

  // Trades.
  const shown = result.trades.slice(0, TEAR_SHEET_MAX_TRADES);
  const tradeTable =
    result.trades.length === 0
      ? '<p class="note">No closed trades.</p>'
      : `<div class="scroll">${table(
          ['#', 'Symbol', 'Side', 'Quantity', 'Entry', 'Entry price', 'Exit', 'Exit price', 'Gross P&L', 'Fees', 'Net P&L'],
          shown.map((t, i) => [
            String(i + 1),
            t.symbol,
            t.side,
            formatNumber(t.quantity, Number.isInteger(t.quantity) ? 0 : 4),
            fmtTime(t.entryTime),
            formatAmount(t.entryPrice, 4),
            fmtTime(t.exitTime),
            formatAmount(t.exitPrice, 4),
            formatAmount(t.grossPnl),
            formatAmount(t.fees),
            formatAmount(t.pnl),
          ]),
          'trades',
        )}</div>` +
        (result.trades.length > shown.length
          ? `<p class="note">Showing the first ${shown.length} of ${result.trades.length} trades (in exit order); all ${result.trades.length} are in trades.csv, trades.arrow and result.json beside this report.</p>`
          : `<p class="note">All ${result.trades.length} closed trades.</p>`);

  const sections: [string, string, string][] = [
    ['headline', 'Headline metrics', `<div class="metrics">${headlineTable}${tradesTable}${runTable}</div>`],
    ['equity', benchCurve === undefined ? 'Equity curve' : `Equity curve vs ${bench?.name ?? 'benchmark'}`, equityCharts],
    ['drawdown', 'Drawdown', ddChart],
    ['monthly', 'Monthly returns', heatMap],
    ['annual', 'Annual returns', annualChart],
    ['exposure', 'Exposure', exposureChart],
    ['pnl-by-symbol', 'P&L by symbol', pnlSection],
    ['prices', 'Prices, entries and exits', priceSection],
    ['rolling', benchReturns === undefined ? 'Rolling Sharpe and volatility' : 'Rolling Sharpe, volatility and beta', rollingCharts],
    ['distribution', 'Return distribution', dist],
    ['drawdowns', 'Top drawdowns', ddTable],
    ['trades', 'Trades', tradeTable],
  ];
  if (robustnessSection !== undefined) sections.splice(2, 0, ['robustness', 'Robustness: the same run under harsher assumptions', robustnessSection]);
  if (diagnosticsSection !== undefined) sections.splice(1, 0, ['diagnostics', 'Diagnostics', diagnosticsSection]);
  if (options.sweep !== undefined) sections.unshift(['sweep', `Parameter sweep: ${options.sweep.trials.length} trials`, sweepSection(options.sweep)]);
  const nav = sections.map(([id, t]) => `<a href="#${id}">${escapeHtml(t)}</a>`).join('');
  const params = JSON.stringify(result.params) ?? '{}';
  return (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)}</title><style>${CSS}</style></head><body><main>` +
    `<header><h1>${escapeHtml(title)}</h1>` +
    `<p>Strategy <strong>${escapeHtml(result.strategy)}</strong> · parameters <code>${escapeHtml(params)}</code></p>` +
    `<p>${symbolsLine(tradedSymbols, bench?.name !== undefined && result.symbols.includes(bench.name) ? bench.name : bench?.name)} · seed ${result.policy.seed}</p>` +
    `<nav>${nav}</nav></header>` +
    sections.map(([id, t, body]) => section(id, t, body)).join('\n') +
    '</main></body></html>\n'
  );
}
