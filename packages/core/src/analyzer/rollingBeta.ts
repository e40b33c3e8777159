/**
 * Rolling beta of a strategy against a benchmark over a trailing window (empyrical's `roll_beta`),
 * aligned with the input.
 */
import { InvariantError } from '../errors.js';
import type { ReturnSeries, RollingOptions } from './MetricOptions.js';
import { windowOf } from './MetricOptions.js';

/**
 * Options of {@link rollingBeta}: only the window (in periods, a whole number ≥ 1) — beta needs no
 * annualisation and the risk-free rate cancels out, so any {@link RollingOptions} also fits.
 */
export type RollingBetaOptions = Pick<RollingOptions, 'window'>;

/** Variances below this are treated as zero, as empyrical's `beta_aligned` does. */
const MIN_VARIANCE = 1e-30;

/**
 * Beta of `returns` on `benchmark` over each trailing window of `window` periods, ALIGNED with the
 * input: `out[t]` is the beta of periods `t − window + 1 … t`, and `out[t]` is NaN for
 * `t < window − 1`. Within a window the beta is empyrical's (`beta_aligned`): Cov(r, b) / Var(b)
 * over the pairs where both are present (NaN drops the pair), NaN when that variance is below 1e-30
 * (a flat benchmark, fewer than 2 valid pairs).
 *
 * Differences from empyrical's `roll_beta`, which returns only the `n − window + 1` full windows:
 * the output here has the input's length (leading NaN); a series shorter than the window gives all
 * NaN (empyrical then computes one beta over the whole series). Each window is computed afresh with
 * two-pass sums (no drift): O(n·window), about 1 s for a million periods with a 252 window.
 *
 * @param returns - simple per-period returns of the strategy.
 * @param benchmark - simple per-period benchmark returns, aligned with `returns` (same length).
 * @param options - `window` in periods (e.g. a {@link RollingOptions}).
 * @returns a Float64Array of betas, same length as `returns`.
 * @throws InvariantError if the lengths differ or `window` is not an integer ≥ 1.
 * @example
 * rollingBeta([0.02, 0.04, 0.06, 0.05], [0.01, 0.02, 0.03, 0.02], { window: 3 }); // [NaN, NaN, 2, 1.5]
 * @see empyrical `roll_beta`
 */
export function rollingBeta(returns: ReturnSeries, benchmark: ReturnSeries, options: RollingBetaOptions): Float64Array {
  const w = windowOf(options);
  const n = returns.length;
  if (benchmark.length !== n) {
    throw new InvariantError(`returns and benchmark must have the same length, got ${n} and ${benchmark.length}`);
  }
  const out = new Float64Array(n).fill(Number.NaN);
  for (let t = w - 1; t < n; t++) out[t] = windowBeta(returns, benchmark, t - w + 1, t + 1);
  return out;
}

/** empyrical `beta_aligned` over the periods [from, to), with centred two-pass sums. */
function windowBeta(returns: ReturnSeries, benchmark: ReturnSeries, from: number, to: number): number {
  if (to - from < 2) return Number.NaN;
  let m = 0;
  let sr = 0;
  let sb = 0;
  for (let i = from; i < to; i++) {
    const r = returns[i]!;
    const b = benchmark[i]!;
    if (Number.isNaN(r) || Number.isNaN(b)) continue;
    sr += r;
    sb += b;
    m++;
  }
  if (m === 0) return Number.NaN;
  const mr = sr / m;
  const mb = sb / m;
  let sbb = 0;
  let srb = 0;
  for (let i = from; i < to; i++) {
    const r = returns[i]!;
    const b = benchmark[i]!;
    if (Number.isNaN(r) || Number.isNaN(b)) continue;
    const db = b - mb;
    sbb += db * db;
    srb += (r - mr) * db;
  }
  const variance = sbb / m;
  return variance >= MIN_VARIANCE ? srb / m / variance : Number.NaN;
}
