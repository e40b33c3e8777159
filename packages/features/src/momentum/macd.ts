/**
 * Moving average convergence/divergence (MACD, Appel): the fast EMA minus the slow EMA, its signal
 * line (an EMA of it) and their difference, the histogram.
 */
import { ExactRollingSum } from '../core/ExactRollingSum.js';
import { FeatureArgumentError, checkPeriod, column } from '../core/errors.js';
import type { FeatureDefinition, StreamingFeature } from '../core/types.js';
import { EmaStage } from '../trend/ema.js';

/** Periods of {@link macd}. */
export interface MacdOptions {
  /** Fast EMA period (default 12). */
  readonly fast?: number;
  /** Slow EMA period, greater than `fast` (default 26). */
  readonly slow?: number;
  /** Signal EMA period (default 9). */
  readonly signal?: number;
}

/** The three aligned output columns of {@link macd}. */
export type MacdOutput = Readonly<{ macd: Float64Array; signal: Float64Array; histogram: Float64Array }>;

/** One streaming MACD value (a new frozen object per input). */
export type MacdValue = Readonly<{ macd: number; signal: number; histogram: number }>;

interface Periods {
  readonly fast: number;
  readonly slow: number;
  readonly signal: number;
}

function periods(name: string, options: MacdOptions): Periods {
  const { fast = 12, slow = 26, signal = 9 } = options;
  checkPeriod(`${name} fast`, fast);
  checkPeriod(`${name} slow`, slow);
  checkPeriod(`${name} signal`, signal);
  if (fast >= slow) throw new FeatureArgumentError(`${name}: fast period must be < slow period, got fast "${fast}" and slow "${slow}"`);
  return { fast, slow, signal };
}

/**
 * The MACD recursion of the streaming face; the batch `macd` unrolls the same arithmetic, in the
 * same order, into locals. The fast EMA sees only the last `fast` of the first `slow` inputs after
 * a (re)start, so its seed window is the tail of the slow one (TA-Lib).
 */
class MacdState {
  readonly #skip: number;
  readonly #slowPeriod: number;
  readonly #fast: EmaStage;
  readonly #slow: EmaStage;
  readonly #signal: EmaStage;
  #run = 0;
  macd = Number.NaN;
  signal = Number.NaN;
  histogram = Number.NaN;

  constructor(p: Periods) {
    this.#skip = p.slow - p.fast;
    this.#slowPeriod = p.slow;
    this.#fast = new EmaStage(p.fast);
    this.#slow = new EmaStage(p.slow);
    this.#signal = new EmaStage(p.signal);
  }

