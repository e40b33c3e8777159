import { join } from 'node:path';
import { alignBars, loadBars } from '@qt-backtest/core';
import { bollinger } from '@qt-backtest/features';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData, needsSharedData, sharedDataDir } from '../internal/sharedData.js';
import type { Alpha } from '../alpha/Alpha.js';
import { PairsSpreadAlpha } from '../pairs/PairsSpreadAlpha.js';
import { type AlphaPanel, alphaPanel, lag, truncatePanel } from '../alpha/AlphaPanel.js';
import { BollingerReversion, GapReversal, OuHalfLifeReversion, RsiReversal, ShortTermReversal, VwapDeviation, ZScoreReversion } from './meanReversion.js';
import {
  AdxTrend,
  BreakoutMomentum,
  MacdHistogramMomentum,
  MaCrossMomentum,
  ResidualMomentum,
  RocMomentum,
  RsiTrend,
  TwelveMinusOneMomentum,
  VolScaledMomentum,
  VolumeWeightedMomentum,
} from './momentum.js';

const LIBRARY: ReadonlyArray<[Alpha<object>, number]> = [
  [new RocMomentum(), 0.5],
  [new TwelveMinusOneMomentum(), 0.5],
  [new MaCrossMomentum(), 0.5],
  [new BreakoutMomentum(), 0.5],
  [new RsiTrend(), 0.5],
  [new MacdHistogramMomentum(), 0.5],
  [new AdxTrend(), 0.5],
  [new VolScaledMomentum(), 0.5],
  [new VolumeWeightedMomentum(), 0.5],
  [new ResidualMomentum(), 0.5],
  [new BollingerReversion(), 0.5],
  [new ZScoreReversion(), 0.5],
  [new RsiReversal(), 0.5],
  [new ShortTermReversal(), 0.5],
  [new OuHalfLifeReversion(), 1], // NaN wherever the series does not mean-revert fast enough: by design
  [new VwapDeviation(), 0.5],
  [new GapReversal(), 0.5],
  // pairs spread z-score on ORCL (y) against YHOO (x): scores only the two legs, NaN for NVDA by design
  [new PairsSpreadAlpha({ y: 'ORCL', x: 'YHOO', hedge: 'kalman' }), 0.4],
  [new PairsSpreadAlpha({ y: 'ORCL', x: 'YHOO', hedge: 'ols', window: 60 }), 0.4],
];

describe.skipIf(!hasSharedData)(`every library alpha passes validate() on real OHLCV data ${needsSharedData}`, () => {
  let panel: AlphaPanel;
  beforeAll(async () => {
    const files = ['orcl-1995-2014.txt', 'nvda-1999-2014.txt', 'yhoo-1996-2014.txt'].map((f) => join(sharedDataDir, f));
    const loaded = await Promise.all(files.map((f) => loadBars(f, { symbol: f.split('/').pop()!.split('-')[0]!.toUpperCase() })));
    panel = alphaPanel(alignBars(loaded.flatMap((l) => [...l.series.values()])));
  }, 60_000);

  it.each(LIBRARY.map(([a, maxNaN]) => [a.name, a, maxNaN] as const))('%s', (_name, alpha, maxNaN) => {
    const report = alpha.validate(panel, { checkpoints: 12, maxNaNShare: maxNaN });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.causal).toBe(true);
    expect(report.checkpoints.length).toBeGreaterThanOrEqual(12);
    expect(Number.isFinite(report.scoreMin) && Number.isFinite(report.scoreMax)).toBe(true);
    expect(report.scoreMax).toBeGreaterThan(report.scoreMin);
    expect(report.turnover).toBeGreaterThanOrEqual(0);
    expect(report.turnover).toBeLessThanOrEqual(1);
    if (maxNaN === 0.5) expect(report.coverage).toBeGreaterThan(0.9);
    if (maxNaN === 0.4) expect(report.coverage).toBeGreaterThan(0.6); // two of three symbols scored
  }, 60_000);

  it('regression (seed bug): the Bollinger reversion score at t uses the band of closes t−19 … t and close[t] — the bar it is traded after', () => {
    const c = panel.close[0]!;
    const s = new BollingerReversion({ period: 20, k: 2 }).compute(panel)[0]!;
    const t = 3000;
    const win = Array.from(c.subarray(t - 19, t + 1));
    const mean = win.reduce((a, b) => a + b, 0) / 20;
    const sd = Math.sqrt(win.reduce((a, b) => a + (b - mean) ** 2, 0) / 20); // Bollinger: population σ
    const band = bollinger(c, { period: 20, k: 2 });
    const sigma = (band.upper[t]! - band.middle[t]!) / 2;
    expect(sigma).toBeCloseTo(sd, 9);
    expect(s[t]).toBeCloseTo(1 - (2 * (c[t]! - (mean - 2 * sd))) / (4 * sd), 9);
  });

  it('regression (seed bug): an alpha on data truncated at t equals the same alpha on the full data, row by row', () => {
    for (const [alpha] of LIBRARY) {
      const full = alpha.compute(panel);
      for (const end of [400, 2000, panel.time.length - 1]) {
        const part = alpha.compute(truncatePanel(panel, end));
        for (let j = 0; j < panel.symbols.length; j++) {
          expect(Array.from(part[j]!), `${alpha.name} ${panel.symbols[j]} rows < ${end}`).toEqual(Array.from(full[j]!.subarray(0, end)));
        }
      }
    }
  }, 120_000);
});

