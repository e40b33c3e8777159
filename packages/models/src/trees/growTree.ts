/**
 * The one tree kernel behind decision trees, random forests and gradient boosting: a histogram
 * tree grown depth-first on per-sample gradients `g` and hessians `h`. Leaf value `−G/(H + λ)`,
 * split gain `G_L²/(H_L + λ) + G_R²/(H_R + λ) − G²/(H + λ)`. With `g = −w·y`, `h = w`, `λ = 0` this is
 * the CART least-squares tree (leaf = weighted mean; gain = weighted SSE decrease, which for 0/1
 * targets is the Gini decrease up to a factor 2).
 *
 * Speed: histograms are built for the smaller child only and the larger child's is the parent's
 * minus it (when every feature is tried); leaves-to-be build nothing; small nodes find their
 * split by sorting their few samples instead of scanning 256 bins.
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
  /**
   * Every hessian is 1 (unweighted squared error): histograms skip the hessian channel and use the
   * sample count instead — a third fewer writes in the hottest loop.
   */
  readonly unitHessian?: boolean;
}

/** A grown tree and the split gain summed per feature. */
export interface GrownTree {
  readonly tree: TreeNodes;
  readonly gainByFeature: Float64Array;
}

/** Nodes with fewer samples than this find splits by sorting instead of histograms. */
const SMALL_NODE = 64;

/** Reusable scratch space for growing many trees on one binned matrix. */
export class TreeWorkspace {
  readonly cols: number;
  readonly stride: number;
  readonly featureOrder: Int32Array;
  readonly #pool: Float64Array[] = [];
  readonly sortBins = new Int32Array(SMALL_NODE);
  readonly sortIdx = new Int32Array(SMALL_NODE);

  constructor(cols: number, maxBins: number) {
    this.cols = cols;
    this.stride = maxBins * 3;
    this.featureOrder = new Int32Array(cols);
  }

  /** A zeroed histogram buffer (cols × maxBins × [g, h, count]). */
  take(): Float64Array {
    return this.#pool.pop() ?? new Float64Array(this.cols * this.stride);
  }

  /** Returns a buffer to the pool after zeroing it. */
  give(buf: Float64Array): void {
    buf.fill(0);
    this.#pool.push(buf);
  }
}

/** Adds the node's samples to the histograms of features `order[0, k)`. */
function buildHistogram(binned: Uint8Array, cols: number, idx: Uint32Array, from: number, to: number, g: Float64Array, h: Float64Array, hist: Float64Array, stride: number, order: Int32Array, k: number, unitHessian: boolean): void {
  if (k === cols && unitHessian) {
    for (let q = from; q < to; q++) {
      const i = idx[q]!;
      const gi = g[i]!;
      const base = i * cols;
      let o = 0;
      for (let j = 0; j < cols; j++, o += stride) {
        const p = o + binned[base + j]! * 3;
        hist[p]! += gi;
        hist[p + 2]! += 1;
      }
    }
    return;
  }
  if (k === cols) {
    for (let q = from; q < to; q++) {
      const i = idx[q]!;
      const gi = g[i]!;
      const hi = h[i]!;
      const base = i * cols;
      let o = 0;
      for (let j = 0; j < cols; j++, o += stride) {
        const p = o + binned[base + j]! * 3;
        hist[p]! += gi;
        hist[p + 1]! += hi;
        hist[p + 2]! += 1;
      }
    }
    return;
  }
  for (let a = 0; a < k; a++) {
    const j = order[a]!;
    const o = j * stride;
    for (let q = from; q < to; q++) {
      const i = idx[q]!;
      const p = o + binned[i * cols + j]! * 3;
      hist[p]! += g[i]!;
      hist[p + 1]! += h[i]!;
      hist[p + 2]! += 1;
    }
  }
}

class Grower {
  readonly feature: number[] = [];
  readonly threshold: number[] = [];
  readonly left: number[] = [];
  readonly right: number[] = [];
  readonly value: number[] = [];
  readonly gainByFeature: Float64Array;
  readonly nBins: Int32Array;
  readonly k: number;
  /** Hessians are all 1: the count channel is the hessian sum. */
  readonly unit: boolean;
  // Best split of the last search.
  bestFeature = -1;
  bestBin = -1;
  bestGain = 0;
  bestGL = 0;
  bestHL = 0;
  bestCL = 0;

