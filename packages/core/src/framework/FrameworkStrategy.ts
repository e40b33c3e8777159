/**
 * The algorithm framework as a strategy: alpha → portfolio construction → risk → execution, with
 * precisely specified rebalance semantics.
 */
import { Strategy } from '../engine/Strategy.js';
import type { StrategyContext } from '../engine/StrategyContext.js';
import { InvariantError } from '../errors.js';
import type { AlphaModel } from './AlphaModel.js';
import type { ExecutionModel } from './ExecutionModel.js';
import { ImmediateExecution } from './ImmediateExecution.js';
import { createInsight, type Insight, InsightError, sameInsightView } from './Insight.js';
import { NullRiskManagement } from './NullRiskManagement.js';
import type { PortfolioConstructionModel } from './PortfolioConstructionModel.js';
import { type PortfolioTarget, targetWeight } from './PortfolioTarget.js';
import type { RiskManagementModel } from './RiskManagementModel.js';

/** Why the framework rebalanced on a bar. */
export const RebalanceReason = {
  /** A new insight, or one whose view (direction, score, magnitude, confidence, weight, horizon) changed. */
  InsightChanged: 'insight_changed',
  /** An active insight reached the end of its horizon. */
  InsightExpired: 'insight_expired',
  /** The schedule (`everyBars` or `schedule`) asked for it. */
  Scheduled: 'scheduled',
} as const;
/** {@inheritDoc RebalanceReason} */
export type RebalanceReason = (typeof RebalanceReason)[keyof typeof RebalanceReason];

/** When {@link FrameworkStrategy} rebalances. */
export interface RebalanceConfig {
  /** Rebalance when an insight is new or its view changed (default true). */
  readonly onInsightChange?: boolean;
  /** Rebalance when an active insight expires (default true). */
  readonly onExpiry?: boolean;
  /** Rebalance every this many bars, counting from the run's first bar (index 0, n, 2n, …); 0 = never (default). */
  readonly everyBars?: number;
  /** Extra schedule: rebalance when it returns true for the bar's time and index. */
  readonly schedule?: (time: number, index: number) => boolean;
}

/** The models of a {@link FrameworkStrategy}. */
export interface FrameworkConfig {
  readonly alpha: AlphaModel;
  readonly portfolio: PortfolioConstructionModel;
  /** Default {@link NullRiskManagement}. */
  readonly risk?: RiskManagementModel;
  /** Default {@link ImmediateExecution} (whole shares). */
  readonly execution?: ExecutionModel;
  readonly rebalance?: RebalanceConfig;
}

/** One rebalance or risk-driven re-execution, for inspection and tests. */
export interface RebalanceRecord {
  readonly time: number;
  readonly index: number;
  /** Empty when only the risk model changed the book (no portfolio construction ran). */
  readonly reasons: readonly RebalanceReason[];
  /** The book after risk management that was executed. */
  readonly targets: readonly PortfolioTarget[];
}

/**
 * Wires the four framework models into a strategy. On every bar, in the decide phase:
 *
 * 1. **Expire**: insights with `index >= generatedIndex + horizonBars` leave the active set.
 * 2. **Alpha**: `alpha.update` runs; each insight must carry this bar's `time` and `index`, name a
 *    symbol of the data, and be unique per (symbol, source alpha) within the bar, else
 *    `InsightError`. It replaces the active insight of the same symbol and source. A re-emitted
 *    insight with the same view only extends its expiry.
 * 3. **Rebalance** when any trigger fires: an insight new or changed (`onInsightChange`), an
 *    insight expired (`onExpiry`), or the schedule (`everyBars`, `schedule`). Then portfolio
 *    construction runs on all active insights (ordered by generation index, source, symbol) and its
 *    book is completed with a 0 target for every held symbol it leaves out. Without a trigger the
 *    previous book stands — weights are not re-traded as prices drift.
 * 4. **Risk** runs on every bar once a book exists (so stops act immediately); its output is
 *    completed the same way.
 * 5. **Execute** when the bar rebalanced or the risk-adjusted book differs from the last executed
 *    one; the execution model's orders are submitted and fill from the next bar on.
 *
 * @example
 * const strategy = new FrameworkStrategy({
 *   alpha: new MyAlpha(), portfolio: new EqualWeightingPortfolio(),
 *   rebalance: { everyBars: 21 },
 * });
 * const result = await backtest({ data, strategy, initialCash: 100_000 });
 */
export class FrameworkStrategy extends Strategy<FrameworkConfig> {
  #active = new Map<string, Insight>();
  #targets: readonly PortfolioTarget[] | undefined;
  #executed: readonly PortfolioTarget[] | undefined;
  #log: RebalanceRecord[] = [];
  readonly #risk: RiskManagementModel;
  readonly #execution: ExecutionModel;
  readonly #every: number;

