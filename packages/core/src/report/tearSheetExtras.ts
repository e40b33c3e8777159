/**
 * The parts of a tear sheet that are not in the result itself — the price charts' bars, the
 * robustness re-runs, a sweep — as JSON-ready data for `result.json`, so that
 * `qt-backtest report` re-renders the same page from the file alone.
 */
import type { BacktestResult } from '../backtest/BacktestResult.js';
import type { RobustnessVariant, TearSheetOptions } from './reportOptions.js';
import type { SweepReport } from './sweepSection.js';

/** The default number of per-symbol price charts. */
export const DEFAULT_PRICE_CHARTS = 6;

/**
 * The symbols the tear sheet draws price charts for: the first `options.priceCharts` (default 6)
 * symbols with prices, by traded value (Σ |quantity × price| of their fills), ties by name; the
 * benchmark never.
 */
export function priceChartSymbols(result: Pick<BacktestResult, 'fills'>, options: Pick<TearSheetOptions, 'prices' | 'priceCharts' | 'benchmark'>): string[] {
  const tradedValue = new Map<string, number>();
  for (const f of result.fills) tradedValue.set(f.symbol, (tradedValue.get(f.symbol) ?? 0) + Math.abs(f.quantity * f.price));
  const have = new Set((options.prices ?? []).map((p) => p.symbol));
  const max = Math.max(0, Math.floor(options.priceCharts ?? DEFAULT_PRICE_CHARTS));
  return [...tradedValue.entries()]
    .filter(([sym]) => have.has(sym) && sym !== options.benchmark?.name)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map(([sym]) => sym);
}

/** The JSON form of the extras (only the charted symbols' prices are kept). */
export function tearSheetExtrasToJson(result: Pick<BacktestResult, 'fills'>, options: TearSheetOptions): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  if (options.prices !== undefined) {
    const keep = new Set(priceChartSymbols(result, options));
    out['prices'] = options.prices.filter((p) => keep.has(p.symbol)).map((p) => ({ symbol: p.symbol, time: Array.from(p.time), close: Array.from(p.close) }));
    if (options.priceCharts !== undefined) out['priceCharts'] = options.priceCharts;
  }
  if (options.robustness !== undefined) {
    out['robustness'] = options.robustness.map((v) => ({
      label: v.label,
      description: v.description,
      ...(v.result === undefined
        ? {}
        : { result: { time: Array.from(v.result.time), equity: Array.from(v.result.equity), initialCash: v.result.initialCash, trades: v.result.trades.length } }),
      ...(v.error === undefined ? {} : { error: v.error }),
    }));
  }
  if (options.sweep !== undefined) out['sweep'] = options.sweep;
  if (Object.keys(out).length === 0) return undefined;
  if (options.title !== undefined) out['title'] = options.title;
  return out;
}

const numbers = (v: unknown): Float64Array => Float64Array.from(Array.isArray(v) ? v : [], (x) => (typeof x === 'number' ? x : Number.NaN));

/** Reads the extras back (defensively: a malformed part is left out). */
export function tearSheetExtrasFromJson(value: unknown): Pick<TearSheetOptions, 'prices' | 'priceCharts' | 'robustness' | 'sweep' | 'title'> {
  if (typeof value !== 'object' || value === null) return {};
  const v = value as Record<string, unknown>;
  const out: { title?: string; prices?: NonNullable<TearSheetOptions['prices']>; priceCharts?: number; robustness?: RobustnessVariant[]; sweep?: SweepReport } = {};
  if (Array.isArray(v['prices'])) {
    out.prices = (v['prices'] as Record<string, unknown>[]).map((p) => ({ symbol: String(p['symbol']), time: numbers(p['time']), close: numbers(p['close']) }));
  }
  if (typeof v['priceCharts'] === 'number') out.priceCharts = v['priceCharts'];
  if (typeof v['title'] === 'string') out.title = v['title'];
  if (Array.isArray(v['robustness'])) {
    out.robustness = (v['robustness'] as Record<string, unknown>[]).map((r) => {
      const res = r['result'] as Record<string, unknown> | undefined;
      return {
        label: String(r['label']),
        description: String(r['description']),
        ...(res === undefined
          ? {}
          : { result: { time: numbers(res['time']), equity: numbers(res['equity']), initialCash: Number(res['initialCash']), trades: new Array<unknown>(Number(res['trades']) || 0) } }),
        ...(typeof r['error'] === 'string' ? { error: r['error'] } : {}),
      };
    });
  }
  if (typeof v['sweep'] === 'object' && v['sweep'] !== null) out.sweep = v['sweep'] as SweepReport;
  return out;
}
