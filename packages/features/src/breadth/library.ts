/**
 * Shared plumbing of the `technicalindicators` wrappers (internal to the breadth folder): plain
 * array inputs, the NaN policy, and placement of the library's tail-only output with a check that
 * it has exactly the expected number of values (a silent shift would be a look-ahead-like bug).
 */
import { FeatureArgumentError } from '../core/errors.js';

/** The library's inputs: plain arrays, cut at the first NaN. */
export interface CleanPrefix {
  /** One plain array per input column, each `length` long. */
  readonly arrays: number[][];
  /** Index of the first NaN in any column (the input length when there is none). */
  readonly length: number;
}

/**
 * The inputs up to (excluding) the first NaN in any column, as plain arrays. The library has no
 * NaN handling (a NaN poisons its running sums, or is silently dropped), so the wrappers compute
 * on the clean prefix and report NaN from the first NaN onwards: causal, and never wrong.
 */
export function cleanPrefix(columns: readonly ArrayLike<number>[]): CleanPrefix {
  const n = columns[0]?.length ?? 0;
  let length = n;
  for (const c of columns) {
    for (let i = 0; i < length; i++) {
      const v = c[i]!;
      if (v !== v) {
        length = i;
        break;
      }
    }
  }
  const arrays = columns.map((c) => {
    const a = new Array<number>(length);
    for (let i = 0; i < length; i++) a[i] = c[i]!;
    return a;
  });
  return { arrays, length };
}

/** Throws unless the library returned one value per input from `first` on. */
function checkCount(name: string, got: number, prefix: number, first: number): void {
  const expected = Math.max(0, prefix - first);
  if (got !== expected) {
    // Not the caller's fault: the library skipped or added values, so alignment would be wrong.
    throw new Error(
      `${name}: technicalindicators returned "${got}" values for ${prefix} inputs, expected ${expected} (first at index ${first}); refusing to misalign`,
    );
  }
}

/**
 * Places a tail-only output computed on the first `prefix` inputs: values at
 * `[max(first, …), prefix)`, NaN elsewhere (warm-up and after the first NaN input).
 */
export function placeTail(name: string, output: ArrayLike<number>, prefix: number, length: number, first: number): Float64Array {
  checkCount(name, output.length, prefix, first);
  const out = new Float64Array(length).fill(Number.NaN);
  const start = prefix - output.length;
  for (let j = 0; j < output.length; j++) out[start + j] = output[j] ?? Number.NaN;
  return out;
}

/** {@link placeTail} for an array of records, one Float64Array per key. */
export function placeTailRecords<K extends string>(
  name: string,
  rows: ArrayLike<Readonly<Partial<Record<K, number | null | undefined>>> | null | undefined>,
  keys: readonly K[],
  prefix: number,
  length: number,
  first: number,
): Record<K, Float64Array> {
  checkCount(name, rows.length, prefix, first);
  const start = prefix - rows.length;
  const out = {} as Record<K, Float64Array>;
  for (const key of keys) {
    const column = new Float64Array(length).fill(Number.NaN);
    for (let j = 0; j < rows.length; j++) column[start + j] = rows[j]?.[key] ?? Number.NaN;
    out[key] = column;
  }
  return out;
}

/** Pins the library's output formatting (its global `setConfig('precision')` would round it). */
export const identity = (v: number): number => v;

/** Throws unless `value` is a finite number > 0. */
export function checkPositive(name: string, label: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new FeatureArgumentError(`${name}: ${label} must be a finite number > 0, got "${value}"`);
  }
}
