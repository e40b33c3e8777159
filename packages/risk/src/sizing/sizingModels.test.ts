import { testPortfolioConstructionContract, testRiskManagementContract } from '@qt-backtest/core/testing';
import { LimitsRiskModel } from '../limits/LimitsRiskModel.js';
import { AtrRiskPortfolio, FixedFractionPortfolio, KellyPortfolio, VolatilityTargetPortfolio } from './sizingModels.js';

testPortfolioConstructionContract('FixedFractionPortfolio', () => new FixedFractionPortfolio({ fraction: 0.1 }));
testPortfolioConstructionContract('VolatilityTargetPortfolio', () => new VolatilityTargetPortfolio({ targetVolatility: 0.1, lookback: 3 }));
testPortfolioConstructionContract('KellyPortfolio', () => new KellyPortfolio({ lookback: 3 }));
testPortfolioConstructionContract('AtrRiskPortfolio', () => new AtrRiskPortfolio({ riskFraction: 0.01, period: 3 }));
testRiskManagementContract('LimitsRiskModel', () => new LimitsRiskModel({ maxWeight: 0.2, maxLeverage: 1, maxNetExposure: 0.5, maxDrawdown: 0.3 }));
