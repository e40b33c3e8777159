/**
 * The coded findings of a run (`BacktestResult.diagnostics`): a pure function of the engine's
 * record and the config it ran with.
 */
import type { BarPanel } from '../data/BarPanel.js';
import type { BarSeries } from '../data/BarSeries.js';
import type { LoadedBars } from '../data/loadBars.js';
import type { BacktestConfig } from '../engine/BacktestConfig.js';
import type { EngineRun } from '../engine/EngineRun.js';
import type { Order } from '../orders/Order.js';
import { DAY_MS, isoDate } from '../time/civil.js';
import type { Diagnostic } from './Diagnostic.js';

/** At most this many examples per diagnostic. */
const EXAMPLES = 5;

/** Ratios (previous close / close) of common splits; a one-bar move within 3 % of one is flagged. */
const SPLIT_RATIOS = [2, 3, 4, 5, 10, 1 / 2, 1 / 3, 1 / 4, 1 / 5, 1 / 10];

/** What the diagnostics need to know about one symbol's data. */
interface SymbolData {
  readonly symbol: string;
  /** Own bars only (no panel gaps). */
  readonly time: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  /** `true` when the data has no opens (loaded close-only, or every bar flat at its close). */
  readonly closeOnly: boolean;
  /** `true` raw, `false` adjusted, `null` unknown (a panel does not say). */
  readonly raw: boolean | null;
}

/**
 * Every diagnostic of a run, warnings first, each with a count and up to five examples.
 *
 * @example
 * diagnose(new BacktestEngine(config).run(), config).map((d) => d.code); // ['orders_rejected', 'no_trades']
 */
