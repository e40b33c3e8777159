/**
 * Features computed once in batch over a panel and read by a strategy at the current bar.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alignBars, backtest, InvariantError, LookAheadError, loadBars, Strategy, type StrategyContext } from '@qt-backtest/core';
import { FeaturePipeline, smaFeature } from '@qt-backtest/features';
import { describe, expect, it } from 'vitest';

const fixtures = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../..'), 'data-fixtures', 'daily.arrow');

/** Records the feature it reads at each bar, and trades on SMA20 > SMA50. */
class Reader extends Strategy<{ symbol: string }> {
  readonly seen: number[] = [];
  override onBar(ctx: StrategyContext): void {
    const fast = ctx.feature('sma20', this.params.symbol);
    this.seen.push(fast);
    if (ctx.index === 60) {
      expect(() => ctx.feature('sma20', this.params.symbol, -1)).toThrow(LookAheadError);
      expect(ctx.feature('sma20', this.params.symbol, 1)).toBe(this.seen[59]);
    }
    const slow = ctx.feature('sma50', this.params.symbol);
    if (fast > slow) ctx.orderTargetPercent(this.params.symbol, 0.5);
    else if (fast < slow) ctx.orderTargetQuantity(this.params.symbol, 0);
  }
}

describe('feature pipeline through the engine', () => {
  it('hands each bar exactly the batch value at that bar', async () => {
    const data = await loadBars(fixtures, { symbols: ['ALFA', 'MKT'] });
    const panel = alignBars(data.series.values());
    const features = new FeaturePipeline().perSymbol('sma20', smaFeature(20)).perSymbol('sma50', smaFeature(50)).compute(panel);
    const strategy = new Reader({ symbol: 'ALFA' });
    const result = backtest({ data, strategy, features });
    expect(strategy.seen).toEqual([...features.column('sma20', 'ALFA')]);
    expect(result.fills.length).toBeGreaterThan(10);
  });

  it('refuses features computed on another time index', async () => {
    const data = await loadBars(fixtures, { symbols: ['ALFA', 'ZETA'] });
    const zetaOnly = alignBars([data.get('ZETA')]);
    const features = new FeaturePipeline().perSymbol('sma20', smaFeature(20)).compute(zetaOnly);
    expect(() => backtest({ data, strategy: new Reader({ symbol: 'ALFA' }), features })).toThrow(InvariantError);
  });
});
