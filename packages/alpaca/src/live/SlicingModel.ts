/**
 * How a parent order is worked over bars: at once, in equal slices (TWAP), or in slices following
 * a volume profile (VWAP) — each capped by a participation limit (a fraction of the bar's volume).
 * Pure functions of the inputs, so the same model serves a backtest and the live runner.
 */

/** What a model sees when it sizes the next slice. */
export interface SliceParams {
  /** Shares of the parent still to send. */
  readonly remaining: number;
  /** Slices already sent (0 on the first). */
  readonly sliceIndex: number;
  /** Volume of the bar just closed (NaN when unknown). */
  readonly lastBarVolume: number;
  /** Whole shares only. */
  readonly wholeShares: boolean;
}

/** An execution model. */
export interface SlicingModel {
  readonly name: string;
  /** Shares to send now (0 = wait for the next bar). Never more than `remaining`. */
  nextSlice(params: SliceParams): number;
}

function capped(q: number, p: SliceParams, participation: number | undefined): number {
  let out = Math.min(q, p.remaining);
  if (participation !== undefined && Number.isFinite(p.lastBarVolume)) out = Math.min(out, participation * p.lastBarVolume);
  out = p.wholeShares ? Math.floor(out + 1e-9) : out;
  return Math.max(0, out);
}

/** Sends the whole order at once (optionally capped by participation; the rest waits). */
export class ImmediateSlicing implements SlicingModel {
  readonly name: string;
  readonly #participation: number | undefined;
  constructor(options: { readonly participation?: number } = {}) {
    this.#participation = checkParticipation(options.participation);
    this.name = this.#participation === undefined ? 'Immediate' : `Immediate(participation=${this.#participation})`;
  }
  nextSlice(p: SliceParams): number {
    return capped(p.remaining, p, this.#participation);
  }
}

/** Equal slices over `slices` bars; the last slice takes what is left. */
export class TwapSlicing implements SlicingModel {
  readonly name: string;
  readonly #slices: number;
  readonly #participation: number | undefined;
  constructor(options: { readonly slices: number; readonly participation?: number }) {
    if (!(Number.isInteger(options.slices) && options.slices >= 1)) throw new RangeError(`TWAP slices must be a whole number >= 1, got "${options.slices}"`);
    this.#slices = options.slices;
    this.#participation = checkParticipation(options.participation);
    this.name = `TWAP(${this.#slices})`;
  }
  nextSlice(p: SliceParams): number {
    const left = Math.max(1, this.#slices - p.sliceIndex);
    return capped(left === 1 ? p.remaining : p.remaining / left, p, this.#participation);
  }
}

/**
 * Slices proportional to a volume profile (e.g. the mean volume of each bar of the session from
 * history): slice `i` takes `profile[i] / Σ profile[i..]` of what remains.
 */
export class VwapSlicing implements SlicingModel {
  readonly name: string;
  readonly #profile: readonly number[];
  readonly #participation: number | undefined;
  constructor(options: { readonly profile: readonly number[]; readonly participation?: number }) {
    if (options.profile.length === 0 || options.profile.some((v) => !(v >= 0)) || options.profile.every((v) => v === 0)) {
      throw new RangeError(`VWAP profile must be non-empty, >= 0 and not all 0, got [${options.profile.join(', ')}]`);
    }
    this.#profile = [...options.profile];
    this.#participation = checkParticipation(options.participation);
    this.name = `VWAP(${this.#profile.length})`;
  }

  /** A profile from history: mean volume per bar position within each run of `slices` bars. */
  static profileFrom(volumes: readonly number[], slices: number): number[] {
    const sums = new Array<number>(slices).fill(0);
    const counts = new Array<number>(slices).fill(0);
    volumes.forEach((v, i) => {
      if (Number.isFinite(v)) {
        sums[i % slices]! += v;
        counts[i % slices]!++;
      }
    });
    return sums.map((s, i) => (counts[i]! > 0 ? s / counts[i]! : 0));
  }

  nextSlice(p: SliceParams): number {
    const i = Math.min(p.sliceIndex, this.#profile.length - 1);
    const rest = this.#profile.slice(i).reduce((a, b) => a + b, 0);
    const share = i === this.#profile.length - 1 || rest === 0 ? 1 : this.#profile[i]! / rest;
    return capped(p.remaining * share, p, this.#participation);
  }
}

function checkParticipation(p: number | undefined): number | undefined {
  if (p !== undefined && !(p > 0 && p <= 1)) throw new RangeError(`participation must be in (0, 1], got "${p}"`);
  return p;
}
