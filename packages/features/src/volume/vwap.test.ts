import { VWAP } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { RollingVwap, rollingVwap, rollingVwapFeature, SessionVwap, sessionVwap, sessionVwapFeature } from './vwap.js';

// Typical prices: (3+1+2)/3 = 2, (6+2+4)/3 = 4, (5+3+4)/3 = 4, (4+2+3)/3 = 3.
const bars = { high: [3, 6, 5, 4], low: [1, 2, 3, 2], close: [2, 4, 4, 3], volume: [1, 3, 2, 0] };

describe('rollingVwap', () => {
  it('matches a hand calculation', () => {
    // period 2: (2·1 + 4·3)/(1 + 3) = 3.5; (4·3 + 4·2)/(3 + 2) = 4; (4·2 + 3·0)/(2 + 0) = 4.
    expect([...rollingVwap(bars, 2)]).toEqual([Number.NaN, 3.5, 4, 4]);
    // period 3: (2 + 12 + 8)/6 = 11/3; (12 + 8 + 0)/5 = 4.
    expect([...rollingVwap(bars, 3)]).toEqual([Number.NaN, Number.NaN, 22 / 6, 4]);
  });

  it('is NaN where the window has no volume, and while a NaN is in the window', () => {
    const flat = { high: [2, 2, 2], low: [1, 1, 1], close: [1.5, 1.5, 1.5], volume: [0, 0, 4] };
    expect([...rollingVwap(flat, 2)]).toEqual([Number.NaN, Number.NaN, 1.5]);
    const gap = { ...bars, close: [2, Number.NaN, 4, 3] };
    expect([...rollingVwap(gap, 2)]).toEqual([Number.NaN, Number.NaN, Number.NaN, 4]);
    const inf = { ...bars, volume: [1, Infinity, 2, 0] };
    expect([...rollingVwap(inf, 2)]).toEqual([Number.NaN, Number.NaN, Number.NaN, 4]);
  });

  it('streams the same values', () => {
    const s = new RollingVwap(2);
    const got = bars.close.map((_, i) => s.add({ high: bars.high[i]!, low: bars.low[i]!, close: bars.close[i]!, volume: bars.volume[i]! }));
    expect(got).toEqual([Number.NaN, 3.5, 4, 4]);
    expect(s.warmUp).toBe(2);
    expect(s.isReady).toBe(true);
  });

  it('rejects a bad period or unequal columns', () => {
    expect(() => rollingVwap(bars, 0)).toThrow(FeatureArgumentError);
    expect(() => new RollingVwap(1.5)).toThrow('"1.5"');
    expect(() => rollingVwap({ ...bars, volume: [1] }, 2)).toThrow(FeatureArgumentError);
    expect(() => rollingVwapFeature(-1)).toThrow('"-1"');
  });
});

describe('sessionVwap', () => {
  it('matches a hand calculation and restarts when the session id changes', () => {
    // Session 1: 2·1/1 = 2, (2 + 12)/4 = 3.5. Session 2: 4·2/2 = 4, (8 + 0)/2 = 4.
    expect([...sessionVwap(bars, { session: [1, 1, 2, 2] })]).toEqual([2, 3.5, 4, 4]);
    // One session: the cumulative VWAP: 2, 3.5, (2 + 12 + 8)/6, same.
    expect([...sessionVwap(bars, { session: [7, 7, 7, 7] })]).toEqual([2, 3.5, 22 / 6, 22 / 6]);
  });

  it('is NaN until the session trades, and from a NaN to the end of its session', () => {
    const quiet = { ...bars, volume: [0, 3, 2, 1] };
    expect([...sessionVwap(quiet, { session: [1, 1, 1, 1] })].slice(0, 2)).toEqual([Number.NaN, 4]);
    const gap = { ...bars, close: [2, Number.NaN, 4, 3], volume: [1, 3, 2, 1] };
    expect([...sessionVwap(gap, { session: [1, 1, 1, 2] })]).toEqual([2, Number.NaN, Number.NaN, 3]);
  });

  it('streams the same values', () => {
    const s = new SessionVwap();
    const session = [1, 1, 2, 2];
    const got = session.map((id, i) => s.add({ high: bars.high[i]!, low: bars.low[i]!, close: bars.close[i]!, volume: bars.volume[i]! }, id));
    expect(got).toEqual([2, 3.5, 4, 4]);
  });

  it('rejects session ids of the wrong length', () => {
    expect(() => sessionVwap(bars, { session: [1, 1] })).toThrow(FeatureArgumentError);
    const feature = sessionVwapFeature([1, 1]);
    expect(() => feature.batch(bars)).toThrow('"2"');
    const stream = feature.stream!() as unknown as { add(bar: object): number };
    stream.add({ high: 1, low: 1, close: 1, volume: 1 });
    stream.add({ high: 1, low: 1, close: 1, volume: 1 });
    expect(() => stream.add({ high: 1, low: 1, close: 1, volume: 1 })).toThrow(FeatureArgumentError);
  });
});

describe.skipIf(!hasSharedData)(`vwap on ORCL 1995–2014 ${needsSharedData}`, () => {
  const data = hasSharedData ? yahooColumns() : { date: [] as string[], high: new Float64Array(0), low: new Float64Array(0), close: new Float64Array(0), volume: new Float64Array(0) };
  const { high, low, close, volume } = data;
  // A session per calendar month ("1995-01" → 199501).
  const months = Float64Array.from(data.date, (d) => Number(d.slice(0, 4)) * 100 + Number(d.slice(5, 7)));

  it('sessionVwap over one session equals technicalindicators VWAP (cumulative)', () => {
    const ours = sessionVwap(data, { session: new Float64Array(close.length) });
    const theirs = VWAP.calculate({ high: Array.from(high), low: Array.from(low), close: Array.from(close), volume: Array.from(volume) });
    expect(theirs.length).toBe(close.length);
    // Its sums are naive running sums: agreement to rounding, not bit for bit.
    for (let i = 0; i < close.length; i++) expect(Math.abs(ours[i]! / theirs[i]! - 1)).toBeLessThan(1e-12);
  });

  it('rollingVwap equals a from-scratch window computation', () => {
    const ours = rollingVwap(data, 20);
    for (let i = 19; i < close.length; i += 37) {
      let pv = 0;
      let v = 0;
      for (let j = i - 19; j <= i; j++) {
        pv += ((high[j]! + low[j]! + close[j]!) / 3) * volume[j]!;
        v += volume[j]!;
      }
      expect(Math.abs(ours[i]! / (pv / v) - 1)).toBeLessThan(1e-13);
    }
  });

  it('sessionVwap restarts each month', () => {
    const out = sessionVwap(data, { session: months });
    const firstOfFeb1995 = data.date.indexOf('1995-02-01');
    expect(out[firstOfFeb1995]).toBeCloseTo((high[firstOfFeb1995]! + low[firstOfFeb1995]! + close[firstOfFeb1995]!) / 3, 12);
  });

  testFeatureContract(rollingVwapFeature(20), { high, low, close, volume });
  testFeatureContract(sessionVwapFeature(months), { high, low, close, volume });
});
