/**
 * Money flow index (MFI): a volume-weighted RSI of the typical price, in [0, 100].
 */
import { ExactRollingSum } from '../core/ExactRollingSum.js';
import { checkPeriod, column, sameLength } from '../core/errors.js';
import type { BarInput, FeatureDefinition, StreamingFeature } from '../core/types.js';
import type { HlcvColumns } from './vwap.js';

/**
 * Scratch sums of `mfi`, reused by every call: a per-call object lets V8 discard the kernel's
 * optimised code at each garbage collection ("weak objects" deopt; see `ema`). Safe: the kernel
 * clears them first and runs to completion without calling user code.
 */
const MFI_POS = new ExactRollingSum();
const MFI_NEG = new ExactRollingSum();

/**
 * Money flow index, aligned to the input, TA-Lib's convention: typical price `tp = (high + low +
 * close) / 3`, money flow `tp·volume` from index 1, counted as positive when `tp` rose from the
 * previous bar, negative when it fell, and in neither sum when unchanged; `out[t] = 100 · pos /
 * (pos + neg)` over the flows of bars `t − period + 1 .. t` (exactly rounded sums). Range [0, 100].
 *
 * Warm-up: the first value is at index `period` (it needs `period` flows). When the window has no
 * money flow at all (`pos + neg = 0`) the value is 0, as in TA-Lib (TA-Lib applies this below a
 * total of 1; here only at exactly 0, since volume may be fractional). NaN while a bar with a NaN
 * input, or the bar after it (its flow's direction is unknown), is in the window.
 *
 * `technicalindicators`' `MFI` differs: it drops the first bar, counts unchanged `tp` as negative
 * flow and rounds to 2 decimals; elsewhere it equals this.
 *
 * @param columns - `high`, `low`, `close`, `volume`
 * @param period - number of money flows (whole number >= 1; 14 is usual)
 * @returns a Float64Array of the same length
 * @throws {FeatureArgumentError} for an invalid period or unequal column lengths
 * @example mfi({ high, low, close, volume }, 14)
 */
export function mfi(columns: HlcvColumns, period = 14): Float64Array {
  checkPeriod('mfi', period);
  const { high, low, close, volume } = columns;
  const n = sameLength('mfi', high, low, close, volume);
  const out = new Float64Array(n).fill(Number.NaN);
  const pos = MFI_POS;
  pos.clear();
  const neg = MFI_NEG;
  neg.clear();
  // Bar j's positive and negative flow sit at j % period, so a leaving bar removes exactly what it
  // added.
  const ringPos = new Float64Array(period);
  const ringNeg = new Float64Array(period);
  let nans = 0;
  let previous = n > 0 ? (high[0]! + low[0]! + close[0]!) / 3 : Number.NaN;
  for (let i = 1; i < n; i++) {
    const k = i % period;
    if (i > period) {
      const p = ringPos[k]!;
      if (p === p) {
        pos.remove(p);
        neg.remove(ringNeg[k]!);
      } else nans--;
    }
    const tp = (high[i]! + low[i]! + close[i]!) / 3;
    const x = tp * volume[i]!;
    let up = 0;
    let down = 0;
    if (tp > previous) up = x;
    else if (tp < previous) down = x;
    if (!(x - x === 0) || tp !== tp || previous !== previous) up = down = Number.NaN;
    previous = tp;
    ringPos[k] = up;
    ringNeg[k] = down;
    if (up === up) {
      pos.add(up);
      neg.add(down);
    } else nans++;
    if (i >= period && nans === 0) out[i] = ratio(pos.sum(), neg.sum());
  }
  return out;
}

function ratio(pos: number, neg: number): number {
  const total = pos + neg;
  return total === 0 ? 0 : 100 * (pos / total);
}

/**
 * Streaming MFI: `add(bar)` returns the MFI including the bar, equal to `mfi` at the same index.
 *
 * @example
 * const m = new Mfi(14); for (const bar of bars) m.add(bar);
 */
export class Mfi implements StreamingFeature<BarInput, number> {
  readonly period: number;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #pos = new ExactRollingSum();
  readonly #neg = new ExactRollingSum();
  readonly #ringPos: Float64Array;
  readonly #ringNeg: Float64Array;
  #previous = Number.NaN;
  #count = 0;
  #nans = 0;

  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(period = 14) {
    checkPeriod('Mfi', period);
    this.period = period;
    this.warmUp = period + 1;
    this.#ringPos = new Float64Array(period);
    this.#ringNeg = new Float64Array(period);
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  add(bar: BarInput): number {
    const i = this.#count++;
    const tp = ((bar.high ?? Number.NaN) + (bar.low ?? Number.NaN) + (bar.close ?? Number.NaN)) / 3;
    if (i === 0) {
      this.#previous = tp;
      return this.value;
    }
    const k = i % this.period;
    if (i > this.period) {
      const p = this.#ringPos[k]!;
      if (p === p) {
        this.#pos.remove(p);
        this.#neg.remove(this.#ringNeg[k]!);
      } else this.#nans--;
    }
    const x = tp * (bar.volume ?? Number.NaN);
    const previous = this.#previous;
    let up = 0;
    let down = 0;
    if (tp > previous) up = x;
    else if (tp < previous) down = x;
    if (!(x - x === 0) || tp !== tp || previous !== previous) up = down = Number.NaN;
    this.#previous = tp;
    this.#ringPos[k] = up;
    this.#ringNeg[k] = down;
    if (up === up) {
      this.#pos.add(up);
      this.#neg.add(down);
    } else this.#nans++;
    this.value = i >= this.period && this.#nans === 0 ? ratio(this.#pos.sum(), this.#neg.sum()) : Number.NaN;
    return this.value;
  }
}

/** The registered definition of `mfi(period)` over high, low, close and volume. */
export function mfiFeature(period = 14): FeatureDefinition<Float64Array> {
  checkPeriod('mfiFeature', period);
  return {
    name: `mfi(${period})`,
    inputs: ['high', 'low', 'close', 'volume'],
    batch: (c) => mfi({ high: column('mfi', c, 'high'), low: column('mfi', c, 'low'), close: column('mfi', c, 'close'), volume: column('mfi', c, 'volume') }, period),
    stream: () => new Mfi(period),
  };
}
