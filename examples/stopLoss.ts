/**
 * Example: one symbol, a trend entry, and a protective stop loss placed when the entry fills.
 *
 * Shows how a notebook user writes a `Strategy` that reacts to its own fills: `onBar` buys when a
 * fast moving average crosses above a slow one and sells when it crosses back; `onOrderEvent` sees
 * the entry fill and places a stop order `stopLoss` below the actual fill price (not below the
 * signal bar's close), sized to the filled shares. Closing the position on the trend exit also
 * cancels the working stop. The summary counts how many round trips the stop ended, read from the
 * result's orders and trades, and the report directory is written for the tear sheet.
 *
 * Timing (the engine's next-bar contract): the entry fills at the open after the signal bar; the
 * stop is submitted on that bar and can fill from the following bar on — if the price gaps through
 * it, at that bar's open (worse than the stop price), as a real stop order would. (A
 * `ctx.bracket(…)` instead attaches a take-profit and a stop at submission, priced off the signal
 * bar.)
 *
 * Run from the repository root:
 *
 *     npx tsx --conditions=@qt-backtest/source examples/stopLoss.ts [outDir]
 *
 * The report goes to `outDir` (default `qt-out/examples/stop-loss/`). The output is deterministic.
 */
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  backtest,
  type BacktestResult,
  FixedBpsSlippage,
  isoDate,
  loadBars,
  type LoadedBars,
  type OrderEvent,
  PerShareFee,
  Strategy,
  type StrategyContext,
} from 'qt-backtest';

/** Parameters of {@link TrendWithStopLoss}. */
export interface TrendWithStopLossParams {
  readonly symbol: string;
  /** Bars in the fast and the slow simple moving average of the close. */
  readonly fast: number;
  readonly slow: number;
  /** Stop distance below the entry fill price, as a fraction (0.08 = 8 %). */
  readonly stopLoss: number;
  /** Fraction of equity to invest on entry (the rest covers costs and an opening gap). */
  readonly allocation: number;
}

/**
 * Long-only trend following with a protective stop: buy when SMA(`fast`) crosses above
 * SMA(`slow`); when the buy fills, place a sell stop `stopLoss` below the fill price; sell when
 * SMA(`fast`) falls back below SMA(`slow`) (which cancels the stop). After a stop-out it waits for
 * the next fresh crossover rather than buying straight back in.
 */
export class TrendWithStopLoss extends Strategy<TrendWithStopLossParams> {
  /** Whether the fast average was above the slow one on the previous bar (undefined: not yet known). */
  #wasUp: boolean | undefined;

  override onBar(ctx: StrategyContext): void {
    const { symbol, fast, slow, allocation } = this.params;
    const closes = ctx.history(symbol, 'close', slow); // ends at this bar: the future is unreachable
    if (closes.length < slow) return;
    const up = ctx.history(symbol, 'close', fast).mean() > closes.mean();
    const crossedUp = up && this.#wasUp === false;
    this.#wasUp = up;
    const held = ctx.position(symbol).quantity;
    if (held === 0 && crossedUp && ctx.openOrders(symbol).length === 0) {
      const shares = Math.floor((allocation * ctx.equity) / ctx.price(symbol));
      if (shares > 0) ctx.buy(symbol, shares, { tag: 'entry' });
    } else if (held > 0 && !up) {
      ctx.closePosition(symbol); // a market sell at the next open; also cancels the working stop
    }
  }

  override onOrderEvent(event: OrderEvent, ctx: StrategyContext): void {
    // The entry has filled: protect it with a stop below the price actually paid.
    if (event.type === 'filled' && event.order.tag === 'entry' && event.order.status === 'filled') {
      const stopPrice = Math.round(event.order.averageFillPrice * (1 - this.params.stopLoss) * 100) / 100;
      ctx.sell(this.params.symbol, event.order.filledQuantity, { type: 'stop', stopPrice, tag: 'stop-loss' });
    }
  }
}

const params: TrendWithStopLossParams = { symbol: 'ALFA', fast: 20, slow: 100, stopLoss: 0.08, allocation: 0.95 };

/** The example's settings: symbol, strategy parameters, cash and costs. */
export const settings = {
  symbol: params.symbol,
  params,
  cash: 100_000,
  fees: () => new PerShareFee({ perShare: 0.005, minimum: 1, maximumFractionOfValue: 0.01 }),
  slippage: () => new FixedBpsSlippage(5),
} as const;

/** Loads the symbol's bundled fixture file (split/dividend adjusted) from `root`. */
export function loadData(root: string): Promise<LoadedBars> {
  const file = relative(process.cwd(), join(root, 'data-fixtures', 'daily', `${settings.symbol}.csv`));
  return loadBars(file, { adjustment: 'adjusted' });
}

/** Runs the example's backtest on loaded data. */
export function runBacktest(data: LoadedBars): BacktestResult {
  return backtest({
    data,
    strategy: new TrendWithStopLoss(settings.params),
    cash: settings.cash,
    fees: settings.fees(),
    slippage: settings.slippage(),
  });
}

/** How many round trips the stop closed, and how many the trend exit closed. */
export function exitCounts(result: BacktestResult): { readonly stopOuts: number; readonly trendExits: number } {
  const stopOrders = new Set(result.orders.filter((o) => o.tag === 'stop-loss').map((o) => o.id));
  const stopOuts = result.trades.filter((t) => stopOrders.has(t.exitOrderId)).length;
  return { stopOuts, trendExits: result.trades.length - stopOuts };
}

async function main(): Promise<void> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const outArg = process.argv[2];
  const out = outArg ?? relative(process.cwd(), join(root, 'qt-out', 'examples', 'stop-loss'));

  const data = await loadData(root);
  const result = runBacktest(data);
  const m = result.metrics();
  const { stopOuts, trendExits } = exitCounts(result);
  const bars = data.get(settings.symbol);
  const holdReturn = bars.close[bars.length - 1]! / bars.close[0]! - 1;
  const { fast, slow, stopLoss } = settings.params;
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const open = result.openPositions.find((p) => p.symbol === settings.symbol);

  console.log(`Stop-loss example: TrendWithStopLoss on ${settings.symbol}, ${isoDate(result.time[0]!)}..${isoDate(result.time[result.time.length - 1]!)}`);
  console.log(`  rules           buy when SMA(${fast}) crosses above SMA(${slow}), stop ${pct(stopLoss)} below the fill, sell when SMA(${fast}) < SMA(${slow})`);
  console.log(`  final equity    ${result.finalEquity.toFixed(2)} (from ${result.initialCash.toFixed(2)}), total return ${pct(m.totalReturn)}`);
  console.log(`  buy and hold    ${pct(holdReturn)}`);
  console.log(`  max drawdown    ${pct(m.maxDrawdown)}, Sharpe ${m.sharpeRatio.toFixed(2)}`);
  console.log(`  trades          ${result.trades.length} round trips: ${stopOuts} stopped out, ${trendExits} trend exits; win rate ${pct(m.winRate)}`);
  console.log(`  at the end      ${open === undefined ? 'flat' : `long ${open.quantity} shares, unrealised P&L ${open.unrealisedPnl.toFixed(2)}`}`);
  console.log(`  costs           fees ${result.totals.fees.toFixed(2)}, slippage ${result.fills.reduce((s, f) => s + f.slippage * f.quantity, 0).toFixed(2)}`);

  const written = await result.writeReport(out, { sources: data.sources, config: { ...settings.params, cash: settings.cash } });
  console.log(`Report written to ${out} (${written.length} files: ${written.join(', ')})`);
}

// Run only when executed as a script (the test suite imports the strategy to recompute the numbers).
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
