/**
 * Equal risk contribution (risk parity, Maillard–Roncalli–Teïletche 2010), or any risk budget:
 * long-only weights whose contributions wᵢ(Σw)ᵢ are proportional to the budgets. Solved by
 * cyclical coordinate descent on the strictly convex ½yᵀΣy − Σ bᵢ ln yᵢ (Griveau-Billion,
 * Richard & Roncalli 2013), each coordinate in closed form, then w = y / Σy.
 */
import { InfeasibleProblemError, RiskInputError } from '../RiskError.js';
import { assertSquare } from '../internal/linalg.js';
import { portfolioPerformance, type OptimisedPortfolio } from './PortfolioProblem.js';

/** Risk-parity output: weights plus each asset's share of the variance. */
export interface RiskParityPortfolio extends OptimisedPortfolio {
  /** wᵢ(Σw)ᵢ / wᵀΣw — equals the normalised budgets at the solution. */
  readonly riskContributions: Float64Array;
}

/**
 * @param input.budgets risk budgets (> 0, normalised internally); equal by default
 * @throws InfeasibleProblemError when the descent does not converge (singular Σ)
 * @example
 * const { weights } = riskParity({ symbols, covariance });
 */
export function riskParity(input: {
  readonly symbols: readonly string[];
  readonly covariance: Float64Array;
  readonly budgets?: ArrayLike<number>;
  readonly expectedReturns?: Float64Array;
  readonly riskFreeRate?: number;
}): RiskParityPortfolio {
  const cov = input.covariance;
  const n = assertSquare(cov, 'covariance');
  if (n !== input.symbols.length) throw new RiskInputError(`covariance is ${n}×${n} for ${input.symbols.length} symbols`);
  const b = new Float64Array(n);
  let bs = 0;
  for (let i = 0; i < n; i++) {
    const v = input.budgets?.[i] ?? 1;
    if (!(v > 0)) throw new RiskInputError(`risk budget of ${input.symbols[i]} must be > 0, got ${v}`);
    b[i] = v;
    bs += v;
  }
  for (let i = 0; i < n; i++) {
    b[i]! /= bs;
    if (!(cov[i * n + i]! > 0)) throw new RiskInputError(`variance of ${input.symbols[i]} is ${cov[i * n + i]}`);
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = 1 / Math.sqrt(cov[i * n + i]!);
  const sy = new Float64Array(n); // Σy, kept current
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += cov[i * n + j]! * y[j]!;
    sy[i] = s;
  }
  let converged = false;
  for (let sweep = 0; sweep < 10_000 && !converged; sweep++) {
    let change = 0;
    for (let i = 0; i < n; i++) {
      const sii = cov[i * n + i]!;
      const c = sy[i]! - sii * y[i]!;
      const yi = (-c + Math.sqrt(c * c + 4 * sii * b[i]!)) / (2 * sii);
      const d = yi - y[i]!;
      if (d !== 0) {
        for (let j = 0; j < n; j++) sy[j]! += cov[j * n + i]! * d;
        y[i] = yi;
        change = Math.max(change, Math.abs(d) / yi);
      }
    }
    if (change < 1e-13) converged = true;
  }
  if (!converged) throw new InfeasibleProblemError('risk parity did not converge in 10,000 sweeps');
  let total = 0;
  for (let i = 0; i < n; i++) total += y[i]!;
  const w = Float64Array.from(y, (v) => v / total);
  const rc = new Float64Array(n);
  let variance = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += cov[i * n + j]! * w[j]!;
    rc[i] = w[i]! * s;
    variance += rc[i]!;
  }
  for (let i = 0; i < n; i++) rc[i]! /= variance;
  return {
    symbols: input.symbols,
    weights: w,
    performance: portfolioPerformance(w, cov, input.expectedReturns, input.riskFreeRate ?? 0),
    riskContributions: rc,
  };
}
