/**
 * Example: a multi-symbol momentum rotation measured against a benchmark.
 *
 * Shows how a notebook user compares a strategy with the market: the bundled fixture universe is
 * loaded (19 stocks plus the `MKT` index, which is used only as the benchmark and never traded), a
 * monthly "12-1"-style momentum rotation is backtested with commissions and slippage, the
 * benchmark's curve is put on the result's bars with `benchmarkCurve`, and
 * `result.metrics({ benchmarkReturns })` gives alpha, beta and the information ratio. The report
 * directory is written with the benchmark drawn in the tear sheet (`writeReport`'s `benchmark`).
 *
 * Run from the repository root:
 *
 *     npx tsx --conditions=@qt-backtest/source examples/rotationWithBenchmark.ts [outDir]
 *
 * The report goes to `outDir` (default `qt-out/examples/rotation-with-benchmark/`). The output is
 * deterministic.
 */
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  annualReturn,
  annualVolatility,
  backtest,
  type BacktestResult,
  benchmarkCurve,
  benchmarkReturns,
  FixedBpsSlippage,
  isoDate,
  loadBars,
  type LoadedBars,
  maxDrawdown,
  PerShareFee,
  sharpeRatio,
  Strategy,
  type StrategyContext,
  totalReturn,
} from 'qt-backtest';

/** Parameters of {@link DualMomentumRotation}. */
export interface DualMomentumRotationParams {
  /** Momentum is the return from `lookback` bars ago to `skip` bars ago (the last month skipped). */
  readonly lookback: number;
  readonly skip: number;
  /** How many symbols to hold, equal-weighted. */
  readonly top: number;
  /** Symbols never traded (the benchmark). */
  readonly exclude: readonly string[];
}

/**
 * Dual momentum, monthly: on the first bar of each month, rank the tradable symbols by their return
 * from `lookback` bars ago to `skip` bars ago (relative momentum), and hold the best `top` of those
 * whose momentum is positive (absolute momentum: a slot with no positive candidate stays in cash),
 * equal-weighted at 98 % / `top` each.
 */
export class DualMomentumRotation extends Strategy<DualMomentumRotationParams> {
  #month = -1;

  override onBar(ctx: StrategyContext): void {
    const month = new Date(ctx.time).getUTCMonth();
    if (month === this.#month) return;
    this.#month = month;
    const { lookback, skip, top, exclude } = this.params;
    const ranked = ctx.symbols
      .filter((s) => !exclude.includes(s) && ctx.bar(s) !== undefined)
      // ctx.value(s, field, ago) looks back only: NaN while the symbol has fewer bars.
      .map((s) => ({ s, score: ctx.value(s, 'close', skip) / ctx.value(s, 'close', lookback) - 1 }))
      .filter((x) => x.score > 0) // NaN fails too
      .sort((a, b) => b.score - a.score || (a.s < b.s ? -1 : 1));
    const chosen = new Set(ranked.slice(0, top).map((x) => x.s));
    // Sells first, so that the buys (queued after them) find the cash they release.
    for (const s of ctx.symbols) if (!chosen.has(s) && ctx.position(s).quantity !== 0) ctx.closePosition(s);
    for (const s of chosen) ctx.orderTargetPercent(s, 0.98 / top);
  }
}

const params: DualMomentumRotationParams = { lookback: 252, skip: 21, top: 4, exclude: ['MKT'] };

/** The example's settings. */
export const settings = {
  benchmark: 'MKT',
  params,
  cash: 1_000_000,
  fees: () => new PerShareFee({ perShare: 0.005, minimum: 1, maximumFractionOfValue: 0.01 }),
  slippage: () => new FixedBpsSlippage(5),
} as const;

/** Loads the bundled fixture universe (split/dividend adjusted) from `root`. */
export function loadData(root: string): Promise<LoadedBars> {
  return loadBars(relative(process.cwd(), join(root, 'data-fixtures', 'daily')), { adjustment: 'adjusted' });
}

/** Runs the example's backtest on loaded data. */
export function runBacktest(data: LoadedBars): BacktestResult {
  return backtest({
    data,
    strategy: new DualMomentumRotation(settings.params),
    cash: settings.cash,
    fees: settings.fees(),
    slippage: settings.slippage(),
  });
}

async function main(): Promise<void> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const out = process.argv[2] ?? relative(process.cwd(), join(root, 'qt-out', 'examples', 'rotation-with-benchmark'));

  const data = await loadData(root);
  const result = runBacktest(data);

  // The benchmark on the result's bars, and its returns (the first bar's is 0).
  const curve = benchmarkCurve(result.time, data.get(settings.benchmark));
  const benchReturns = benchmarkReturns(curve);
  const m = result.metrics({ benchmarkReturns: benchReturns });
  const o = { periodsPerYear: m.periodsPerYear };

  const { lookback, skip, top } = settings.params;
  const n = result.time.length;
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(8);
  const row = (label: string, strategy: string, benchmark: string): string => `  ${label.padEnd(16)}${strategy.padStart(10)}${benchmark.padStart(12)}`;
  const traded = data.symbols.filter((s) => !settings.params.exclude.includes(s)).length;

  console.log(`Dual momentum rotation vs ${settings.benchmark}: ${traded} symbols, top ${top} by the return from ${lookback} to ${skip} bars ago, monthly, ${isoDate(result.time[0]!)}..${isoDate(result.time[n - 1]!)}`);
  console.log(row('', 'strategy', settings.benchmark));
  console.log(row('total return', pct(m.totalReturn), pct(totalReturn(benchReturns))));
  console.log(row('annual return', pct(m.annualReturn), pct(annualReturn(benchReturns, o))));
  console.log(row('volatility', pct(m.annualVolatility), pct(annualVolatility(benchReturns, o))));
  console.log(row('Sharpe', m.sharpeRatio.toFixed(2), sharpeRatio(benchReturns, o).toFixed(2)));
  console.log(row('max drawdown', pct(m.maxDrawdown), pct(maxDrawdown(benchReturns))));
  console.log(`  relative to ${settings.benchmark}: alpha ${pct(m.alpha!).trim()} a year, beta ${m.beta!.toFixed(2)}, information ratio ${m.informationRatio!.toFixed(2)}`);
  console.log(`  final equity    ${result.finalEquity.toFixed(2)} (from ${result.initialCash.toFixed(2)})`);
  console.log(`  trading         ${result.fills.length} fills, ${result.trades.length} round trips (${pct(m.winRate).trim()} winners), fees ${result.totals.fees.toFixed(2)}`);

  const written = await result.writeReport(out, {
    sources: data.sources,
    benchmark: { name: settings.benchmark, equity: curve },
    config: { ...settings.params, cash: settings.cash, fees: result.policy.fees, slippage: result.policy.slippage },
  });
  console.log(`Report with the ${settings.benchmark} benchmark written to ${out} (${written.length} files: ${written.join(', ')})`);
}

// Run only when executed as a script (the test suite imports the strategy to recompute the numbers).
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
