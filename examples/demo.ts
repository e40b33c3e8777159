/**
 * The Quick start demo: load the bundled fixture data (20 symbols × 10 years on the NYSE
 * calendar), validate it, run a real backtest with realistic costs, print a summary and write the
 * report files.
 *
 * Run: `npx pnpm@10.34.8 demo` — writes the report to `qt-out/demo/`.
 */
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  backtest,
  CompositeFee,
  FinraTaf,
  FixedBpsSlippage,
  formatReport,
  isoDate,
  loadBars,
  PerShareFee,
  resultMetrics,
  SecFee,
  Strategy,
  type StrategyContext,
} from '@qt-backtest/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Relative paths keep the report's file names short and readable.
const fixtures = relative(process.cwd(), join(root, 'data-fixtures')) || '.';
const out = join(root, 'qt-out', 'demo');

/**
 * Monthly momentum rotation: on the first bar of each month, hold the `top` symbols with the best
 * `lookback`-bar return (among those trading that day, the benchmark excluded), equal-weighted.
 */
class MomentumRotation extends Strategy<{ lookback: number; top: number; exclude: readonly string[] }> {
  #month = -1;

  override onBar(ctx: StrategyContext): void {
    const month = new Date(ctx.time).getUTCMonth();
    if (month === this.#month) return;
    this.#month = month;
    const { lookback, top, exclude } = this.params;
    const ranked = ctx.symbols
      .filter((s) => !exclude.includes(s) && ctx.bar(s) !== undefined)
      .map((s) => {
        const closes = ctx.history(s, 'close', lookback + 1);
        return { s, r: closes.length > lookback ? closes.at(-1) / closes.at(0) - 1 : Number.NaN };
      })
      .filter((x) => !Number.isNaN(x.r))
      .sort((a, b) => b.r - a.r);
    const chosen = new Set(ranked.slice(0, top).map((x) => x.s));
    // Sells first, so the buys find the cash they release; 2% stays in cash for costs and gaps.
    for (const s of ctx.symbols) if (!chosen.has(s) && ctx.position(s).quantity !== 0) ctx.closePosition(s);
    for (const s of chosen) ctx.orderTargetPercent(s, 0.98 / top);
  }
}

const t0 = performance.now();
const data = await loadBars(join(fixtures, 'daily'), { adjustment: 'adjusted' });
const loadMs = performance.now() - t0;
const bars = [...data.series.values()].reduce((n, s) => n + s.length, 0);
console.log('qt-backtest demo — bundled fixture data (data-fixtures/)\n');
console.log(`Loaded ${data.symbols.length} symbols, ${bars} daily bars (split/dividend adjusted) in ${loadMs.toFixed(0)} ms.`);
console.log(formatReport(data.report));

const config = {
  data,
  strategy: new MomentumRotation({ lookback: 126, top: 5, exclude: ['MKT'] }),
  cash: 1_000_000,
  // Interactive Brokers-style per-share commission plus the regulatory fees on sales.
  fees: new CompositeFee([new PerShareFee({ perShare: 0.005, minimum: 1, maximumFractionOfValue: 0.01 }), new SecFee(), new FinraTaf()]),
  slippage: new FixedBpsSlippage(5),
  volumeLimit: 0.05,
};
const t1 = performance.now();
const result = backtest(config);
const runMs = performance.now() - t1;

// Headline metrics (empyrical conventions, annualised by the NYSE calendar).
const m = resultMetrics(result);
const mkt = data.get('MKT');
const mktReturn = mkt.close[mkt.length - 1]! / mkt.close[0]! - 1;
const n = result.time.length;
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
console.log(`\nMomentumRotation(126 bars, top 5), monthly, ${isoDate(result.time[0]!)}..${isoDate(result.time[n - 1]!)} — ran in ${runMs.toFixed(0)} ms`);
console.log(`  final equity     ${result.finalEquity.toFixed(2)} (from ${result.initialCash.toFixed(2)})`);
console.log(`  total return     ${pct(m.totalReturn)}   (MKT buy-and-hold ${pct(mktReturn)})`);
console.log(`  CAGR / vol       ${pct(m.annualReturn)} / ${pct(m.annualVolatility)}   Sharpe ${m.sharpeRatio.toFixed(2)}, Sortino ${m.sortinoRatio.toFixed(2)}`);
console.log(`  max drawdown     ${pct(m.maxDrawdown)}   Calmar ${m.calmarRatio.toFixed(2)}`);
console.log(`  round trips      ${m.numTrades} (${pct(m.winRate)} winners, profit factor ${m.profitFactor.toFixed(2)}), ${result.fills.length} fills`);
console.log(`  exposure         ${pct(m.timeInMarket)} of bars in the market, turnover ${m.turnover.toFixed(1)}× a year`);
console.log(`  costs            fees ${m.feesPaid.toFixed(2)}, slippage ${result.fills.reduce((s, f) => s + f.slippage * f.quantity, 0).toFixed(2)}`);
console.log(`  fill policy      ${result.policy.fillTiming} fills, ${result.policy.fillModel}, ${result.policy.fees}, ${result.policy.slippage}`);

// The report directory (result, manifest with the input files' SHA-256, CSV and Arrow tables),
// written atomically: all files or none.
const written = await result.writeReport(out, { sources: data.sources });
console.log(`\nReport written to ${relative(process.cwd(), out)}/ (${written.join(', ')})`);
