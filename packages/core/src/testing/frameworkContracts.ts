import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StrategyContext } from '../engine/StrategyContext.js';
import { backtest } from '../backtest/backtest.js';
import { Strategy } from '../engine/Strategy.js';
import type { AlphaModel } from '../framework/AlphaModel.js';
import type { ExecutionModel } from '../framework/ExecutionModel.js';
import { createInsight, type Insight } from '../framework/Insight.js';
import type { PortfolioConstructionModel } from '../framework/PortfolioConstructionModel.js';
import type { PortfolioTarget } from '../framework/PortfolioTarget.js';
import type { RiskManagementModel } from '../framework/RiskManagementModel.js';
import type { ContractOptions } from './arbitraries.js';
import { HARNESS_SYMBOLS, harnessSeries, holdingsArb, insightsArb, targetsArb, withHarnessContext } from './frameworkHarness.js';

const runs = (options: ContractOptions): fc.Parameters<unknown> => ({ numRuns: options.numRuns ?? 40 });

function checkBook(targets: readonly PortfolioTarget[], model: string): void {
  const seen = new Set<string>();
  for (const t of targets) {
    expect(HARNESS_SYMBOLS, `${model} targeted an unknown symbol`).toContain(t.symbol);
    expect(seen.has(t.symbol), `${model} targeted "${t.symbol}" twice`).toBe(false);
    seen.add(t.symbol);
    expect(['weight', 'quantity']).toContain(t.unit);
    expect(Number.isFinite(t.value), `${model}: ${t.symbol} ${t.unit} ${t.value}`).toBe(true);
  }
}

class Recorder extends Strategy<{ model: () => AlphaModel; out: Insight[][] }> {
  #model: AlphaModel | undefined;
  override onStart(): void {
    this.#model = this.params.model();
  }
  override onBar(ctx: StrategyContext): void {
    this.params.out.push([...this.#model!.update({ market: ctx })]);
  }
}

function record(factory: () => AlphaModel, bars: number, seed: number, changeFrom = bars): Insight[][] {
  const out: Insight[][] = [];
  backtest({ data: harnessSeries(bars, seed, changeFrom), strategy: new Recorder({ model: factory, out }) });
  return out;
}

/**
 * Registers vitest tests every {@link AlphaModel} must pass, run on seeded random-walk markets of
 * five symbols through the real engine: a non-empty name; every insight valid (re-validated by
 * `createInsight`), stamped with the bar's time and index, for a known symbol, with a non-empty
 * `sourceAlpha` and at most one per symbol and source per bar; the same insights from a fresh
 * instance (no hidden randomness or global state); and **causality** — the insights up to bar k are
 * identical when every bar after k is replaced by different data.
 *
 * @param factory - builds a fresh model; called several times.
 * @param options.numRuns - random markets per property (default 40).
 * @example
 * testAlphaModelContract('MyAlpha', () => new MyAlpha({ lookback: 20 }), { bars: 80 });
 */
export function testAlphaModelContract(
  name: string,
  factory: () => AlphaModel,
  options: ContractOptions & { readonly bars?: number } = {},
): void {
  const bars = options.bars ?? 60;
  describe(`${name} meets the AlphaModel contract`, () => {
    it('has a non-empty name', () => {
      expect(factory().name.length).toBeGreaterThan(0);
    });

    it('emits valid insights stamped with the current bar, one per symbol and source', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
          const series = record(factory, bars, seed);
          const times = harnessSeries(bars, seed)[0]!.time;
          series.forEach((insights, index) => {
            const symbols = new Set<string>();
            for (const raw of insights) {
              const insight = createInsight(raw);
              expect(insight.generatedIndex).toBe(index);
              expect(insight.generatedTime).toBe(times[index]);
              expect(HARNESS_SYMBOLS).toContain(insight.symbol);
              const key = `${insight.sourceAlpha}/${insight.symbol}`;
              expect(symbols.has(key), `two insights for ${key} at bar ${index}`).toBe(false);
              symbols.add(key);
            }
          });
        }),
        runs(options),
      );
    });

    it('is deterministic: a fresh instance emits the same insights', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
          expect(record(factory, bars, seed)).toEqual(record(factory, bars, seed));
        }),
        runs(options),
      );
    });

    it('is causal: insights up to bar k do not change when the bars after k change', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: bars - 1 }), (seed, k) => {
          const full = record(factory, bars, seed);
          const altered = record(factory, bars, seed, k + 1);
          expect(altered.slice(0, k + 1)).toEqual(full.slice(0, k + 1));
        }),
        runs(options),
      );
    });
  });
}

/**
 * Registers vitest tests every {@link PortfolioConstructionModel} must pass, on random insights
 * and holdings in a real engine context: a non-empty name; a valid book (known symbols, at most
 * one target each, finite values); no targets other than zeros from no insights; the same book
 * again and from a fresh instance; and its inputs left unchanged.
 *
 * @example
 * testPortfolioConstructionContract('MinVariance', () => new MinVariancePortfolio());
 */
