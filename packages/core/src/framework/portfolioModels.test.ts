import { describe, expect, it } from 'vitest';
import { withHarnessContext } from '../testing/frameworkHarness.js';
import { CompositePortfolioConstruction } from './CompositePortfolioConstruction.js';
import { CompositeRiskManagement } from './CompositeRiskManagement.js';
import { EqualWeightingPortfolio } from './EqualWeightingPortfolio.js';
import { ImmediateExecution } from './ImmediateExecution.js';
import { createInsight, type InsightInit } from './Insight.js';
import { InsightWeightingPortfolio } from './InsightWeightingPortfolio.js';
import { LongShortQuantilePortfolio } from './LongShortQuantilePortfolio.js';
import { targetQuantity, targetWeight } from './PortfolioTarget.js';
import type { RiskManagementModel } from './RiskManagementModel.js';

const ins = (symbol: string, score: number, extra: Partial<InsightInit> = {}) =>
  createInsight({ symbol, score, sourceAlpha: 'a', generatedTime: 0, generatedIndex: 0, ...extra });

describe('portfolio construction models', () => {
  it('EqualWeighting: ±gross/n over non-flat net views; disagreeing alphas cancel', () => {
    withHarnessContext((ctx) => {
      const insights = [ins('AAA', 2), ins('BBB', -1), ins('CCC', 0.1), ins('DDD', 1), ins('DDD', -1, { sourceAlpha: 'b' }), ins('EEE', 0)];
      expect(new EqualWeightingPortfolio({ gross: 0.9 }).createTargets({ insights, market: ctx, portfolio: ctx })).toEqual([
        targetWeight('AAA', 0.3),
        targetWeight('BBB', -0.3),
        targetWeight('CCC', 0.3),
      ]);
    });
  });

  it('InsightWeighting: direction × weight × confidence, normalised to gross', () => {
    withHarnessContext((ctx) => {
      const insights = [ins('AAA', 1, { weight: 2 }), ins('BBB', -1), ins('CCC', 3, { confidence: 0 })];
      expect(new InsightWeightingPortfolio().createTargets({ insights, market: ctx, portfolio: ctx })).toEqual([
        targetWeight('AAA', 2 / 3),
        targetWeight('BBB', -1 / 3),
      ]);
    });
  });

  it('LongShortQuantile: top and bottom fifth by score, ties by name', () => {
    withHarnessContext((ctx) => {
      const insights = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE'].map((s, k) => ins(s, [0.5, -2, 3, 0.5, 1][k]!));
      expect(new LongShortQuantilePortfolio({ quantiles: 5 }).createTargets({ insights, market: ctx, portfolio: ctx })).toEqual([
        targetWeight('CCC', 0.5),
        targetWeight('BBB', -0.5),
      ]);
      expect(new LongShortQuantilePortfolio({ quantiles: 2, short: false }).createTargets({ insights, market: ctx, portfolio: ctx })).toEqual([
        targetWeight('EEE', 0.5),
        targetWeight('CCC', 0.5),
      ]);
    });
  });

  it('CompositePortfolioConstruction sums scaled sleeves and refuses mixed units', () => {
    withHarnessContext((ctx) => {
      const insights = [ins('AAA', 1), ins('BBB', -1, { weight: 3 })];
      const c = new CompositePortfolioConstruction([
        { model: new EqualWeightingPortfolio(), fraction: 0.5 },
        { model: new InsightWeightingPortfolio(), fraction: 0.5 },
      ]);
      const book = c.createTargets({ insights, market: ctx, portfolio: ctx });
      expect(book.map((t) => [t.symbol, t.value])).toEqual([
        ['AAA', 0.25 + 0.125],
        ['BBB', -0.25 - 0.375],
      ]);
      const mixed = new CompositePortfolioConstruction([
        { model: new EqualWeightingPortfolio(), fraction: 1 },
        { model: { name: 'Q', createTargets: () => [targetQuantity('AAA', 5)] }, fraction: 1 },
      ]);
      expect(() => mixed.createTargets({ insights, market: ctx, portfolio: ctx })).toThrow(/"AAA" is targeted in weight and in quantity/);
    });
  });

  it('CompositeRiskManagement chains in order', () => {
    const halve: RiskManagementModel = { name: 'halve', manageRisk: ({ targets }) => targets.map((t) => targetWeight(t.symbol, t.value / 2)) };
    const cap: RiskManagementModel = { name: 'cap', manageRisk: ({ targets }) => targets.map((t) => targetWeight(t.symbol, Math.min(t.value, 0.2))) };
    withHarnessContext((ctx) => {
      const out = new CompositeRiskManagement([halve, cap]).manageRisk({ targets: [targetWeight('AAA', 1), targetWeight('BBB', 0.3)], market: ctx, portfolio: ctx });
      expect(out).toEqual([targetWeight('AAA', 0.2), targetWeight('BBB', 0.15)]);
    });
  });
});

describe('ImmediateExecution', () => {
  it('orders the difference to target shares, net of positions, truncating weights toward zero', () => {
    withHarnessContext(
      (ctx) => {
        const price = ctx.price('AAA');
        const w = 0.1;
        const want = Math.trunc((w * ctx.equity) / price);
        const orders = new ImmediateExecution().execute({
          targets: [targetWeight('AAA', w), targetQuantity('BBB', -50), targetQuantity('CCC', 0)],
          market: ctx,
          portfolio: ctx,
        });
        expect(orders).toEqual([
          { symbol: 'AAA', side: want - 100 > 0 ? 'buy' : 'sell', quantity: Math.abs(want - 100), tag: 'framework' },
          { symbol: 'CCC', side: 'sell', quantity: 20, tag: 'framework' },
        ]);
      },
      4,
      [100, -50, 20, 0, 0],
    );
  });
  it('skips trades below the minimum fraction of equity', () => {
    withHarnessContext(
      (ctx) => {
        const orders = new ImmediateExecution({ minimumTradeFraction: 0.01 }).execute({
          targets: [targetQuantity('AAA', 101)],
          market: ctx,
          portfolio: ctx,
        });
        expect(orders).toEqual([]);
      },
      4,
      [100],
    );
  });
});
