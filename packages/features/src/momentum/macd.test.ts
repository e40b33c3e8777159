import { MACD } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { ema } from '../trend/ema.js';
import { randomWalk } from '../internal/randomBars.js';
import { Macd, type MacdValue, macd, macdFeature } from './macd.js';

/** Seed of this file's random walks. */
const SEED = 13;

const nan = Number.NaN;
const firstDefined = (xs: Float64Array): number => xs.findIndex((x) => !Number.isNaN(x));

/**
 * technicalindicators' MACD with EMAs (SimpleMAOscillator/SimpleMASignal false) outputs from index
 * slow − 1 (offset 25 at 12/26/9), with the signal undefined for its first 8 values. Its fast EMA
 * is seeded with the mean of values[0..11] rather than TA-Lib's values[14..25], so the two agree
 * only once that seed difference has decayed: compared from index `from` on.
 */
function expectMatchesTechnicalIndicators(values: Float64Array, from: number): void {
  const theirs = MACD.calculate({
    values: Array.from(values),
    fastPeriod: 12,
    slowPeriod: 26,
    signalPeriod: 9,
    SimpleMAOscillator: false,
    SimpleMASignal: false,
  });
  const ours = macd(values);
  expect(theirs.length).toBe(values.length - 25);
  const scale = values.reduce((a, b) => a + Math.abs(b), 0) / values.length;
  for (let i = from - 25; i < theirs.length; i++) {
    const t = theirs[i]!;
    expect(Math.abs(ours.macd[i + 25]! - t.MACD!)).toBeLessThanOrEqual(1e-10 * scale);
    expect(Math.abs(ours.signal[i + 25]! - t.signal!)).toBeLessThanOrEqual(1e-10 * scale);
    expect(Math.abs(ours.histogram[i + 25]! - t.histogram!)).toBeLessThanOrEqual(1e-10 * scale);
  }
}

