/**
 * Example: your own commission and slippage models.
 *
 * Shows how a notebook user plugs a broker's cost schedule into the simulator by implementing the
 * core extension interfaces `FeeModel` and `SlippageModel` (one method, a parameters object in, a
 * number out): a commission whose per-share rate falls with the order's size, and a slippage that
 * scales with the bar's high–low range (a volatility proxy) and with the order's share of the bar's
 * volume. A high-turnover weekly reversal strategy is run twice on the bundled fixture data —
 * with the custom costs and with none — and the costs paid are set against the zero-cost run.
 *
 * Check your own models with the published contract suites, which run under vitest (and
 * fast-check) in your test files, not in a script like this one:
 *
 *     import { testFeeModelContract, testSlippageModelContract } from '@qt-backtest/core/testing';
 *     testFeeModelContract('TieredCommission', () => new TieredCommission());
 *     testSlippageModelContract('RangeImpactSlippage', () => new RangeImpactSlippage());
 *
 * (The repository's test suite does exactly that for the two classes below.)
 *
 * Run from the repository root:
 *
 *     npx tsx --conditions=@qt-backtest/source examples/customCosts.ts [outDir]
 *
 * The report of the run with costs goes to `outDir` (default `qt-out/examples/custom-costs/`). The
 * output is deterministic.
 */
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  backtest,
  type BacktestResult,
  type FeeModel,
  type FeeParams,
  isoDate,
  loadBars,
  type LoadedBars,
  type SlippageModel,
  type SlippageParams,
  Strategy,
  type StrategyContext,
} from 'qt-backtest';

/** One step of a {@link TieredCommission} schedule. */
export interface CommissionTier {
  /** Shares of the order up to which this rate applies (`Infinity` for the last tier). */
  readonly upTo: number;
  /** Currency per share for the shares in this tier. */
  readonly perShare: number;
}

/** Options of {@link TieredCommission}. */
export interface TieredCommissionOptions {
  /** Tiers with increasing `upTo`, the last one `Infinity`. */
  readonly tiers?: readonly CommissionTier[];
  /** Least commission per order (charged on the order's first fill). */
  readonly minimum?: number;
  /** Most commission as a fraction of the fill's value. */
  readonly maxFractionOfValue?: number;
}

/**
 * A commission whose per-share rate falls with the size of the order: by default USD 0.005 a share
 * for the first 500 shares, 0.003 for the next 4 500 and 0.001 beyond 5 000, at least USD 1 per
 * order and at most 0.5 % of the value traded.
 *
 * Fees are charged per fill and a `FeeModel` must not keep state between calls (the contract suite
 * checks this), so the schedule is applied to the whole order (`orderQuantity`) and each fill pays
 * its pro-rata share; the first fill also pays the top-up to the minimum. (A schedule tiered by the
 * month's cumulative volume would need state, which this interface deliberately does not allow.)
 */
export class TieredCommission implements FeeModel {
  readonly name: string;
  readonly #tiers: readonly CommissionTier[];
  readonly #minimum: number;
  readonly #maxFraction: number;

  constructor(options: TieredCommissionOptions = {}) {
    const {
      tiers = [
        { upTo: 500, perShare: 0.005 },
        { upTo: 5_000, perShare: 0.003 },
        { upTo: Infinity, perShare: 0.001 },
      ],
      minimum = 1,
      maxFractionOfValue = 0.005,
    } = options;
    if (tiers.length === 0 || tiers.at(-1)!.upTo !== Infinity) throw new RangeError('TieredCommission: the last tier must have upTo: Infinity');
    tiers.forEach((t, i) => {
      if (!(t.perShare >= 0 && Number.isFinite(t.perShare))) throw new RangeError(`TieredCommission: tier ${i} perShare ${t.perShare} is not a finite number >= 0`);
      if (!(t.upTo > (i === 0 ? 0 : tiers[i - 1]!.upTo))) throw new RangeError(`TieredCommission: tier ${i} upTo ${t.upTo} does not increase`);
    });
    if (!(minimum >= 0 && Number.isFinite(minimum))) throw new RangeError(`TieredCommission: minimum ${minimum} is not a finite number >= 0`);
    if (!(maxFractionOfValue > 0 && maxFractionOfValue <= 1)) throw new RangeError(`TieredCommission: maxFractionOfValue ${maxFractionOfValue} is not in (0, 1]`);
    this.#tiers = tiers.map((t) => ({ ...t }));
    this.#minimum = minimum;
    this.#maxFraction = maxFractionOfValue;
    const steps = tiers.map((t) => `${t.perShare}${t.upTo === Infinity ? '' : ` to ${t.upTo}`}`).join(', ');
    this.name = `TieredCommission(${steps}; min ${minimum}, max ${maxFractionOfValue} of value)`;
  }

