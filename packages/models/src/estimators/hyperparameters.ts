/**
 * Hyperparameter resolution shared by the estimators: defaults merged with the caller's values,
 * unknown names and wrong types rejected with the estimator's name.
 */
import type { Hyperparameters, HyperparameterValue } from '../Estimator.js';
import { EstimatorError } from '../Estimator.js';

/**
 * Merges `given` over `defaults`, rejecting names the estimator does not know and values whose
 * type differs from the default's (a `null` default accepts a number or null).
 *
 * @throws {EstimatorError} naming the estimator, the hyperparameter and the value.
 */
export function resolveHyperparameters<H extends Record<string, HyperparameterValue>>(type: string, defaults: H, given: Hyperparameters | undefined): H {
  const out: Record<string, HyperparameterValue> = { ...defaults };
  for (const [key, value] of Object.entries(given ?? {})) {
    if (!Object.prototype.hasOwnProperty.call(defaults, key)) {
      throw new EstimatorError(`unknown hyperparameter "${key}" for ${type}; known: ${Object.keys(defaults).join(', ')}`);
    }
    const d = defaults[key];
    // A null default accepts a number or null; number and string defaults accept either (e.g.
    // maxFeatures: 0.5 or 'sqrt'); the estimator checks the value itself.
    const scalar = (v: unknown): boolean => typeof v === 'number' || typeof v === 'string';
    const ok = d === null ? value === null || typeof value === 'number' : scalar(d) ? scalar(value) : typeof value === typeof d;
    if (!ok) throw new EstimatorError(`${type} hyperparameter "${key}" must be a ${d === null ? 'number or null' : typeof d}, got ${JSON.stringify(value)}`);
    out[key] = value;
  }
  return Object.freeze(out) as H;
}

/** Checks a number hyperparameter lies in a range. */
export function checkRange(type: string, name: string, value: number, min: number, max = Infinity, integer = false): void {
  if (!(value >= min && value <= max) || (integer && !Number.isInteger(value))) {
    throw new EstimatorError(`${type} hyperparameter "${name}" must be ${integer ? 'an integer ' : ''}in [${min}, ${max}], got ${value}`);
  }
}
