import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawdownPeriods } from '../analyzer/drawdownPeriods.js';
import { periodsPerYearFor } from '../analyzer/periodsPerYearFor.js';
import { equityReturns, resultMetrics } from '../analyzer/resultMetrics.js';
import { sharpeRatio } from '../analyzer/sharpeRatio.js';
import { loadBars } from '../data/loadBars.js';
import { backtest } from '../backtest/backtest.js';
import type { BacktestResult } from '../backtest/BacktestResult.js';
import { Strategy } from '../engine/Strategy.js';
import type { StrategyContext } from '../engine/StrategyContext.js';
import { repoRootDir } from '../internal/sharedData.js';
import { formatAmount } from './svgCharts.js';
import { renderTearSheet, TEAR_SHEET_MAX_TRADES } from './tearSheet.js';

/** Rebalances between 90 % and 30 % invested every `every` bars, so there are many closed trades. */
class Seesaw extends Strategy<{ symbol: string; every: number; label: string }> {
  override onBar(ctx: StrategyContext): void {
    const { symbol, every } = this.params;
    if (ctx.index % every === 0) ctx.orderTargetPercent(symbol, (ctx.index / every) % 2 === 0 ? 0.9 : 0.3);
  }
}

const SECTIONS = ['headline', 'equity', 'drawdown', 'monthly', 'annual', 'rolling', 'distribution', 'drawdowns', 'trades'];

async function run(every = 5): Promise<BacktestResult> {
  const data = await loadBars(join(repoRootDir, 'data-fixtures', 'daily', 'MKT.csv'), { symbol: 'MKT' });
  return backtest({ data, strategy: new Seesaw({ symbol: 'MKT', every, label: '<script>alert(1)</script>' }), cash: 100_000, seed: 1 });
}

function sectionOf(html: string, name: string): string {
  const start = html.indexOf(`data-section="${name}"`);
  expect(start).toBeGreaterThan(0);
  const end = html.indexOf('</section>', start);
  return html.slice(start, end);
}

