/**
 * The map from estimator type names to classes behind `registerEstimator` / `loadEstimator`, in
 * its own module so composite estimators (stacking) can rebuild their members without importing
 * the registry that lists them.
 */
import type { Estimator, EstimatorClass, EstimatorInput, EstimatorJson } from './Estimator.js';
import { EstimatorError } from './Estimator.js';

/** Registered classes by type name. */
export const estimatorTypes = new Map<string, EstimatorClass<EstimatorInput, Estimator<EstimatorInput>>>();

/** Rebuilds a member estimator from its JSON through the registered classes. */
export function estimatorFromJson(json: EstimatorJson): Estimator {
  const cls = estimatorTypes.get(json?.type);
  if (cls === undefined) throw new EstimatorError(`unknown estimator type "${String(json?.type)}"; registered: ${[...estimatorTypes.keys()].sort().join(', ') || 'none'}`);
  return cls.fromJSON(json) as unknown as Estimator;
}
