/**
 * Small dense linear-algebra kernels on row-major `Float64Array`s (n × n unless stated). They
 * exist because the optimisers call them in inner loops where ml-matrix's nested arrays would
 * allocate; ml-matrix is used for the eigen-decomposition.
 */
import { RiskInputError } from '../RiskError.js';

/**
 * Cholesky factor L (lower, row-major) of a symmetric positive-definite matrix, or `null` when a
 * pivot is not positive. `a` is not modified.
 */
export function cholesky(a: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let d = a[rj + j]!;
    for (let k = 0; k < j; k++) d -= l[rj + k]! * l[rj + k]!;
    if (!(d > 0)) return null;
    const ljj = Math.sqrt(d);
    l[rj + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let s = a[ri + j]!;
      for (let k = 0; k < j; k++) s -= l[ri + k]! * l[rj + k]!;
      l[ri + j] = s / ljj;
    }
  }
  return l;
}

/** Solves `L Lᵀ x = b` given the Cholesky factor from {@link cholesky}. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    const ri = i * n;
    for (let k = 0; k < i; k++) s -= l[ri + k]! * y[k]!;
    y[i] = s / l[ri + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}

/**
 * Solves the square system `A x = b` by LU with partial pivoting (numpy.linalg.solve's method).
 * @throws RiskInputError when A is singular.
 */
export function luSolve(a: Float64Array, n: number, b: Float64Array): Float64Array {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(m[k * n + k]!);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(m[i * n + k]!);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (best === 0) throw new RiskInputError(`singular ${n}×${n} matrix (column ${k} has no pivot)`);
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = m[k * n + j]!;
        m[k * n + j] = m[p * n + j]!;
        m[p * n + j] = t;
      }
      const t = x[k]!;
      x[k] = x[p]!;
      x[p] = t;
    }
    const pivot = m[k * n + k]!;
    for (let i = k + 1; i < n; i++) {
      const f = m[i * n + k]! / pivot;
      if (f === 0) continue;
      m[i * n + k] = f;
      for (let j = k + 1; j < n; j++) m[i * n + j]! -= f * m[k * n + j]!;
      x[i]! -= f * x[k]!;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let j = i + 1; j < n; j++) s -= m[i * n + j]! * x[j]!;
    x[i] = s / m[i * n + i]!;
  }
  return x;
}

/** `y = A x` for a row-major n × n matrix. */
export function matVec(a: Float64Array, n: number, x: ArrayLike<number>, out = new Float64Array(n)): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = 0;
    const ri = i * n;
    for (let j = 0; j < n; j++) s += a[ri + j]! * x[j]!;
    out[i] = s;
  }
  return out;
}

/** `xᵀ A x`. */
export function quadForm(a: Float64Array, n: number, x: ArrayLike<number>): number {
  let q = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    const ri = i * n;
    for (let j = 0; j < n; j++) s += a[ri + j]! * x[j]!;
    q += x[i]! * s;
  }
  return q;
}

/** Dot product. */
export function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * y[i]!;
  return s;
}

/** Checks that `m` is a finite, symmetric n × n matrix and returns n. */
export function assertSquare(m: Float64Array, what: string): number {
  const n = Math.round(Math.sqrt(m.length));
  if (n * n !== m.length) throw new RiskInputError(`${what}: length ${m.length} is not a square n × n matrix`);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const a = m[i * n + j]!;
      const b = m[j * n + i]!;
      if (!Number.isFinite(a)) throw new RiskInputError(`${what}: entry [${i}][${j}] is ${a}`);
      if (Math.abs(a - b) > 1e-10 * Math.max(1, Math.abs(a), Math.abs(b))) {
        throw new RiskInputError(`${what}: not symmetric at [${i}][${j}] (${a} vs ${b})`);
      }
    }
  }
  return n;
}
