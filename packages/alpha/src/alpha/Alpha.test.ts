import { backtest, type AlphaModel, type Insight, Strategy, type StrategyContext } from '@qt-backtest/core';
import { harnessSeries } from '@qt-backtest/core/testing';
import { alignBars } from '@qt-backtest/core';
import { testAlphaModelContract } from '@qt-backtest/core/testing';
import { describe, expect, it } from 'vitest';
import { BollingerReversion } from '../library/meanReversion.js';
import { MacdHistogramMomentum, RocMomentum } from '../library/momentum.js';
import { alphaPanel } from './AlphaPanel.js';

class Record extends Strategy<{ model: AlphaModel; out: Insight[][] }> {
  override onBar(ctx: StrategyContext): void {
    this.params.out.push([...this.params.model.update({ market: ctx })]);
  }
}

function emitted(model: AlphaModel, bars: number, seed: number): Insight[][] {
  const out: Insight[][] = [];
  backtest({ data: harnessSeries(bars, seed), strategy: new Record({ model, out }) });
  return out;
}

describe('Alpha → AlphaModel adapters', () => {
  it.each([new RocMomentum({ period: 5 }), new BollingerReversion({ period: 10, k: 2 }), new MacdHistogramMomentum()])(
    '%s: the point-in-time model emits exactly what the validated batch model emits',
    (alpha) => {
      const bars = 80;
      const panel = alphaPanel(alignBars(harnessSeries(bars, 11)));
      const batch = emitted(alpha.toAlphaModel(panel), bars, 11);
      const streaming = emitted(alpha.toStreamingAlphaModel(), bars, 11);
      expect(streaming).toEqual(batch);
      expect(batch.flat().length).toBeGreaterThan(100);
    },
  );
});

// The streaming adapter meets the framework's AlphaModel contract (validity, determinism, causality).
testAlphaModelContract('RocMomentum.toStreamingAlphaModel', () => new RocMomentum({ period: 5 }).toStreamingAlphaModel(), { numRuns: 5 });
testAlphaModelContract('BollingerReversion.toStreamingAlphaModel(historyBars 30)', () => new BollingerReversion({ period: 10, k: 2 }).toStreamingAlphaModel({ historyBars: 30 }), { numRuns: 5 });
