/**
 * `@qt-backtest/core/testing`: shared contract suites for core extension points, to run on your
 * own implementations. They register vitest tests and draw random cases with fast-check, so both
 * must be installed where they run.
 *
 * @example
 * // mySlippage.test.ts
 * import { testSlippageModelContract } from '@qt-backtest/core/testing';
 * testSlippageModelContract('MySlippage', () => new MySlippage());
 *
 * @packageDocumentation
 */
export type { ContractOptions } from './arbitraries.js';
export { testBorrowModelContract } from './borrowModelContract.js';
export { testFeeModelContract } from './feeModelContract.js';
export { testInterestModelContract } from './interestModelContract.js';
export { testSlippageModelContract } from './slippageModelContract.js';
export { testFillModelContract } from './fillModelContract.js';
export { testMarginModelContract } from './marginModelContract.js';
export { testVolumeLimitModelContract } from './volumeLimitModelContract.js';
export type { BrokerContractOptions } from './brokerContract.js';
export { testBrokerContract } from './brokerContract.js';
export type { MarketDataContractOptions } from './marketDataContract.js';
export { testMarketDataContract } from './marketDataContract.js';
export {
  testAlphaModelContract,
  testExecutionContract,
  testPortfolioConstructionContract,
  testRiskManagementContract,
} from './frameworkContracts.js';
export { HARNESS_SYMBOLS, harnessSeries, withHarnessContext } from './frameworkHarness.js';
