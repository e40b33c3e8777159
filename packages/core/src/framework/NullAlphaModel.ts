import type { AlphaModel } from './AlphaModel.js';
import type { Insight } from './Insight.js';

/**
 * The alpha model with no views: no insights, ever.
 *
 * @example
 * new FrameworkStrategy({ alpha: new NullAlphaModel(), … }); // holds cash
 */
export class NullAlphaModel implements AlphaModel {
  readonly name = 'NullAlphaModel';

  update(): readonly Insight[] {
    return [];
  }
}
