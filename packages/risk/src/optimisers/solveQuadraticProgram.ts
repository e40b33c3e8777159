/**
 * A dense Goldfarb–Idnani dual active-set solver for strictly convex QPs, on typed arrays.
 *
 * Goldfarb & Idnani (1983), "A numerically stable dual method for solving strictly convex
 * quadratic programs", Math. Programming 27. It starts at the unconstrained minimum and adds the
 * most violated constraint, keeping primal feasibility of the active set and dual feasibility
 * throughout; it stops after finitely many steps with the exact optimum (no step-size tolerance).
 * The factorisation Jᵀ N_A = [R; 0] with J = L⁻ᵀ Q (G = LLᵀ) is updated by Givens rotations;
 * J is stored column-major so every rotation touches two contiguous columns.
 * Written for this package because the JS quadprog port (same algorithm, Fortran-style 1-based
 * arrays) takes 0.2–1.6 s at 100–250 assets; it is the cross-check in the tests.
 */
import { InfeasibleProblemError, RiskInputError } from '../RiskError.js';
import { cholesky } from '../internal/linalg.js';
import type { LinearConstraint, QuadraticProgram, QuadraticSolution } from './QuadraticProgram.js';

interface Row {
  readonly dense: Float64Array | null;
  readonly idx: number;
  readonly alpha: number;
  readonly beta: number;
  readonly b: number;
  readonly eq: boolean;
  /** −1 once an equality has been flipped so that its slack is negative. */
  sign: number;
  /** Where the multiplier goes: constraint k, lower bound −(i+1), upper bound −(n+i+1). */
  readonly owner: number;
  readonly label?: string;
}

function toRows(n: number, problem: QuadraticProgram): Row[] {
  const rows: Row[] = [];
  const cons = problem.constraints ?? [];
  cons.forEach((c, k) => {
    let dense: Float64Array | null = null;
    if (c.coefficients !== undefined) {
      if (c.coefficients.length !== n) {
        throw new RiskInputError(`constraint ${c.label ?? k}: ${c.coefficients.length} coefficients for ${n} variables`);
      }
      dense = Float64Array.from(c.coefficients);
    }
    const idx = c.index ?? -1;
    if (idx >= n || (c.index !== undefined && idx < 0)) throw new RiskInputError(`constraint ${c.label ?? k}: index ${idx} out of range 0..${n - 1}`);
    const s = c.type === 'le' ? -1 : 1;
    const alpha = idx >= 0 ? s * (c.indexCoefficient ?? 1) : 0;
    const beta = s * (c.sumCoefficient ?? 0);
    if (dense !== null && s < 0) for (let i = 0; i < n; i++) dense[i] = -dense[i]!;
    if (!Number.isFinite(c.rhs)) throw new RiskInputError(`constraint ${c.label ?? k}: rhs is ${c.rhs}`);
    rows.push({ dense, idx, alpha, beta, b: s * c.rhs, eq: c.type === 'eq', sign: 1, owner: k, ...(c.label === undefined ? {} : { label: c.label }) });
  });
  for (let i = 0; i < n; i++) {
    const lo = problem.lower?.[i] ?? -Infinity;
    const hi = problem.upper?.[i] ?? Infinity;
    if (Number.isNaN(lo) || Number.isNaN(hi) || lo > hi) throw new InfeasibleProblemError(`bounds of variable ${i}: [${lo}, ${hi}]`);
    if (lo > -Infinity) rows.push({ dense: null, idx: i, alpha: 1, beta: 0, b: lo, eq: false, sign: 1, owner: -(i + 1) });
    if (hi < Infinity) rows.push({ dense: null, idx: i, alpha: -1, beta: 0, b: -hi, eq: false, sign: 1, owner: -(n + i + 1) });
  }
  return rows;
}

/**
 * Solves `min ½xᵀGx − aᵀx` subject to linear equalities, inequalities and bounds.
 *
 * @throws RiskInputError when G is not positive definite or shapes disagree
 * @throws InfeasibleProblemError when the constraints admit no point
 * @example
 * // min x² + y² s.t. x + y = 1 → (0.5, 0.5)
 * const { x } = solveQuadraticProgram({ G: Float64Array.of(2, 0, 0, 2), a: new Float64Array(2),
 *   constraints: [{ sumCoefficient: 1, type: 'eq', rhs: 1 }] });
 */