describe('macd', () => {
  it('matches a hand calculation (TA-Lib seeding)', () => {
    // fast 3 (α = 0.5), slow 7 (α = 0.25), signal 3 (α = 0.5) on [4, 0, 3, 3, 5, 6, 7, 12, 4, 10].
    // slow seed at index 6: (4 + 0 + 3 + 3 + 5 + 6 + 7)/7 = 4; fast seed at index 6 is the mean of
    // the last 3 of those 7 values, (5 + 6 + 7)/3 = 6 (not of the first 3, (4 + 0 + 3)/3 = 7/3).
    // index 6: macd = 6 − 4 = 2.
    // index 7 (12): fast (12 − 6)·0.5 + 6 = 9, slow (12 − 4)·0.25 + 4 = 6, macd 3.
    // index 8 (4): fast (4 − 9)·0.5 + 9 = 6.5, slow (4 − 6)·0.25 + 6 = 5.5, macd 1;
    //   signal seed (2 + 3 + 1)/3 = 2, histogram 1 − 2 = −1.
    // index 9 (10): fast (10 − 6.5)·0.5 + 6.5 = 8.25, slow (10 − 5.5)·0.25 + 5.5 = 6.625,
    //   macd 1.625; signal (1.625 − 2)·0.5 + 2 = 1.8125; histogram −0.1875.
    const out = macd([4, 0, 3, 3, 5, 6, 7, 12, 4, 10], { fast: 3, slow: 7, signal: 3 });
    expect([...out.macd]).toEqual([nan, nan, nan, nan, nan, nan, 2, 3, 1, 1.625]);
    expect([...out.signal]).toEqual([nan, nan, nan, nan, nan, nan, nan, nan, 2, 1.8125]);
    expect([...out.histogram]).toEqual([nan, nan, nan, nan, nan, nan, nan, nan, -1, -0.1875]);
  });

  it('starts the MACD line at slow − 1 and the signal and histogram at slow + signal − 2', () => {
    const out = macd(randomWalk(200, SEED));
    expect(firstDefined(out.macd)).toBe(25);
    expect(firstDefined(out.signal)).toBe(33);
    expect(firstDefined(out.histogram)).toBe(33);
    const custom = macd(randomWalk(200, SEED), { fast: 5, slow: 35, signal: 5 });
    expect(firstDefined(custom.macd)).toBe(34);
    expect(firstDefined(custom.signal)).toBe(38);
  });

  it('converges to ema(fast) − ema(slow) once the fast seed difference has decayed', () => {
    const values = randomWalk(1000, SEED);
    const line = macd(values).macd;
    const e12 = ema(values, 12);
    const e26 = ema(values, 26);
    // At index 25 the fast EMAs differ by their seeds (TA-Lib seeds on values[14..25]).
    expect(line[25]).not.toBe(e12[25]! - e26[25]!);
    for (let i = 300; i < values.length; i++) expect(Math.abs(line[i]! - (e12[i]! - e26[i]!))).toBeLessThan(1e-10);
  });

  it('signal is the EMA of the MACD line seeded with its first values', () => {
    const out = macd(randomWalk(500, SEED));
    const signal = ema(out.macd, 9);
    expect([...out.signal]).toEqual([...signal]);
    expect([...out.histogram]).toEqual(Array.from(out.macd, (m, i) => m - signal[i]!));
  });

  it('matches technicalindicators (EMA oscillator and signal) after the seeds have decayed', () => {
    expectMatchesTechnicalIndicators(randomWalk(2000, SEED), 250);
  });

  it('restarts after a missing value', () => {
    const values = randomWalk(300, SEED);
    values[100] = nan;
    const out = macd(values);
    const after = macd(values.subarray(101));
    expect(out.macd.slice(100, 126).every(Number.isNaN)).toBe(true);
    expect([...out.macd.subarray(101)]).toEqual([...after.macd]);
    expect([...out.signal.subarray(101)]).toEqual([...after.signal]);
    expect([...out.histogram.subarray(101)]).toEqual([...after.histogram]);
  });

  it('streams the same values bit for bit, as new frozen objects', () => {
    const values = randomWalk(600, SEED);
    values[200] = nan;
    values[230] = Number.NEGATIVE_INFINITY;
    const batch = macd(values, { fast: 6, slow: 13, signal: 4 });
    const s = new Macd({ fast: 6, slow: 13, signal: 4 });
    expect(s.value.macd).toBeNaN();
    expect(s.warmUp).toBe(16);
    const streamed: MacdValue[] = [];
    for (const x of values) streamed.push(s.add(x));
    expect(streamed.map((v) => v.macd)).toEqual([...batch.macd]);
    expect(streamed.map((v) => v.signal)).toEqual([...batch.signal]);
    expect(streamed.map((v) => v.histogram)).toEqual([...batch.histogram]);
    expect(new Set(streamed).size).toBe(streamed.length);
    expect(streamed.every((v) => Object.isFrozen(v))).toBe(true);
    expect(s.isReady).toBe(true);
  });

  it('is ready once all three outputs are defined', () => {
    const s = new Macd({ fast: 2, slow: 3, signal: 2 });
    const ready = [1, 2, 3, 4, 5].map((x) => (s.add(x), s.isReady));
    // The MACD line starts at input 3, the signal at input 3 + 2 − 1 = 4 = warmUp.
    expect(ready).toEqual([false, false, false, true, true]);
    expect(s.warmUp).toBe(4);
  });

  it('rejects bad periods', () => {
    expect(() => macd([1], { fast: 26, slow: 12 })).toThrow(FeatureArgumentError);
    expect(() => macd([1], { fast: 12, slow: 12 })).toThrow('fast "12" and slow "12"');
    expect(() => new Macd({ signal: 0 })).toThrow('"0"');
    expect(() => macd([1], { fast: 1.5 })).toThrow('"1.5"');
  });

  it('names the feature with its periods', () => {
    expect(macdFeature().name).toBe('macd(12,26,9)');
    expect(macdFeature({ signal: 5 }).name).toBe('macd(12,26,5)');
  });
});

describe.skipIf(!hasSharedData)(`macd on ORCL 1995–2014 ${needsSharedData}`, () => {
  const close = hasSharedData ? yahooColumns().close : new Float64Array(0);
  testFeatureContract(macdFeature(), { close });
  testFeatureContract(macdFeature({ fast: 5, slow: 35, signal: 5 }), { close });

  it('matches technicalindicators after the seeds have decayed', () => {
    expectMatchesTechnicalIndicators(close, 250);
  });
});
