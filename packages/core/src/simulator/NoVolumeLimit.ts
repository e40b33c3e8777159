/**
 * The null volume limit: any quantity fills on any bar.
 */
import type { VolumeLimitModel, VolumeLimitParams } from './VolumeLimitModel.js';

/**
 * No cap.
 *
 * @example
 * backtest({ data, strategy, volumeLimit: new NoVolumeLimit() }); // the default
 */
export class NoVolumeLimit implements VolumeLimitModel {
  readonly name = 'NoVolumeLimit';

  maxQuantity(_params: VolumeLimitParams): number {
    return Number.POSITIVE_INFINITY;
  }
}