  /** Commission of a whole order of `quantity` shares under the tier schedule (before min and cap). */
  orderCommission(quantity: number): number {
    let total = 0;
    let from = 0;
    for (const { upTo, perShare } of this.#tiers) {
      if (quantity <= from) break;
      total += (Math.min(quantity, upTo) - from) * perShare;
      from = upTo;
    }
    return total;
  }

  fee({ price, quantity, orderQuantity, firstFill }: FeeParams): number {
    const order = this.orderCommission(orderQuantity);
    const share = (order * quantity) / orderQuantity; // this fill's pro-rata part
    const topUp = firstFill ? Math.max(0, this.#minimum - order) : 0;
    return Math.min(share + topUp, this.#maxFraction * price * quantity);
  }
}

/** Options of {@link RangeImpactSlippage}. */
export interface RangeImpactSlippageOptions {
  /** Fraction of the bar's high–low range paid as the half spread. */
  readonly spreadShare?: number;
  /** Impact coefficient: range × impact × √(quantity / volume). */
  readonly impact?: number;
  /** Cap per share as a fraction of the price. */
  readonly maxFraction?: number;
}

/**
 * Slippage that scales with volatility and size: per share, `spreadShare × (high − low)` for
 * crossing the spread (the bar's range stands in for the day's volatility) plus
 * `impact × (high − low) × √(quantity / volume)` for the order's footprint, capped at
 * `maxFraction × price`. A bar without volume data (`NaN` or 0) is charged as if the order took the
 * whole bar — the conservative reading.
 */
export class RangeImpactSlippage implements SlippageModel {
  readonly name: string;
  readonly #spreadShare: number;
  readonly #impact: number;
  readonly #maxFraction: number;

  constructor(options: RangeImpactSlippageOptions = {}) {
    const { spreadShare = 0.02, impact = 0.1, maxFraction = 0.02 } = options;
    for (const [key, value] of Object.entries({ spreadShare, impact, maxFraction })) {
      if (!(value >= 0 && value <= 1)) throw new RangeError(`RangeImpactSlippage: ${key} ${value} is not in [0, 1]`);
    }
    this.#spreadShare = spreadShare;
    this.#impact = impact;
    this.#maxFraction = maxFraction;
    this.name = `RangeImpactSlippage(spread ${spreadShare} of range, impact ${impact}, max ${maxFraction} of price)`;
  }

  slippage({ price, quantity, bar }: SlippageParams): number {
    const range = Math.max(0, bar.high - bar.low);
    const participation = bar.volume > 0 ? Math.min(1, quantity / bar.volume) : 1;
    const perShare = range * (this.#spreadShare + this.#impact * Math.sqrt(participation));
    return Math.min(perShare, this.#maxFraction * price);
  }
}

/** Parameters of {@link WeeklyReversal}. */
export interface WeeklyReversalParams {
  /** Rebalance every `every` bars; rank by the return over the last `every` bars. */
  readonly every: number;
  /** How many of the biggest losers to hold, equal-weighted. */
  readonly hold: number;
  readonly exclude: readonly string[];
}

/**
 * Short-term reversal, a strategy where costs decide the outcome: every `every` bars, hold the
 * `hold` symbols that fell most over the last `every` bars, equal-weighted at 96 % / `hold`.
 */
export class WeeklyReversal extends Strategy<WeeklyReversalParams> {
  override onBar(ctx: StrategyContext): void {
    const { every, hold, exclude } = this.params;
    if (ctx.index % every !== 0) return;
    const losers = ctx.symbols
      .filter((s) => !exclude.includes(s) && ctx.bar(s) !== undefined)
      .map((s) => ({ s, r: ctx.value(s, 'close') / ctx.value(s, 'close', every) - 1 }))
      .filter((x) => !Number.isNaN(x.r))
      .sort((a, b) => a.r - b.r || (a.s < b.s ? -1 : 1))
      .slice(0, hold)
      .map((x) => x.s);
    const chosen = new Set(losers);
    for (const s of ctx.symbols) if (!chosen.has(s) && ctx.position(s).quantity !== 0) ctx.closePosition(s);
    for (const s of chosen) ctx.orderTargetPercent(s, 0.96 / hold);
  }
}

const params: WeeklyReversalParams = { every: 5, hold: 3, exclude: ['MKT'] };

/** The example's settings. */
export const settings = {
  params,
  cash: 1_000_000,
} as const;

/** Loads the bundled fixture universe (split/dividend adjusted) from `root`. */
export function loadData(root: string): Promise<LoadedBars> {
  return loadBars(relative(process.cwd(), join(root, 'data-fixtures', 'daily')), { adjustment: 'adjusted' });
}

/** Runs the strategy with the custom costs, or with none. */
export function runBacktest(data: LoadedBars, costs: boolean): BacktestResult {
  return backtest({
    data,
    strategy: new WeeklyReversal(settings.params),
    cash: settings.cash,
    ...(costs ? { fees: new TieredCommission(), slippage: new RangeImpactSlippage() } : {}),
  });
}

/** Slippage paid over a run, in currency: Σ slippage per share × shares. */
export function slippagePaid(result: BacktestResult): number {
  return result.fills.reduce((sum, f) => sum + f.slippage * f.quantity, 0);
}

async function main(): Promise<void> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const out = process.argv[2] ?? relative(process.cwd(), join(root, 'qt-out', 'examples', 'custom-costs'));

  // What the models charge for one order, before any backtest.
  const fees = new TieredCommission();
  const slippage = new RangeImpactSlippage();
  const bar = { time: Date.UTC(2020, 2, 16), open: 100, high: 101.5, low: 99, close: 100.5, volume: 2_000_000 };
  console.log('Custom cost models');
  console.log(`  fees            ${fees.name}`);
  console.log(`  slippage        ${slippage.name}`);
  for (const quantity of [100, 2_000, 20_000]) {
    const perShare = slippage.slippage({ symbol: 'X', side: 'buy', price: 100, quantity, bar });
    const fee = fees.fee({ symbol: 'X', side: 'buy', price: 100 + perShare, quantity, orderQuantity: quantity, firstFill: true, bar });
    console.log(`  buy ${String(quantity).padStart(6)} @ 100 on a 2.5-point, 2M-share bar: commission ${fee.toFixed(2)}, slippage ${perShare.toFixed(4)} a share (${(perShare * quantity).toFixed(2)})`);
  }

  const data = await loadData(root);
  const withCosts = runBacktest(data, true);
  const free = runBacktest(data, false);
  const mc = withCosts.metrics();
  const mf = free.metrics();
  const { every, hold } = settings.params;
  const n = withCosts.time.length;
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const row = (label: string, a: string, b: string): string => `  ${label.padEnd(16)}${a.padStart(14)}${b.padStart(14)}`;

  console.log(`\nWeeklyReversal: every ${every} bars hold the ${hold} biggest ${every}-bar losers, ${isoDate(withCosts.time[0]!)}..${isoDate(withCosts.time[n - 1]!)}`);
  console.log(row('', 'zero cost', 'custom costs'));
  console.log(row('final equity', free.finalEquity.toFixed(2), withCosts.finalEquity.toFixed(2)));
  console.log(row('total return', pct(mf.totalReturn), pct(mc.totalReturn)));
  console.log(row('Sharpe', mf.sharpeRatio.toFixed(2), mc.sharpeRatio.toFixed(2)));
  console.log(row('fills', String(free.fills.length), String(withCosts.fills.length)));
  console.log(row('commission paid', free.totals.fees.toFixed(2), withCosts.totals.fees.toFixed(2)));
  console.log(row('slippage paid', slippagePaid(free).toFixed(2), slippagePaid(withCosts).toFixed(2)));
  const paid = withCosts.totals.fees + slippagePaid(withCosts);
  const drag = free.finalEquity - withCosts.finalEquity;
  console.log(`  costs paid ${paid.toFixed(2)} (${pct(paid / settings.cash)} of the initial cash); final equity ${drag.toFixed(2)} lower than at zero cost`);

  const written = await withCosts.writeReport(out, { sources: data.sources, config: { ...settings.params, cash: settings.cash, fees: fees.name, slippage: slippage.name } });
  console.log(`Report of the run with costs written to ${out} (${written.length} files: ${written.join(', ')})`);
}

// Run only when executed as a script (the test suite imports the models to recompute the numbers).
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
