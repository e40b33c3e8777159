/**
 * The problem a {@link solveQuadraticProgram} call solves and what it returns.
 *
 *   minimise ½ xᵀ G x − aᵀ x   subject to   nₖᵀ x (= | ≥ | ≤) bₖ,   lower ≤ x ≤ upper.
 */

/**
 * One linear constraint `nᵀx (type) rhs` whose normal is
 * `coefficients + indexCoefficient·e_index + sumCoefficient·1` — the last two forms let bounds and
 * "xᵢ ≤ h·Σx" constraints cost O(1) instead of O(n) per evaluation.
 */
export interface LinearConstraint {
  /** Dense coefficients (length n), if any. */
  readonly coefficients?: ArrayLike<number>;
  /** The single variable `index` with coefficient `indexCoefficient` (default 1). */
  readonly index?: number;
  readonly indexCoefficient?: number;
  /** Coefficient applied to every variable (Σx). */
  readonly sumCoefficient?: number;
  readonly type: 'eq' | 'ge' | 'le';
  readonly rhs: number;
  /** Name for error messages and reports (e.g. "sector Tech ≤ 0.2"). */
  readonly label?: string;
}

/** A strictly convex quadratic programme. */
export interface QuadraticProgram {
  /** n × n, symmetric positive definite, row-major. */
  readonly G: Float64Array;
  /** Length n (the objective is ½xᵀGx − aᵀx). */
  readonly a: Float64Array;
  readonly constraints?: readonly LinearConstraint[];
  /** Per-variable lower bounds (−Infinity = none). */
  readonly lower?: ArrayLike<number>;
  /** Per-variable upper bounds (Infinity = none). */
  readonly upper?: ArrayLike<number>;
}

/** The optimum. */
export interface QuadraticSolution {
  readonly x: Float64Array;
  /** ½xᵀGx − aᵀx at x. */
  readonly objective: number;
  /** Lagrange multipliers of `constraints` (≥ 0 for inequalities in their own sense). */
  readonly multipliers: Float64Array;
  /** Multipliers of the lower and upper bounds (0 when inactive). */
  readonly lowerMultipliers: Float64Array;
  readonly upperMultipliers: Float64Array;
  /** Constraints added or dropped before the optimum (a measure of work). */
  readonly iterations: number;
}
