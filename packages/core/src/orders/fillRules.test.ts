import { describe, expect, it } from 'vitest';
import {
  buyLimitPrice,
  buyStopPrice,
  highFirst,
  sellLimitPrice,
  sellStopPrice,
  stopLimitPrice,
  trailingStopPrice,
} from './fillRules.js';

// Bars written as open, high, low, close.
const bar = (open: number, high: number, low: number, close: number) => ({ open, high, low, close });
const B = bar(100, 105, 95, 102);

describe('limit orders', () => {
  it('a buy limit fills at the open when the open is at or below the limit (gap down)', () => {
    expect(buyLimitPrice(bar(97, 99, 96, 98), 98)).toBe(97);
    expect(buyLimitPrice(B, 100)).toBe(100);
  });
  it('a buy limit below the open fills at the limit when the low reaches it, else not at all', () => {
    expect(buyLimitPrice(B, 96)).toBe(96);
    expect(buyLimitPrice(B, 95)).toBe(95);
    expect(buyLimitPrice(B, 94.99)).toBeNaN();
  });
  it('a sell limit mirrors the buy limit', () => {
    expect(sellLimitPrice(bar(103, 106, 101, 104), 102)).toBe(103);
    expect(sellLimitPrice(B, 104)).toBe(104);
    expect(sellLimitPrice(B, 105.01)).toBeNaN();
  });
});

describe('stop orders', () => {
  it('a sell stop fills at the open when the open gaps through it', () => {
    expect(sellStopPrice(bar(90, 92, 88, 91), 95)).toBe(90);
    expect(sellStopPrice(B, 100)).toBe(100);
  });
  it('a sell stop fills at the stop when the low reaches it, else not at all', () => {
    expect(sellStopPrice(B, 96)).toBe(96);
    expect(sellStopPrice(B, 94)).toBeNaN();
  });
  it('a buy stop mirrors the sell stop', () => {
    expect(buyStopPrice(bar(110, 112, 108, 111), 106)).toBe(110);
    expect(buyStopPrice(B, 104)).toBe(104);
    expect(buyStopPrice(B, 106)).toBeNaN();
  });
});

describe('stop-limit orders', () => {
  it('a buy stop-limit triggered at the open acts as a limit from the open', () => {
    expect(stopLimitPrice(bar(110, 112, 108, 111), 'buy', 106, 111, false, 'adaptive')).toEqual({ price: 110, triggered: true });
    expect(stopLimitPrice(bar(110, 112, 108, 111), 'buy', 106, 109, false, 'adaptive')).toEqual({ price: 109, triggered: true });
    expect(stopLimitPrice(bar(110, 112, 109.5, 111), 'buy', 106, 109, false, 'adaptive')).toEqual({ price: Number.NaN, triggered: true });
  });
  it('a buy stop-limit triggered inside the bar fills at the stop when the limit allows it', () => {
    expect(stopLimitPrice(B, 'buy', 104, 104.5, false, 'adaptive')).toEqual({ price: 104, triggered: true });
  });
  it('a buy stop-limit with its limit below the stop needs the price to come back after the trigger', () => {
    // Open 100, high 105, low 95: the low is nearer? No — both are 5 away, so the high comes first
    // (ties go high first): after the trigger at 104 the path still visits the low 95 ≤ 103.
    expect(stopLimitPrice(B, 'buy', 104, 103, false, 'adaptive')).toEqual({ price: 103, triggered: true });
    // Low first (open nearer the low): after the trigger only the way down to the close 104
    // remains, and 104 > 103 does not fill; with a close of 102 it does.
    expect(stopLimitPrice(bar(100, 105, 99, 104), 'buy', 104, 103, false, 'adaptive')).toEqual({ price: Number.NaN, triggered: true });
    expect(stopLimitPrice(bar(100, 105, 99, 102), 'buy', 104, 103, false, 'olhc')).toEqual({ price: 103, triggered: true });
  });
  it('a triggered stop-limit is a plain limit on later bars, and an untouched one waits', () => {
    expect(stopLimitPrice(B, 'sell', 90, 101, true, 'adaptive')).toEqual({ price: 101, triggered: true });
    expect(stopLimitPrice(B, 'sell', 90, 89, false, 'adaptive')).toEqual({ price: Number.NaN, triggered: false });
  });
});

describe('trailing stops', () => {
  it('a sell trailing stop gaps through at the open', () => {
    expect(trailingStopPrice(bar(90, 92, 88, 91), 'sell', 100, 5, undefined, 'adaptive')).toEqual({ price: 90, best: 100 });
  });
  it('a sell trailing stop follows the high and fills on the way down', () => {
    // Best 100, trail 3: open 101 (best 101), high first to 106 (best 106, stop 103), then the low 95 hits 103.
    expect(trailingStopPrice(bar(101, 106, 95, 100), 'sell', 100, 3, undefined, 'ohlc')).toEqual({ price: 103, best: 106 });
    // Low first: from 101 down to 95 hits the stop 98 before the high is reached.
    expect(trailingStopPrice(bar(101, 106, 95, 100), 'sell', 100, 3, undefined, 'olhc')).toEqual({ price: 98, best: 101 });
  });
  it('a percentage trail moves with the best price and survives a calm bar', () => {
    // 5% trail: the high 110 lifts the stop to 104.5, and the way back down to 100 hits it.
    expect(trailingStopPrice(bar(100, 110, 100, 109), 'sell', 100, undefined, 0.05, 'ohlc')).toEqual({ price: 104.5, best: 110 });
    // A calm bar: best 103, stop 97.85, the low 99 stays above it.
    expect(trailingStopPrice(bar(100, 103, 99, 102), 'sell', 100, undefined, 0.05, 'ohlc')).toEqual({ price: Number.NaN, best: 103 });
  });
  it('a buy trailing stop follows the low', () => {
    expect(trailingStopPrice(bar(99, 101, 94, 100), 'buy', 100, 2, undefined, 'olhc')).toEqual({ price: 96, best: 94 });
  });
});

describe('intrabar path', () => {
  it('goes first to the extreme nearer the open, ties to the high', () => {
    expect(highFirst(100, 101, 90, 'adaptive')).toBe(true);
    expect(highFirst(100, 110, 99, 'adaptive')).toBe(false);
    expect(highFirst(100, 105, 95, 'adaptive')).toBe(true);
    expect(highFirst(100, 101, 90, 'olhc')).toBe(false);
  });
});
