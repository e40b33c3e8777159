import { createRequire } from 'node:module';
import { SeededRandom } from '@qt-backtest/core';
import { describe, expect, it } from 'vitest';
import { InfeasibleProblemError } from '../RiskError.js';
import type { LinearConstraint } from './QuadraticProgram.js';
import { solveQuadraticProgram } from './solveQuadraticProgram.js';

// Cross-check against the npm `quadprog` 1.6.1 port of Goldfarb–Idnani's Fortran (R quadprog).
const require = createRequire(import.meta.url);
const quadprog = require('quadprog') as {
  solveQP(D: number[][], d: number[], A: number[][], b: number[], meq: number): { solution: number[]; value: number[]; message: string };
};

function randomProblem(rng: SeededRandom, n: number) {
  // G = BᵀB + 0.1 I (positive definite), a random.
  const B = Array.from({ length: n + 3 }, () => Array.from({ length: n }, () => rng.next() - 0.5));
  const G = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = i === j ? 0.1 : 0;
    for (const row of B) s += row[i]! * row[j]!;
    G[i * n + j] = s;
  }
  const a = Float64Array.from({ length: n }, () => rng.next() * 2 - 1);
  return { G, a };
}

function viaQuadprog(n: number, G: Float64Array, a: Float64Array, cons: { c: number[]; b: number; eq: boolean }[]) {
  const eqs = cons.filter((c) => c.eq);
  const ineqs = cons.filter((c) => !c.eq);
  const all = [...eqs, ...ineqs];
  const D = [[]] as number[][];
  for (let i = 0; i < n; i++) D.push([0, ...Array.from(G.subarray(i * n, i * n + n))]);
  const A = [[]] as number[][];
  for (let i = 0; i < n; i++) A.push([0, ...all.map((c) => c.c[i]!)]);
  const res = quadprog.solveQP(D, [0, ...a], A, [0, ...all.map((c) => c.b)], eqs.length);
  return res.message === '' ? res.solution.slice(1) : null;
}

describe('solveQuadraticProgram (Goldfarb–Idnani)', () => {
  it('solves a textbook problem exactly', () => {
    // min ½(x² + y²) − x − y  s.t.  x + y = 1  →  (0.5, 0.5)
    const s = solveQuadraticProgram({
      G: Float64Array.of(1, 0, 0, 1),
      a: Float64Array.of(1, 1),
      constraints: [{ sumCoefficient: 1, type: 'eq', rhs: 1 }],
    });
    expect(Array.from(s.x)).toEqual([0.5, 0.5]);
    // Gx − a = ν·1 at the optimum: (−0.5, −0.5) → ν = −0.5.
    expect(s.multipliers[0]).toBeCloseTo(-0.5, 14);
  });

  it('matches quadprog on 200 random problems with equalities, inequalities and bounds', () => {
    const rng = new SeededRandom(14);
    let infeasible = 0;
    for (let trial = 0; trial < 200; trial++) {
      const n = 2 + rng.int(14);
      const { G, a } = randomProblem(rng, n);
      const cons: { c: number[]; b: number; eq: boolean }[] = [];
      const ours: LinearConstraint[] = [];
      // Σx = 1, a random dense inequality, and bounds [−0.2, 0.6] (both feasible for n ≥ 2).
      cons.push({ c: Array(n).fill(1), b: 1, eq: true });
      ours.push({ sumCoefficient: 1, type: 'eq', rhs: 1 });
      const w = Array.from({ length: n }, () => rng.next() - 0.5);
      cons.push({ c: w, b: -0.3, eq: false });
      ours.push({ coefficients: w, type: 'ge', rhs: -0.3 });
      const lo = -0.2;
      const hi = 0.6;
      for (let i = 0; i < n; i++) {
        const e = Array(n).fill(0);
        e[i] = 1;
        cons.push({ c: e, b: lo, eq: false });
        cons.push({ c: e.map((v) => -v), b: -hi, eq: false });
      }
      const expected = viaQuadprog(n, G, a, cons);
      const solve = () => solveQuadraticProgram({ G, a, constraints: ours, lower: Array(n).fill(lo), upper: Array(n).fill(hi) });
      if (expected === null) {
        infeasible++;
        expect(solve).toThrow(InfeasibleProblemError);
        continue;
      }
      const s = solve();
      for (let i = 0; i < n; i++) expect(Math.abs(s.x[i]! - expected[i]!)).toBeLessThan(1e-9);
    }
    // Both solvers agree on which random problems are infeasible; most are feasible.
    expect(infeasible).toBeLessThan(20);
  });

  it('handles "xᵢ ≤ h·Σx" constraints given by index and sum coefficients', () => {
    const rng = new SeededRandom(7);
    for (let trial = 0; trial < 50; trial++) {
      const n = 3 + rng.int(8);
      const { G, a } = randomProblem(rng, n);
      const h = 0.45;
      const cons: { c: number[]; b: number; eq: boolean }[] = [{ c: Array(n).fill(1), b: 2, eq: true }];
      const ours: LinearConstraint[] = [{ sumCoefficient: 1, type: 'eq', rhs: 2 }];
      for (let i = 0; i < n; i++) {
        const c = Array(n).fill(h);
        c[i] = h - 1;
        cons.push({ c, b: 0, eq: false });
        ours.push({ index: i, indexCoefficient: -1, sumCoefficient: h, type: 'ge', rhs: 0 });
        const e = Array(n).fill(0);
        e[i] = 1;
        cons.push({ c: e, b: 0, eq: false });
      }
      const expected = viaQuadprog(n, G, a, cons)!;
      const s = solveQuadraticProgram({ G, a, constraints: ours, lower: Array(n).fill(0) });
      for (let i = 0; i < n; i++) expect(Math.abs(s.x[i]! - expected[i]!)).toBeLessThan(1e-9);
    }
  });

  it('reports infeasible constraints with a typed error', () => {
    expect(() =>
      solveQuadraticProgram({
        G: Float64Array.of(1, 0, 0, 1),
        a: Float64Array.of(0, 0),
        constraints: [{ sumCoefficient: 1, type: 'eq', rhs: 1 }],
        upper: [0.3, 0.3],
      }),
    ).toThrow(InfeasibleProblemError);
  });

  it('satisfies KKT: x feasible, multipliers ≥ 0, stationarity', () => {
    const rng = new SeededRandom(99);
    const n = 12;
    const { G, a } = randomProblem(rng, n);
    const s = solveQuadraticProgram({ G, a, constraints: [{ sumCoefficient: 1, type: 'eq', rhs: 1 }], lower: Array(n).fill(0) });
    // ∇ = Gx − a = ν·1 + λ (λ = lower multipliers ≥ 0, zero off the bound)
    for (let i = 0; i < n; i++) {
      let g = -a[i]!;
      for (let j = 0; j < n; j++) g += G[i * n + j]! * s.x[j]!;
      expect(s.x[i]).toBeGreaterThanOrEqual(-1e-15);
      expect(s.lowerMultipliers[i]).toBeGreaterThanOrEqual(0);
      expect(Math.abs(g - s.multipliers[0]! - s.lowerMultipliers[i]!)).toBeLessThan(1e-10);
    }
  });
});
