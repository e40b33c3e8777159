import { backtest, isoDate, Strategy, type StrategyContext } from '@qt-backtest/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BuyAndHold } from './BuyAndHold.js';
import { builtinStrategies } from './registry.js';
import { RsiReversion } from './RsiReversion.js';
import { compareSmas, SmaCross } from './SmaCross.js';
import { testSeries } from '../internal/testBars.js';



const view = (xs: readonly number[]) => ({ length: xs.length, at: (i: number) => xs[i]! });

describe('compareSmas', () => {
  it('sees exact ties on micro-prices', () => {
    // The last value is the current bar. (0.3 + 0.1 + 0.2) / 3 in floats is 0.20000000000000004.
    expect((0.3 + 0.1 + 0.2) / 3 > 0.2).toBe(true);
    expect(compareSmas(view([0.3, 0.1, 0.2]), 1, 3)).toBe(0);
    expect(compareSmas(view([0.1, 0.2, 0.3]), 1, 3)).toBe(1);
    expect(compareSmas(view([0.2, 0.3, 0.1]), 1, 3)).toBe(-1);
  });

  it('falls back to exact float sums beyond 6 decimals', () => {
    expect(compareSmas(view([1 / 3, 1 / 3, 1 / 3]), 1, 3)).toBe(0);
    expect(compareSmas(view([1 / 3, 1 / 3, 1 / 3 + 1e-12]), 1, 3)).toBe(1);
  });
});

describe('BuyAndHold', () => {
  it('splits 99 % of cash equally across symbols and never sells', () => {
    const result = backtest({
      data: [testSeries('A', [10, 10, 12, 11]), testSeries('B', [20, 20, 18, 25])],
      strategy: new BuyAndHold({ symbols: ['A', 'B'] }),
      cash: 10_000,
    });
    const fills = result.fills.map((f) => [f.symbol, f.side, f.quantity, isoDate(f.time)]);
    expect(fills).toEqual([
      ['A', 'buy', 495, '2024-01-02'],
      ['B', 'buy', 247, '2024-01-02'],
    ]);
  });
});

describe('SmaCross', () => {
  const prices = [5, 5, 5, 4, 3, 4, 6, 8, 8, 6, 4, 3, 3, 5, 7];

  it('goes long on a cross up and flat on a cross down', () => {
    const result = backtest({ data: [testSeries('X', prices)], strategy: new SmaCross({ symbols: ['X'], fast: 2, slow: 3, size: 10 }), cash: 1000 });
    expect(result.fills.map((f) => [f.side, f.quantity])).toEqual([
      ['buy', 10],
      ['sell', 10],
      ['buy', 10],
    ]);
  });

  it('reverses to short with allowShort', () => {
    const result = backtest({
      data: [testSeries('X', prices)],
      strategy: new SmaCross({ symbols: ['X'], fast: 2, slow: 3, size: 10, allowShort: true }),
      cash: 1000,
      margin: { initial: 0.5, maintenance: 0.25 },
    });
    expect(result.fills.map((f) => [f.side, f.quantity])).toEqual([
      ['buy', 10],
      ['sell', 20],
      ['buy', 20],
    ]);
  });
});