  step(x: number): void {
    // Consecutive usable inputs since the last missing one (capped: only `> skip` matters).
    if (x - x !== 0) this.#run = 0;
    else if (this.#run < this.#slowPeriod) this.#run++;
    const slow = this.#slow.step(x);
    const fast = this.#fast.step(this.#run > this.#skip ? x : Number.NaN);
    const m = fast - slow;
    const g = this.#signal.step(m);
    this.macd = m;
    this.signal = g;
    this.histogram = m - g;
  }
}

/**
 * Scratch sums of `macd`, reused by every call: a per-call object lets V8 discard the kernel's
 * optimised code at each garbage collection ("weak objects" deopt, up to 3× slower; see `ema`).
 * Safe: the kernel clears them first and runs to completion without calling user code.
 */
const MACD_SEED_FAST = new ExactRollingSum();
const MACD_SEED_SLOW = new ExactRollingSum();
const MACD_SEED_SIGNAL = new ExactRollingSum();

/**
 * MACD, aligned to the input (TA-Lib conventions): `macd = EMA_fast − EMA_slow`, `signal =
 * EMA_signal(macd)`, `histogram = macd − signal`, each EMA with α = 2/(period + 1).
 *
 * Seeding and warm-up (TA-Lib's `TA_MACD`): the slow EMA is seeded with the mean of the first
 * `slow` values and the fast EMA with the mean of the last `fast` of those (values `slow − fast ..
 * slow − 1`), so both start at index `slow − 1`, where the MACD line starts; the fast EMA is
 * therefore not `ema(values, fast)` at first: the seed difference decays by (1 − α_fast) per value
 * (at 12/26 it is below 1e-12 of the price level about 150 values after the start). The
 * signal line is seeded with the mean of the first `signal` MACD values and starts at index
 * `slow + signal − 2`, as does the histogram (defaults: MACD from index 25, signal and histogram
 * from 33). Earlier values are NaN.
 *
 * Missing values: a NaN (or ±Infinity) input gives NaN in all three outputs and restarts the
 * computation as if the series began after it.
 *
 * @param values - input series (typically closes)
 * @param options - `fast` (12), `slow` (26, > fast), `signal` (9): whole numbers >= 1
 * @returns `{ macd, signal, histogram }`, Float64Arrays of the input's length, in its units
 * @throws {FeatureArgumentError} for an invalid period or `fast >= slow`
 * @example
 * const { macd: line, signal, histogram } = macd(close); // 12/26/9
 * macd(close, { fast: 5, slow: 35, signal: 5 });
 */
export function macd(values: ArrayLike<number>, options: MacdOptions = {}): MacdOutput {
  const { fast, slow, signal } = periods('macd', options);
  const n = values.length;
  const line = new Float64Array(n);
  const sig = new Float64Array(n);
  const hist = new Float64Array(n);
  // MacdState's arithmetic with the three EMA stages unrolled into locals (a field load/store on
  // each recursion's dependency chain costs more than half the speed). Each stage mirrors
  // EmaStage.step; the fast stage is fed only once `count > skip` (see MacdState).
  const skip = slow - fast;
  const aF = 2 / (fast + 1);
  const aS = 2 / (slow + 1);
  const aG = 2 / (signal + 1);
  const seedF = MACD_SEED_FAST;
  seedF.clear();
  const seedS = MACD_SEED_SLOW;
  seedS.clear();
  const seedG = MACD_SEED_SIGNAL;
  seedG.clear();
  let nF = 0;
  let nS = 0;
  let nG = 0;
  let f = Number.NaN;
  let s = Number.NaN;
  let g = Number.NaN;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    let fv: number;
    let sv: number;
    if (nF === fast && x - x === 0) {
      // Seeded (the fast stage seeds on the same input as the slow one).
      sv = s = (x - s) * aS + s;
      fv = f = (x - f) * aF + f;
    } else if (x - x !== 0) {
      nF = nS = nG = 0;
      seedF.clear();
      seedS.clear();
      seedG.clear();
      f = s = g = Number.NaN;
      line[i] = sig[i] = hist[i] = Number.NaN;
      continue;
    } else {
      seedS.add(x);
      if (++nS < slow) sv = Number.NaN;
      else {
        sv = s = seedS.sum() / slow;
        seedS.clear();
      }
      if (nS <= skip) fv = Number.NaN;
      else {
        seedF.add(x);
        if (++nF < fast) fv = Number.NaN;
        else {
          fv = f = seedF.sum() / fast;
          seedF.clear();
        }
      }
    }
    const m = fv - sv;
    let gv: number;
    if (nG === signal && m - m === 0) {
      gv = g = (m - g) * aG + g;
    } else if (m - m !== 0) {
      nG = 0;
      seedG.clear();
      gv = g = Number.NaN;
    } else {
      seedG.add(m);
      if (++nG < signal) gv = Number.NaN;
      else {
        gv = g = seedG.sum() / signal;
        seedG.clear();
      }
    }
    line[i] = m;
    sig[i] = gv;
    hist[i] = m - gv;
  }
  return { macd: line, signal: sig, histogram: hist };
}

const NOT_READY: MacdValue = Object.freeze({ macd: Number.NaN, signal: Number.NaN, histogram: Number.NaN });

/**
 * Streaming MACD: `add(x)` returns a new frozen `{ macd, signal, histogram }` including `x`, equal
 * to `macd(values, options)` at the same index. `warmUp` (`slow + signal − 1`) and `isReady`
 * refer to all three outputs; the MACD line alone is defined from input `slow`.
 *
 * @example
 * const m = new Macd();
 * for (const close of closes) {
 *   const { histogram } = m.add(close);
 * }
 */
export class Macd implements StreamingFeature<number, MacdValue> {
  readonly fast: number;
  readonly slow: number;
  readonly signal: number;
  readonly warmUp: number;
  value: MacdValue = NOT_READY;
  readonly #state: MacdState;

  /** @throws {FeatureArgumentError} for an invalid period or `fast >= slow` */
  constructor(options: MacdOptions = {}) {
    const p = periods('Macd', options);
    this.fast = p.fast;
    this.slow = p.slow;
    this.signal = p.signal;
    this.warmUp = p.slow + p.signal - 1;
    this.#state = new MacdState(p);
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value.histogram);
  }

  add(x: number): MacdValue {
    const s = this.#state;
    s.step(x);
    this.value = Object.freeze({ macd: s.macd, signal: s.signal, histogram: s.histogram });
    return this.value;
  }
}

/** The registered definition of `macd(fast,slow,signal)` over the close. */
export function macdFeature(options: MacdOptions = {}): FeatureDefinition<MacdOutput> {
  const { fast = 12, slow = 26, signal = 9 } = options;
  return {
    name: `macd(${fast},${slow},${signal})`,
    inputs: ['close'],
    batch: (c) => macd(column('macd', c, 'close'), options),
    stream: () => new Macd(options),
  };
}
