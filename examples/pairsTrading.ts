/**
 * Example: statistical arbitrage on pairs, done honestly.
 *
 * Four economically linked pairs from `../shared/data/stock_prices.csv` (JPM/BAC, XOM/RRC, T/WMT,
 * GE/GM), 2010–2017. Every 252 bars the strategy re-tests each pair for cointegration
 * (Engle–Granger with MacKinnon p-values) on the trailing 252 closes only, and trades a pair in the
 * following year only when p < 0.10 (with four pairs tested per year, expect a false positive now
 * and then: the p-values are printed so you can judge). Hedge ratios come from a Kalman filter;
 * the spread's causal z-score opens a trade beyond ±2 and closes it inside ±0.5. Legs are sized
 * from the current prices (not hard-coded ones): `qY = ⌊0.2·equity / (pY + β·pX)⌋`, `qX = round(β·qY)`.
 *
 * Costs: $0.005/share with a $1 minimum, 5 bps slippage, 3 % a year to borrow shorted shares, and
 * RRC on the not-shortable list — trades that would short it are skipped, not half-done. Margin is
 * Reg T (50 % initial, 25 % maintenance).
 *
 * Run from the repository root:
 *
 *     npx tsx --conditions=@qt-backtest/source examples/pairsTrading.ts [outDir]
 *
 * The report goes to `outDir` (default `qt-out/examples/pairs-trading/`). Output is deterministic.
 */
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engleGranger, KalmanHedge } from '@qt-backtest/alpha';
import {
  backtest,
  type BacktestResult,
  CompositeFee,
  FixedBpsSlippage,
  FixedRateBorrow,
  isoDate,
  loadBars,
  PerShareFee,
  Strategy,
  type StrategyContext,
  writeReport,
} from '@qt-backtest/core';

/** Parameters of {@link PairsTrader}. */
export interface PairsTraderParams {
  /** [y, x] pairs: y is bought when its spread over β·x is low. */
  readonly pairs: readonly (readonly [string, string])[];
  /** Bars of the trailing cointegration test, and how often it is repeated. */
  readonly formationBars: number;
  readonly maxPValue: number;
  readonly entryZ: number;
  readonly exitZ: number;
  /** Gross notional of one pair trade as a fraction of equity. */
  readonly fraction: number;
  /** Symbols the broker will not lend (checked before a trade that would short them). */
  readonly notShortable: readonly string[];
  readonly delta: number;
}

/** What happened, for printing and for the tests. */
export interface PairsLog {
  readonly tests: { date: string; pair: string; pValue: number; hedgeRatio: number; traded: boolean }[];
  readonly entries: { date: string; pair: string; side: 'long spread' | 'short spread'; z: number; beta: number; qY: number; qX: number }[];
  readonly skipped: { date: string; pair: string; reason: string }[];
}

interface PairState {
  readonly kf: KalmanHedge;
  active: boolean;
  /** +1 long spread (long y, short x), −1 short spread, 0 flat. */
  side: number;
  bars: number;
}

/** Kalman-hedged pairs trading with a yearly, causal cointegration filter. */
export class PairsTrader extends Strategy<PairsTraderParams> {
  readonly log: PairsLog = { tests: [], entries: [], skipped: [] };
  #state: PairState[] = [];

  override onStart(): void {
    this.#state = this.params.pairs.map(() => ({ kf: new KalmanHedge({ delta: this.params.delta }), active: false, side: 0, bars: 0 }));
  }

