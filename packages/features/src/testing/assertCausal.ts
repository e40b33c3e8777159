/**
 * The causality (prefix-invariance) contract: a feature's output at `t` must be identical whether
 * it is computed on data truncated at `t` or on the full data, and its streaming face must agree
 * with its batch face at every index without ever changing a value it already returned.
 */
import { CausalityError } from '../core/errors.js';
import type { BarColumns, FeatureDefinition, FeatureOutput } from '../core/types.js';

/** Options of {@link assertCausal}. */
export interface CausalityOptions {
  /** How many truncation points to check (spread over the data, always including the ends). Default 40. */
  readonly samples?: number;
  /** Largest allowed |streaming − batch| difference (default 0: bit-identical). */
  readonly tolerance?: number;
}

const KEYS = ['open', 'high', 'low', 'close', 'volume'] as const;

function truncate(columns: BarColumns, length: number): BarColumns {
  const out: Record<string, ArrayLike<number>> = {};
  for (const k of KEYS) {
    const c = columns[k];
    if (c !== undefined) out[k] = Array.prototype.slice.call(c, 0, length) as number[];
  }
  return out as BarColumns;
}

function outputs(o: FeatureOutput): [string, Float64Array][] {
  return o instanceof Float64Array ? [['value', o]] : Object.entries(o);
}

function lengthOf(columns: BarColumns): number {
  for (const k of KEYS) if (columns[k] !== undefined) return columns[k]!.length;
  return 0;
}

const same = (a: number, b: number, tolerance: number): boolean =>
  Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= tolerance;

/**
 * Checks the contract and throws a {@link CausalityError} naming the feature, the index and the
 * two values on the first violation.
 *
 * @example
 * assertCausal(smaFeature(20), { close });
 * @throws {CausalityError} when an output depends on later data, or streaming and batch disagree,
 *   or a streaming value already returned changes later.
 */
export function assertCausal(feature: FeatureDefinition, columns: BarColumns, options: CausalityOptions = {}): void {
  const n = lengthOf(columns);
  const full = outputs(feature.batch(columns));
  for (const [key, values] of full) {
    if (values.length !== n) {
      throw new CausalityError(`${feature.name}: output "${key}" has ${values.length} values for ${n} inputs (must be aligned)`);
    }
  }
  const samples = Math.max(2, options.samples ?? 40);
  const points = new Set<number>();
  for (let k = 0; k < samples; k++) points.add(Math.min(n - 1, Math.round((k * (n - 1)) / (samples - 1))));
  for (const t of points) {
    if (t < 0) continue;
    const prefix = outputs(feature.batch(truncate(columns, t + 1)));
    for (const [key, values] of full) {
      const truncated = prefix.find(([k]) => k === key)![1];
      for (let i = 0; i <= t; i++) {
        if (!same(truncated[i]!, values[i]!, 0)) {
          throw new CausalityError(
            `${feature.name}: output "${key}" at index ${i} is "${values[i]}" on the full data but "${truncated[i]}" on data truncated at index ${t}: it depends on later data`,
          );
        }
      }
    }
  }
  if (feature.stream === undefined) return;
  const tolerance = options.tolerance ?? 0;
  const stream = feature.stream() as { add(input: unknown): unknown; readonly isReady: boolean };
  const single = feature.inputs.length === 1 ? feature.inputs[0]! : null;
  const returned: unknown[] = [];
  const snapshots: unknown[] = [];
  for (let i = 0; i < n; i++) {
    let input: unknown;
    if (single !== null) {
      input = columns[single]![i];
    } else {
      const bar: Record<string, number> = {};
      for (const k of feature.inputs) bar[k] = columns[k]![i]!;
      input = bar;
    }
    const value = stream.add(input);
    returned.push(value);
    snapshots.push(typeof value === 'object' && value !== null ? { ...value } : value);
    for (const [key, values] of full) {
      const got = typeof value === 'number' ? value : (value as Record<string, number>)[key]!;
      if (!same(got, values[i]!, tolerance)) {
        throw new CausalityError(`${feature.name}: streaming "${key}" after input ${i} is "${got}", batch has "${values[i]}"`);
      }
    }
  }
  for (let i = 0; i < n; i++) {
    const v = returned[i];
    if (typeof v === 'object' && v !== null && JSON.stringify(v) !== JSON.stringify(snapshots[i])) {
      throw new CausalityError(`${feature.name}: the streaming value returned after input ${i} was changed by later inputs`);
    }
  }
}
