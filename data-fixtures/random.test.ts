import { describe, expect, it } from 'vitest';
import { Random } from './random.js';

describe('Random', () => {
  it('matches the xoshiro128** reference outputs for state (1, 2, 3, 4)', () => {
    const rng = Random.fromState(1, 2, 3, 4);
    const out = Array.from({ length: 6 }, () => rng.nextUint32());
    expect(out).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it('repeats the same sequence for the same seed and label', () => {
    const a = Random.derive(26, 'market');
    const b = Random.derive(26, 'market');
    const drawsA = Array.from({ length: 50 }, () => [a.uniform(), a.normal(), a.poisson(2)]);
    const drawsB = Array.from({ length: 50 }, () => [b.uniform(), b.normal(), b.poisson(2)]);
    expect(drawsA).toEqual(drawsB);
  });

  it('gives different streams to different labels and seeds', () => {
    const first = (rng: Random): number => rng.nextUint32();
    const values = new Set([
      first(Random.derive(26, 'a')),
      first(Random.derive(26, 'b')),
      first(Random.derive(27, 'a')),
    ]);
    expect(values.size).toBe(3);
  });

  it('draws uniforms in [0, 1) and standard normals with unit variance', () => {
    const rng = new Random(7);
    let sum = 0;
    let sumSq = 0;
    let outOfRange = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      if (!(u >= 0 && u < 1)) outOfRange++;
      const z = rng.normal();
      sum += z;
      sumSq += z * z;
    }
    expect(outOfRange).toBe(0);
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.02);
  });
});