export function testPortfolioConstructionContract(
  name: string,
  factory: () => PortfolioConstructionModel,
  options: ContractOptions = {},
): void {
  describe(`${name} meets the PortfolioConstructionModel contract`, () => {
    it('has a non-empty name', () => {
      expect(factory().name.length).toBeGreaterThan(0);
    });

    it('builds a valid, deterministic book without changing its inputs', () => {
      withHarnessContext((ctx) => {
        fc.assert(
          fc.property(insightsArb(ctx.time, ctx.index), (insights) => {
            const model = factory();
            const before = structuredClone(insights);
            const book = model.createTargets({ insights, market: ctx, portfolio: ctx });
            checkBook(book, model.name);
            expect(insights).toEqual(before);
            expect(model.createTargets({ insights, market: ctx, portfolio: ctx })).toEqual(book);
            expect(factory().createTargets({ insights, market: ctx, portfolio: ctx })).toEqual(book);
          }),
          runs(options),
        );
      });
    });

    it('holds nothing without insights', () => {
      withHarnessContext((ctx) => {
        const book = factory().createTargets({ insights: [], market: ctx, portfolio: ctx });
        expect(book.filter((t) => t.value !== 0)).toEqual([]);
      }, 5, [100, -50, 0, 0, 10]);
    });
  });
}

/**
 * Registers vitest tests every {@link RiskManagementModel} must pass, on random books and holdings
 * in a real engine context: a non-empty name; a valid book out; the same answer again and from a
 * fresh instance; its inputs left unchanged.
 *
 * @example
 * testRiskManagementContract('MaxDrawdownStop', () => new MaxDrawdownStop({ limit: 0.1 }));
 */
export function testRiskManagementContract(name: string, factory: () => RiskManagementModel, options: ContractOptions = {}): void {
  describe(`${name} meets the RiskManagementModel contract`, () => {
    it('has a non-empty name', () => {
      expect(factory().name.length).toBeGreaterThan(0);
    });

    it('returns a valid, deterministic book without changing its inputs', () => {
      withHarnessContext((ctx) => {
        fc.assert(
          fc.property(targetsArb, (targets) => {
            const model = factory();
            const before = structuredClone(targets);
            const out = model.manageRisk({ targets, market: ctx, portfolio: ctx });
            checkBook(out, model.name);
            expect(targets).toEqual(before);
            expect(factory().manageRisk({ targets, market: ctx, portfolio: ctx })).toEqual(out);
          }),
          runs(options),
        );
      }, 5, [100, -50, 0, 0, 10]);
    });
  });
}

/**
 * Registers vitest tests every {@link ExecutionModel} must pass, on random books and holdings in a
 * real engine context: a non-empty name; orders for known symbols with a side and a finite
 * quantity > 0; the same orders again and from a fresh instance; its inputs left unchanged; and no
 * orders when the book already equals the positions (quantity targets equal to the holdings).
 *
 * @example
 * testExecutionContract('Vwap', () => new VwapExecution());
 */
export function testExecutionContract(name: string, factory: () => ExecutionModel, options: ContractOptions = {}): void {
  describe(`${name} meets the ExecutionModel contract`, () => {
    it('has a non-empty name', () => {
      expect(factory().name.length).toBeGreaterThan(0);
    });

    it('returns valid, deterministic orders without changing its inputs', () => {
      fc.assert(
        fc.property(targetsArb, holdingsArb, (targets, holdings) => {
          withHarnessContext((ctx) => {
            const model = factory();
            const before = structuredClone(targets);
            const orders = model.execute({ targets, market: ctx, portfolio: ctx });
            for (const o of orders) {
              expect(HARNESS_SYMBOLS).toContain(o.symbol);
              expect(['buy', 'sell']).toContain(o.side);
              expect(Number.isFinite(o.quantity) && o.quantity > 0, `quantity ${o.quantity}`).toBe(true);
            }
            expect(targets).toEqual(before);
            expect(factory().execute({ targets, market: ctx, portfolio: ctx })).toEqual(orders);
          }, 3, holdings);
        }),
        runs({ numRuns: Math.min(options.numRuns ?? 25, 25) }),
      );
    });

    it('gives no orders when the positions already equal the targets', () => {
      fc.assert(
        fc.property(holdingsArb, (holdings) => {
          withHarnessContext((ctx) => {
            const targets = HARNESS_SYMBOLS.map((s) => ({ symbol: s, unit: 'quantity' as const, value: ctx.position(s).quantity }));
            expect(factory().execute({ targets, market: ctx, portfolio: ctx })).toEqual([]);
          }, 3, holdings);
        }),
        runs({ numRuns: Math.min(options.numRuns ?? 15, 15) }),
      );
    });
  });
}
