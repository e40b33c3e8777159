/**
 * Seeded random high/low/close bars for indicator tests: a geometric random walk with an open gap
 * and a high/low range around each bar (Park–Miller LCG, so every test sees the same data).
 */

/** High, low and close columns of equal length. */
export interface TestBars {
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
}

/** `n` seeded bars starting near 50. */
export function randomBars(n: number, seed: number): TestBars {
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  let s = seed;
  const next = (): number => (s = (s * 16807) % 2147483647) / 2147483647;
  let p = 50;
  for (let i = 0; i < n; i++) {
    const open = p * (1 + (next() - 0.5) * 0.02);
    p = open * (1 + (next() - 0.5) * 0.04);
    high[i] = Math.max(open, p) * (1 + next() * 0.01);
    low[i] = Math.min(open, p) * (1 - next() * 0.01);
    close[i] = p;
  }
  return { high, low, close };
}