describe('SmaCross incremental signal', () => {
  /** The same rules, with the exact O(slow) comparison on every bar (the reference). */
  class ReferenceSmaCross extends Strategy<{ fast: number; slow: number }> {
    #last = 0;
    override onBar(ctx: StrategyContext): void {
      const closes = ctx.history('X', 'close', this.params.slow);
      if (closes.length < this.params.slow) return;
      const sign = compareSmas(closes, this.params.fast, this.params.slow);
      const last = this.#last;
      if (sign !== 0) this.#last = sign;
      const held = ctx.position('X').quantity;
      if (sign > 0 && last < 0 && held === 0) ctx.buy('X', 10);
      if (sign < 0 && last > 0 && held > 0) ctx.sell('X', held);
    }
  }

  it('gives the fills of the exact comparison on cent prices, ties and odd values included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 100, max: 130 }).map((c) => c / 100), fc.constant(1 / 3)), {
          minLength: 5,
          maxLength: 120,
        }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 8 }),
        (closes, fast, extra) => {
          const slow = fast + extra;
          const data = [testSeries('X', closes)];
          const fills = (strategy: Strategy<object>) => backtest({ data, strategy, cash: 1e6 }).fills.map((f) => [f.side, f.time]);
          expect(fills(new SmaCross({ symbols: ['X'], fast, slow, size: 10 }))).toEqual(fills(new ReferenceSmaCross({ fast, slow })));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('builtinStrategies', () => {
  it('declares the CLI names with their parameters', () => {
    expect(Object.keys(builtinStrategies)).toEqual(['buy-and-hold', 'sma-cross', 'rsi-reversion', 'donchian-breakout', 'momentum-rotation']);
    expect(builtinStrategies['sma-cross']!.params.map((p) => p.name)).toEqual(['fast', 'slow', 'size', 'sizePct', 'allowShort']);
    expect(builtinStrategies['rsi-reversion']!.params.map((p) => p.name)).toEqual(['period', 'entry', 'exit', 'size', 'sizePct', 'allowShort']);
    expect(builtinStrategies['donchian-breakout']!.params.map((p) => p.name)).toEqual(['entry', 'exit', 'atrPeriod', 'atrStop', 'size', 'sizePct']);
    expect(builtinStrategies['momentum-rotation']!.params.map((p) => p.name)).toEqual(['lookback', 'top', 'fraction']);
  });

  it('rejects inconsistent parameters', () => {
    expect(() => builtinStrategies['sma-cross']!.create({ fast: 30, slow: 10 }, ['X'])).toThrow(RangeError);
    expect(() => builtinStrategies['buy-and-hold']!.create({ fraction: 2 }, ['X'])).toThrow(RangeError);
    const rsi = builtinStrategies['rsi-reversion']!;
    expect(() => rsi.create({ entry: 50, exit: 40 }, ['X'])).toThrow(/param "exit" must be greater than "entry" \(50\)/);
    expect(() => rsi.create({ entry: 60, exit: 70, allowShort: true }, ['X'])).toThrow(/<= 50 with allowShort/);
    expect(rsi.create({ entry: 60, exit: 70 }, ['X'])).toBeInstanceOf(RsiReversion);
    expect(() => rsi.create({ exit: 100 }, ['X'])).toThrow(RangeError);
    expect(() => builtinStrategies['donchian-breakout']!.create({ atrStop: 0 }, ['X'])).toThrow(/atrStop/);
    expect(() => builtinStrategies['momentum-rotation']!.create({ fraction: 1.5 }, ['X'])).toThrow(/fraction/);
  });

  it('builds every strategy from its defaults, and the declared defaults are the ones used', () => {
    for (const [name, def] of Object.entries(builtinStrategies)) {
      const strategy = def.create({}, ['X']);
      const declared = Object.fromEntries(def.params.filter((p) => p.default !== undefined).map((p) => [p.name, p.default]));
      expect(strategy.params, name).toMatchObject(declared);
      expect(strategy.params, name).toMatchObject({ symbols: ['X'] });
    }
  });

  describe.each(Object.entries(builtinStrategies))('%s create()', (_name, def) => {
    const numeric = def.params.filter((p) => p.type !== 'boolean');
    const bad = (type: string): number[] => [Number.NaN, Number.POSITIVE_INFINITY, -1, 0, ...(type === 'integer' ? [2.5] : [])];
    it.each(numeric.flatMap((p) => bad(p.type).map((v) => [p.name, v] as const)))('rejects %s = %s with a RangeError naming it', (param, value) => {
      expect(() => def.create({ [param]: value }, ['X'])).toThrow(RangeError);
      expect(() => def.create({ [param]: value }, ['X'])).toThrow(`"${param}"`);
    });
  });
});
