/**
 * Candlestick patterns from `technicalindicators`, evaluated causally at every bar.
 */
import {
  abandonedbaby,
  bearish,
  bearishengulfingpattern,
  bearishhammerstick,
  bearishharami,
  bearishharamicross,
  bearishinvertedhammerstick,
  bearishmarubozu,
  bearishspinningtop,
  bullish,
  bullishengulfingpattern,
  bullishhammerstick,
  bullishharami,
  bullishharamicross,
  bullishinvertedhammerstick,
  bullishmarubozu,
  bullishspinningtop,
  darkcloudcover,
  doji,
  downsidetasukigap,
  dragonflydoji,
  eveningdojistar,
  eveningstar,
  gravestonedoji,
  hammerpattern,
  hammerpatternunconfirmed,
  hangingman,
  hangingmanunconfirmed,
  morningdojistar,
  morningstar,
  piercingline,
  shootingstar,
  shootingstarunconfirmed,
  threeblackcrows,
  threewhitesoldiers,
  tweezerbottom,
  tweezertop,
} from 'technicalindicators';
import { FeatureArgumentError, column, sameLength } from '../core/errors.js';
import type { BarColumns, FeatureDefinition } from '../core/types.js';

/** The candles a detector reads: the last one is the bar being evaluated. */
interface Window {
  open: number[];
  high: number[];
  low: number[];
  close: number[];
}

type Detector = (data: Window) => unknown;

/**
 * A pattern name: the `technicalindicators` detector's export name (`bullish`/`bearish`: any of their family).
 * Spelled out (not `keyof typeof` the table) so that the published declarations do not import
 * technicalindicators' 80 declaration files into every user's type check.
 */
export type CandlestickPatternName =
  | 'abandonedbaby'
  | 'bearish'
  | 'bearishengulfingpattern'
  | 'bearishhammerstick'
  | 'bearishharami'
  | 'bearishharamicross'
  | 'bearishinvertedhammerstick'
  | 'bearishmarubozu'
  | 'bearishspinningtop'
  | 'bullish'
  | 'bullishengulfingpattern'
  | 'bullishhammerstick'
  | 'bullishharami'
  | 'bullishharamicross'
  | 'bullishinvertedhammerstick'
  | 'bullishmarubozu'
  | 'bullishspinningtop'
  | 'darkcloudcover'
  | 'doji'
  | 'downsidetasukigap'
  | 'dragonflydoji'
  | 'eveningdojistar'
  | 'eveningstar'
  | 'gravestonedoji'
  | 'hammerpattern'
  | 'hammerpatternunconfirmed'
  | 'hangingman'
  | 'hangingmanunconfirmed'
  | 'morningdojistar'
  | 'morningstar'
  | 'piercingline'
  | 'shootingstar'
  | 'shootingstarunconfirmed'
  | 'threeblackcrows'
  | 'threewhitesoldiers'
  | 'tweezerbottom'
  | 'tweezertop';

// [detector, candles it reads] — the library's `requiredCount`; it warns on the console when given
// fewer, so every call passes exactly this many.
const PATTERNS: Readonly<Record<CandlestickPatternName, readonly [Detector, number]>> = {
  abandonedbaby: [abandonedbaby, 3],
  bearish: [bearish, 5],
  bearishengulfingpattern: [bearishengulfingpattern, 2],
  bearishhammerstick: [bearishhammerstick, 1],
  bearishharami: [bearishharami, 2],
  bearishharamicross: [bearishharamicross, 2],
  bearishinvertedhammerstick: [bearishinvertedhammerstick, 1],
  bearishmarubozu: [bearishmarubozu, 1],
  bearishspinningtop: [bearishspinningtop, 1],
  bullish: [bullish, 5],
  bullishengulfingpattern: [bullishengulfingpattern, 2],
  bullishhammerstick: [bullishhammerstick, 1],
  bullishharami: [bullishharami, 2],
  bullishharamicross: [bullishharamicross, 2],
  bullishinvertedhammerstick: [bullishinvertedhammerstick, 1],
  bullishmarubozu: [bullishmarubozu, 1],
  bullishspinningtop: [bullishspinningtop, 1],
  darkcloudcover: [darkcloudcover, 2],
  doji: [doji, 1],
  downsidetasukigap: [downsidetasukigap, 3],
  dragonflydoji: [dragonflydoji, 1],
  eveningdojistar: [eveningdojistar, 3],
  eveningstar: [eveningstar, 3],
  gravestonedoji: [gravestonedoji, 1],
  hammerpattern: [hammerpattern, 5],
  hammerpatternunconfirmed: [hammerpatternunconfirmed, 5],
  hangingman: [hangingman, 5],
  hangingmanunconfirmed: [hangingmanunconfirmed, 5],
  morningdojistar: [morningdojistar, 3],
  morningstar: [morningstar, 3],
  piercingline: [piercingline, 2],
  shootingstar: [shootingstar, 5],
  shootingstarunconfirmed: [shootingstarunconfirmed, 5],
  threeblackcrows: [threeblackcrows, 3],
  threewhitesoldiers: [threewhitesoldiers, 3],
  tweezerbottom: [tweezerbottom, 5],
  tweezertop: [tweezertop, 5],
};


