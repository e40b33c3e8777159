import { SeededRandom } from '@qt-backtest/core';
import { describe, expect, it } from 'vitest';
import { solveQuadraticProgram } from './solveQuadraticProgram.js';
import { solveWithBoundScreening } from './solveWithBoundScreening.js';
import type { QuadraticProgram } from './QuadraticProgram.js';

/** A factor-model covariance (k factors + idiosyncratic) for n assets. */
function factorCovariance(rng: SeededRandom, n: number, k: number): Float64Array {
  const B = Float64Array.from({ length: n * k }, () => rng.next() - 0.3);
  const g = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = i === j ? 0.01 + 0.05 * rng.next() : 0;
      for (let f = 0; f < k; f++) s += B[i * k + f]! * B[j * k + f]! * 0.02;
      g[i * n + j] = s;
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) g[i * n + j] = g[j * n + i]!;
  return g;
}

describe('bound screening gives the same optimum as the direct solve', () => {
  it('long-only min variance, quadratic utility and a capped y-problem on 120 assets, 4 seeds', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const rng = new SeededRandom(seed);
      const n = 120;
      const G = factorCovariance(rng, n, 4);
      const mu = Float64Array.from({ length: n }, () => 0.02 + 0.2 * rng.next());
      const problems: QuadraticProgram[] = [
        { G, a: new Float64Array(n), constraints: [{ sumCoefficient: 1, type: 'eq', rhs: 1 }], lower: new Float64Array(n) },
        { G, a: mu, constraints: [{ sumCoefficient: 1, type: 'eq', rhs: 1 }], lower: new Float64Array(n), upper: new Float64Array(n).fill(0.2) },
        {
          G,
          a: new Float64Array(n),
          constraints: [
            { coefficients: mu, type: 'eq', rhs: 1 },
            ...Array.from({ length: n }, (_, i) => ({ index: i, indexCoefficient: -1, sumCoefficient: 0.1, type: 'ge' as const, rhs: 0 })),
          ],
          lower: new Float64Array(n),
        },
      ];
      for (const p of problems) {
        const direct = solveQuadraticProgram(p);
        const screened = solveWithBoundScreening(p);
        let worst = 0;
        for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(direct.x[i]! - screened.x[i]!));
        expect(worst).toBeLessThan(1e-9);
        expect(screened.objective).toBeCloseTo(direct.objective, 12);
      }
    }
  });
});
