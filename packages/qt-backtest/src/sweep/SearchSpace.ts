/**
 * The space a parameter search draws from: numeric ranges (optionally integer or log-scaled) and
 * finite lists of values.
 */

/** One parameter value. */
export type ParamValue = number | boolean | string;

/** Parameter values by name. */
export type ParamSet = Readonly<Record<string, ParamValue>>;

/** A numeric range `[low, high]`. */
export interface RangeDimension {
  readonly low: number;
  readonly high: number;
  /** Whole numbers only (both bounds included). */
  readonly integer?: boolean;
  /** Search on `log(x)` (needs `low > 0`): for scales such as learning rates or cost levels. */
  readonly log?: boolean;
}

/** A finite list of values (tried as categories: no order assumed). */
export interface ChoiceDimension {
  readonly values: readonly ParamValue[];
}

/** A search space: one dimension per parameter, in the order given. */
export type SearchSpace = Readonly<Record<string, RangeDimension | ChoiceDimension>>;

/** A finished trial as a search sees it: its parameters and score (higher is better; NaN = failed). */
export interface Observation {
  readonly params: ParamSet;
  readonly score: number;
}

/**
 * A parameter search: proposes parameter sets given every finished trial so far.
 * Implementations: {@link GridSearch}, {@link RandomSearch}, {@link TpeSearch}.
 */
export interface ParameterSearch {
  readonly name: string;
  /**
   * Up to `count` new parameter sets to try next; an empty array when the search has nothing
   * left (a finished grid). `history` holds every finished trial, in completion order.
   */
  propose(count: number, history: readonly Observation[]): ParamSet[];
}

/** Whether a dimension is a list of values. */
export function isChoice(d: RangeDimension | ChoiceDimension): d is ChoiceDimension {
  return 'values' in d;
}

/**
 * Checks a search space.
 *
 * @throws {RangeError} naming the parameter for an empty list, a non-finite or reversed range, a
 *   log range with `low <= 0`, or an integer range without a whole number in it.
 */
export function checkSpace(space: SearchSpace): void {
  const names = Object.keys(space);
  if (names.length === 0) throw new RangeError('the search space has no parameter');
  for (const name of names) {
    const d = space[name]!;
    if (isChoice(d)) {
      if (d.values.length === 0) throw new RangeError(`parameter "${name}": the list of values is empty`);
      continue;
    }
    if (!(Number.isFinite(d.low) && Number.isFinite(d.high) && d.low <= d.high)) {
      throw new RangeError(`parameter "${name}": expected finite low <= high, got [${d.low}, ${d.high}]`);
    }
    if (d.log === true && !(d.low > 0)) throw new RangeError(`parameter "${name}": a log range needs low > 0, got ${d.low}`);
    if (d.integer === true && Math.ceil(d.low) > Math.floor(d.high)) {
      throw new RangeError(`parameter "${name}": no whole number in [${d.low}, ${d.high}]`);
    }
  }
}

/** Identity text of a parameter set (keys in the space's order), for de-duplication. */
export function paramSetKey(params: ParamSet, names: readonly string[]): string {
  return JSON.stringify(names.map((k) => params[k]));
}
