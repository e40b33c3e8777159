/**
 * The one tree kernel behind decision trees, random forests and gradient boosting: a histogram
 * tree grown depth-first on per-sample gradients `g` and hessians `h`. Leaf value `−G/(H + λ)`,
 * split gain `G_L²/(H_L + λ) + G_R²/(H_R + λ) − G²/(H + λ)`. With `g = −w·y`, `h = w`, `λ = 0` this is
 * the CART least-squares tree (leaf = weighted mean; gain = weighted SSE decrease, which for 0/1
 * targets is the Gini decrease up to a factor 2).
 */
import type { SeededRandom } from '@qt-backtest/core';
import type { FeatureBinner } from './FeatureBinner.js';
import type { TreeNodes } from './TreeNodes.js';

/** Growth limits and regularisation. */
export interface TreeGrowthConfig {
  readonly maxDepth: number;
  readonly minSamplesLeaf: number;
  readonly minSamplesSplit: number;
  /** Minimum hessian sum per child. */
  readonly minChildWeight: number;
  readonly l2: number;
  /** Minimum gain to split. */
  readonly minGain: number;
  /** Features tried per split (random subset when < cols). */
  readonly featuresPerSplit: number;
  /** Multiplier applied to leaf values (learning rate). */
  readonly shrinkage: number;
}

/** A grown tree and the impurity decrease per feature. */
export interface GrownTree {
  readonly tree: TreeNodes;
  readonly gainByFeature: Float64Array;
}

/** Reusable scratch space for growing many trees on one binned matrix. */
export class TreeWorkspace {
  readonly hist: Float64Array;
  readonly stride: number;
  readonly featureOrder: Int32Array;

  constructor(cols: number, maxBins: number) {
    this.stride = maxBins * 3;
    this.hist = new Float64Array(cols * this.stride);
    this.featureOrder = new Int32Array(cols);
  }
}

/**
 * Grows one tree on the samples `idx[0, count)` (reordered in place). When `leafOut` is given,
 * `leafOut[i]` receives the (shrunk) leaf value of each training sample `i` in the tree.
 */
export function growTree(
  binned: Uint8Array,
  binner: FeatureBinner,
  cols: number,
  g: Float64Array,
  h: Float64Array,
  idx: Uint32Array,
  count: number,
  config: TreeGrowthConfig,
  rng: SeededRandom | null,
  ws: TreeWorkspace,
  leafOut?: Float64Array,
): GrownTree {
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const gainByFeature = new Float64Array(cols);
  const { hist, stride, featureOrder } = ws;
  const { l2, maxDepth, minSamplesLeaf, minSamplesSplit, minChildWeight, minGain, featuresPerSplit, shrinkage } = config;
  const nBins = new Int32Array(cols);
  for (let j = 0; j < cols; j++) nBins[j] = binner.bins(j);
  for (let j = 0; j < cols; j++) featureOrder[j] = j;
  const k = Math.min(cols, Math.max(1, featuresPerSplit));

  const newNode = (): number => {
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    value.push(0);
    return feature.length - 1;
  };

  const makeLeaf = (node: number, from: number, to: number, G: number, H: number): void => {
    const v = H + l2 > 0 ? (-G / (H + l2)) * shrinkage : 0;
    value[node] = v;
    if (leafOut !== undefined) for (let q = from; q < to; q++) leafOut[idx[q]!] = v;
  };

  const grow = (node: number, from: number, to: number, depth: number, G: number, H: number): void => {
    const m = to - from;
    if (depth >= maxDepth || m < minSamplesSplit || m < 2 * minSamplesLeaf) return makeLeaf(node, from, to, G, H);
    // Choose the features to try (partial Fisher–Yates when subsampling).
    if (k < cols && rng !== null) {
      for (let a = 0; a < k; a++) {
        const b = a + rng.int(cols - a);
        const t = featureOrder[a]!;
        featureOrder[a] = featureOrder[b]!;
        featureOrder[b] = t;
      }
    }
    // Histograms of the node for the chosen features.
    for (let q = from; q < to; q++) {
      const i = idx[q]!;
      const gi = g[i]!;
      const hi = h[i]!;
      const base = i * cols;
      for (let a = 0; a < k; a++) {
        const j = featureOrder[a]!;
        const o = j * stride + binned[base + j]! * 3;
        hist[o]! += gi;
        hist[o + 1]! += hi;
        hist[o + 2]! += 1;
      }
    }
    const parentScore = (G * G) / (H + l2);
    let bestGain = minGain;
    let bestFeature = -1;
    let bestBin = -1;
    let bestGL = 0;
    let bestHL = 0;
    for (let a = 0; a < k; a++) {
      const j = featureOrder[a]!;
      const o = j * stride;
      const nb = nBins[j]!;
      let GL = 0;
      let HL = 0;
      let CL = 0;
      for (let b = 0; b < nb - 1; b++) {
        const ob = o + b * 3;
        GL += hist[ob]!;
        HL += hist[ob + 1]!;
        CL += hist[ob + 2]!;
        if (CL < minSamplesLeaf) continue;
        const CR = m - CL;
        if (CR < minSamplesLeaf) break;
        const HR = H - HL;
        if (HL < minChildWeight || HR < minChildWeight || hist[ob + 2] === 0) continue;
        const GR = G - GL;
        const gain = (GL * GL) / (HL + l2) + (GR * GR) / (HR + l2) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = j;
          bestBin = b;
          bestGL = GL;
          bestHL = HL;
        }
      }
      hist.fill(0, o, o + nb * 3);
    }
    // Guard against splitting pure nodes on rounding noise.
    if (bestFeature < 0 || bestGain <= 1e-12 * Math.abs(parentScore)) return makeLeaf(node, from, to, G, H);
    // Partition idx[from, to): left = bin ≤ bestBin.
    let lo = from;
    let hi = to - 1;
    let rightBin = 255;
    while (lo <= hi) {
      const bin = binned[idx[lo]! * cols + bestFeature]!;
      if (bin <= bestBin) lo++;
      else {
        if (bin < rightBin) rightBin = bin;
        const t = idx[lo]!;
        idx[lo] = idx[hi]!;
        idx[hi] = t;
        hi--;
      }
    }
    gainByFeature[bestFeature]! += bestGain;
    feature[node] = bestFeature;
    // With exact bins, split halfway between the node's own neighbouring values (as CART does).
    const exact = binner.binValues[bestFeature];
    threshold[node] = exact !== null && exact !== undefined ? midpointBelow(exact[bestBin]!, exact[rightBin]!) : binner.edges[bestFeature]![bestBin]!;
    const l = newNode();
    const r = newNode();
    left[node] = l;
    right[node] = r;
    grow(l, from, lo, depth + 1, bestGL, bestHL);
    grow(r, lo, to, depth + 1, G - bestGL, H - bestHL);
  };

  let G = 0;
  let H = 0;
  for (let q = 0; q < count; q++) {
    G += g[idx[q]!]!;
    H += h[idx[q]!]!;
  }
  grow(newNode(), 0, count, 0, G, H);
  return {
    tree: {
      feature: Int32Array.from(feature),
      threshold: Float64Array.from(threshold),
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      value: Float64Array.from(value),
    },
    gainByFeature,
  };
}

function midpointBelow(a: number, b: number): number {
  const m = a / 2 + b / 2;
  return m >= b ? a : m;
}
