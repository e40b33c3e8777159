import type { BarColumns, BarInput } from './types.js';

/**
 * Named errors of the features package (it depends on no other workspace package, so it has its
 * own small error base).
 */

/** Invalid arguments to a feature (a bug in the caller), quoting the offending value. */
export class FeatureArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeatureArgumentError';
  }
}

/**
 * A feature's output at some time changed when later data was added or removed: it looks ahead.
 * Thrown by `assertCausal`.
 */
export class CausalityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CausalityError';
  }
}

/** Throws unless `period` is a whole number >= `min`. */
export function checkPeriod(name: string, period: number, min = 1): void {
  if (!Number.isInteger(period) || period < min) {
    throw new FeatureArgumentError(`${name}: period must be a whole number >= ${min}, got "${period}"`);
  }
}

/** Throws unless every column has the same length; returns it. */
export function sameLength(name: string, ...columns: ArrayLike<number>[]): number {
  const n = columns[0]?.length ?? 0;
  for (const c of columns) {
    if (c.length !== n) throw new FeatureArgumentError(`${name}: input columns differ in length ("${n}" and "${c.length}")`);
  }
  return n;
}

/** The column, or a clear error when the feature needs it and it is missing. */
export function column(name: string, columns: BarColumns, key: keyof BarColumns): ArrayLike<number> {
  const c = columns[key];
  if (c === undefined) throw new FeatureArgumentError(`${name}: needs a "${key}" column`);
  return c;
}

/** A bar with the three prices range-based features read. */
export type HlcBar = BarInput & { readonly high: number; readonly low: number; readonly close: number };

/**
 * Throws unless the bar has `high`, `low` and `close` (the streaming faces of bar features).
 *
 * @throws {FeatureArgumentError} naming the feature and quoting the bar.
 */
export function assertHlc(name: string, bar: BarInput): asserts bar is HlcBar {
  if (bar.high === undefined || bar.low === undefined || bar.close === undefined) {
    throw new FeatureArgumentError(`${name}: a bar needs "high", "low" and "close", got "${JSON.stringify(bar)}"`);
  }
}
