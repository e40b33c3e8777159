/**
 * A reinforcement-learning trading environment (`reset` / `step`) over one symbol's bars with the
 * engine's time contract and cost models: the agent decides after bar t's close, its order fills
 * at bar t+1's open (plus the slippage model's adverse amount and the fee model's fee), and the
 * reward is the log change of equity marked at bar t+1's close — so rewards are net of costs.
 *
 * Observations are built only from causal features: every feature definition is checked with the
 * prefix-invariance contract (`assertCausal`) when the environment is made, so a feature that
 * hands the agent a later bar's data (e.g. the next bar's return) is refused with a
 * `CausalityError` before any episode runs.
 */
import type { BarSeries, FeeModel, SlippageModel } from '@qt-backtest/core';
import { InvariantError, NoFee, NoSlippage } from '@qt-backtest/core';
import type { FeatureDefinition } from '@qt-backtest/features';
import { assertCausal } from '@qt-backtest/features';

/** Settings of a {@link TradingEnvironment}. */
export interface TradingEnvironmentConfig {
  /** One symbol's bars (e.g. `loaded.get('ORCL')`). */
  readonly bars: BarSeries;
  /** Observation features, each a single-output feature definition (e.g. `rsiFeature(14)`). */
  readonly features: readonly FeatureDefinition[];
  /** First and last bar time (epoch ms, inclusive) of an episode; default the whole series. */
  readonly from?: number;
  readonly to?: number;
  /**
   * Target exposure per action, as a fraction of equity (`[0, 0.5, 0.95]` by default: flat, half,
   * almost fully long). Negative values short and need `allowShort`.
   */
  readonly exposures?: readonly number[];
  readonly allowShort?: boolean;
  /** Starting cash (default 100,000). */
  readonly initialCash?: number;
  readonly fee?: FeeModel;
  readonly slippage?: SlippageModel;
}

/** What one {@link TradingEnvironment.step} returns. */
export interface StepResult {
  /** Observation after the step (features at the new bar, then the current exposure). */
  readonly observation: Float64Array;
  /** log(equity after / equity before), net of fees and slippage. */
  readonly reward: number;
  /** Whether the episode's last bar was reached. */
  readonly done: boolean;
  readonly equity: number;
  /** Shares held after the step (negative when short). */
  readonly position: number;
  /** Time label of the bar the step ended on. */
  readonly time: number;
  /** Whether an order filled in this step, and why one was rejected (`insufficient-cash`), if so. */
  readonly traded: boolean;
  readonly rejected: 'insufficient-cash' | null;
}

/**
 * A costed, causal trading environment for one symbol.
 *
 * @example
 * const env = new TradingEnvironment({ bars: orcl, features: [rsiFeature(14), rocFeature(5)], from: Date.UTC(2005, 0, 1), to: Date.UTC(2010, 11, 31) });
 * let obs = env.reset();
 * for (let done = false; !done; ) ({ observation: obs, done } = env.step(policy(obs)));
 */
export class TradingEnvironment {
  /** Observation length: one value per feature plus the current exposure. */
  readonly observationSize: number;
  /** Number of discrete actions (= exposures). */
  readonly actionCount: number;
  readonly exposures: readonly number[];
  /** First and last bar index of an episode (the first is the first bar with every feature defined). */
  readonly firstIndex: number;
  readonly lastIndex: number;
  readonly #bars: BarSeries;
  readonly #columns: readonly Float64Array[];
  readonly #cash0: number;
  readonly #fee: FeeModel;
  readonly #slippage: SlippageModel;
  #t = -1;
  #cash = 0;
  #shares = 0;

