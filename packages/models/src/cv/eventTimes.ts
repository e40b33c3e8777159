/**
 * Event times of samples (when each sample's information starts and when its label's horizon
 * closes) and the purge/embargo rule every splitter shares (López de Prado, AFML §7.4, snippet 7.3).
 */
import { EstimatorError } from '../Estimator.js';

/**
 * Start and end time of each sample's event, sorted by start: `start[i]` is when sample `i` is
 * observed (its features' time), `end[i]` when its label's horizon closes (`end[i] >= start[i]`).
 * Any consistent unit (epoch ms, bar numbers).
 */
export interface EventTimes {
  readonly start: ArrayLike<number>;
  readonly end: ArrayLike<number>;
}

/** One train/test split: ascending sample indices. */
export interface Split {
  readonly train: number[];
  readonly test: number[];
}

/**
 * Checks event times and returns the sample count.
 *
 * @throws {EstimatorError} for unequal lengths, non-finite times, unsorted starts or `end < start`.
 */
export function checkEventTimes(times: EventTimes): number {
  const { start, end } = times;
  if (start.length !== end.length) throw new EstimatorError(`event start and end need equal lengths, got ${start.length} and ${end.length}`);
  for (let i = 0; i < start.length; i++) {
    const s = start[i]!;
    const e = end[i]!;
    if (!Number.isFinite(s) || !Number.isFinite(e)) throw new EstimatorError(`event ${i} has a non-finite time (start ${s}, end ${e})`);
    if (e < s) throw new EstimatorError(`event ${i} ends before it starts (start ${s}, end ${e})`);
    if (i > 0 && s < start[i - 1]!) throw new EstimatorError(`event starts must be sorted: start[${i}] = ${s} < start[${i - 1}] = ${start[i - 1]}`);
  }
  return start.length;
}

/** Checks an embargo fraction and returns `floor(n × embargo)` samples. */
export function embargoSamples(n: number, embargo: number): number {
  if (!(embargo >= 0 && embargo < 1)) throw new EstimatorError(`embargo must be a fraction in [0, 1), got ${embargo}`);
  return Math.floor(n * embargo);
}

/** Contiguous fold bounds `[from, to)` like `np.array_split` (the first `n % k` folds one larger). */
export function arraySplitBounds(n: number, k: number): Array<[number, number]> {
  if (!Number.isInteger(k) || k < 2) throw new EstimatorError(`folds must be an integer ≥ 2, got ${k}`);
  if (k > n) throw new EstimatorError(`cannot split ${n} samples into ${k} folds`);
  const base = Math.floor(n / k);
  const extra = n % k;
  const bounds: Array<[number, number]> = [];
  let from = 0;
  for (let f = 0; f < k; f++) {
    const to = from + base + (f < extra ? 1 : 0);
    bounds.push([from, to]);
    from = to;
  }
  return bounds;
}

/**
 * Marks as excluded (`keep[i] = 0`) the training samples that leak into the test block
 * `[from, to)`: on the left, every sample whose end is after the block's first start; on the right,
 * every sample before the first one whose start is ≥ the latest end in the block, plus `embargo`
 * samples from there (AFML snippet 7.3).
 */
export function purgeAround(times: EventTimes, from: number, to: number, embargo: number, keep: Uint8Array): void {
  const { start, end } = times;
  const n = start.length;
  const t0 = start[from]!;
  for (let i = 0; i < from; i++) if (end[i]! > t0) keep[i] = 0;
  let maxEnd = -Infinity;
  for (let i = from; i < to; i++) if (end[i]! > maxEnd) maxEnd = end[i]!;
  // First sample whose start ≥ maxEnd (searchsorted, side 'left', over sorted starts).
  let lo = to;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (start[mid]! < maxEnd) lo = mid + 1;
    else hi = mid;
  }
  const rightStart = Math.min(n, lo + embargo);
  for (let i = to; i < rightStart; i++) keep[i] = 0;
}

/** Indices `i` with `keep[i] === 1`, ascending. */
export function kept(keep: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < keep.length; i++) if (keep[i] === 1) out.push(i);
  return out;
}

/** `[from, from + 1, …, to - 1]`. */
export function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}