export function solveQuadraticProgram(problem: QuadraticProgram): QuadraticSolution {
  const n = problem.a.length;
  if (problem.G.length !== n * n) throw new RiskInputError(`G has ${problem.G.length} entries, expected ${n}×${n}`);
  const rows = toRows(n, problem);
  const m = rows.length;
  const l = cholesky(problem.G, n);
  if (l === null) throw new RiskInputError('G is not positive definite (Cholesky failed)');

  // J = L⁻ᵀ (upper triangular), column-major: J(i, j) = J[j·n + i] = (L⁻¹)(j, i).
  const J = new Float64Array(n * n);
  {
    // Solve L Y = I column by column; Y = L⁻¹ (lower). Then J(i, j) = Y(j, i).
    const y = new Float64Array(n);
    for (let c = 0; c < n; c++) {
      y.fill(0);
      for (let i = c; i < n; i++) {
        let s = i === c ? 1 : 0;
        const ri = i * n;
        for (let k = c; k < i; k++) s -= l[ri + k]! * y[k]!;
        y[i] = s / l[ri + i]!;
      }
      // Y(:, c) = y → J(c, i) = y[i] → column i of J gets row c.
      for (let i = c; i < n; i++) J[i * n + c] = y[i]!;
    }
  }
  const jt1 = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += J[j * n + i]!;
    jt1[j] = s;
  }
  // x = G⁻¹a = J Jᵀ a
  const x = new Float64Array(n);
  {
    const t = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      let s = 0;
      const o = j * n;
      for (let i = 0; i <= j; i++) s += J[o + i]! * problem.a[i]!;
      t[j] = s;
    }
    for (let j = 0; j < n; j++) {
      const o = j * n;
      const tj = t[j]!;
      for (let i = 0; i <= j; i++) x[i]! += J[o + i]! * tj;
    }
  }

  const R = new Float64Array(n * n); // column-major, R(i, j) = R[j·n + i]
  const active = new Int32Array(n);
  const u = new Float64Array(n + 1);
  const isActive = new Uint8Array(m);
  const d = new Float64Array(n);
  const z = new Float64Array(n);
  const r = new Float64Array(n);
  let q = 0;
  let iterations = 0;
  let sumX = 0;
  for (let i = 0; i < n; i++) sumX += x[i]!;

  const slack = (k: number): number => {
    const c = rows[k]!;
    let s = c.beta * sumX - c.b;
    if (c.idx >= 0) s += c.alpha * x[c.idx]!;
    if (c.dense !== null) {
      const v = c.dense;
      for (let i = 0; i < n; i++) s += v[i]! * x[i]!;
    }
    return c.sign * s;
  };
  const computeD = (k: number): void => {
    const c = rows[k]!;
    const sg = c.sign;
    for (let j = 0; j < n; j++) {
      let s = c.beta * jt1[j]!;
      if (c.idx >= 0) s += c.alpha * J[j * n + c.idx]!;
      if (c.dense !== null) {
        const o = j * n;
        const v = c.dense;
        for (let i = 0; i < n; i++) s += J[o + i]! * v[i]!;
      }
      d[j] = sg * s;
    }
  };
  const rotateColumns = (a: number, b: number, cs: number, sn: number): void => {
    const oa = a * n;
    const ob = b * n;
    for (let i = 0; i < n; i++) {
      const ja = J[oa + i]!;
      const jb = J[ob + i]!;
      J[oa + i] = cs * ja + sn * jb;
      J[ob + i] = -sn * ja + cs * jb;
    }
    const ta = jt1[a]!;
    const tb = jt1[b]!;
    jt1[a] = cs * ta + sn * tb;
    jt1[b] = -sn * ta + cs * tb;
  };
  const w = new Float64Array(n);
  const addConstraint = (p: number, up: number): void => {
    // One Householder reflection H on columns q..n−1 of J maps d₂ to (h, 0, …, 0):
    // J₂ ← J₂H, H = I − βvvᵀ, v = d₂ − h·e₁ (half the flops of n − q − 1 Givens rotations).
    let norm2 = 0;
    for (let j = q + 1; j < n; j++) norm2 += d[j]! * d[j]!;
    if (norm2 > 0) {
      const d0 = d[q]!;
      const h = -(d0 >= 0 ? 1 : -1) * Math.sqrt(norm2 + d0 * d0);
      const v0 = d0 - h;
      const vnorm2 = norm2 + v0 * v0;
      const beta = 2 / vnorm2;
      d[q] = v0; // v in d[q..n), restored below
      // w = J₂v = z − h·J(:, q), where z = J₂d₂ was computed for this same J and d (one pass saved).
      const oq = q * n;
      for (let i = 0; i < n; i++) w[i] = z[i]! - h * J[oq + i]!;
      let t1 = 0;
      for (let j = q; j < n; j++) t1 += jt1[j]! * d[j]!;
      let j = q;
      for (; j + 1 < n; j += 2) {
        const f0 = beta * d[j]!;
        const f1 = beta * d[j + 1]!;
        const o0 = j * n;
        const o1 = o0 + n;
        for (let i = 0; i < n; i++) {
          const wi = w[i]!;
          J[o0 + i]! -= wi * f0;
          J[o1 + i]! -= wi * f1;
        }
        jt1[j]! -= t1 * f0;
        jt1[j + 1]! -= t1 * f1;
      }
      for (; j < n; j++) {
        const f = beta * d[j]!;
        const o = j * n;
        for (let i = 0; i < n; i++) J[o + i]! -= w[i]! * f;
        jt1[j]! -= t1 * f;
      }
      d[q] = h;
      for (let j = q + 1; j < n; j++) d[j] = 0;
    }
    const oc = q * n;
    for (let i = 0; i <= q; i++) R[oc + i] = d[i]!;
    active[q] = p;
    u[q] = up;
    isActive[p] = 1;
    q++;
  };
  const dropConstraint = (pos: number): void => {
    isActive[active[pos]!] = 0;
    for (let c = pos; c < q - 1; c++) {
      const src = (c + 1) * n;
      const dst = c * n;
      for (let i = 0; i <= c + 1; i++) R[dst + i] = R[src + i]!;
      active[c] = active[c + 1]!;
      u[c] = u[c + 1]!;
    }
    q--;
    for (let k = pos; k < q; k++) {
      const rkk = R[k * n + k]!;
      const rk1 = R[k * n + k + 1]!;
      if (rk1 === 0) continue;
      const h = Math.sqrt(rkk * rkk + rk1 * rk1);
      const cs = rkk / h;
      const sn = rk1 / h;
      for (let c = k; c < q; c++) {
        const a = R[c * n + k]!;
        const b = R[c * n + k + 1]!;
        R[c * n + k] = cs * a + sn * b;
        R[c * n + k + 1] = -sn * a + cs * b;
      }
      rotateColumns(k, k + 1, cs, sn);
    }
    // The former last row of the removed block is now zero below the diagonal.
    for (let c = 0; c < q; c++) R[c * n + q] = 0;
  };

  const maxIterations = 50 * (n + m) + 100;
  for (;;) {
    // Step 1: pick the constraint to add — equalities first, then the most violated inequality.
    let p = -1;
    let worst = 0;
    for (let k = 0; k < m; k++) {
      if (isActive[k] === 1) continue;
      const c = rows[k]!;
      const s = slack(k);
      const tol = 1e-12 * (1 + Math.abs(c.b));
      if (c.eq) {
        if (p < 0 || !rows[p]!.eq) {
          p = k;
          worst = s;
        }
        if (Math.abs(s) <= tol) continue;
      } else if (s < -tol && (p < 0 || (!rows[p]!.eq && s < worst))) {
        p = k;
        worst = s;
      }
    }
    if (p < 0) break;
    const cp = rows[p]!;
    if (cp.eq && slack(p) > 0) cp.sign = -cp.sign;
    let up = 0;
    // Step 2: move towards satisfying p, dropping blocking constraints.
    for (;;) {
      if (++iterations > maxIterations) {
        throw new InfeasibleProblemError(`QP did not converge in ${maxIterations} active-set changes (n=${n}, m=${m})`);
      }
      const sp = slack(p);
      computeD(p);
      z.fill(0);
      let d2 = 0;
      let dAll = 0;
      for (let j = 0; j < n; j++) dAll += d[j]! * d[j]!;
      for (let j = q; j < n; j++) d2 += d[j]! * d[j]!;
      // z = J₂d₂, four columns per pass over z (this loop and the Householder update are the
      // memory-bound part of every iteration).
      let j = q;
      for (; j + 3 < n; j += 4) {
        const d0 = d[j]!;
        const d1 = d[j + 1]!;
        const d2j = d[j + 2]!;
        const d3 = d[j + 3]!;
        const o0 = j * n;
        const o1 = o0 + n;
        const o2 = o1 + n;
        const o3 = o2 + n;
        for (let i = 0; i < n; i++) z[i]! += J[o0 + i]! * d0 + J[o1 + i]! * d1 + J[o2 + i]! * d2j + J[o3 + i]! * d3;
      }
      for (; j < n; j++) {
        const dj = d[j]!;
        if (dj === 0) continue;
        const o = j * n;
        for (let i = 0; i < n; i++) z[i]! += J[o + i]! * dj;
      }
      for (let i = q - 1; i >= 0; i--) {
        let s = d[i]!;
        for (let k = i + 1; k < q; k++) s -= R[k * n + i]! * r[k]!;
        r[i] = s / R[i * n + i]!;
      }
      let t1 = Infinity;
      let drop = -1;
      for (let k = 0; k < q; k++) {
        if (rows[active[k]!]!.eq) continue;
        const rk = r[k]!;
        if (rk > 0) {
          const ratio = u[k]! / rk;
          if (ratio < t1) {
            t1 = ratio;
            drop = k;
          }
        }
      }
      const dependent = d2 <= 1e-26 * dAll;
      const t2 = dependent ? Infinity : -sp / d2;
      const t = Math.min(t1, t2);
      if (t === Infinity) {
        throw new InfeasibleProblemError(
          `constraints are infeasible: ${cp.label ?? describe(p, rows, n)} cannot be satisfied together with the active ones`,
        );
      }
      if (dependent) {
        for (let k = 0; k < q; k++) u[k]! -= t * r[k]!;
        up += t;
        dropConstraint(drop);
        continue;
      }
      for (let i = 0; i < n; i++) x[i]! += t * z[i]!;
      sumX = 0;
      for (let i = 0; i < n; i++) sumX += x[i]!;
      for (let k = 0; k < q; k++) u[k]! -= t * r[k]!;
      up += t;
      if (t === t2) {
        // J and d are unchanged since z was formed, so addConstraint can reuse z.
        addConstraint(p, up);
        break;
      }
      dropConstraint(drop);
    }
  }

  const cons = problem.constraints ?? [];
  const multipliers = new Float64Array(cons.length);
  const lowerMultipliers = new Float64Array(n);
  const upperMultipliers = new Float64Array(n);
  for (let k = 0; k < q; k++) {
    const row = rows[active[k]!]!;
    const v = u[k]! * row.sign;
    if (row.owner >= 0) multipliers[row.owner] = cons[row.owner]!.type === 'le' ? v : v;
    else if (row.owner >= -n) lowerMultipliers[-row.owner - 1] = v;
    else upperMultipliers[-row.owner - n - 1] = v;
  }
  let objective = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += problem.G[i * n + j]! * x[j]!;
    objective += x[i]! * (0.5 * s - problem.a[i]!);
  }
  return { x, objective, multipliers, lowerMultipliers, upperMultipliers, iterations };
}

function describe(k: number, rows: readonly Row[], n: number): string {
  const o = rows[k]!.owner;
  if (o >= 0) return `constraint ${o}`;
  if (o >= -n) return `lower bound of variable ${-o - 1}`;
  return `upper bound of variable ${-o - n - 1}`;
}

export type { LinearConstraint };
