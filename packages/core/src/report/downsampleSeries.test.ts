import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../random/SeededRandom.js';
import { downsampleSeries } from './downsampleSeries.js';
import { areaChart, histogram, lineChart } from './svgCharts.js';

function walk(n: number, seed: number): { x: Float64Array; y: Float64Array } {
  const rng = new SeededRandom(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let v = 100;
  for (let i = 0; i < n; i++) {
    x[i] = 1_420_070_400_000 + i * 60_000;
    v *= 1 + (rng.next() - 0.5) * 0.002;
    y[i] = v;
  }
  return { x, y };
}

describe('downsampleSeries', () => {
  it('returns short inputs unchanged', () => {
    const d = downsampleSeries([1, 2, 3], [[5, 6, 7]], 10);
    expect(Array.from(d.x)).toEqual([1, 2, 3]);
    expect(Array.from(d.series[0]!)).toEqual([5, 6, 7]);
  });

  it('keeps at most 4 points per bucket, the ends, every extreme and a one-bar spike', () => {
    const { x, y } = walk(1_000_000, 7);
    y[123_457] = 1; // a one-bar crash
    y[876_543] = 10_000; // a one-bar spike
    const d = downsampleSeries(x, [y], 1000);
    expect(d.x.length).toBeLessThanOrEqual(4000);
    expect(d.x.length).toBeGreaterThan(1000);
    expect(d.x[0]).toBe(x[0]);
    expect(d.x[d.x.length - 1]).toBe(x[x.length - 1]);
    const ys = Array.from(d.series[0]!);
    expect(ys).toContain(1);
    expect(ys).toContain(10_000);
    // Every kept point is an input point, in order.
    for (let j = 0; j < d.index.length; j++) {
      expect(d.series[0]![j]).toBe(y[d.index[j]!]);
      if (j > 0) expect(d.index[j]!).toBeGreaterThan(d.index[j - 1]!);
    }
    // The bucket extremes survive: the thinned range equals the full range.
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of y) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    expect(Math.min(...ys)).toBe(lo);
    expect(Math.max(...ys)).toBe(hi);
  });

  it('keeps each series extremes when several share the axis, and keeps gaps', () => {
    const { x, y } = walk(100_000, 3);
    const z = Float64Array.from(y, (v) => -v);
    z[50_001] = Number.NaN;
    z[70_000] = -1e6;
    const d = downsampleSeries(x, [y, z], 100);
    expect(Array.from(d.series[1]!)).toContain(-1e6);
    expect(d.series[1]!.some((v) => Number.isNaN(v))).toBe(true);
  });

  it('rejects misaligned series', () => {
    expect(() => downsampleSeries([1, 2], [[1]], 10)).toThrow(RangeError);
  });
});

describe('charts of long series (finding 4: 125,000+ bars overflowed the stack)', () => {
  it('draw at most ~4,000 points per line and keep the deepest drawdown visible', () => {
    const { x, y } = walk(2_000_000, 11);
    const dd = Float64Array.from(y, (v, i) => (i === 1_500_000 ? -0.87 : Math.min(0, v / 100 - 1)));
    const line = lineChart({ x, series: [{ name: 'equity', values: y, color: '#000' }], title: 't', timeAxis: true });
    const points = (line.match(/[ML]/g) ?? []).length;
    expect(points).toBeLessThanOrEqual(4000 + 20);
    const area = areaChart({ x, series: [{ name: 'dd', values: dd, color: '#c00' }], title: 'dd', timeAxis: true });
    // The −87 % bar sets the bottom of the axis: the chart has a tick at or below −0.8.
    expect(area).toContain('>-0.80<');
  });

  it('histogram of 2,000,000 values renders (no Math.min(...values))', () => {
    const { y } = walk(2_000_000, 5);
    const svg = histogram({ values: y, title: 'h', bins: 20 });
    expect((svg.match(/class="bin"/g) ?? []).length).toBeGreaterThan(5);
  });
});
