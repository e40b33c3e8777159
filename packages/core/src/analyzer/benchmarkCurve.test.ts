import { describe, expect, it } from 'vitest';
import { benchmarkCurve, benchmarkReturns } from './benchmarkCurve.js';

const D = 86_400_000;

describe('benchmarkCurve', () => {
  it('takes the last close at or before each bar', () => {
    const bench = { symbol: 'SPY', time: Float64Array.of(0, 1 * D, 3 * D), close: Float64Array.of(10, 11, 13) };
    expect(Array.from(benchmarkCurve(Float64Array.of(0, 1 * D, 2 * D, 3 * D, 4 * D), bench))).toEqual([10, 11, 11, 13, 13]);
  });

  it('refuses bars before the benchmark starts and bad closes', () => {
    const bench = { symbol: 'SPY', time: Float64Array.of(2 * D, 3 * D), close: Float64Array.of(10, Number.NaN) };
    expect(() => benchmarkCurve(Float64Array.of(D, 2 * D), bench)).toThrow(
      'benchmark "SPY" starts at 1970-01-03T00:00:00.000Z, after the first bar 1970-01-02T00:00:00.000Z',
    );
    expect(() => benchmarkCurve(Float64Array.of(2 * D, 3 * D), bench)).toThrow('benchmark "SPY" close at 1970-01-04T00:00:00.000Z is NaN; expected a finite number > 0');
  });
});

describe('benchmarkReturns', () => {
  it('gives 0 on the first bar and simple returns after', () => {
    expect(Array.from(benchmarkReturns(Float64Array.of(100, 110, 88)))).toEqual([0, 110 / 100 - 1, 88 / 110 - 1]);
  });
});
