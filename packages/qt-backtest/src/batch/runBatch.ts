/**
 * The batch path's entry point: a built-in strategy by name, its parameters validated and
 * normalised by the same factory the event engine's runs use.
 */
import { backtest } from '@qt-backtest/core';
import type { BuyAndHoldParams } from '../strategies/BuyAndHold.js';
import type { DonchianBreakoutParams } from '../strategies/DonchianBreakout.js';
import type { MomentumRotationParams } from '../strategies/MomentumRotation.js';
import { builtinStrategies, type StrategyParamValues } from '../strategies/registry.js';
import type { RsiReversionParams } from '../strategies/RsiReversion.js';
import type { SmaCrossParams } from '../strategies/SmaCross.js';
import { BatchUnsupportedError, type BatchCosts } from './BatchBroker.js';
import type { BatchData } from './BatchData.js';
import type { BatchResult } from './BatchResult.js';
import { runBuyAndHoldBatch } from './buyAndHoldBatch.js';
import { runDonchianBreakoutBatch } from './donchianBreakoutBatch.js';
import { runMomentumRotationBatch } from './momentumRotationBatch.js';
import { runRsiReversionBatch } from './rsiReversionBatch.js';
import { runSmaCrossBatch } from './smaCrossBatch.js';

/** Built-in strategies with a batch path. */
export const BATCH_STRATEGIES: readonly string[] = ['sma-cross', 'rsi-reversion', 'donchian-breakout', 'momentum-rotation', 'buy-and-hold'];

/**
 * Runs built-in `strategy` with parameter values `values` on `symbols` on the batch path: the
 * same fills and equity curve as `backtest` with the same costs (no volume limit, cash account).
 * Where the batch path does not simulate what happens (ruin: equity <= 0), the set is run on the
 * event engine instead, so the result is the engine's either way.
 *
 * @throws {RangeError} for an unknown or unsupported strategy, or inconsistent parameters (the factory's message).
 * @example runBatch('sma-cross', { fast: 10, slow: 30 }, ['ORCL'], data, { cash: 100_000 })
 */
export function runBatch(strategy: string, values: StrategyParamValues, symbols: readonly string[], data: BatchData, costs: BatchCosts = {}): BatchResult {
  const result = tryRunBatch(strategy, values, symbols, data, costs);
  if (result !== undefined) return result;
  const event = backtest({
    data: data.series,
    strategy: builtinStrategies[strategy]!.create(values, symbols),
    ...(costs.cash === undefined ? {} : { cash: costs.cash }),
    ...(costs.fees === undefined ? {} : { fees: costs.fees }),
    ...(costs.slippage === undefined ? {} : { slippage: costs.slippage }),
  });
  const lastPrice = new Float64Array(data.panel.symbols.length);
  for (let i = 0; i < lastPrice.length; i++) {
    const close = data.series[i]!.close;
    lastPrice[i] = close.length > 0 ? close[close.length - 1]! : Number.NaN;
  }
  const exposure = costs.exposure === true;
  return {
    time: event.time,
    equity: event.equity,
    fills: event.fills,
    finalCash: event.finalCash,
    longValue: exposure ? event.longValue : new Float64Array(0),
    shortValue: exposure ? event.shortValue : new Float64Array(0),
    lastPrice,
  };
}

/**
 * {@link runBatch} without the fallback: `undefined` when the batch path refuses the set (the
 * engine would ruin the account), so a caller that wants the engine's whole result runs it.
 *
 * @throws {RangeError} as {@link runBatch}.
 * @example const r = tryRunBatch('sma-cross', { fast: 10, slow: 30 }, ['ORCL'], data) ?? backtest({ … })
 */
export function tryRunBatch(strategy: string, values: StrategyParamValues, symbols: readonly string[], data: BatchData, costs: BatchCosts = {}): BatchResult | undefined {
  const definition = builtinStrategies[strategy];
  if (definition === undefined || !BATCH_STRATEGIES.includes(strategy)) {
    throw new RangeError(`strategy "${strategy}" has no batch path (batch strategies: ${BATCH_STRATEGIES.join(', ')})`);
  }
  const params = definition.create(values, symbols).params;
  try {
    switch (strategy) {
      case 'sma-cross':
        return runSmaCrossBatch(data, params as SmaCrossParams, costs);
      case 'rsi-reversion':
        return runRsiReversionBatch(data, params as RsiReversionParams, costs);
      case 'donchian-breakout':
        return runDonchianBreakoutBatch(data, params as DonchianBreakoutParams, costs);
      case 'momentum-rotation':
        return runMomentumRotationBatch(data, params as MomentumRotationParams, costs);
      default:
        return runBuyAndHoldBatch(data, params as BuyAndHoldParams, costs);
    }
  } catch (e) {
    if (e instanceof BatchUnsupportedError) return undefined;
    throw e;
  }
}
