/**
 * On-balance volume (OBV, Granville 1963): a running total of volume, added on up-closes and
 * subtracted on down-closes.
 */
import { column, sameLength } from '../core/errors.js';
import type { BarInput, FeatureDefinition, StreamingFeature } from '../core/types.js';

/**
 * On-balance volume, aligned to the input: `out[0] = 0`, then `out[i] = out[i−1] + volume[i]` if
 * `close[i] > close[i−1]`, `− volume[i]` if lower, unchanged if equal. Units: volume (shares).
 *
 * Convention: OBV starts at 0 on the first bar (its volume has no direction), as in
 * `technicalindicators` (whose output starts one bar later: its `[j]` is our `[j + 1]`); TA-Lib
 * starts at the first bar's volume instead, which shifts the whole series by `volume[0]` and
 * changes nothing else. No warm-up: defined from index 0.
 *
 * NaN: the total is cumulative, so a NaN close or volume makes this and every later value NaN
 * (a missing bar's direction and size are unknown, and so is every later level).
 *
 * @param columns - `close` and `volume`, equal lengths
 * @returns a Float64Array of the same length
 * @throws {FeatureArgumentError} when a column is missing or lengths differ
 * @example obv({ close: [10, 11, 11, 9], volume: [5, 7, 3, 4] }) // Float64Array [0, 7, 7, 3]
 */
export function obv(columns: { readonly close: ArrayLike<number>; readonly volume: ArrayLike<number> }): Float64Array {
  const close = columns.close;
  const volume = columns.volume;
  const n = sameLength('obv', close, volume);
  const out = new Float64Array(n);
  if (n === 0) return out;
  let total = close[0]! === close[0]! && volume[0]! === volume[0]! ? 0 : Number.NaN;
  out[0] = total;
  for (let i = 1; i < n; i++) {
    const c = close[i]!;
    const p = close[i - 1]!;
    const v = volume[i]!;
    // NaN (c, p or v) must poison the total: route it through an addition.
    if (c > p) total += v;
    else if (c < p) total -= v;
    else if (c !== c || p !== p || v !== v) total = Number.NaN;
    out[i] = total;
  }
  return out;
}

/**
 * Streaming OBV: `add({ close, volume })` returns OBV including the bar, equal to `obv` at the
 * same index.
 *
 * @example
 * const o = new Obv(); o.add({ close: 10, volume: 5 }); o.add({ close: 11, volume: 7 }); // 7
 */
export class Obv implements StreamingFeature<BarInput, number> {
  readonly warmUp = 1;
  value = Number.NaN;
  #previous = Number.NaN;
  #count = 0;

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  add(bar: BarInput): number {
    const c = bar.close ?? Number.NaN;
    const v = bar.volume ?? Number.NaN;
    if (this.#count === 0) {
      this.value = c === c && v === v ? 0 : Number.NaN;
    } else {
      const p = this.#previous;
      if (c > p) this.value += v;
      else if (c < p) this.value -= v;
      else if (c !== c || p !== p || v !== v) this.value = Number.NaN;
    }
    this.#previous = c;
    this.#count++;
    return this.value;
  }
}

/** The registered definition of `obv` over close and volume. */
export function obvFeature(): FeatureDefinition<Float64Array> {
  return {
    name: 'obv',
    inputs: ['close', 'volume'],
    batch: (c) => obv({ close: column('obv', c, 'close'), volume: column('obv', c, 'volume') }),
    stream: () => new Obv(),
  };
}
