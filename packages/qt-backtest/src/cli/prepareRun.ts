/**
 * Turns run settings into what `backtest` needs: the bars (date-filtered), the traded symbols,
 * the benchmark and the cost models.
 */
import { resolve } from 'node:path';
import {
  CompositeFee,
  createBarSeries,
  DAY_MS,
  dayOfIsoDate,
  FixedBpsSlippage,
  loadBars,
  PercentFee,
  PerShareFee,
  type BacktestConfig,
  type BarSeries,
  type FeeModel,
  type LoadBarsOptions,
  type SlippageModel,
  type ValidationIssue,
} from '@qt-backtest/core';
import { looksLikePath, UsageError, type RunSettings } from './runSettings.js';

/** The loaded inputs of a run. */
export interface PreparedData {
  /** Every series, date-filtered (the benchmark included when it is one of the symbols). */
  readonly series: readonly BarSeries[];
  /** The symbols the strategy trades (the benchmark symbol excluded). */
  readonly traded: readonly string[];
  readonly benchmark: BarSeries | undefined;
  /** The files read, hashed, for the manifest. */
  readonly sources: readonly { readonly path: string; readonly sha256?: string | undefined; readonly rows?: number; readonly symbols?: readonly string[] }[];
  /** The loader's warnings (data and benchmark file): their total and the listed ones. */
  readonly warnings: { readonly warningCount: number; readonly warnings: readonly ValidationIssue[] };
}

/** The cost settings of a run as plain data (what workers receive). */
export type CostSettings = Pick<RunSettings, 'feePct' | 'feePerShare' | 'feeMin' | 'slippageBps' | 'volumeLimit' | 'cash' | 'seed'>;

/** Keeps the bars with `from <= session day <= to` (either bound optional). */
function sliceSeries(series: BarSeries, from: string | undefined, to: string | undefined): BarSeries {
  if (from === undefined && to === undefined) return series;
  const lo = from === undefined ? -Infinity : dayOfIsoDate(from) * DAY_MS;
  const hi = to === undefined ? Infinity : (dayOfIsoDate(to) + 1) * DAY_MS;
  const t = series.time;
  let start = 0;
  while (start < t.length && t[start]! < lo) start++;
  let end = start;
  while (end < t.length && t[end]! < hi) end++;
  if (end - start === 0) throw new Error(`"${series.symbol}" has no bars between --from ${from ?? '(start)'} and --to ${to ?? '(end)'}`);
  return createBarSeries({
    symbol: series.symbol,
    time: t.slice(start, end),
    open: series.open.slice(start, end),
    high: series.high.slice(start, end),
    low: series.low.slice(start, end),
    close: series.close.slice(start, end),
    volume: series.volume.slice(start, end),
    fields: series.fields,
    frequency: series.frequency,
    adjustment: series.adjustment,
    source: series.source,
  });
}

/** The loader options of the settings (`hash` for the manifest's data hashes). */
export function loadOptions(settings: Pick<RunSettings, 'symbol' | 'adjusted'>, hash: boolean): LoadBarsOptions {
  return {
    ...(settings.symbol === undefined ? {} : { symbol: settings.symbol }),
    adjustment: settings.adjusted ? 'adjusted' : 'raw',
    ...(hash ? { hash: true } : {}),
  };
}

/**
 * Loads and validates the data (and a benchmark file), applies `--from`/`--to`.
 *
 * @throws DataError for bad data (with file, line, value); Error for an empty date range or a bad benchmark.
 */
export async function prepareData(settings: RunSettings, cwd: string): Promise<PreparedData> {
  const loaded = await loadBars(
    settings.data.map((p) => resolve(cwd, p)),
    loadOptions(settings, true),
  );
  const series = loaded.symbols.map((s) => sliceSeries(loaded.get(s), settings.from, settings.to));
  const sources = [...loaded.sources];
  const warnings = [...loaded.report.warnings];
  let warningCount = loaded.report.warningCount;
  let benchmark: BarSeries | undefined;
  let traded: readonly string[] = loaded.symbols;
  const b = settings.benchmark;
  if (b !== undefined) {
    if (loaded.symbols.includes(b)) {
      benchmark = series.find((s) => s.symbol === b);
      traded = loaded.symbols.filter((s) => s !== b);
      if (traded.length === 0) throw new UsageError(`--benchmark ${b} is the only symbol of the data; nothing is left to trade`);
    } else if (looksLikePath(b)) {
      const file = resolve(cwd, b);
      const bench = await loadBars(file, { adjustment: settings.adjusted ? 'adjusted' : 'raw', hash: true });
      if (bench.symbols.length !== 1) throw new UsageError(`--benchmark ${b}: expected one symbol's bars, found ${bench.symbols.length} (${bench.symbols.join(', ')})`);
      benchmark = sliceSeries(bench.get(bench.symbols[0]!), settings.from, settings.to);
      for (const source of bench.sources) sources.push(source);
      for (const w of bench.report.warnings) warnings.push(w);
      warningCount += bench.report.warningCount;
    } else {
      throw new UsageError(`--benchmark ${b}: not a symbol of the data (${loaded.symbols.join(', ')}) nor a data file`);
    }
  }
  if (settings.volumeLimit !== undefined) {
    const without = series.filter((s) => traded.includes(s.symbol) && !s.fields.includes('volume'));
    if (without.length > 0) {
      const names = without.slice(0, 5).map((s) => `${s.symbol} (${s.source})`).join(', ');
      throw new UsageError(
        `--volume-limit needs a volume column, and ${without.length === 1 ? 'this symbol has' : `${without.length} symbols have`} none: ${names}${without.length > 5 ? ', …' : ''} (a misspelt Volume header? see the unknown_column warning of \`qt-backtest validate\`)`,
      );
    }
  }
  return { series, traded, benchmark, sources, warnings: { warningCount, warnings } };
}

/**
 * The fee and slippage models of the settings: `--fee-pct` and `--fee-per-share` together charge
 * both (a `CompositeFee`).
 */
export function costModels(settings: CostSettings): Pick<BacktestConfig, 'fees' | 'slippage' | 'volumeLimit' | 'cash' | 'seed'> {
  const fees: FeeModel[] = [];
  if (settings.feePct !== undefined) fees.push(new PercentFee(settings.feePct / 100));
  if (settings.feePerShare !== undefined) fees.push(new PerShareFee({ perShare: settings.feePerShare, minimum: settings.feeMin ?? 0 }));
  const slippage: SlippageModel | undefined = settings.slippageBps === undefined ? undefined : new FixedBpsSlippage(settings.slippageBps);
  return {
    cash: settings.cash,
    ...(fees.length === 0 ? {} : { fees: fees.length === 1 ? fees[0]! : new CompositeFee(fees) }),
    ...(slippage === undefined ? {} : { slippage }),
    ...(settings.volumeLimit === undefined ? {} : { volumeLimit: settings.volumeLimit }),
    ...(settings.seed === undefined ? {} : { seed: settings.seed }),
  };
}
