/**
 * A fitted tree as flat arrays (node `k`: split feature or −1 for a leaf, threshold on the raw
 * value, children, leaf value), its prediction and its JSON form.
 */
import type { FeatureMatrix } from '../Estimator.js';
import { EstimatorError } from '../Estimator.js';

/** A fitted binary tree; `x[feature] <= threshold` (false for NaN) goes left. */
export interface TreeNodes {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
}

/** Plain-array form of a tree for JSON. */
export interface TreeNodesJson {
  readonly feature: number[];
  readonly threshold: number[];
  readonly left: number[];
  readonly right: number[];
  readonly value: number[];
}

/** Leaf index reached by row `i` of `X`. */
export function leafOf(tree: TreeNodes, data: Float64Array, base: number): number {
  const { feature, threshold, left, right } = tree;
  let k = 0;
  let f = feature[0]!;
  while (f >= 0) {
    k = data[base + f]! <= threshold[k]! ? left[k]! : right[k]!;
    f = feature[k]!;
  }
  return k;
}

/** Adds `scale × leaf value` of each row to `out`. */
export function addTreePrediction(tree: TreeNodes, X: FeatureMatrix, out: Float64Array, scale = 1): void {
  const { data, rows, cols } = X;
  const value = tree.value;
  for (let i = 0; i < rows; i++) out[i]! += scale * value[leafOf(tree, data, i * cols)]!;
}

/** The JSON form of a tree. */
export function treeToJson(tree: TreeNodes): TreeNodesJson {
  return {
    feature: Array.from(tree.feature),
    threshold: Array.from(tree.threshold, (t) => (Number.isFinite(t) ? t : 0)),
    left: Array.from(tree.left),
    right: Array.from(tree.right),
    value: Array.from(tree.value),
  };
}

/**
 * A tree from its JSON form, checked for consistent lengths and child indices.
 *
 * @throws {EstimatorError} for a malformed tree.
 */
export function treeFromJson(json: TreeNodesJson, cols: number): TreeNodes {
  const n = json.feature?.length ?? -1;
  if (n < 1 || [json.threshold, json.left, json.right, json.value].some((a) => !Array.isArray(a) || a.length !== n)) {
    throw new EstimatorError('tree JSON needs feature, threshold, left, right and value arrays of one length ≥ 1');
  }
  for (let k = 0; k < n; k++) {
    const f = json.feature[k]!;
    if (f >= cols || (f >= 0 && !(json.left[k]! > k && json.left[k]! < n && json.right[k]! > k && json.right[k]! < n))) {
      throw new EstimatorError(`tree JSON node ${k} is malformed (feature ${f}, children ${json.left[k]}, ${json.right[k]})`);
    }
  }
  return {
    feature: Int32Array.from(json.feature),
    threshold: Float64Array.from(json.threshold),
    left: Int32Array.from(json.left),
    right: Int32Array.from(json.right),
    value: Float64Array.from(json.value),
  };
}
