/**
 * Loads the committed scikit-learn reference fixture (packages/models/reference/sklearn_reference.json,
 * written by sklearn_reference.py). Test helper only.
 */
import { readFileSync } from 'node:fs';
import type { FeatureMatrix } from '../Estimator.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the fixture is plain JSON read in tests
export type Json = any;

/** The parsed fixture. */
export const sklearnReference: Json = JSON.parse(readFileSync(new URL('../../reference/sklearn_reference.json', import.meta.url), 'utf8'));

/** A row-major matrix from a fixture's flat list. */
export function matrix(values: readonly number[], cols: number): FeatureMatrix {
  return { data: Float64Array.from(values), rows: values.length / cols, cols };
}
