import {
  testAlphaModelContract,
  testExecutionContract,
  testPortfolioConstructionContract,
  testRiskManagementContract,
} from '../testing/frameworkContracts.js';
import type { AlphaModel, AlphaModelParams } from './AlphaModel.js';
import { CompositeAlphaModel } from './CompositeAlphaModel.js';
import { CompositeExecution } from './CompositeExecution.js';
import { CompositePortfolioConstruction } from './CompositePortfolioConstruction.js';
import { CompositeRiskManagement } from './CompositeRiskManagement.js';
import { EqualWeightingPortfolio } from './EqualWeightingPortfolio.js';
import { ImmediateExecution } from './ImmediateExecution.js';
import { createInsight, type Insight } from './Insight.js';
import { InsightWeightingPortfolio } from './InsightWeightingPortfolio.js';
import { LongShortQuantilePortfolio } from './LongShortQuantilePortfolio.js';
import { NullAlphaModel } from './NullAlphaModel.js';
import { NullExecution } from './NullExecution.js';
import { NullPortfolioConstruction } from './NullPortfolioConstruction.js';
import { NullRiskManagement } from './NullRiskManagement.js';

/** 5-bar return sign, horizon 5 — a small real alpha for the contract. */
class FiveDayMomentum implements AlphaModel {
  readonly name: string;
  constructor(name = 'FiveDayMomentum') {
    this.name = name;
  }
  update({ market }: AlphaModelParams): readonly Insight[] {
    const out: Insight[] = [];
    for (const symbol of market.symbols) {
      const past = market.value(symbol, 'close', 5);
      const now = market.value(symbol, 'close');
      if (!(past > 0)) continue;
      const r = now / past - 1;
      out.push(createInsight({ symbol, score: r, magnitude: r, confidence: Math.min(1, Math.abs(r) * 10), horizonBars: 5, sourceAlpha: this.name, generatedTime: market.time, generatedIndex: market.index }));
    }
    return out;
  }
}

testAlphaModelContract('NullAlphaModel', () => new NullAlphaModel(), { numRuns: 5 });
testAlphaModelContract('FiveDayMomentum', () => new FiveDayMomentum(), { numRuns: 10 });
testAlphaModelContract('CompositeAlphaModel', () => new CompositeAlphaModel([new FiveDayMomentum('a'), new FiveDayMomentum('b')]), { numRuns: 5 });

testPortfolioConstructionContract('NullPortfolioConstruction', () => new NullPortfolioConstruction());
testPortfolioConstructionContract('EqualWeightingPortfolio', () => new EqualWeightingPortfolio());
testPortfolioConstructionContract('InsightWeightingPortfolio', () => new InsightWeightingPortfolio({ gross: 1.5 }));
testPortfolioConstructionContract('LongShortQuantilePortfolio', () => new LongShortQuantilePortfolio({ quantiles: 3 }));
testPortfolioConstructionContract('CompositePortfolioConstruction', () =>
  new CompositePortfolioConstruction([
    { model: new EqualWeightingPortfolio(), fraction: 0.5 },
    { model: new InsightWeightingPortfolio(), fraction: 0.5 },
  ]),
);

testRiskManagementContract('NullRiskManagement', () => new NullRiskManagement());
testRiskManagementContract('CompositeRiskManagement', () => new CompositeRiskManagement([new NullRiskManagement(), new NullRiskManagement()]));

testExecutionContract('NullExecution', () => new NullExecution());
testExecutionContract('ImmediateExecution', () => new ImmediateExecution());
testExecutionContract('ImmediateExecution(fractional)', () => new ImmediateExecution({ fractional: true }));
testExecutionContract('CompositeExecution', () => new CompositeExecution([{ symbols: ['AAA', 'CCC'], model: new ImmediateExecution() }], new ImmediateExecution({ fractional: true })));