  /** @throws {InvariantError} for `everyBars` that is not a non-negative integer. */
  constructor(config: FrameworkConfig) {
    super(config);
    this.#risk = config.risk ?? new NullRiskManagement();
    this.#execution = config.execution ?? new ImmediateExecution();
    this.#every = config.rebalance?.everyBars ?? 0;
    if (!(Number.isInteger(this.#every) && this.#every >= 0)) {
      throw new InvariantError(`FrameworkStrategy: rebalance.everyBars ${String(config.rebalance?.everyBars)} must be a non-negative integer`);
    }
  }

  override get name(): string {
    return `FrameworkStrategy(${this.params.alpha.name} → ${this.params.portfolio.name} → ${this.#risk.name} → ${this.#execution.name})`;
  }

  /** The active insights after the last bar (ordered by generation index, source, symbol). */
  get activeInsights(): readonly Insight[] {
    return sortInsights([...this.#active.values()]);
  }

  /** Every bar on which a book was executed, in order. */
  get rebalances(): readonly RebalanceRecord[] {
    return this.#log;
  }

  override onStart(_ctx: StrategyContext): void {
    this.#active = new Map();
    this.#targets = undefined;
    this.#executed = undefined;
    this.#log = [];
  }

  override onBar(ctx: StrategyContext): void {
    const reasons: RebalanceReason[] = [];
    const rebalance = this.params.rebalance ?? {};
    // 1. expire
    let expired = false;
    for (const [key, insight] of this.#active) {
      if (ctx.index >= insight.generatedIndex + insight.horizonBars) {
        this.#active.delete(key);
        expired = true;
      }
    }
    // 2. alpha
    let changed = false;
    const fresh = this.params.alpha.update({ market: ctx });
    const seen = new Set<string>();
    const known = new Set(ctx.symbols);
    for (const raw of fresh) {
      const insight = checkInsight(raw, ctx, known);
      const key = `${insight.sourceAlpha}\u0000${insight.symbol}`;
      if (seen.has(key)) {
        throw new InsightError(`${insight.sourceAlpha} emitted two insights for "${insight.symbol}" at bar ${ctx.index}`);
      }
      seen.add(key);
      const previous = this.#active.get(key);
      if (previous === undefined || !sameInsightView(previous, insight)) changed = true;
      this.#active.set(key, insight);
    }
    // 3. triggers
    if (changed && (rebalance.onInsightChange ?? true)) reasons.push(RebalanceReason.InsightChanged);
    if (expired && (rebalance.onExpiry ?? true)) reasons.push(RebalanceReason.InsightExpired);
    if ((this.#every > 0 && ctx.index % this.#every === 0) || rebalance.schedule?.(ctx.time, ctx.index) === true) {
      reasons.push(RebalanceReason.Scheduled);
    }
    if (reasons.length > 0) {
      const book = this.params.portfolio.createTargets({ insights: this.activeInsights, market: ctx, portfolio: ctx });
      this.#targets = completeBook(book, ctx, known, this.params.portfolio.name);
    }
    if (this.#targets === undefined) return;
    // 4. risk
    const adjusted = completeBook(
      this.#risk.manageRisk({ targets: this.#targets, market: ctx, portfolio: ctx }),
      ctx,
      known,
      this.#risk.name,
    );
    // 5. execute
    if (reasons.length === 0 && this.#executed !== undefined && sameBook(adjusted, this.#executed)) return;
    for (const order of this.#execution.execute({ targets: adjusted, market: ctx, portfolio: ctx })) ctx.order(order);
    this.#executed = adjusted;
    this.#log.push(Object.freeze({ time: ctx.time, index: ctx.index, reasons: Object.freeze(reasons), targets: adjusted }));
  }
}

function checkInsight(raw: Insight, ctx: StrategyContext, known: ReadonlySet<string>): Insight {
  const insight = createInsight(raw); // re-validates every field of hand-made objects
  if (insight.generatedIndex !== ctx.index || insight.generatedTime !== ctx.time) {
    throw new InsightError(
      `insight for "${insight.symbol}" from "${insight.sourceAlpha}" says bar ${insight.generatedIndex} (time ${insight.generatedTime}) but was emitted at bar ${ctx.index} (time ${ctx.time})`,
    );
  }
  if (!known.has(insight.symbol)) {
    throw new InsightError(`insight symbol "${insight.symbol}" from "${insight.sourceAlpha}" is not in the data`);
  }
  return insight;
}

function sortInsights(list: Insight[]): Insight[] {
  return list.sort(
    (a, b) =>
      a.generatedIndex - b.generatedIndex ||
      (a.sourceAlpha < b.sourceAlpha ? -1 : a.sourceAlpha > b.sourceAlpha ? 1 : 0) ||
      (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0),
  );
}

/** Validates a model's book and adds a 0 target for every held or pending symbol it leaves out. */
function completeBook(
  book: readonly PortfolioTarget[],
  ctx: StrategyContext,
  known: ReadonlySet<string>,
  model: string,
): readonly PortfolioTarget[] {
  const named = new Set<string>();
  for (const t of book) {
    if (!known.has(t.symbol)) throw new InvariantError(`${model} targeted "${t.symbol}", which is not in the data`);
    if (named.has(t.symbol)) throw new InvariantError(`${model} targeted "${t.symbol}" twice`);
    if (!Number.isFinite(t.value) || (t.unit !== 'weight' && t.unit !== 'quantity')) {
      throw new InvariantError(`${model} targeted "${t.symbol}" with ${String(t.unit)} ${String(t.value)}; expected a finite weight or quantity`);
    }
    named.add(t.symbol);
  }
  const out = [...book];
  for (const s of ctx.symbols) {
    if (!named.has(s) && (ctx.position(s).quantity !== 0 || ctx.openOrders(s).length > 0)) out.push(targetWeight(s, 0));
  }
  return Object.freeze(out);
}

function sameBook(a: readonly PortfolioTarget[], b: readonly PortfolioTarget[]): boolean {
  if (a.length !== b.length) return false;
  const m = new Map(b.map((t) => [t.symbol, t]));
  return a.every((t) => {
    const u = m.get(t.symbol);
    return u !== undefined && u.unit === t.unit && u.value === t.value;
  });
}
