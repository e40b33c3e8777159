/**
 * Agglomerative clustering that reproduces scipy 1.10 `scipy.cluster.hierarchy.linkage`
 * exactly — single linkage by the same Prim minimum-spanning-tree pass (`mst_single_linkage`),
 * Ward by the same nearest-neighbour chain (`nn_chain`, Lance–Williams update in scipy's operation
 * order) — then scipy's stable sort by distance and union-find relabelling, so the linkage matrix
 * and the leaf order (`to_tree(...).pre_order()`) match scipy's.
 */
import { RiskInputError } from '../RiskError.js';

/** Linkage methods. */
export const LinkageMethod = { Single: 'single', Ward: 'ward' } as const;
export type LinkageMethod = (typeof LinkageMethod)[keyof typeof LinkageMethod];

/**
 * A scipy linkage matrix: row k merges clusters `left[k] < right[k]` at `distance[k]` into cluster
 * n + k of `size[k]` leaves.
 */
export interface Linkage {
  readonly n: number;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly distance: Float64Array;
  readonly size: Float64Array;
}

/**
 * Clusters `n` items from a full symmetric n × n distance matrix (row-major).
 *
 * @example
 * const z = linkage(dist, n, 'ward'); const order = leafOrder(z);
 */
export function linkage(distances: Float64Array, n: number, method: LinkageMethod = 'single'): Linkage {
  if (distances.length !== n * n) throw new RiskInputError(`distance matrix has ${distances.length} entries for n=${n}`);
  if (n < 2) throw new RiskInputError(`linkage needs at least 2 items, got ${n}`);
  for (let i = 0; i < distances.length; i++) {
    if (!Number.isFinite(distances[i]!)) throw new RiskInputError(`distance [${Math.floor(i / n)}][${i % n}] is ${distances[i]}`);
  }
  const x = new Int32Array(n - 1);
  const y = new Int32Array(n - 1);
  const dist = new Float64Array(n - 1);
  if (method === 'single') mstSingle(distances, n, x, y, dist);
  else if (method === 'ward') nnChainWard(Float64Array.from(distances), n, x, y, dist);
  else throw new RiskInputError(`unknown linkage method "${String(method)}" (single or ward)`);
  // np.argsort(kind='mergesort'): stable.
  const order = Array.from({ length: n - 1 }, (_, k) => k).sort((a, b) => dist[a]! - dist[b]! || a - b);
  const left = new Int32Array(n - 1);
  const right = new Int32Array(n - 1);
  const distance = new Float64Array(n - 1);
  const size = new Float64Array(n - 1);
  // Union-find labelling (scipy `label`).
  const parent = new Int32Array(2 * n - 1);
  const count = new Float64Array(2 * n - 1);
  for (let i = 0; i < 2 * n - 1; i++) {
    parent[i] = i;
    count[i] = i < n ? 1 : 0;
  }
  const find = (v: number): number => {
    let r = v;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[v] !== r) {
      const nx = parent[v]!;
      parent[v] = r;
      v = nx;
    }
    return r;
  };
  for (let k = 0; k < n - 1; k++) {
    const o = order[k]!;
    const rx = find(x[o]!);
    const ry = find(y[o]!);
    left[k] = Math.min(rx, ry);
    right[k] = Math.max(rx, ry);
    distance[k] = dist[o]!;
    const id = n + k;
    parent[rx] = id;
    parent[ry] = id;
    count[id] = count[rx]! + count[ry]!;
    size[k] = count[id]!;
  }
  return { n, left, right, distance, size };
}

function mstSingle(d: Float64Array, n: number, zx: Int32Array, zy: Int32Array, zd: Float64Array): void {
  const merged = new Uint8Array(n);
  const best = new Float64Array(n).fill(Infinity);
  let x = 0;
  for (let k = 0; k < n - 1; k++) {
    let cur = Infinity;
    let y = -1;
    merged[x] = 1;
    const rx = x * n;
    for (let i = 0; i < n; i++) {
      if (merged[i] === 1) continue;
      const dist = d[rx + i]!;
      if (best[i]! > dist) best[i] = dist;
      if (best[i]! < cur) {
        y = i;
        cur = best[i]!;
      }
    }
    zx[k] = x;
    zy[k] = y;
    zd[k] = cur;
    x = y;
  }
}

function nnChainWard(d: Float64Array, n: number, zx: Int32Array, zy: Int32Array, zd: Float64Array): void {
  const size = new Float64Array(n).fill(1);
  const chain = new Int32Array(n);
  let len = 0;
  for (let k = 0; k < n - 1; k++) {
    if (len === 0) {
      len = 1;
      for (let i = 0; i < n; i++) {
        if (size[i]! > 0) {
          chain[0] = i;
          break;
        }
      }
    }
    let x = 0;
    let y = 0;
    let cur = Infinity;
    for (;;) {
      x = chain[len - 1]!;
      if (len > 1) {
        y = chain[len - 2]!;
        cur = d[x * n + y]!;
      } else {
        cur = Infinity;
      }
      const rx = x * n;
      for (let i = 0; i < n; i++) {
        if (size[i] === 0 || x === i) continue;
        const dist = d[rx + i]!;
        if (dist < cur) {
          cur = dist;
          y = i;
        }
      }
      if (len > 1 && y === chain[len - 2]) break;
      chain[len++] = y;
    }
    len -= 2;
    if (x > y) {
      const t = x;
      x = y;
      y = t;
    }
    const nx = size[x]!;
    const ny = size[y]!;
    zx[k] = x;
    zy[k] = y;
    zd[k] = cur;
    size[x] = 0;
    size[y] = nx + ny;
    for (let i = 0; i < n; i++) {
      const ni = size[i]!;
      if (ni === 0 || i === y) continue;
      const dxi = d[i * n + x]!;
      const dyi = d[i * n + y]!;
      const t = 1.0 / (nx + ny + ni);
      const v = Math.sqrt((ni + nx) * t * dxi * dxi + (ni + ny) * t * dyi * dyi - ni * t * cur * cur);
      d[i * n + y] = v;
      d[y * n + i] = v;
    }
  }
}

/** The leaves in scipy `to_tree(Z).pre_order()` order (left subtree first). */
export function leafOrder(z: Linkage): Int32Array {
  const n = z.n;
  const out = new Int32Array(n);
  let m = 0;
  const stack: number[] = [2 * n - 2];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id < n) {
      out[m++] = id;
      continue;
    }
    stack.push(z.right[id - n]!);
    stack.push(z.left[id - n]!);
  }
  return out;
}
