/**
 * The built-in strategies the CLI can run, by name.
 */
import type { Strategy } from '@qt-backtest/core';
import { BuyAndHold } from './BuyAndHold.js';
import { SmaCross } from './SmaCross.js';

/** A declared strategy parameter. */
export interface StrategyParam {
  readonly name: string;
  readonly type: 'number' | 'integer' | 'boolean';
  /** Default value; `undefined` when the parameter is optional without a default. */
  readonly default: number | boolean | undefined;
  readonly description: string;
}

/** Parameter values by name, already parsed to their declared types. */
export type StrategyParamValues = Readonly<Record<string, number | boolean>>;

/** A built-in strategy: what it does, its parameters and a factory. */
export interface StrategyDefinition {
  readonly description: string;
  readonly params: readonly StrategyParam[];
  /**
   * Builds the strategy for `symbols` from parsed parameter values (only declared names).
   *
   * @throws {RangeError} when the values are inconsistent (e.g. `fast >= slow`).
   */
  create(params: StrategyParamValues, symbols: readonly string[]): Strategy<object>;
}

const num = (v: number | boolean | undefined): number | undefined => (typeof v === 'number' ? v : undefined);

/** The built-in strategies, by CLI name. */
export const builtinStrategies: Readonly<Record<string, StrategyDefinition>> = Object.freeze({
  'buy-and-hold': {
    description: 'On the first bar, buy floor(fraction × cash / n / close) shares of each of the n symbols; hold.',
    params: [{ name: 'fraction', type: 'number', default: 0.99, description: 'fraction of cash invested, in (0, 1]' }],
    create(params, symbols) {
      const fraction = num(params['fraction']) ?? 0.99;
      if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`param "fraction" must be in (0, 1], got ${fraction}`);
      return new BuyAndHold({ symbols, fraction });
    },
  },
  'sma-cross': {
    description: 'Long (or long/short) on exact crossovers of a fast and a slow simple moving average of closes.',
    params: [
      { name: 'fast', type: 'integer', default: 10, description: 'fast window in bars' },
      { name: 'slow', type: 'integer', default: 30, description: 'slow window in bars (> fast)' },
      { name: 'size', type: 'number', default: 100, description: 'shares per entry' },
      { name: 'sizePct', type: 'number', default: undefined, description: 'fraction of cash per entry (overrides size)' },
      { name: 'allowShort', type: 'boolean', default: false, description: 'reverse to short on a cross down' },
    ],
    create(params, symbols) {
      const fast = num(params['fast']) ?? 10;
      const slow = num(params['slow']) ?? 30;
      const size = num(params['size']) ?? 100;
      const sizePct = num(params['sizePct']);
      if (fast < 1) throw new RangeError(`param "fast" must be >= 1, got ${fast}`);
      if (slow <= fast) throw new RangeError(`param "slow" must be greater than "fast" (${fast}), got ${slow}`);
      if (!(size > 0)) throw new RangeError(`param "size" must be > 0, got ${size}`);
      if (sizePct !== undefined && !(sizePct > 0 && sizePct <= 1)) {
        throw new RangeError(`param "sizePct" must be in (0, 1], got ${sizePct}`);
      }
      return new SmaCross({
        symbols,
        fast,
        slow,
        size,
        ...(sizePct === undefined ? {} : { sizePct }),
        allowShort: params['allowShort'] === true,
      });
    },
  },
} satisfies Record<string, StrategyDefinition>);
