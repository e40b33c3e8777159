/**
 * VPIN, the volume-synchronised probability of informed trading (D. Easley, M. López de Prado,
 * M. O'Hara, "Flow Toxicity and Liquidity in a High-frequency World", Review of Financial Studies
 * 25(5), 2012), from OHLCV bars with bulk volume classification.
 */
import { ExactRollingSum } from '../core/ExactRollingSum.js';
import { checkPeriod, column, FeatureArgumentError, sameLength } from '../core/errors.js';
import { normalCdf } from '../core/normalCdf.js';
import type { BarInput, FeatureDefinition, StreamingFeature } from '../core/types.js';

/** Options of {@link vpin}. */
export interface VpinOptions {
  /** Volume per bucket `V` (shares; > 0). ELO use a day's average volume / 50; choose it from past data. */
  readonly bucketVolume: number;
  /** Number of completed buckets averaged, `n` (whole number >= 1; default 50). */
  readonly buckets?: number;
  /** Bars in the rolling standard deviation of close-to-close changes (whole number >= 2; default 50). */
  readonly sigmaPeriod?: number;
}

interface Params {
  readonly bucketVolume: number;
  readonly buckets: number;
  readonly sigmaPeriod: number;
}

function params(name: string, options: VpinOptions): Params {
  const { bucketVolume } = options;
  if (typeof bucketVolume !== 'number' || !Number.isFinite(bucketVolume) || bucketVolume <= 0) {
    throw new FeatureArgumentError(`${name}: bucketVolume must be a finite number > 0, got "${String(bucketVolume)}"`);
  }
  const buckets = options.buckets ?? 50;
  const sigmaPeriod = options.sigmaPeriod ?? 50;
  checkPeriod(`${name} (buckets)`, buckets);
  checkPeriod(`${name} (sigmaPeriod)`, sigmaPeriod, 2);
  return { bucketVolume, buckets, sigmaPeriod };
}

/**
 * VPIN over bars, aligned to the input: the mean absolute order imbalance of the last `n`
 * completed volume buckets, `Σ |V_S − V_B| / (n · V)`, in [0, 1].
 *
 * Bulk volume classification: each bar `i`'s volume is split into buys and sells by the buy
 * fraction `Φ(Δp_i / σ)`, with `Δp_i = close_i − close_{i−1}`, `σ` the sample standard deviation
 * of the last `sigmaPeriod` changes (including `Δp_i`: causal, unlike the paper's full-sample σ)
 * and `Φ` the standard normal CDF (`normalCdf`; a zero change is split evenly even when σ = 0).
 *
 * Bar-based volume buckets (the approximation): buckets of exactly `V` are filled with whole
 * bars in time order; a bar that overflows a bucket is split, its excess going to the next
 * bucket(s) with the same buy fraction — the bar is the finest unit, so within a bar volume is
 * assumed to arrive at a uniform buy fraction. Bucketing starts at bar `sigmaPeriod` (the first
 * with a σ); earlier bars are not bucketed.
 *
 * Warm-up is data dependent: NaN until `n` buckets have completed (at least `sigmaPeriod + 1`
 * bars). NaN at a bar with a NaN (or infinite / negative) close or volume, and while a bucket
 * touched by an unclassifiable bar (its own or the previous close NaN, or σ undefined) is among
 * the last `n`. The bucket sums are exactly rounded.
 *
 * @param columns - `close` and `volume`
 * @param options - `bucketVolume` (required), `buckets`, `sigmaPeriod`
 * @returns a Float64Array of the same length
 * @throws {FeatureArgumentError} for invalid options or unequal lengths
 * @example vpin({ close, volume }, { bucketVolume: 2e6, buckets: 50 })
 */
export function vpin(columns: { readonly close: ArrayLike<number>; readonly volume: ArrayLike<number> }, options: VpinOptions): Float64Array {
  const p = params('vpin', options);
  const { close, volume } = columns;
  const n = sameLength('vpin', close, volume);
  const out = new Float64Array(n);
  const state = new Vpin(p);
  // One reused input object: the batch runs the streaming code itself, so the two agree bit for bit.
  const bar = { close: 0, volume: 0 };
  for (let i = 0; i < n; i++) {
    bar.close = close[i]!;
    bar.volume = volume[i]!;
    out[i] = state.add(bar);
  }
  return out;
}

/**
 * Streaming VPIN: `add({ close, volume })` returns VPIN after the bar, equal to `vpin` at the same
 * index. `warmUp` is a lower bound (the first value also needs `buckets` completed buckets).
 *
 * @example
 * const v = new Vpin({ bucketVolume: 2e6 }); for (const bar of bars) v.add(bar);
 */
export class Vpin implements StreamingFeature<BarInput, number> {
  readonly bucketVolume: number;
  readonly buckets: number;
  readonly sigmaPeriod: number;
  readonly warmUp: number;
  value = Number.NaN;
  // σ of close-to-close changes over the last sigmaPeriod bars.
  readonly #changes: Float64Array;
  readonly #dpSum = new ExactRollingSum();
  readonly #dpSquares = new ExactRollingSum();
  #dpNans = 0;
  // Completed buckets' |V_S − V_B| (NaN for a tainted bucket), the last `buckets` of them.
  readonly #imbalances: Float64Array;
  readonly #imbalanceSum = new ExactRollingSum();
  #taintedInRing = 0;
  #completed = 0;
  // The bucket being filled.
  #filled = 0;
  #buy = 0;
  #tainted = false;
  #previous = Number.NaN;
  #index = 0;

