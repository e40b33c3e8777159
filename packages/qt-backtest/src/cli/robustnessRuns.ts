/**
 * The robustness panel's re-runs: the same strategy and data under harsher assumptions —
 * pessimistic intrabar ordering, every signal filled one bar later, costs doubled — through the
 * engine's public options only (a strategy wrapper for the delay).
 */
import {
  backtest,
  BarFillModel,
  SeriesView,
  Strategy,
  type BacktestConfig,
  type BacktestResult,
  type Bar,
  type BarField,
  type OrderEvent,
  type RobustnessVariant,
  type StrategyContext,
} from '@qt-backtest/core';
import { costModels, type CostSettings } from './prepareRun.js';

/** Runs at most this long (ms, the base run's wall time) get the panel by default (3 re-runs). */
export const ROBUSTNESS_MAX_BASE_MS = 3000;

/**
 * A strategy's context seen one bar late: every bar read (`bar`, `value`, `price`, `history`,
 * `feature`, `hasBar`) answers as of the previous bar, orders go to the real engine. So a decision
 * the strategy would take on bar t is taken on bar t + 1 and fills one bar later than as run.
 */
function laggedContext(ctx: StrategyContext, previousTime: number): StrategyContext {
  const lagged = {
    bar(symbol: string): Bar | undefined {
      if (Number.isNaN(ctx.value(symbol, 'close', 1))) return undefined;
      const v = (f: BarField): number => ctx.value(symbol, f, 1);
      return { symbol, time: previousTime, open: v('open'), high: v('high'), low: v('low'), close: v('close'), volume: v('volume') };
    },
    hasBar: (symbol: string): boolean => ctx.hasBar(symbol) && !Number.isNaN(ctx.value(symbol, 'close', 1)),
    value: (symbol: string, field: BarField, ago = 0): number => ctx.value(symbol, field, ago + 1),
    price: (symbol: string): number => ctx.value(symbol, 'close', 1),
    feature: (name: string, symbol: string, ago = 0): number => ctx.feature(name, symbol, ago + 1),
    history(symbol: string, field: BarField, length: number): SeriesView {
      const h = ctx.history(symbol, field, length + 1);
      const n = Math.max(0, h.length - 1);
      const copy = new Float64Array(n);
      for (let i = 0; i < n; i++) copy[i] = h.at(i);
      return new SeriesView(copy, 0, n);
    },
  };
  return new Proxy(ctx, {
    get(target, prop) {
      if (Object.hasOwn(lagged, prop)) return lagged[prop as keyof typeof lagged];
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** Wraps a strategy so that it decides on data one bar old (see {@link laggedContext}). */
export class OneBarLate extends Strategy<object> {
  readonly #inner: Strategy<object>;
  #previousTime = Number.NaN;

  constructor(inner: Strategy<object>) {
    super(inner.params);
    this.#inner = inner;
  }

  override get name(): string {
    return this.#inner.name;
  }

  override onStart(ctx: StrategyContext): void {
    this.#inner.onStart(laggedContext(ctx, Number.NaN));
  }

  override onBar(ctx: StrategyContext): void {
    // On the first bar there is nothing one bar old to decide on.
    const previous = this.#previousTime;
    this.#previousTime = ctx.time;
    if (ctx.index === 0) return;
    this.#inner.onBar(laggedContext(ctx, previous));
  }

  override onOrderEvent(event: OrderEvent, ctx: StrategyContext): void {
    this.#inner.onOrderEvent(event, laggedContext(ctx, this.#previousTime));
  }

  override onEnd(ctx: StrategyContext): void {
    this.#inner.onEnd(laggedContext(ctx, this.#previousTime));
  }
}

/** The settings with every fee and the slippage doubled. */
export function doubledCosts(settings: CostSettings): CostSettings {
  const x2 = (v: number | undefined): number | undefined => (v === undefined ? undefined : v * 2);
  const out: Record<string, unknown> = { ...settings };
  for (const key of ['feePct', 'feePerShare', 'feeMin', 'slippageBps'] as const) {
    const v = x2(settings[key]);
    if (v !== undefined) out[key] = v;
  }
  return out as CostSettings;
}

/**
 * The three re-runs of the robustness panel. Each builds a fresh strategy with `makeStrategy`;
 * a re-run that throws is reported with its message, never failing the run.
 */
export function robustnessRuns(
  data: BacktestConfig['data'],
  settings: CostSettings,
  makeStrategy: () => Strategy<object>,
): RobustnessVariant[] {
  const base = costModels(settings);
  const hasCosts = settings.feePct !== undefined || settings.feePerShare !== undefined || settings.slippageBps !== undefined;
  const variants: { label: string; description: string; config: () => BacktestConfig }[] = [
    {
      label: 'Pessimistic intrabar',
      description:
        'inside each bar the low is visited before the high (olhc), and a bracket or OCO pair whose both legs could fill in one bar fills the worse leg (ocoPriority pessimistic)',
      config: () => ({ data, strategy: makeStrategy(), ...base, fillModel: new BarFillModel({ intrabarPath: 'olhc' }), ocoPriority: 'pessimistic' }),
    },
    {
      label: 'Fills one bar later',
      description: 'the strategy decides on data one bar old, so every order fills one bar later than as run',
      config: () => ({ data, strategy: new OneBarLate(makeStrategy()), ...base }),
    },
    {
      label: 'Costs × 2',
      description: hasCosts
        ? 'every fee (percent, per share, minimum) and the slippage doubled'
        : 'every fee and the slippage doubled — this run set none, so this row equals the run as it was',
      config: () => ({ data, strategy: makeStrategy(), ...costModels(doubledCosts(settings)) }),
    },
  ];
  return variants.map((v) => {
    try {
      const result: BacktestResult = backtest(v.config());
      return { label: v.label, description: v.description, result };
    } catch (e) {
      return { label: v.label, description: v.description, error: e instanceof Error ? e.message : String(e) };
    }
  });
}
