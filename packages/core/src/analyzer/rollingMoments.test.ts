import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../random/SeededRandom.js';
import { meanOf, sampleStd } from './internal.js';
import { rollingMeanStd } from './rollingMoments.js';

/** The definition: every window by its own two-pass pass. */
function direct(values: Float64Array, window: number): { mean: Float64Array; std: Float64Array } {
  const n = values.length;
  const mean = new Float64Array(n).fill(Number.NaN);
  const std = new Float64Array(n).fill(Number.NaN);
  for (let i = window - 1; i < n; i++) {
    let hasNaN = false;
    for (let k = i - window + 1; k <= i; k++) hasNaN ||= Number.isNaN(values[k]!);
    if (hasNaN) continue;
    mean[i] = meanOf(values, i - window + 1, i + 1);
    std[i] = sampleStd(values, i - window + 1, i + 1);
  }
  return { mean, std };
}

function returnsWithEvents(n: number, seed: number): Float64Array {
  const rng = new SeededRandom(seed);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = (rng.next() - 0.5) * 0.02 + 0.0002;
  for (let i = 900; i < 1400; i++) r[i] = 0; // a flat stretch longer than the windows
  r[2000] = Number.NaN; // a gap
  r[2600] = 0.5; // a crash-sized move
  r[3100] = Infinity;
  return r;
}

describe('rollingMeanStd', () => {
  for (const window of [65, 200, 333]) {
    it(`matches the per-window two-pass definition (window ${window}) to 1e-11 relative`, () => {
      const r = returnsWithEvents(4000, window);
      const want = direct(r, window);
      const mean = new Float64Array(r.length).fill(Number.NaN);
      const std = new Float64Array(r.length).fill(Number.NaN);
      rollingMeanStd(r, window, mean, std);
      for (let i = 0; i < r.length; i++) {
        const [a, b] = [std[i]!, want.std[i]!];
        if (Number.isNaN(b)) {
          expect(a, `std at ${i}`).toBeNaN();
          continue;
        }
        if (b === 0) expect(a, `std at ${i}`).toBe(0);
        else expect(Math.abs(a - b) / b, `std at ${i}`).toBeLessThan(1e-11);
        expect(Math.abs(mean[i]! - want.mean[i]!), `mean at ${i}`).toBeLessThan(1e-15 + 1e-11 * Math.abs(want.mean[i]!));
      }
    });
  }

  it('gives exactly 0 for a window of one repeated value after noise', () => {
    const r = new Float64Array(600);
    for (let i = 0; i < 200; i++) r[i] = Math.sin(i) * 0.01;
    for (let i = 200; i < 600; i++) r[i] = 0.001;
    const std = new Float64Array(600).fill(Number.NaN);
    const mean = new Float64Array(600).fill(Number.NaN);
    rollingMeanStd(r, 100, mean, std);
    expect(std[299]).toBe(0);
    expect(mean[299]).toBe(0.001);
    expect(std[298]).toBeGreaterThan(0);
  });
});
