import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { testFillModelContract } from '../testing/fillModelContract.js';
import { BarFillModel } from './BarFillModel.js';
import type { FillParams } from './FillModel.js';
import { NoFillModel } from './NoFillModel.js';

testFillModelContract('BarFillModel(adaptive)', () => new BarFillModel());
testFillModelContract('BarFillModel(olhc)', () => new BarFillModel({ intrabarPath: 'olhc' }));
testFillModelContract('NoFillModel', () => new NoFillModel());

const bar = { time: 0, open: 100, high: 105, low: 95, close: 102, volume: 1e6 };
const order = (o: Partial<FillParams>): FillParams => ({
  side: 'buy',
  type: 'market',
  timeInForce: 'gtc',
  limitPrice: undefined,
  stopPrice: undefined,
  trailAmount: undefined,
  trailPercent: undefined,
  triggered: false,
  best: Number.NaN,
  bar,
  ...o,
});

describe('BarFillModel', () => {
  const m = new BarFillModel();
  it('applies the default bar rules', () => {
    expect(m.fill(order({})).price).toBe(100);
    expect(m.fill(order({ type: 'limit', limitPrice: 97 })).price).toBe(97);
    expect(m.fill(order({ side: 'sell', type: 'stop', stopPrice: 96 })).price).toBe(96);
  });
  it('fills opg orders only at the open', () => {
    expect(m.fill(order({ timeInForce: 'opg' })).price).toBe(100);
    expect(m.fill(order({ timeInForce: 'opg', type: 'limit', limitPrice: 101 })).price).toBe(100);
    expect(m.fill(order({ timeInForce: 'opg', type: 'limit', limitPrice: 97 })).price).toBeNaN();
  });
  it('names its path and rejects an unknown one', () => {
    expect(new BarFillModel({ intrabarPath: 'ohlc' }).name).toBe('BarFillModel(ohlc)');
    // @ts-expect-error — an invalid path from untyped callers
    expect(() => new BarFillModel({ intrabarPath: 'random' })).toThrow(InvariantError);
  });
});
