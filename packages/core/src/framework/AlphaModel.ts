/**
 * Extension point: an alpha model turns the point-in-time market into insights.
 */
import type { Insight } from './Insight.js';
import type { MarketView } from './MarketView.js';

/** Inputs of {@link AlphaModel.update}. */
export interface AlphaModelParams {
  /** The market up to and including the current bar. */
  readonly market: MarketView;
}

/**
 * Produces insights from the market at the current bar. Called once per bar in the decide phase;
 * build insights with `createInsight` using `market.time` and `market.index`. A model may keep
 * state between calls (it sees bars in order), but its output at a bar must depend only on data up
 * to that bar (checked by `testAlphaModelContract`).
 *
 * @example
 * class Breakout implements AlphaModel {
 *   readonly name = 'Breakout(20)';
 *   update({ market }: AlphaModelParams): readonly Insight[] {
 *     return market.symbols.filter((s) => market.history(s, 'close', 21).length === 21 && …)
 *       .map((symbol) => createInsight({ symbol, direction: 1, horizonBars: 5, sourceAlpha: this.name,
 *         generatedTime: market.time, generatedIndex: market.index }));
 *   }
 * }
 */
export interface AlphaModel {
  /** Short description with parameters, used as the insights' `sourceAlpha`. */
  readonly name: string;
  update(params: AlphaModelParams): readonly Insight[];
}
