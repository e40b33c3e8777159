/**
 * Sample weights by label uniqueness (López de Prado, AFML §4.4, snippets 4.1–4.2).
 */
import { EstimatorError } from '../Estimator.js';

/**
 * Average uniqueness of each event over its life: with `c(t)` the number of events whose
 * `[start, end]` contains bar time `t` (the bar grid is every distinct start and end), event i's
 * weight is the mean of `1 / c(t)` over the bar times in its `[start, end]`. Overlapping labels
 * share their information, so each counts for less. Events in different `groups` (e.g. symbols)
 * never overlap each other.
 *
 * @throws {EstimatorError} for unequal lengths or `end < start`.
 * @example
 * averageUniqueness([0, 1, 2], [2, 3, 4]); // [0.611…, 0.444…, 0.611…]
 */
export function averageUniqueness(start: ArrayLike<number>, end: ArrayLike<number>, groups?: ArrayLike<number>): Float64Array {
  const n = start.length;
  if (end.length !== n || (groups !== undefined && groups.length !== n)) throw new EstimatorError(`start, end (and groups) need equal lengths, got ${n}, ${end.length}`);
  const out = new Float64Array(n);
  const byGroup = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (!(end[i]! >= start[i]!)) throw new EstimatorError(`event ${i} ends before it starts (start ${start[i]}, end ${end[i]})`);
    const g = groups === undefined ? 0 : groups[i]!;
    let list = byGroup.get(g);
    if (list === undefined) byGroup.set(g, (list = []));
    list.push(i);
  }
  for (const members of byGroup.values()) {
    const grid = Float64Array.from(new Set(members.flatMap((i) => [start[i]!, end[i]!]))).sort();
    const pos = (t: number): number => {
      let lo = 0;
      let hi = grid.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (grid[mid]! < t) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const diff = new Float64Array(grid.length + 1);
    const span = members.map((i) => [pos(start[i]!), pos(end[i]!)] as const);
    for (const [a, b] of span) {
      diff[a]! += 1;
      diff[b + 1]! -= 1;
    }
    // Prefix sums of 1/c so each event's mean is one subtraction.
    const inv = new Float64Array(grid.length + 1);
    let c = 0;
    for (let k = 0; k < grid.length; k++) {
      c += diff[k]!;
      inv[k + 1] = inv[k]! + (c > 0 ? 1 / c : 0);
    }
    members.forEach((i, m) => {
      const [a, b] = span[m]!;
      out[i] = (inv[b + 1]! - inv[a]!) / (b - a + 1);
    });
  }
  return out;
}