describe('renderTearSheet', () => {
  it('renders every section of a real backtest, with charts, the metrics of the analyzer and escaped text', async () => {
    // Rebalancing every 2 bars: more closed trades than the table lists.
    const result = await run(2);
    const html = renderTearSheet(result, { title: 'Seesaw & <b>co</b>' });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    for (const name of SECTIONS) expect(html).toContain(`data-section="${name}"`);

    // Self-contained: no URL, no external script, stylesheet or font.
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);

    // Escaping: the parameter and the title never appear raw.
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&quot;label&quot;:&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;');
    expect(html).toContain('<title>Seesaw &amp; &lt;b&gt;co&lt;/b&gt;</title>');

    // Charts: long SVG paths in the equity, drawdown and rolling sections.
    for (const name of ['equity', 'drawdown', 'rolling']) {
      const paths = [...sectionOf(html, name).matchAll(/<path class="series" d="(M[^"]+)"/g)].map((m) => m[1] ?? '');
      expect(paths.length).toBeGreaterThan(0);
      for (const d of paths) expect(d.split('L').length).toBeGreaterThan(1000);
    }
    expect(sectionOf(html, 'equity').match(/<svg /g)).toHaveLength(2); // linear and log
    expect(sectionOf(html, 'annual').match(/<rect class="bar"/g)).toHaveLength(10);
    expect((sectionOf(html, 'distribution').match(/<rect class="bin"/g) ?? []).length).toBeGreaterThan(10);

    // Headline: the Sharpe ratio is the analyzer's (and result.json's), on equity returns at the calendar frequency.
    const returns = equityReturns(result);
    expect(returns[0]).toBe((result.equity[0] ?? NaN) / result.initialCash - 1);
    expect(returns[1]).toBe((result.equity[1] ?? NaN) / (result.equity[0] ?? NaN) - 1);
    const ppy = periodsPerYearFor(result.time);
    expect(ppy).toBeGreaterThan(250);
    expect(ppy).toBeLessThan(253);
    const sharpe = sharpeRatio(returns, { periodsPerYear: ppy });
    expect(Number.isFinite(sharpe)).toBe(true);
    expect(resultMetrics(result).sharpeRatio).toBe(sharpe);
    const headline = sectionOf(html, 'headline');
    expect(headline).toContain(`<td>Sharpe ratio</td><td>${sharpe.toFixed(2)}</td>`);
    expect(headline).toContain(`<td>Closed trades</td><td>${result.trades.length}</td>`);
    expect(headline).toContain(`<td>Periods per year</td><td>${ppy.toFixed(1)}</td>`);

    // Monthly heat map: one row per year 2015–2024, 12 month cells each.
    const monthly = sectionOf(html, 'monthly');
    const rows = [...monthly.matchAll(/<tr><th scope="row">(\d{4})<\/th>(.*?)<\/tr>/g)];
    expect(rows.map((r) => r[1])).toEqual(['2015', '2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024']);
    for (const r of rows) expect((r[2] ?? '').match(/<td/g)).toHaveLength(12);
    expect(monthly).toMatch(/<th>Jan<\/th>.*<th>Dec<\/th>/);
    expect(monthly).toMatch(/background:rgb\(\d+,\d+,\d+\)">-?\d+\.\d%</);

    // Top drawdowns: as many rows as drawdownPeriods gives (up to 10).
    const dd = sectionOf(html, 'drawdowns');
    expect(dd.match(/<tr>/g)).toHaveLength(drawdownPeriods(returns, { top: 10 }).length + 1);

    // Trades: capped, with a note.
    expect(result.trades.length).toBeGreaterThan(TEAR_SHEET_MAX_TRADES);
    const trades = sectionOf(html, 'trades');
    expect(trades.match(/<tr>/g)).toHaveLength(TEAR_SHEET_MAX_TRADES + 1);
    expect(trades).toContain(
      `Showing the first ${TEAR_SHEET_MAX_TRADES} of ${result.trades.length} trades (in exit order); all ${result.trades.length} are in trades.csv, trades.arrow and result.json beside this report.`,
    );
  });

  it('is deterministic and draws an aligned benchmark in every curve', async () => {
    const result = await run(60);
    const benchmark = { name: 'Buy & hold', equity: result.equity.map((_, i) => 100 * 1.0003 ** i) };
    const a = renderTearSheet(result, { benchmark });
    const b = renderTearSheet(result, { benchmark });
    expect(a).toBe(b);
    expect(renderTearSheet(result)).toBe(renderTearSheet(result));
    expect(a).toContain('Equity curve vs Buy &amp; hold');
    expect(sectionOf(a, 'equity').match(/<path class="series"/g)).toHaveLength(4);
    expect(sectionOf(a, 'headline')).toContain('<th>Buy &amp; hold</th>');
    expect(sectionOf(a, 'headline')).toMatch(/<td>Beta<\/td><td>-?\d+\.\d\d<\/td>/);
    expect(a).toContain(`All ${result.trades.length} closed trades.`);
    expect(() => renderTearSheet(result, { benchmark: { name: 'x', equity: new Float64Array(3) } })).toThrow(/benchmark "x" has 3 values/);
  });

  it('uses a given periodsPerYear', async () => {
    const result = await run(60);
    const html = renderTearSheet(result, { periodsPerYear: 252 });
    const sharpe = sharpeRatio(equityReturns(result), { periodsPerYear: 252 });
    expect(html).toContain(`<td>Sharpe ratio</td><td>${sharpe.toFixed(2)}</td>`);
    expect(html).toContain('<td>Periods per year</td><td>252.0</td>');
    expect(html).toContain('Rolling Sharpe ratio (126-period window)');
  });
});