  readonly binned: Uint8Array;
  readonly binner: FeatureBinner;
  readonly cols: number;
  readonly g: Float64Array;
  readonly h: Float64Array;
  readonly idx: Uint32Array;
  readonly config: TreeGrowthConfig;
  readonly rng: SeededRandom | null;
  readonly ws: TreeWorkspace;
  readonly leafOut: Float64Array | undefined;

  constructor(
    binned: Uint8Array,
    binner: FeatureBinner,
    cols: number,
    g: Float64Array,
    h: Float64Array,
    idx: Uint32Array,
    config: TreeGrowthConfig,
    rng: SeededRandom | null,
    ws: TreeWorkspace,
    leafOut: Float64Array | undefined,
  ) {
    this.binned = binned;
    this.binner = binner;
    this.cols = cols;
    this.g = g;
    this.h = h;
    this.idx = idx;
    this.config = config;
    this.rng = rng;
    this.ws = ws;
    this.leafOut = leafOut;
    this.gainByFeature = new Float64Array(cols);
    this.nBins = new Int32Array(cols);
    for (let j = 0; j < cols; j++) {
      this.nBins[j] = binner.bins(j);
      ws.featureOrder[j] = j;
    }
    this.k = Math.min(cols, Math.max(1, config.featuresPerSplit));
    this.unit = config.unitHessian === true && this.k === cols;
  }

  newNode(): number {
    this.feature.push(-1);
    this.threshold.push(0);
    this.left.push(-1);
    this.right.push(-1);
    this.value.push(0);
    return this.feature.length - 1;
  }

  leaf(node: number, from: number, to: number, G: number, H: number): void {
    const { l2, shrinkage } = this.config;
    const v = H + l2 > 0 ? (-G / (H + l2)) * shrinkage : 0;
    this.value[node] = v;
    const out = this.leafOut;
    if (out !== undefined) for (let q = from; q < to; q++) out[this.idx[q]!] = v;
  }

  canSplit(m: number, depth: number): boolean {
    const c = this.config;
    return depth < c.maxDepth && m >= c.minSamplesSplit && m >= 2 * c.minSamplesLeaf;
  }

  /** Grows `node` over idx[from, to); `hist` is its histogram when already known (all features). */
  grow(node: number, from: number, to: number, depth: number, G: number, H: number, hist: Float64Array | null): void {
    const m = to - from;
    const { ws, k, cols } = this;
    if (!this.canSplit(m, depth)) {
      if (hist !== null) ws.give(hist);
      return this.leaf(node, from, to, G, H);
    }
    const order = ws.featureOrder;
    const rng = this.rng;
    if (k < cols && rng !== null) {
      for (let a = 0; a < k; a++) {
        const b = a + rng.int(cols - a);
        const t = order[a]!;
        order[a] = order[b]!;
        order[b] = t;
      }
    }
    this.bestFeature = -1;
    this.bestGain = this.config.minGain;
    const parentScore = (G * G) / (H + this.config.l2);
    if (hist === null && m < SMALL_NODE) {
      this.searchSorted(from, to, G, H, parentScore);
    } else {
      if (hist === null) {
        hist = ws.take();
        buildHistogram(this.binned, cols, this.idx, from, to, this.g, this.h, hist, ws.stride, order, k, this.unit);
      }
      this.searchHistogram(hist, m, G, H, parentScore);
    }
    const bestFeature = this.bestFeature;
    if (bestFeature < 0 || this.bestGain <= 1e-12 * Math.abs(parentScore)) {
      if (hist !== null) ws.give(hist);
      return this.leaf(node, from, to, G, H);
    }
    const bestBin = this.bestBin;
    const GL = this.bestGL;
    const HL = this.bestHL;
    // Partition idx[from, to): left = bin ≤ bestBin; remember the smallest bin going right.
    const idx = this.idx;
    const binned = this.binned;
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
    this.gainByFeature[bestFeature]! += this.bestGain;
    this.feature[node] = bestFeature;
    // With exact bins, split halfway between the node's own neighbouring values (as CART does).
    const exact = this.binner.binValues[bestFeature];
    this.threshold[node] = exact !== null && exact !== undefined ? midpointBelow(exact[bestBin]!, exact[rightBin]!) : this.binner.edges[bestFeature]![bestBin]!;
    const l = this.newNode();
    const r = this.newNode();
    this.left[node] = l;
    this.right[node] = r;
    const mL = lo - from;
    const mR = to - lo;
    // Children's histograms: build the smaller, subtract for the larger (only when every feature is
    // tried and the children may split); otherwise children build their own.
    let histL: Float64Array | null = null;
    let histR: Float64Array | null = null;
    const leftSplits = this.canSplit(mL, depth + 1);
    const rightSplits = this.canSplit(mR, depth + 1);
    if (hist !== null && k === cols && leftSplits && rightSplits && Math.max(mL, mR) >= SMALL_NODE) {
      const small = ws.take();
      if (mL <= mR) buildHistogram(binned, cols, idx, from, lo, this.g, this.h, small, ws.stride, order, k, this.unit);
      else buildHistogram(binned, cols, idx, lo, to, this.g, this.h, small, ws.stride, order, k, this.unit);
      for (let p = 0; p < hist.length; p++) hist[p]! -= small[p]!;
      if (mL <= mR) [histL, histR] = [small, hist];
      else [histL, histR] = [hist, small];
    } else if (hist !== null) ws.give(hist);
    this.grow(l, from, lo, depth + 1, GL, HL, histL);
    this.grow(r, lo, to, depth + 1, G - GL, H - HL, histR);
  }