  /**
   * @throws {CausalityError} when a feature's value at some bar depends on later bars.
   * @throws {InvariantError} for bad settings or a range without a bar where every feature is defined.
   */
  constructor(config: TradingEnvironmentConfig) {
    const { bars } = config;
    if (config.features.length === 0) throw new InvariantError('TradingEnvironment needs at least one feature');
    const columns = { open: bars.open, high: bars.high, low: bars.low, close: bars.close, volume: bars.volume };
    this.#columns = config.features.map((f) => {
      // Refuses leaks before any episode: the value at t must not change when later bars are removed.
      assertCausal(f, columns, { samples: 24 });
      const out = f.batch(columns);
      if (!(out instanceof Float64Array)) throw new InvariantError(`feature "${f.name}" has several outputs; pass a single-output feature`);
      return out;
    });
    this.exposures = [...(config.exposures ?? [0, 0.5, 0.95])];
    for (const e of this.exposures) {
      if (!Number.isFinite(e) || Math.abs(e) > 10 || (e < 0 && config.allowShort !== true)) {
        throw new InvariantError(`exposure "${e}" is not allowed${e < 0 ? ' (negative exposures need allowShort)' : ''}`);
      }
    }
    const from = config.from ?? -Infinity;
    const to = config.to ?? Infinity;
    let first = -1;
    let last = -1;
    for (let i = 0; i < bars.length; i++) {
      const t = bars.time[i]!;
      if (t < from || t > to) continue;
      if (first < 0 && this.#columns.every((c) => Number.isFinite(c[i]!))) first = i;
      if (first >= 0) last = i;
    }
    if (first < 0 || last - first < 1) {
      throw new InvariantError(`no two bars of ${bars.symbol} in [${isoDate(from)}, ${isoDate(to)}] with every feature defined`);
    }
    this.firstIndex = first;
    this.lastIndex = last;
    this.observationSize = this.#columns.length + 1;
    this.actionCount = this.exposures.length;
    this.#bars = bars;
    this.#cash0 = config.initialCash ?? 100_000;
    if (!(this.#cash0 > 0)) throw new InvariantError(`initialCash must be > 0, got "${this.#cash0}"`);
    this.#fee = config.fee ?? new NoFee();
    this.#slippage = config.slippage ?? new NoSlippage();
  }

  /** Number of steps in one episode. */
  get length(): number {
    return this.lastIndex - this.firstIndex;
  }

  /** Equity marked at the current bar's close. */
  get equity(): number {
    return this.#cash + this.#shares * this.#bars.close[this.#t]!;
  }

  /** Starts an episode at its first bar, flat, with the initial cash; returns the first observation. */
  reset(): Float64Array {
    this.#t = this.firstIndex;
    this.#cash = this.#cash0;
    this.#shares = 0;
    return this.#observe();
  }

  /**
   * Applies action `action` (an index into `exposures`) decided at the current bar's close: the
   * order fills at the next bar's open; equity is marked at the next bar's close.
   *
   * @throws {InvariantError} before `reset`, after the episode ended, or for an unknown action.
   */
  step(action: number): StepResult {
    if (this.#t < 0) throw new InvariantError('call reset() before step()');
    if (this.#t >= this.lastIndex) throw new InvariantError('the episode has ended; call reset()');
    if (!Number.isInteger(action) || action < 0 || action >= this.actionCount) {
      throw new InvariantError(`action must be an integer in [0, ${this.actionCount - 1}], got "${action}"`);
    }
    const bars = this.#bars;
    const before = this.equity;
    // Sized at the decision bar's close, like ctx.orderTargetPercent: whole shares toward the target.
    const target = Math.trunc((this.exposures[action]! * before) / bars.close[this.#t]!);
    const next = this.#t + 1;
    let traded = false;
    let rejected: 'insufficient-cash' | null = null;
    const delta = target - this.#shares;
    if (delta !== 0) {
      const side = delta > 0 ? 'buy' : 'sell';
      const quantity = Math.abs(delta);
      const bar = {
        time: bars.time[next]!,
        open: bars.open[next]!,
        high: bars.high[next]!,
        low: bars.low[next]!,
        close: bars.close[next]!,
        volume: bars.volume[next]!,
      };
      const symbol = bars.symbol;
      const slip = this.#slippage.slippage({ symbol, side, price: bar.open, quantity, bar });
      const price = side === 'buy' ? bar.open + slip : Math.max(0, bar.open - slip);
      const fee = this.#fee.fee({ symbol, side, price, quantity, orderQuantity: quantity, firstFill: true, bar });
      const cashAfter = this.#cash - delta * price - fee;
      // A buy that cash cannot pay for is rejected whole (nothing is silently resized).
      if (side === 'buy' && this.#shares >= 0 && cashAfter < 0) {
        rejected = 'insufficient-cash';
      } else {
        this.#cash = cashAfter;
        this.#shares = target;
        traded = true;
      }
    }
    this.#t = next;
    const after = this.equity;
    const reward = before > 0 && after > 0 ? Math.log(after / before) : -10;
    return {
      observation: this.#observe(),
      reward,
      done: this.#t >= this.lastIndex || after <= 0,
      equity: after,
      position: this.#shares,
      time: bars.time[this.#t]!,
      traded,
      rejected,
    };
  }

  #observe(): Float64Array {
    const obs = new Float64Array(this.observationSize);
    for (let k = 0; k < this.#columns.length; k++) obs[k] = this.#columns[k]![this.#t]!;
    const equity = this.equity;
    obs[this.#columns.length] = equity > 0 ? (this.#shares * this.#bars.close[this.#t]!) / equity : 0;
    return obs;
  }
}

function isoDate(t: number): string {
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 10) : String(t);
}
