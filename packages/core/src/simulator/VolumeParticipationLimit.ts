/**
 * A participation cap: fills of one symbol take at most a fraction of each bar's volume.
 */
import { InvariantError } from '../errors.js';
import type { VolumeLimitModel, VolumeLimitParams } from './VolumeLimitModel.js';

/**
 * At most `fraction × bar volume` shares per symbol per bar (rounded down to whole shares unless
 * `fractional`); bars without volume (NaN) are not capped, bars with zero volume fill nothing.
 *
 * @example
 * new VolumeParticipationLimit(0.1) // at most 10% of each bar's volume
 */
export class VolumeParticipationLimit implements VolumeLimitModel {
  readonly name: string;
  readonly fraction: number;
  readonly fractional: boolean;

  /** @throws {InvariantError} unless 0 < fraction <= 1. */
  constructor(fraction: number, options: { readonly fractional?: boolean } = {}) {
    if (!(fraction > 0 && fraction <= 1)) throw new InvariantError(`participation fraction must be in (0, 1], got "${fraction}"`);
    this.fraction = fraction;
    this.fractional = options.fractional ?? false;
    this.name = `VolumeParticipationLimit(${fraction})`;
  }

  maxQuantity(params: VolumeLimitParams): number {
    const volume = params.bar.volume;
    if (Number.isNaN(volume)) return Number.POSITIVE_INFINITY;
    const room = this.fraction * volume - params.filledThisBar;
    // The epsilon keeps 0.1 × 1000 = 100.00000000000001 − 0 from losing a share to rounding.
    const cap = this.fractional ? room : Math.floor(room + 1e-9);
    return Math.max(0, cap);
  }
}
