import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import type { CandlestickPatternName } from './candlestickPattern.js';
import { CANDLESTICK_PATTERNS, candlestickLookback, candlestickPattern, candlestickPatternFeature } from './candlestickPattern.js';

type Candle = readonly [open: number, high: number, low: number, close: number];

function columns(candles: readonly Candle[]): { open: number[]; high: number[]; low: number[]; close: number[] } {
  return { open: candles.map((c) => c[0]), high: candles.map((c) => c[1]), low: candles.map((c) => c[2]), close: candles.map((c) => c[3]) };
}

const FILLER: Candle = [10, 10.4, 9.6, 10.1];
const NaN_ = Number.NaN;

describe('candlestickPattern', () => {
  it('finds a bullish engulfing on the bar that completes it, not before', () => {
    // Bar 1 bearish 10 → 9; bar 2 opens below its close (8.9) and closes above its open (10.5).
    const c = columns([FILLER, [10, 10.2, 8.8, 9], [8.9, 10.6, 8.8, 10.5], FILLER]);
    expect([...candlestickPattern(c, 'bullishengulfingpattern')]).toEqual([NaN_, 0, 1, 0]);
  });

  it('finds a morning star on its third candle', () => {
    // Long bearish 10 → 8 (midpoint 9); a small candle gapping below its low 7.8; a bullish candle
    // opening above the star's high (7.6 > 7.5) and closing above the midpoint (9.5 > 9).
    const c = columns([FILLER, [10, 10.2, 7.8, 8], [7.3, 7.5, 7.0, 7.2], [7.6, 9.6, 7.55, 9.5]]);
    expect([...candlestickPattern(c, 'morningstar')]).toEqual([NaN_, NaN_, 0, 1]);
  });

  it('finds a doji (open = close within 0.1 %, shadows on both sides)', () => {
    const c = columns([[10, 10.5, 9.5, 10], FILLER, [10, 10.5, 9.5, 10.005]]);
    expect([...candlestickPattern(c, 'doji')]).toEqual([1, 0, 1]);
  });

  it("follows the library's definitions, quirks included", () => {
    // tweezerbottom: a "downward trend" over the first three closes, then two equal lows. The
    // library compares the average loss and gain as one-element arrays, i.e. as strings:
    // 100 → 95 → 97 gives "2.5" > "1" (a trend); 100 → 80 → 89 gives "10" > "4.5", false as strings.
    const tail: Candle[] = [
      [9, 9.5, 8, 9.2],
      [9.2, 9.6, 8, 9.4],
    ];
    const trend = (a: number, b: number, d: number): Candle[] => [
      [a, a + 1, a - 1, a],
      [b, b + 1, b - 1, b],
      [d, d + 1, d - 1, d],
    ];
    expect(candlestickPattern(columns([...trend(100, 95, 97), ...tail]), 'tweezerbottom')[4]).toBe(1);
    expect(candlestickPattern(columns([...trend(100, 80, 89), ...tail]), 'tweezerbottom')[4]).toBe(0);
  });

  it('is NaN during the lookback and while a NaN is among the candles it reads', () => {
    const c = columns([FILLER, FILLER, [10, NaN_, 9.6, 10.1], FILLER, FILLER, FILLER]);
    // Two-candle pattern: index 2 and 3 read the NaN candle.
    expect([...candlestickPattern(c, 'bullishengulfingpattern')]).toEqual([NaN_, 0, NaN_, NaN_, 0, 0]);
  });

  it('never hands the library fewer candles than it needs (it would warn on the console)', () => {
    expect([...candlestickPattern(columns([FILLER, FILLER]), 'hammerpattern')]).toEqual([NaN_, NaN_]);
    expect([...candlestickPattern(columns([FILLER, FILLER, FILLER, FILLER, FILLER]), 'bullish')].slice(0, 4)).toEqual([NaN_, NaN_, NaN_, NaN_]);
  });

  it('knows each pattern lookback', () => {
    expect(candlestickLookback('doji')).toBe(1);
    expect(candlestickLookback('bullishengulfingpattern')).toBe(2);
    expect(candlestickLookback('morningstar')).toBe(3);
    expect(candlestickLookback('hammerpattern')).toBe(5);
    expect(CANDLESTICK_PATTERNS).toHaveLength(37);
  });

  it('rejects an unknown pattern and a missing column', () => {
    expect(() => candlestickPattern(columns([FILLER]), 'hammer' as CandlestickPatternName)).toThrow(FeatureArgumentError);
    expect(() => candlestickPatternFeature('nope' as CandlestickPatternName)).toThrow('"nope"');
    expect(() => candlestickPattern({ open: [1], high: [1], low: [1] }, 'doji')).toThrow('needs a "close" column');
  });
});

describe.skipIf(!hasSharedData)(`candlestickPattern on ORCL 1995–2014 ${needsSharedData}`, () => {
  const c = hasSharedData ? yahooColumns() : undefined;
  const ohlc = c === undefined ? {} : { open: c.open, high: c.high, low: c.low, close: c.close };
  for (const p of ['doji', 'bullishengulfingpattern', 'morningstar', 'hammerpattern', 'tweezertop'] as const) {
    testFeatureContract(candlestickPatternFeature(p), ohlc);
  }
  testFeatureContract(candlestickPatternFeature('bullish'), ohlc, { samples: 10 });

  it('detects patterns on real data (not a constant output)', () => {
    const hits = candlestickPattern(ohlc, 'bullishengulfingpattern').reduce((s, v) => s + (v === 1 ? 1 : 0), 0);
    expect(hits).toBeGreaterThan(50);
  });
});