  override onBar(ctx: StrategyContext): void {
    const p = this.params;
    const date = isoDate(ctx.time);
    p.pairs.forEach(([y, x], k) => {
      const s = this.#state[k]!;
      const name = `${y}/${x}`;
      if (!(ctx.hasBar(y) && ctx.hasBar(x))) return;
      const step = s.kf.update(ctx.price(y), ctx.price(x));
      s.bars++;
      if (ctx.index >= p.formationBars && ctx.index % p.formationBars === 0) {
        const hy = ctx.history(y, 'close', p.formationBars).toArray();
        const hx = ctx.history(x, 'close', p.formationBars).toArray();
        if (hy.length === p.formationBars && hx.length === p.formationBars && hy.every(Number.isFinite) && hx.every(Number.isFinite)) {
          const eg = engleGranger(hy, hx);
          s.active = eg.pValue < p.maxPValue && eg.hedgeRatio > 0;
          this.log.tests.push({ date, pair: name, pValue: eg.pValue, hedgeRatio: eg.hedgeRatio, traded: s.active });
        }
      }
      if (s.side !== 0 && (!s.active || Math.abs(step.zScore) < p.exitZ)) {
        ctx.closePosition(y);
        ctx.closePosition(x);
        s.side = 0;
        return;
      }
      if (s.side !== 0 || !s.active || s.bars < 60 || !(step.beta > 0) || !(Math.abs(step.zScore) > p.entryZ)) return;
      const side = step.zScore < 0 ? 1 : -1;
      const shorted = side === 1 ? x : y;
      if (p.notShortable.includes(shorted)) {
        this.log.skipped.push({ date, pair: name, reason: `${shorted} is not shortable` });
        return;
      }
      const py = ctx.price(y);
      const px = ctx.price(x);
      const qY = Math.floor((p.fraction * ctx.equity) / (py + step.beta * px));
      const qX = Math.round(step.beta * qY);
      if (qY < 1 || qX < 1) return;
      if (side === 1) {
        ctx.buy(y, qY);
        ctx.sell(x, qX);
      } else {
        ctx.sell(y, qY);
        ctx.buy(x, qX);
      }
      s.side = side;
      this.log.entries.push({ date, pair: name, side: side === 1 ? 'long spread' : 'short spread', z: step.zScore, beta: step.beta, qY, qX });
    });
  }
}

/** The example's settings. */
export const PARAMS: PairsTraderParams = {
  pairs: [
    ['JPM', 'BAC'],
    ['XOM', 'RRC'],
    ['T', 'WMT'],
    ['GE', 'GM'],
  ],
  formationBars: 252,
  maxPValue: 0.1,
  entryZ: 2,
  exitZ: 0.5,
  fraction: 0.2,
  notShortable: ['RRC'],
  delta: 1e-4,
};

const here = dirname(fileURLToPath(import.meta.url));
export const DATA = resolve(here, '..', '..', 'shared', 'data', 'stock_prices.csv');

/** Loads the data and runs the strategy with the example's costs; returns the result and the log. */
export async function runPairs(params: PairsTraderParams = PARAMS): Promise<{ result: BacktestResult; log: PairsLog }> {
  const symbols = [...new Set(params.pairs.flat())];
  const loaded = await loadBars(DATA, { symbols });
  const from = Date.UTC(2010, 0, 4);
  const to = Date.UTC(2017, 11, 29);
  const series = symbols.map((s) => {
    const b = loaded.get(s);
    const i0 = b.time.findIndex((t) => t >= from);
    let i1 = b.time.length;
    while (i1 > 0 && b.time[i1 - 1]! > to) i1--;
    return { ...b, length: i1 - i0, ...Object.fromEntries((['time', 'open', 'high', 'low', 'close', 'volume'] as const).map((f) => [f, b[f].subarray(i0, i1)])) } as typeof b;
  });
  const strategy = new PairsTrader(params);
  const result = backtest({
    data: series,
    strategy,
    cash: 1_000_000,
    fees: new CompositeFee([new PerShareFee({ perShare: 0.005, minimum: 1 })]),
    slippage: new FixedBpsSlippage(5),
    borrow: new FixedRateBorrow({ annualRate: 0.03, notShortable: params.notShortable }),
    margin: { initial: 0.5, maintenance: 0.25 },
  });
  return { result, log: strategy.log };
}

async function main(): Promise<void> {
  const outDir = resolve(process.argv[2] ?? join('qt-out', 'examples', 'pairs-trading'));
  const { result, log } = await runPairs();
  const m = result.metrics();
  const lines = [
    'Cointegration tests (trailing 252 closes, Engle–Granger, MacKinnon p):',
    ...log.tests.map((t) => `  ${t.date} ${t.pair.padEnd(8)} p=${t.pValue.toFixed(4)} beta=${t.hedgeRatio.toFixed(3)}${t.traded ? '  → traded next year' : ''}`),
    `entries: ${log.entries.length}  skipped (not shortable): ${log.skipped.length}`,
    `fills: ${result.fills.length}`,
    `final equity: ${result.finalEquity.toFixed(2)}`,
    `total return: ${(m.totalReturn * 100).toFixed(2)}%`,
    `Sharpe: ${m.sharpeRatio.toFixed(3)}`,
    `fees: ${result.totals.fees.toFixed(2)}  borrow: ${result.totals.borrow.toFixed(2)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  await writeReport(result, outDir);
  process.stdout.write(`report: ${relative(process.cwd(), outDir) || '.'}\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