/** Every supported pattern name. */
export const CANDLESTICK_PATTERNS: readonly CandlestickPatternName[] = Object.freeze(Object.keys(PATTERNS) as CandlestickPatternName[]);

/**
 * How many candles `pattern` reads (the bar evaluated and the ones before it); the output is NaN
 * before index `candlestickLookback(pattern) − 1`.
 *
 * @throws {FeatureArgumentError} for an unknown pattern
 */
export function candlestickLookback(pattern: CandlestickPatternName): number {
  return lookup(pattern)[1];
}

function lookup(pattern: string): readonly [Detector, number] {
  if (!Object.hasOwn(PATTERNS, pattern)) {
    throw new FeatureArgumentError(`candlestickPattern: unknown pattern "${pattern}" (one of ${CANDLESTICK_PATTERNS.join(', ')})`);
  }
  return PATTERNS[pattern as CandlestickPatternName];
}

/**
 * Whether `pattern` completes at each bar: `out[i]` is 1 when the library's detector finds it in
 * the `N` candles ending at bar `i` (N = {@link candlestickLookback}), else 0; NaN for `i < N − 1`
 * and when any open/high/low/close in those candles is NaN. Causal by construction: the detector
 * sees only that trailing window. The pattern definitions are the library's, quirks included
 * (e.g. the five-candle hammer/hanging-man/tweezer family compares the average gain and loss of the
 * preceding closes as strings, and `doji` uses a 0.1 % tolerance).
 *
 * Cost: one detector call per bar on a reused N-candle window (the input is not copied), so
 * O(n·N) plus the library's own allocations per call. Measured on ORCL's 5,036 bars (2-core VM):
 * about 0.2–2 µs per bar for the one- to three-candle detectors, 3–10 µs for the five-candle ones
 * (hammer, hanging man, shooting star, tweezers: they run a trend test and sub-detectors), about
 * 30 µs for `bullish` / `bearish` (14 detectors each) — 0.15 s for 5,000 bars, 30 s for a million.
 *
 * Batch only; wraps `technicalindicators` 3.1 candlestick detectors.
 *
 * @param columns - `open`, `high`, `low`, `close`
 * @param pattern - a name from {@link CANDLESTICK_PATTERNS}
 * @returns an aligned Float64Array of 1 / 0 / NaN
 * @throws {FeatureArgumentError} for an unknown pattern, a missing or unequal column
 * @example candlestickPattern({ open, high, low, close }, 'bullishengulfingpattern')
 */
export function candlestickPattern(columns: Pick<BarColumns, 'open' | 'high' | 'low' | 'close'>, pattern: CandlestickPatternName): Float64Array {
  const [detect, count] = lookup(pattern);
  const open = column('candlestickPattern', columns, 'open');
  const high = column('candlestickPattern', columns, 'high');
  const low = column('candlestickPattern', columns, 'low');
  const close = column('candlestickPattern', columns, 'close');
  const n = sameLength('candlestickPattern', open, high, low, close);
  const out = new Float64Array(n).fill(Number.NaN);
  // Exactly `count` candles: the library then reads the window in place instead of copying it.
  const w: Window = { open: new Array<number>(count), high: new Array<number>(count), low: new Array<number>(count), close: new Array<number>(count) };
  let lastNaN = -1; // latest index holding a NaN in any column
  for (let i = 0; i < n; i++) {
    const o = open[i]!;
    const h = high[i]!;
    const l = low[i]!;
    const c = close[i]!;
    if (o !== o || h !== h || l !== l || c !== c) lastNaN = i;
    if (i < count - 1 || lastNaN > i - count) continue;
    for (let k = 0; k < count; k++) {
      const j = i - count + 1 + k;
      w.open[k] = open[j]!;
      w.high[k] = high[j]!;
      w.low[k] = low[j]!;
      w.close[k] = close[j]!;
    }
    out[i] = detect(w) ? 1 : 0;
  }
  return out;
}

/** The registered definition of `candlestickPattern(<pattern>)` (batch only, no `stream`). */
export function candlestickPatternFeature(pattern: CandlestickPatternName): FeatureDefinition<Float64Array> {
  lookup(pattern);
  return { name: `candlestickPattern(${pattern})`, inputs: ['open', 'high', 'low', 'close'], batch: (c) => candlestickPattern(c, pattern) };
}