describe('causality is enforced, not hoped for', () => {
  it('a window that reaches past the decision bar cannot be written with lag()', () => {
    expect(() => lag(Float64Array.of(1, 2, 3), -1)).toThrow(/lag\(-1\) would read 1 row\(s\) after the decision bar/);
  });

  it('validate() catches an alpha that indexes the next row by hand, and toAlphaModel refuses it', async () => {
    const { Alpha: Base, CausalityError } = await import('../alpha/Alpha.js');
    class Peek extends Base<Record<string, never>> {
      constructor() {
        super({});
      }
      compute(p: AlphaPanel): Float64Array[] {
        return p.close.map((c) => Float64Array.from(c, (_x, t) => (t + 1 < c.length ? c[t + 1]! / c[t]! - 1 : Number.NaN)));
      }
    }
    const time = Float64Array.from({ length: 50 }, (_, i) => i * 86_400_000);
    const close = [Float64Array.from({ length: 50 }, (_, i) => 100 + Math.sin(i))];
    const p: AlphaPanel = { time, symbols: ['X'], open: close, high: close, low: close, close, volume: close };
    const report = new Peek().validate(p);
    expect(report.causal).toBe(false);
    expect(report.problems[0]).toMatch(/^not causal: score of "X" at row \d+ is .* on the full panel but NaN on rows 0…\d+: it reads data after the bar$/);
    expect(() => new Peek().toAlphaModel(p)).toThrow(CausalityError);
  });

  it('validate() reports infinite scores, scores outside the declared range and confidences outside [0, 1]', async () => {
    const { Alpha: Base } = await import('../alpha/Alpha.js');
    class Wild extends Base<Record<string, never>> {
      constructor() {
        super({});
      }
      override get scoreRange(): readonly [number, number] {
        return [-1, 1];
      }
      override confidence(s: number): number {
        return s; // > 1 for s = 2
      }
      compute(p: AlphaPanel): Float64Array[] {
        return p.close.map((c) => Float64Array.from(c, (_x, t) => (t === 3 ? Infinity : t === 5 ? 2 : 0.5)));
      }
    }
    const time = Float64Array.from({ length: 10 }, (_, i) => i * 86_400_000);
    const close = [Float64Array.from({ length: 10 }, () => 100)];
    const report = new Wild().validate({ time, symbols: ['X'], open: close, high: close, low: close, close, volume: close });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      'score Infinity for "X" at row 3: scores must be finite or NaN',
      'score 2 for "X" at row 5 is outside the declared range [-1, 1]',
      'confidence 2 of score 2 ("X", row 5) is outside [0, 1]',
    ]);
  });
});
