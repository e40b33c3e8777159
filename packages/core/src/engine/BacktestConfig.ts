/**
 * Settings of one backtest run, and their defaults.
 */
import type { TradingCalendar } from '../calendar/TradingCalendar.js';
import type { BarPanel } from '../data/BarPanel.js';
import type { BarSeries } from '../data/BarSeries.js';
import type { LoadedBars } from '../data/loadBars.js';
import type { FeeModel } from '../simulator/FeeModel.js';
import type { FillModel } from '../simulator/FillModel.js';
import type { MarginModel } from '../simulator/MarginModel.js';
import type { VolumeLimitModel } from '../simulator/VolumeLimitModel.js';
import type { BorrowModel, InterestModel } from '../simulator/FinancingModel.js';
import type { SlippageModel } from '../simulator/SlippageModel.js';
import type { FeatureSource } from './FeatureSource.js';
import type { Strategy } from './Strategy.js';

/**
 * Which leg fills when both exits of an OCO group (a bracket's take-profit and stop-loss) could
 * fill inside one bar: `pessimistic` (default) the one worse for the trader, `optimistic` the
 * better one, `path` the one the assumed intrabar path reaches first.
 */
export type OcoPriority = 'pessimistic' | 'optimistic' | 'path';

/**
 * Shorthand for margin as fractions of gross position value (Σ |quantity × price|): `initial` must
 * be covered by equity after every fill that adds exposure (1 = a cash account with no leverage,
 * 0.5 = Reg T 2:1); below `maintenance` a margin call liquidates every position at the next open.
 * For separate long and short rates or a broker's own rules, pass a `MarginModel`.
 */
export interface MarginConfig {
  /** Default 1 (no leverage). */
  readonly initial?: number;
  /** Default 0 (no margin calls). */
  readonly maintenance?: number;
}

/** Everything `backtest` needs; only `data` and `strategy` are required. */
export interface BacktestConfig {
  /** Bars: a `loadBars` result, an aligned panel, or series. */
  readonly data: LoadedBars | BarPanel | Iterable<BarSeries>;
  readonly strategy: Strategy<object>;
  /** Starting cash (default 100,000). */
  readonly cash?: number;
  /** Fees per fill (default none). */
  readonly fees?: FeeModel;
  /** Slippage on market, stop and trailing-stop fills (default none). */
  readonly slippage?: SlippageModel;
  /**
   * Volume cap: a `VolumeLimitModel`, or a number as shorthand for `VolumeParticipationLimit` —
   * the largest fraction of a bar's volume one symbol's fills may take; the rest waits for later
   * bars (default: no cap).
   */
  readonly volumeLimit?: number | VolumeLimitModel;
  /** Short borrow (default: free, everything shortable). */
  readonly borrow?: BorrowModel;
  /** Interest on cash (default none). */
  readonly interest?: InterestModel;
  /** Margin: a `MarginModel`, or fractions as shorthand (default: a cash account, no leverage). */
  readonly margin?: MarginConfig | MarginModel;
  /**
   * Returns at delisting, by symbol: a symbol whose data ends before the run's last bar is delisted
   * at the next bar — its working orders are cancelled and its position is closed at its last
   * close × (1 + r) (default r = 0). Each `r` must be finite and > −1.
   *
   * @example delistingReturns: { LEH: -0.95 }
   */
  readonly delistingReturns?: Readonly<Record<string, number>>;
  /** Allow fractional quantities (default false: whole shares). */
  readonly fractional?: boolean;
  /** Rule prices of orders on a bar (default `BarFillModel` with the adaptive intrabar path). */
  readonly fillModel?: FillModel;
  /** OCO/bracket tie rule (default `pessimistic`). */
  readonly ocoPriority?: OcoPriority;
  /** Calendar for session days of intraday data (`day` orders; default NYSE). */
  readonly calendar?: TradingCalendar;
  /** Seed of `ctx.random()` and of any random model (default 0). */
  readonly seed?: number;
  /**
   * Precomputed features on the same time index (e.g. from `FeaturePipeline.compute`), read in the
   * strategy with `ctx.feature(name, symbol)` at the current bar only.
   */
  readonly features?: FeatureSource;
  /**
   * Keep every order event in the result (default false: strategies still receive every event,
   * but a long run's log costs memory; the result always has orders, fills and trades).
   */
  readonly recordEvents?: boolean;
  /**
   * Called with `(barsDone, totalBars)` about every 1 % of the bars and once after the last bar
   * (for progress bars; it must not touch the strategy). Throwing from it aborts the run.
   *
   * @example onProgress: (done, total) => process.stderr.write(`\r${done}/${total}`)
   */
  readonly onProgress?: (barsDone: number, totalBars: number) => void;
}
