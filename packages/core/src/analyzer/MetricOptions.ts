/**
 * Shared options and argument checks of the analyzer's performance metrics.
 *
 * Every metric takes SIMPLE periodic returns (`0.01` = +1 % over one period) and, when it
 * annualises or compares with a hurdle, a {@link MetricOptions} object. `periodsPerYear` is
 * required wherever annualisation happens: there is no hidden default of 252.
 */

import { InvariantError } from '../errors.js';

/**
 * A series of simple periodic returns, oldest first. `NaN` marks a missing observation (each
 * metric documents how it treats it, mirroring empyrical).
 */
export type ReturnSeries = Float64Array | readonly number[];

/**
 * Options of the metrics that annualise or compare returns with a hurdle.
 *
 * @example
 * const daily: MetricOptions = { periodsPerYear: 252, riskFree: 0.0001 };
 */
export interface MetricOptions {
  /**
   * Number of return periods in a year (252 for US trading days, 52 weekly, 12 monthly, 1
   * yearly). Required, finite and > 0: volatilities scale by √periodsPerYear and CAGR compounds
   * over n / periodsPerYear years (empyrical's `annualization` / `period`).
   */
  readonly periodsPerYear: number;
  /** Risk-free rate PER PERIOD (not annualised), subtracted from every return. Default 0. */
  readonly riskFree?: number;
  /**
   * Minimum acceptable return PER PERIOD (not annualised): the hurdle of Sortino, downside risk and
   * the Omega threshold. Default 0.
   */
  readonly requiredReturn?: number;
}

/**
 * Options of the rolling metrics: {@link MetricOptions} plus the window length in periods.
 *
 * @example
 * const sixMonths: RollingOptions = { periodsPerYear: 252, window: 126 };
 */
export interface RollingOptions extends MetricOptions {
  /** Window length in periods; a whole number >= 1. */
  readonly window: number;
}

/**
 * Reads and checks `options.periodsPerYear`.
 *
 * @returns the number of periods per year, finite and > 0.
 * @throws InvariantError if options or periodsPerYear is missing, not finite or not > 0.
 * @example
 * periodsPerYearOf({ periodsPerYear: 252 }); // 252
 */
export function periodsPerYearOf(options: { readonly periodsPerYear?: number } | undefined): number {
  const p: unknown = options?.periodsPerYear;
  if (typeof p !== 'number' || !Number.isFinite(p) || !(p > 0)) {
    throw new InvariantError(
      `periodsPerYear is required and must be a finite number > 0, got "${String(p)}"`,
    );
  }
  return p;
}

/**
 * Reads and checks `options.riskFree` (per period).
 *
 * @returns the per-period risk-free rate, 0 when absent.
 * @throws InvariantError if it is given but not a finite number.
 */
export function riskFreeOf(options: Pick<MetricOptions, 'riskFree'> | undefined): number {
  return finiteOrZero(options?.riskFree, 'riskFree');
}

/**
 * Reads and checks `options.requiredReturn` (per period).
 *
 * @returns the per-period required return, 0 when absent.
 * @throws InvariantError if it is given but not a finite number.
 */
export function requiredReturnOf(options: Pick<MetricOptions, 'requiredReturn'> | undefined): number {
  return finiteOrZero(options?.requiredReturn, 'requiredReturn');
}

/**
 * Reads and checks `options.window` of a rolling metric.
 *
 * @returns the window length, a whole number >= 1.
 * @throws InvariantError if it is missing, not a whole number or < 1.
 */
export function windowOf(options: { readonly window?: number } | undefined): number {
  const w: unknown = options?.window;
  if (typeof w !== 'number' || !Number.isSafeInteger(w) || w < 1) {
    throw new InvariantError(`window must be a whole number of periods >= 1, got "${String(w)}"`);
  }
  return w;
}

function finiteOrZero(value: unknown, name: string): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvariantError(`${name} must be a finite number (per period), got "${String(value)}"`);
  }
  return value;
}