  /** @throws {FeatureArgumentError} for invalid options */
  constructor(options: VpinOptions) {
    const p = params('Vpin', options);
    this.bucketVolume = p.bucketVolume;
    this.buckets = p.buckets;
    this.sigmaPeriod = p.sigmaPeriod;
    this.warmUp = p.sigmaPeriod + 1;
    this.#changes = new Float64Array(p.sigmaPeriod);
    this.#imbalances = new Float64Array(p.buckets);
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  add(bar: BarInput): number {
    const i = this.#index++;
    const c = bar.close ?? Number.NaN;
    const v = bar.volume ?? Number.NaN;
    const dp = c - this.#previous;
    this.#previous = c;
    const sigma = i >= 1 ? this.#pushChange(i - 1, dp) : Number.NaN;
    const validBar = c - c === 0 && v - v === 0 && v >= 0;
    if (i >= this.sigmaPeriod) {
      if (!validBar) {
        // Volume unknown: the bucket in progress can no longer be measured.
        this.#tainted = true;
        if (v - v === 0 && v >= 0) this.#fill(v, Number.NaN);
      } else if (!(dp - dp === 0) || sigma !== sigma) {
        this.#tainted = true;
        this.#fill(v, Number.NaN);
      } else {
        this.#fill(v, dp === 0 ? 0.5 : normalCdf(dp / sigma));
      }
    }
    this.value =
      validBar && this.#completed >= this.buckets && this.#taintedInRing === 0
        ? this.#imbalanceSum.sum() / (this.buckets * this.bucketVolume)
        : Number.NaN;
    return this.value;
  }

  /** Adds the `k`-th change (k from 0) to the σ window; returns σ, NaN until full or with a NaN. */
  #pushChange(k: number, dp: number): number {
    const m = this.sigmaPeriod;
    const slot = k % m;
    if (k >= m) {
      const old = this.#changes[slot]!;
      if (old === old) {
        this.#dpSum.remove(old);
        this.#dpSquares.remove(old * old);
      } else this.#dpNans--;
    }
    this.#changes[slot] = dp;
    if (dp - dp === 0) {
      this.#dpSum.add(dp);
      this.#dpSquares.add(dp * dp);
    } else {
      this.#changes[slot] = Number.NaN;
      this.#dpNans++;
    }
    if (k < m - 1 || this.#dpNans > 0) return Number.NaN;
    const s = this.#dpSum.sum();
    const variance = (m * this.#dpSquares.sum() - s * s) / (m * (m - 1));
    return variance > 0 ? Math.sqrt(variance) : 0;
  }

  /** Pours `v` into buckets at buy fraction `f` (NaN: unclassified, taints what it touches). */
  #fill(v: number, f: number): void {
    const V = this.bucketVolume;
    if (f !== f) this.#tainted = true;
    let rest = v;
    const room = V - this.#filled;
    if (rest < room) {
      this.#filled += rest;
      this.#buy += rest * f;
      return;
    }
    this.#complete(this.#buy + room * f);
    rest -= room;
    // Whole buckets inside one bar, in bulk (a huge bar must not loop per bucket).
    let whole = Math.floor(rest / V);
    rest -= whole * V;
    if (rest < 0) rest = 0;
    while (rest >= V) {
      whole++;
      rest -= V;
    }
    if (whole > 0) {
      // Only the last `buckets` of them can stay in the ring: skip the others (NaN when f is).
      const imbalance = Math.abs(V - 2 * (V * f));
      const kept = Math.min(whole, this.buckets);
      this.#completed += whole - kept;
      for (let j = 0; j < kept; j++) this.#pushBucket(imbalance);
    }
    this.#filled = rest;
    this.#buy = rest * f;
    this.#tainted = f !== f && rest > 0;
  }

  /** Completes the bucket in progress with buy volume `buy`. */
  #complete(buy: number): void {
    this.#pushBucket(this.#tainted ? Number.NaN : Math.abs(this.bucketVolume - 2 * buy));
    this.#tainted = false;
    this.#filled = 0;
    this.#buy = 0;
  }

  #pushBucket(imbalance: number): void {
    const n = this.buckets;
    const slot = this.#completed % n;
    if (this.#completed >= n) {
      const old = this.#imbalances[slot]!;
      if (old === old) this.#imbalanceSum.remove(old);
      else this.#taintedInRing--;
    }
    this.#imbalances[slot] = imbalance;
    if (imbalance === imbalance) this.#imbalanceSum.add(imbalance);
    else this.#taintedInRing++;
    this.#completed++;
  }
}

/** The registered definition of `vpin` over close and volume. */
export function vpinFeature(options: VpinOptions): FeatureDefinition<Float64Array> {
  const p = params('vpinFeature', options);
  return {
    name: `vpin(${p.bucketVolume}, ${p.buckets}, ${p.sigmaPeriod})`,
    inputs: ['close', 'volume'],
    batch: (c) => vpin({ close: column('vpin', c, 'close'), volume: column('vpin', c, 'volume') }, p),
    stream: () => new Vpin(p),
  };
}
