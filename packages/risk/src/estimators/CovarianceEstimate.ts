/** The result of every covariance estimator. */

/** An annualised covariance matrix with the facts behind it. */
export interface CovarianceEstimate {
  readonly symbols: readonly string[];
  /** n × n, row-major, annualised, symmetric positive semidefinite. */
  readonly matrix: Float64Array;
  /** The shrinkage intensity δ ∈ [0, 1] for shrinkage estimators. */
  readonly shrinkage?: number;
  /** Warnings (e.g. the matrix was not PSD and was repaired); empty when none. */
  readonly warnings: readonly string[];
}

/** Options shared by the covariance estimators. */
export interface CovarianceOptions {
  /** Periods per year; default 252. */
  readonly frequency?: number;
  /** Repair a non-PSD result: `'spectral'` (default, clip eigenvalues at 0) or `'diag'`. */
  readonly fixMethod?: 'spectral' | 'diag';
}
