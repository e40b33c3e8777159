/**
 * Seeded random data for indicator tests, so every test sees the same numbers without shared data:
 * high/low/close bars and a close-only geometric random walk (Park–Miller LCG), and standard
 * normals (mulberry32 + Box–Muller).
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

/** `n` closes of a seeded geometric random walk starting near 50 (±2 % a step). */
export function randomWalk(n: number, seed: number): Float64Array {
  const out = new Float64Array(n);
  let s = seed;
  let p = 50;
  for (let i = 0; i < n; i++) {
    s = (s * 16807) % 2147483647;
    p *= 1 + (s / 2147483647 - 0.5) * 0.04;
    out[i] = p;
  }
  return out;
}

/** A seeded generator of standard normals (mulberry32 + Box–Muller). */
export function normals(seed: number): () => number {
  let a = seed >>> 0;
  const u = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 1) / 4294967297;
  };
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}