export function diagnose(run: EngineRun, config: BacktestConfig): Diagnostic[] {
  const fmt = (t: number): string => (t % DAY_MS === 0 ? isoDate(t) : new Date(t).toISOString());
  const out: Diagnostic[] = [];
  const describe = (o: Order): string => `${o.id} ${o.side} ${o.quantity} ${o.symbol} ${o.type} submitted ${fmt(o.submittedAt)}`;

  if (run.ruin !== null) {
    out.push({
      code: 'ruin',
      severity: 'warning',
      count: 1,
      message: `the account was ruined on ${fmt(run.ruin.time)} (equity ${run.ruin.equity.toFixed(2)}): trading stopped, positions were closed at the next open, metrics cover the run up to that bar`,
      examples: [`bar ${run.ruin.index} (${fmt(run.ruin.time)}), equity ${run.ruin.equity}`],
    });
  }
  if (run.marginCalls.length > 0) {
    out.push({
      code: 'margin_calls',
      severity: 'warning',
      count: run.marginCalls.length,
      message: `${run.marginCalls.length} margin call${s(run.marginCalls.length)}: every position liquidated at the next open`,
      examples: run.marginCalls.slice(0, EXAMPLES).map((m) => `${fmt(m.time)}: equity ${m.equity.toFixed(2)} < requirement ${m.requirement.toFixed(2)} on gross ${m.grossExposure.toFixed(2)}`),
    });
  }
  const byReason = new Map<string, Order[]>();
  for (const o of run.orders) {
    if (o.rejectReason === undefined) continue;
    let list = byReason.get(o.rejectReason);
    if (list === undefined) byReason.set(o.rejectReason, (list = []));
    list.push(o);
  }
  for (const [reason, orders] of [...byReason].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))) {
    out.push({
      code: 'orders_rejected',
      severity: 'warning',
      reason,
      count: orders.length,
      message: `${orders.length} order${s(orders.length)} rejected: ${reason}`,
      examples: orders.slice(0, EXAMPLES).map((o) => `${describe(o)}${o.filledQuantity > 0 ? ` (${o.filledQuantity} filled first)` : ''}`),
    });
  }
  const working = run.orders.filter((o) => o.filledQuantity === 0 && (o.status === 'accepted' || o.status === 'partially_filled'));
  const expired = run.orders.filter((o) => o.filledQuantity === 0 && o.status === 'expired');
  const engineCancelled = run.orders.filter(
    (o) => o.filledQuantity === 0 && o.status === 'cancelled' && (o.cancelReason === 'ioc' || o.cancelReason === 'delisted' || o.cancelReason === 'ruined' || o.cancelReason === 'margin_call'),
  );
  const never = [...working, ...expired, ...engineCancelled];
  if (never.length > 0) {
    out.push({
      code: 'orders_never_filled',
      severity: 'warning',
      count: never.length,
      message: `${never.length} order${s(never.length)} never filled: ${working.length} still working at the end, ${expired.length} expired, ${engineCancelled.length} cancelled by the engine (ioc, delisting, ruin, margin call)`,
      examples: never.slice(0, EXAMPLES).map((o) => `${describe(o)}: ${o.status}${o.cancelReason === undefined ? '' : ` (${o.cancelReason})`}`),
    });
  }
  if (run.delistings.length > 0) {
    out.push({
      code: 'delisted',
      severity: 'warning',
      count: run.delistings.length,
      message: `${run.delistings.length} symbol${s(run.delistings.length)} delisted (data ended before the run): working orders cancelled, positions closed at the last close`,
      examples: run.delistings.slice(0, EXAMPLES).map((d) => `${d.symbol}: last bar ${fmt(d.lastBarTime)}, closed ${d.quantity} @ ${d.price} on ${fmt(d.time)}`),
    });
  }
  const data = symbolData(config.data);
  const traded = new Set(run.orders.map((o) => o.symbol));
  const volumeLimited = config.volumeLimit !== undefined;
  if (volumeLimited) {
    const blind = data.filter((d) => traded.has(d.symbol) && !d.volume.some((v) => v > 0));
    if (blind.length > 0) {
      out.push({
        code: 'volume_limit_without_volume',
        severity: 'warning',
        count: blind.length,
        message: `a volume limit is set but ${blind.length} traded symbol${s(blind.length)} ha${blind.length === 1 ? 's' : 've'} no volume: their orders cannot fill`,
        examples: blind.slice(0, EXAMPLES).map((d) => d.symbol),
      });
    }
  }
  const jumps: string[] = [];
  let jumpCount = 0;
  for (const d of data) {
    if (d.raw !== true) continue;
    for (let i = 1; i < d.close.length; i++) {
      const ratio = d.close[i - 1]! / d.close[i]!;
      if (!(ratio > 1.8 || ratio < 0.55)) continue;
      if (!SPLIT_RATIOS.some((k) => Math.abs(ratio / k - 1) <= 0.03)) continue;
      jumpCount++;
      if (jumps.length < EXAMPLES) jumps.push(`${d.symbol} ${fmt(d.time[i]!)}: close ${d.close[i - 1]} → ${d.close[i]} (${ratio >= 1 ? `${ratio.toFixed(2)}:1` : `1:${(1 / ratio).toFixed(2)}`})`);
    }
  }
  if (jumpCount > 0) {
    out.push({
      code: 'split_like_jumps',
      severity: 'warning',
      count: jumpCount,
      message: `${jumpCount} one-bar move${s(jumpCount)} the size of a split in unadjusted prices: returns and signals across them are wrong unless adjusted`,
      examples: jumps,
    });
  }
  const closeOnly = data.filter((d) => d.closeOnly);
  if (closeOnly.length > 0) {
    out.push({
      code: 'close_only_data',
      severity: 'info',
      count: closeOnly.length,
      message: `${closeOnly.length} symbol${s(closeOnly.length)} ha${closeOnly.length === 1 ? 's' : 've'} closes only: market orders fill at the next close, not at an open, and stops and limits see no intrabar range`,
      examples: closeOnly.slice(0, EXAMPLES).map((d) => d.symbol),
    });
  }
  if (run.openPositions.length > 0) {
    out.push({
      code: 'positions_open_at_end',
      severity: 'info',
      count: run.openPositions.length,
      message: `${run.openPositions.length} position${s(run.openPositions.length)} open at the end, marked at the last close (unrealised, not in the trade list)`,
      examples: run.openPositions.slice(0, EXAMPLES).map((p) => `${p.symbol} ${p.quantity} @ ${p.averagePrice} since ${fmt(p.entryTime)}, last ${p.lastPrice}`),
    });
  }
  if (run.fills.length === 0) {
    out.push({
      code: 'no_trades',
      severity: 'warning',
      count: 1,
      message: `the run made no trade (${run.orders.length} order${s(run.orders.length)} submitted)`,
      examples: [],
    });
  }
  return out.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'warning' ? -1 : 1));
}

function s(n: number): string {
  return n === 1 ? '' : 's';
}

function isPanel(data: BacktestConfig['data']): data is BarPanel {
  return 'present' in data && 'fields' in data;
}

function isLoaded(data: BacktestConfig['data']): data is LoadedBars {
  return 'series' in data && 'report' in data;
}

function symbolData(data: BacktestConfig['data']): SymbolData[] {
  if (isPanel(data)) {
    return data.symbols.map((symbol, i) => {
      const present = data.present[i]!;
      const pick = (column: Float64Array): Float64Array => column.filter((_, t) => present[t] === 1);
      const open = pick(data.fields.open[i]!);
      const high = pick(data.fields.high[i]!);
      const low = pick(data.fields.low[i]!);
      const close = pick(data.fields.close[i]!);
      const flat = close.length > 1 && close.every((c, k) => open[k] === c && high[k] === c && low[k] === c);
      return { symbol, time: data.time.filter((_, t) => present[t] === 1), close, volume: pick(data.fields.volume[i]!), closeOnly: flat, raw: null };
    });
  }
  const list: BarSeries[] = isLoaded(data) ? [...data.series.values()] : [...data];
  return list.map((series) => ({
    symbol: series.symbol,
    time: series.time,
    close: series.close,
    volume: series.volume,
    closeOnly: !series.fields.includes('open'),
    raw: series.adjustment === 'raw',
  }));
}
