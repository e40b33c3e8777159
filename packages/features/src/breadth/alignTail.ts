/**
 * Adapters from `technicalindicators`' output shape to ours. The library returns arrays SHORTER
 * than the input: it drops the warm-up and the last value belongs to the last input. These
 * right-align such output to the input index and pad the front with NaN.
 */
import { FeatureArgumentError } from '../core/errors.js';

/**
 * Right-aligns a tail-only output to `length` inputs: `out[length − m + j] = output[j]` for the
 * `m` values of `output`, NaN before them. A `null`/`undefined` entry (some library objects leave
 * fields unset) becomes NaN.
 *
 * @param output - values ending at the last input (at most `length` of them)
 * @param length - number of inputs
 * @returns a Float64Array of `length` values
 * @throws {FeatureArgumentError} when `output` is longer than `length` or `length` is not a whole
 *   number >= 0
 * @example alignTail([7, 8], 4) // Float64Array [NaN, NaN, 7, 8]
 */
export function alignTail(output: ArrayLike<number>, length: number): Float64Array {
  checkLength('alignTail', output.length, length);
  const out = new Float64Array(length);
  const start = length - output.length;
  out.fill(Number.NaN, 0, start);
  for (let j = 0; j < output.length; j++) out[start + j] = output[j] ?? Number.NaN;
  return out;
}

/**
 * Right-aligns a tail-only array of records (the library's multi-output shape, e.g.
 * `[{ kst, signal }, …]`) to `length` inputs, one Float64Array per key. A record or field that is
 * missing, `null` or `undefined` becomes NaN.
 *
 * @param rows - records ending at the last input (at most `length` of them)
 * @param keys - the fields to extract
 * @param length - number of inputs
 * @returns `{ [key]: Float64Array(length) }`
 * @throws {FeatureArgumentError} when `rows` is longer than `length`
 * @example alignTailRecords([{ a: 1, b: 2 }], ['a', 'b'], 2) // { a: [NaN, 1], b: [NaN, 2] }
 */
export function alignTailRecords<K extends string>(
  rows: ArrayLike<Readonly<Partial<Record<K, number | null | undefined>>> | null | undefined>,
  keys: readonly K[],
  length: number,
): Record<K, Float64Array> {
  checkLength('alignTailRecords', rows.length, length);
  const start = length - rows.length;
  const out = {} as Record<K, Float64Array>;
  for (const key of keys) {
    const column = new Float64Array(length);
    column.fill(Number.NaN, 0, start);
    for (let j = 0; j < rows.length; j++) column[start + j] = rows[j]?.[key] ?? Number.NaN;
    out[key] = column;
  }
  return out;
}

function checkLength(name: string, got: number, length: number): void {
  if (!Number.isInteger(length) || length < 0) {
    throw new FeatureArgumentError(`${name}: length must be a whole number >= 0, got "${length}"`);
  }
  if (got > length) {
    throw new FeatureArgumentError(`${name}: output has "${got}" values, more than the "${length}" inputs`);
  }
}
