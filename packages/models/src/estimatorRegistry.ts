/**
 * The registry that maps an estimator JSON's `type` to its class, so one `loadEstimator` rebuilds
 * any saved model — the built-in ones are registered by this package's entry point; other entry
 * points (neural networks) and users register their own classes.
 */
import type { Estimator, EstimatorClass, EstimatorInput, EstimatorJson } from './Estimator.js';
import { EstimatorError } from './Estimator.js';

const registry = new Map<string, EstimatorClass<EstimatorInput, Estimator<EstimatorInput>>>();

/**
 * Makes `loadEstimator` able to rebuild estimators of this class.
 *
 * @throws {EstimatorError} when a different class is already registered under the same type name.
 * @example
 * registerEstimator(MyEstimator);
 */
export function registerEstimator<X extends EstimatorInput, E extends Estimator<X>>(cls: EstimatorClass<X, E>): void {
  const existing = registry.get(cls.typeName);
  if (existing !== undefined && existing !== (cls as unknown)) {
    throw new EstimatorError(`estimator type "${cls.typeName}" is already registered by another class`);
  }
  registry.set(cls.typeName, cls as unknown as EstimatorClass<EstimatorInput, Estimator<EstimatorInput>>);
}

/**
 * Rebuilds an estimator from its JSON (see `Estimator.toJSON`).
 *
 * @throws {EstimatorError} for an unknown type (naming the registered ones).
 * @example
 * const model = loadEstimator(JSON.parse(text));
 */
export function loadEstimator<X extends EstimatorInput = EstimatorInput>(json: EstimatorJson): Estimator<X> {
  if (json === null || typeof json !== 'object' || typeof json.type !== 'string') {
    throw new EstimatorError(`estimator JSON needs a string "type", got ${JSON.stringify(json)?.slice(0, 80)}`);
  }
  const cls = registry.get(json.type);
  if (cls === undefined) {
    throw new EstimatorError(`unknown estimator type "${json.type}"; registered: ${[...registry.keys()].sort().join(', ') || 'none'}`);
  }
  return cls.fromJSON(json) as unknown as Estimator<X>;
}

/** Type names currently registered, sorted. */
export function registeredEstimators(): string[] {
  return [...registry.keys()].sort();
}
