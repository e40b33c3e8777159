/**
 * Exact large-n speed-up for QPs whose variables mostly sit at their lower bound (long-only
 * portfolios of hundreds of assets): solve on a working set S of variables with the rest fixed at
 * their lower bounds, check the full problem's KKT conditions (the reduced gradient of every fixed
 * variable must be ≥ 0), add the most violating variables and re-solve. The answer satisfies the
 * full KKT system, so for a strictly convex QP it is the exact optimum — the same point
 * {@link solveQuadraticProgram} returns on the whole problem, at a fraction of its O(n³) cost.
 */
import type { LinearConstraint, QuadraticProgram, QuadraticSolution } from './QuadraticProgram.js';
import { solveQuadraticProgram } from './solveQuadraticProgram.js';

/** Below this many variables the whole problem is solved directly. */
const DIRECT_BELOW = 80;

/**
 * Same contract as {@link solveQuadraticProgram}; variables without a finite lower bound are
 * always in the working set.
 */
export function solveWithBoundScreening(problem: QuadraticProgram): QuadraticSolution {
  const n = problem.a.length;
  if (n < DIRECT_BELOW || problem.lower === undefined) return solveQuadraticProgram(problem);
  const lo = Float64Array.from({ length: n }, (_, i) => problem.lower![i] ?? -Infinity);
  const cons = problem.constraints ?? [];
  const G = problem.G;
  const a = problem.a;
  // Initial working set: unbounded variables plus the best few by three cheap scores.
  const inSet = new Uint8Array(n);
  const k0 = Math.max(30, Math.ceil(n / 10));
  const pick = (score: (i: number) => number): void => {
    const idx = Array.from({ length: n }, (_, i) => i).filter((i) => Number.isFinite(score(i)));
    idx.sort((x, y) => score(y) - score(x));
    for (let m = 0; m < Math.min(k0, idx.length); m++) inSet[idx[m]!] = 1;
  };
  for (let i = 0; i < n; i++) if (lo[i] === -Infinity) inSet[i] = 1;
  pick((i) => 1 / G[i * n + i]!);
  pick((i) => a[i]! / G[i * n + i]!);
  for (const c of cons) if (c.type === 'eq' && c.coefficients !== undefined) pick((i) => c.coefficients![i]! / G[i * n + i]!);

  let iterations = 0;
  for (;;) {
    const set: number[] = [];
    for (let i = 0; i < n; i++) if (inSet[i] === 1) set.push(i);
    if (set.length === n) return solveQuadraticProgram(problem);
    const s = set.length;
    const pos = new Int32Array(n).fill(-1);
    set.forEach((v, k) => (pos[v] = k));
    const Gs = new Float64Array(s * s);
    const as = new Float64Array(s);
    for (let p = 0; p < s; p++) {
      const i = set[p]!;
      let shift = 0;
      for (let j = 0; j < n; j++) if (pos[j] === -1 && lo[j] !== 0) shift += G[i * n + j]! * lo[j]!;
      as[p] = a[i]! - shift;
      for (let q = 0; q < s; q++) Gs[p * s + q] = G[i * n + set[q]!]!;
    }
    let fixedSum = 0;
    for (let j = 0; j < n; j++) if (pos[j] === -1) fixedSum += lo[j]!;
    const reduced: LinearConstraint[] = cons.map((c) => {
      let rhs = c.rhs - (c.sumCoefficient ?? 0) * fixedSum;
      let coefficients: Float64Array | undefined;
      if (c.coefficients !== undefined) {
        coefficients = new Float64Array(s);
        for (let j = 0; j < n; j++) {
          if (pos[j] === -1) rhs -= c.coefficients[j]! * lo[j]!;
          else coefficients[pos[j]!] = c.coefficients[j]!;
        }
      }
      let index: number | undefined;
      if (c.index !== undefined) {
        if (pos[c.index] === -1) rhs -= (c.indexCoefficient ?? 1) * lo[c.index]!;
        else index = pos[c.index]!;
      }
      return {
        type: c.type,
        rhs,
        ...(coefficients === undefined ? {} : { coefficients }),
        ...(index === undefined ? {} : { index, indexCoefficient: c.indexCoefficient ?? 1 }),
        ...(c.sumCoefficient === undefined ? {} : { sumCoefficient: c.sumCoefficient }),
        ...(c.label === undefined ? {} : { label: c.label }),
      };
    });
    const sub = solveQuadraticProgram({
      G: Gs,
      a: as,
      constraints: reduced,
      lower: set.map((i) => lo[i]!),
      ...(problem.upper === undefined ? {} : { upper: set.map((i) => problem.upper![i] ?? Infinity) }),
    });
    iterations += sub.iterations;
    const x = Float64Array.from(lo);
    for (let p = 0; p < s; p++) x[set[p]!] = sub.x[p]!;
    // Reduced gradient of the fixed variables: (Gx − a)_i − Σ_k v_k·n_k(i).
    const violators: [number, number][] = [];
    const others: [number, number][] = [];
    let gscale = 0;
    const grad = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let g = -a[i]!;
      for (let j = 0; j < n; j++) g += G[i * n + j]! * x[j]!;
      grad[i] = g;
      gscale = Math.max(gscale, Math.abs(g));
    }
    for (let i = 0; i < n; i++) {
      if (pos[i] !== -1) continue;
      let r = grad[i]!;
      cons.forEach((c, k) => {
        const sign = c.type === 'le' ? -1 : 1;
        let coef = c.sumCoefficient ?? 0;
        if (c.coefficients !== undefined) coef += c.coefficients[i]!;
        if (c.index === i) coef += c.indexCoefficient ?? 1;
        r -= sub.multipliers[k]! * sign * coef;
      });
      if (r < -1e-11 * Math.max(1, gscale)) violators.push([i, r]);
      else others.push([i, r]);
    }
    if (violators.length === 0) {
      const lowerMultipliers = new Float64Array(n);
      const upperMultipliers = new Float64Array(n);
      for (let p = 0; p < s; p++) {
        lowerMultipliers[set[p]!] = sub.lowerMultipliers[p]!;
        upperMultipliers[set[p]!] = sub.upperMultipliers[p]!;
      }
      let objective = 0;
      for (let i = 0; i < n; i++) objective += x[i]! * (0.5 * (grad[i]! + a[i]!) - a[i]!);
      return { x, objective, multipliers: sub.multipliers, lowerMultipliers, upperMultipliers, iterations };
    }
    violators.sort((p, q) => p[1] - q[1]);
    // A dense optimum: one solve of the whole problem is cheaper than growing the set again.
    if (s + violators.length > 0.6 * n) return solveQuadraticProgram(problem);
    for (const [i] of violators) inSet[i] = 1;
    // Also take the fixed variables closest to violating: they tend to violate in the next round,
    // and each extra round costs a full solve.
    others.sort((p, q) => p[1] - q[1]);
    const margin = Math.min(others.length, Math.max(10, Math.ceil(violators.length * 0.25)));
    for (let m = 0; m < margin; m++) inSet[others[m]![0]] = 1;
  }
}
