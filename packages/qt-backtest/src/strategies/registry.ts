/**
 * The built-in strategies the CLI can run, by name.
 */
import type { Strategy } from '@qt-backtest/core';
import { BuyAndHold } from './BuyAndHold.js';
import { DonchianBreakout } from './DonchianBreakout.js';
import { MomentumRotation } from './MomentumRotation.js';
import { RsiReversion } from './RsiReversion.js';
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

/** The integer parameter `name` (or its default), checked to be `>= min`. */
function integerParam(params: StrategyParamValues, name: string, fallback: number, min: number): number {
  const v = num(params[name]) ?? fallback;
  if (!(Number.isInteger(v) && v >= min)) throw new RangeError(`param "${name}" must be an integer >= ${min}, got ${v}`);
  return v;
}

/** The number parameter `name` (or its default), checked to be finite and `> 0`. */
function positiveParam(params: StrategyParamValues, name: string, fallback: number): number {
  const v = num(params[name]) ?? fallback;
  if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`param "${name}" must be a finite number > 0, got ${v}`);
  return v;
}

/** The optional fraction parameter `name`, checked to be in `(0, 1]`. */
function fractionParam(params: StrategyParamValues, name: string): number | undefined {
  const v = num(params[name]);
  if (v !== undefined && !(v > 0 && v <= 1)) throw new RangeError(`param "${name}" must be in (0, 1], got ${v}`);
  return v;
}

/**
 * Default position size: 95 % of equity per entry. A fixed 100 shares (the old default) put 0.1 % of
 * a 100,000 account into a $10 stock, so every return looked like noise (CAGR 0.28 %); a fraction
 * of equity gives a meaningful exposure on any price level. The run summary states the sizing used.
 */
export const DEFAULT_SIZE_PCT = 0.95;

/** The shared sizing parameters: `sizePct` of equity (default), or `size` shares when given. */
const SIZE_PARAMS: readonly StrategyParam[] = [
  { name: 'size', type: 'number', default: undefined, description: 'fixed shares per entry (when given, replaces the sizePct default)' },
  { name: 'sizePct', type: 'number', default: DEFAULT_SIZE_PCT, description: 'fraction of equity per entry: floor(min(sizePct × equity, buying power) / close) shares' },
];

/** `size` or `sizePct` checked: `size` when only it is given, else `sizePct` (default {@link DEFAULT_SIZE_PCT}). */
function sizeParams(params: StrategyParamValues): { size?: number; sizePct?: number } {
  const sizePct = fractionParam(params, 'sizePct');
  if (params['size'] !== undefined && sizePct === undefined) return { size: positiveParam(params, 'size', 1) };
  return { sizePct: sizePct ?? DEFAULT_SIZE_PCT };
}

/** The built-in strategies, by CLI name. */
export const builtinStrategies: Readonly<Record<string, StrategyDefinition>> = Object.freeze({
  'buy-and-hold': {
    description: 'On the first bar, buy fraction / n of equity in each of the n symbols, sized at the next open; hold.',
    params: [{ name: 'fraction', type: 'number', default: 0.99, description: 'fraction of equity invested, in (0, 1]' }],
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
      ...SIZE_PARAMS,
      { name: 'allowShort', type: 'boolean', default: false, description: 'reverse to short on a cross down' },
    ],
    create(params, symbols) {
      const fast = integerParam(params, 'fast', 10, 1);
      const slow = integerParam(params, 'slow', 30, 1);
      if (slow <= fast) throw new RangeError(`param "slow" must be greater than "fast" (${fast}), got ${slow}`);
      return new SmaCross({ symbols, fast, slow, ...sizeParams(params), allowShort: params['allowShort'] === true });
    },
  },
  'rsi-reversion': {
    description:
      'Wilder RSI mean reversion: buy when RSI < entry, sell when RSI > exit; with allowShort also ' +
      'short when RSI > 100 − entry, cover when RSI < 100 − exit.',
    params: [
      { name: 'period', type: 'integer', default: 14, description: 'RSI period in bars' },
      { name: 'entry', type: 'number', default: 30, description: 'buy when RSI falls below it (0 < entry < exit)' },
      { name: 'exit', type: 'number', default: 50, description: 'sell when RSI rises above it (entry < exit < 100)' },
      ...SIZE_PARAMS,
      { name: 'allowShort', type: 'boolean', default: false, description: 'mirror: short above 100 − entry, cover below 100 − exit (entry <= 50)' },
    ],
    create(params, symbols) {
      const period = integerParam(params, 'period', 14, 1);
      const entry = num(params['entry']) ?? 30;
      const exit = num(params['exit']) ?? 50;
      const allowShort = params['allowShort'] === true;
      if (!(entry > 0 && entry < 100)) throw new RangeError(`param "entry" must be in (0, 100), got ${entry}`);
      if (!(exit > entry && exit < 100)) throw new RangeError(`param "exit" must be greater than "entry" (${entry}) and below 100, got ${exit}`);
      if (allowShort && entry > 50) {
        throw new RangeError(`param "entry" must be <= 50 with allowShort (long below entry, short above 100 − entry), got ${entry}`);
      }
      return new RsiReversion({ symbols, period, entry, exit, ...sizeParams(params), allowShort });
    },
  },
  'donchian-breakout': {
    description:
      'Long on a close above the highest high of the previous entry bars, with a GTC stop at ' +
      'close − atrStop × ATR; out on a close below the lowest low of the previous exit bars.',
    params: [
      { name: 'entry', type: 'integer', default: 20, description: 'entry channel: highest high of this many previous bars' },
      { name: 'exit', type: 'integer', default: 10, description: 'exit channel: lowest low of this many previous bars' },
      { name: 'atrPeriod', type: 'integer', default: 14, description: 'period of Wilder\'s ATR' },
      { name: 'atrStop', type: 'number', default: 2, description: 'stop distance below the signal close, in ATRs' },
      ...SIZE_PARAMS,
    ],
    create(params, symbols) {
      const entry = integerParam(params, 'entry', 20, 1);
      const exit = integerParam(params, 'exit', 10, 1);
      const atrPeriod = integerParam(params, 'atrPeriod', 14, 1);
      const atrStop = positiveParam(params, 'atrStop', 2);
      return new DonchianBreakout({ symbols, entry, exit, atrPeriod, atrStop, ...sizeParams(params) });
    },
  },
  'momentum-rotation': {
    description:
      'On the first bar of each month, hold the top symbols by lookback-bar return, each at fraction / top of equity.',
    params: [
      { name: 'lookback', type: 'integer', default: 126, description: 'momentum window in bars' },
      { name: 'top', type: 'integer', default: 5, description: 'number of symbols held' },
      { name: 'fraction', type: 'number', default: 0.98, description: 'fraction of equity invested, in (0, 1]' },
    ],
    create(params, symbols) {
      const lookback = integerParam(params, 'lookback', 126, 1);
      const top = integerParam(params, 'top', 5, 1);
      const fraction = num(params['fraction']) ?? 0.98;
      if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`param "fraction" must be in (0, 1], got ${fraction}`);
      return new MomentumRotation({ symbols, lookback, top, fraction });
    },
  },
} satisfies Record<string, StrategyDefinition>);