  consider(j: number, b: number, GL: number, HL: number, CL: number, G: number, H: number, m: number, parentScore: number): void {
    const c = this.config;
    const CR = m - CL;
    const HR = H - HL;
    if (CL < c.minSamplesLeaf || CR < c.minSamplesLeaf || HL < c.minChildWeight || HR < c.minChildWeight) return;
    const GR = G - GL;
    const gain = (GL * GL) / (HL + c.l2) + (GR * GR) / (HR + c.l2) - parentScore;
    if (gain > this.bestGain) {
      this.bestGain = gain;
      this.bestFeature = j;
      this.bestBin = b;
      this.bestGL = GL;
      this.bestHL = HL;
      this.bestCL = CL;
    }
  }

  searchHistogram(hist: Float64Array, m: number, G: number, H: number, parentScore: number): void {
    const { ws, k, nBins, unit } = this;
    const order = ws.featureOrder;
    const minLeaf = this.config.minSamplesLeaf;
    for (let a = 0; a < k; a++) {
      const j = order[a]!;
      const o = j * ws.stride;
      const nb = nBins[j]!;
      let GL = 0;
      let HL = 0;
      let CL = 0;
      for (let b = 0; b < nb - 1; b++) {
        const ob = o + b * 3;
        const c = hist[ob + 2]!;
        if (c === 0) continue;
        GL += hist[ob]!;
        HL += unit ? c : hist[ob + 1]!;
        CL += c;
        if (CL < minLeaf) continue;
        if (m - CL < minLeaf) break;
        this.consider(j, b, GL, HL, CL, G, H, m, parentScore);
      }
    }
  }

  /** Small node: per feature, sort the samples by bin and scan the distinct bins. */
  searchSorted(from: number, to: number, G: number, H: number, parentScore: number): void {
    const { ws, k, cols, binned, idx, g, h } = this;
    const order = ws.featureOrder;
    const bins = ws.sortBins;
    const pos = ws.sortIdx;
    const m = to - from;
    for (let a = 0; a < k; a++) {
      const j = order[a]!;
      // Insertion sort of positions by bin.
      for (let q = 0; q < m; q++) {
        const bin = binned[idx[from + q]! * cols + j]!;
        let r = q;
        while (r > 0 && bins[r - 1]! > bin) {
          bins[r] = bins[r - 1]!;
          pos[r] = pos[r - 1]!;
          r--;
        }
        bins[r] = bin;
        pos[r] = q;
      }
      let GL = 0;
      let HL = 0;
      for (let q = 0; q < m - 1; q++) {
        const i = idx[from + pos[q]!]!;
        GL += g[i]!;
        HL += h[i]!;
        if (bins[q + 1] !== bins[q]) this.consider(j, bins[q]!, GL, HL, q + 1, G, H, m, parentScore);
      }
    }
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
  const grower = new Grower(binned, binner, cols, g, h, idx, config, rng, ws, leafOut);
  let G = 0;
  let H = 0;
  for (let q = 0; q < count; q++) {
    G += g[idx[q]!]!;
    H += h[idx[q]!]!;
  }
  grower.grow(grower.newNode(), 0, count, 0, G, H, null);
  return {
    tree: {
      feature: Int32Array.from(grower.feature),
      threshold: Float64Array.from(grower.threshold),
      left: Int32Array.from(grower.left),
      right: Int32Array.from(grower.right),
      value: Float64Array.from(grower.value),
    },
    gainByFeature: grower.gainByFeature,
  };
}

function midpointBelow(a: number, b: number): number {
  const m = a / 2 + b / 2;
  return m >= b ? a : m;
}