describe('renderTearSheet: issue 12 sections and defects', () => {
  it('never prints "— hours", lists traded symbols without the benchmark, and wraps long parameters', async () => {
    const result = await run(60);
    const noTrades = { ...result, trades: [] as typeof result.trades, metrics: result.metrics };
    const html = renderTearSheet(noTrades as typeof result, { benchmark: { name: 'MKT', equity: result.equity } });
    expect(html).not.toContain('— hours');
    expect(sectionOf(html, 'headline')).toContain('<td>Average holding</td><td>— (no closed trades)</td>');
    // The result's symbols include the benchmark when it was in the data; the header keeps it apart.
    expect(result.symbols).toEqual(['MKT']);
    expect(html).toContain('Traded (0):  · benchmark MKT (not traded)');
    expect(html).toMatch(/header code\{[^}]*overflow-wrap:anywhere/);
  });

  it('adds exposure, P&L by symbol, price charts with fills, annual returns beside the benchmark and rolling beta', async () => {
    const data = await loadBars(join(repoRootDir, 'data-fixtures', 'daily', 'MKT.csv'), { symbol: 'MKT' });
    const result = backtest({ data, strategy: new Seesaw({ symbol: 'MKT', every: 60, label: 'x' }), cash: 100_000, seed: 1 });
    const mkt = data.get('MKT');
    const html = renderTearSheet(result, { benchmark: { name: 'Index', equity: result.equity.map((_, i) => 100 * 1.0002 ** i) }, prices: [mkt] });
    expect(sectionOf(html, 'exposure').match(/<path class="series"/g)).toHaveLength(4);
    expect(sectionOf(html, 'exposure')).toContain('>Gross</text>');
    const pnl = sectionOf(html, 'pnl-by-symbol');
    const total = result.trades.reduce((s, t) => s + ((t as unknown as { netPnl?: number; pnl?: number }).pnl ?? (t as unknown as { netPnl: number }).netPnl), 0);
    const open = result.openPositions.reduce((s, o) => s + o.unrealisedPnl, 0);
    expect(pnl).toContain(`<td>MKT</td><td>${result.trades.length}</td>`);
    expect(pnl).toContain(formatAmount(total + open));
    const prices = sectionOf(html, 'prices');
    expect((prices.match(/class="marker-up"/g) ?? []).length).toBe(result.fills.filter((f) => f.side === 'buy').length);
    expect((prices.match(/class="marker-down"/g) ?? []).length).toBe(result.fills.filter((f) => f.side === 'sell').length);
    expect(sectionOf(html, 'annual').match(/<rect class="bar-compare"/g)).toHaveLength(10);
    expect(sectionOf(html, 'rolling')).toContain('Rolling beta to Index (126-period window)');
    // Without prices the section says how to get them.
    expect(sectionOf(renderTearSheet(result), 'prices')).toContain('Price charts need the bars');
  });

  it('renders engine diagnostics defensively, and a robustness panel beside the run', async () => {
    const result = await run(60);
    const withDiagnostics = Object.assign(Object.create(null) as object, result, {
      diagnostics: [
        { code: 'unfilled_orders', message: 'orders never filled', count: 3, examples: ['2016-01-04 buy 10 MKT', { at: 2 }] },
        'a bare string finding',
      ],
    }) as typeof result;
    const html = renderTearSheet(withDiagnostics, {
      robustness: [
        { label: 'Costs × 2', description: 'fees doubled', result: { time: result.time, equity: result.equity.map((e) => e * 0.9), initialCash: result.initialCash, trades: result.trades } },
        { label: 'Fills one bar later', description: 'lagged', error: 'boom' },
      ],
    });
    const diag = sectionOf(html, 'diagnostics');
    expect(diag).toContain('<td>unfilled_orders</td><td>orders never filled</td><td>3</td><td>2016-01-04 buy 10 MKT; {&quot;at&quot;:2}</td>');
    expect(diag).toContain('<td>a bare string finding</td>');
    // A result without diagnostics (an older result.json) has no section; an empty list says so;
    // the engine's own findings (engine v2 diagnostics) are listed.
    const absent = Object.assign(Object.create(null) as object, result, { diagnostics: undefined }) as typeof result;
    expect(renderTearSheet(absent)).not.toContain('data-section="diagnostics"');
    const empty = Object.assign(Object.create(null) as object, result, { diagnostics: [] }) as typeof result;
    expect(sectionOf(renderTearSheet(empty), 'diagnostics')).toContain('No findings');
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(sectionOf(renderTearSheet(result), 'diagnostics')).toContain(`<td>${result.diagnostics[0]!.code}</td>`);
    const rob = sectionOf(html, 'robustness');
    expect(rob.match(/<tr>/g)).toHaveLength(4); // head + as run + 2 variants
    expect(rob).toContain('<td>Fills one bar later</td><td>—</td>');
    expect(rob).toContain('failed: boom');
    expect(rob.match(/<svg /g)).toHaveLength(1);
  });

  it('puts a sweep first: heat map over two parameters, trials best first, trial count and deflated Sharpe', async () => {
    const result = await run(60);
    const trials = [5, 10].flatMap((fast, i) =>
      [30, 50, 70].map((slow, j) => ({ trial: i * 3 + j + 1, params: { fast, slow }, metrics: { sharpeRatio: fast / slow, totalReturn: 0.1, annualReturn: 0.02, maxDrawdown: -0.1, numTrades: 7 } })),
    );
    const html = renderTearSheet(result, { sweep: { metric: 'sharpeRatio', swept: ['fast', 'slow'], trials, best: 4, deflatedSharpeRatio: 0.4321 } });
    expect(html.indexOf('data-section="sweep"')).toBeLessThan(html.indexOf('data-section="headline"'));
    const sweep = sectionOf(html, 'sweep');
    expect(sweep).toContain('Parameter sweep: 6 trials');
    expect(sweep).toContain('<td>Deflated Sharpe ratio</td><td>0.432 (probability that the best Sharpe is skill, not the luck of 6 tries)</td>');
    expect(sweep.match(/<tr><th scope="row">/g)).toHaveLength(2);
    expect(sweep).toContain('<td class="best"');
    const order = [...sweep.matchAll(/<tr(?: class="best")?><td>\d+<\/td><td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(order).toEqual([4, 5, 1, 6, 2, 3]); // fast/slow descending: 10/30, 10/50, 5/30, 10/70, 5/50, 5/70
    const line = renderTearSheet(result, { sweep: { metric: 'sharpeRatio', swept: ['fast'], trials: trials.slice(0, 3).map((t, k) => ({ ...t, params: { fast: 5 + k } })), best: 1, deflatedSharpeRatio: 0.5 } });
    expect(sectionOf(line, 'sweep')).toContain('<path class="series"');
  });
});
