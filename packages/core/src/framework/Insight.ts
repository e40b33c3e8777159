/**
 * An insight: one alpha's view on one symbol at one bar — immutable, validated on creation.
 */
import { QtError } from '../errors.js';

/**
 * Thrown when an insight field is out of range or not finite (a bug in the alpha that produced
 * it, so an exception — never silently clipped). The message quotes the field and value.
 */
export class InsightError extends QtError {}

/** Expected direction of the symbol's price: up (long), down (short) or flat (no position). */
export const InsightDirection = { Up: 1, Flat: 0, Down: -1 } as const;
/** {@inheritDoc InsightDirection} */
export type InsightDirection = (typeof InsightDirection)[keyof typeof InsightDirection];

/** An alpha's view on one symbol, emitted during one bar. Build it with {@link createInsight}. */
export interface Insight {
  readonly symbol: string;
  /** Expected direction; `Flat` asks for no position. */
  readonly direction: InsightDirection;
  /**
   * Signed strength (finite; same sign as `direction`, 0 when flat). Units are the alpha's own:
   * a z-score, a rank in [−1, 1], a predicted return.
   */
  readonly score: number;
  /** Predicted return over the horizon (a fraction), or NaN when the alpha makes no return forecast. */
  readonly magnitude: number;
  /** Confidence in [0, 1]. */
  readonly confidence: number;
  /** Relative weight for insight-weighted construction, `>= 0` (default 1). */
  readonly weight: number;
  /** Bars the insight stays active, counting its own bar: active on bars `generatedIndex … generatedIndex + horizonBars − 1`. */
  readonly horizonBars: number;
  /** Name of the alpha that produced it. */
  readonly sourceAlpha: string;
  /** Time label (epoch ms) of the bar it was generated on. */
  readonly generatedTime: number;
  /** Index of that bar on the run's time index. */
  readonly generatedIndex: number;
}

/** Fields of {@link createInsight}; the defaults fill the rest. */
export interface InsightInit {
  readonly symbol: string;
  /** Default: the sign of `score`. */
  readonly direction?: InsightDirection;
  /** Default: `direction` (±1 or 0). One of `direction` and `score` is required. */
  readonly score?: number;
  /** Default NaN (no return forecast). */
  readonly magnitude?: number;
  /** Default 1. */
  readonly confidence?: number;
  /** Default 1. */
  readonly weight?: number;
  /** Default 1 (active on its own bar only, so the alpha must re-emit it every bar). */
  readonly horizonBars?: number;
  readonly sourceAlpha: string;
  readonly generatedTime: number;
  readonly generatedIndex: number;
}

function fail(field: string, value: unknown, expected: string, init: InsightInit): never {
  throw new InsightError(
    `insight ${field} ${typeof value === 'string' ? JSON.stringify(value) : String(value)} for "${String(init.symbol)}" from "${String(init.sourceAlpha)}": expected ${expected}`,
  );
}

/**
 * Builds a frozen, validated insight.
 *
 * @throws {InsightError} quoting the field and value when: the symbol or source is empty; the
 *   direction is not −1, 0 or 1; the score is not finite or its sign contradicts the direction;
 *   the confidence is outside [0, 1]; the weight is negative or not finite; the magnitude is
 *   infinite; the horizon is not a positive integer; the time or index is not finite / a
 *   non-negative integer.
 * @example
 * const insight = createInsight({ symbol: 'AAPL', score: 1.3, confidence: 0.8, horizonBars: 5,
 *   sourceAlpha: 'Momentum(20)', generatedTime: ctx.time, generatedIndex: ctx.index });
 * insight.direction; // 1
 */
export function createInsight(init: InsightInit): Insight {
  if (typeof init.symbol !== 'string' || init.symbol.length === 0) fail('symbol', init.symbol, 'a non-empty string', init);
  if (typeof init.sourceAlpha !== 'string' || init.sourceAlpha.length === 0) {
    fail('sourceAlpha', init.sourceAlpha, 'a non-empty string', init);
  }
  if (init.direction === undefined && init.score === undefined) fail('direction', undefined, 'a direction or a score', init);
  const score = init.score ?? init.direction!;
  if (!Number.isFinite(score)) fail('score', score, 'a finite number', init);
  const direction = init.direction ?? (Math.sign(score) as InsightDirection);
  if (direction !== 1 && direction !== 0 && direction !== -1) fail('direction', direction, '-1, 0 or 1', init);
  if ((direction === 0 && score !== 0) || (direction !== 0 && Math.sign(score) !== direction)) {
    fail('score', score, `a score with the sign of direction ${direction}`, init);
  }
  const magnitude = init.magnitude ?? Number.NaN;
  if (magnitude === Infinity || magnitude === -Infinity) fail('magnitude', magnitude, 'a finite number or NaN', init);
  const confidence = init.confidence ?? 1;
  if (!(confidence >= 0 && confidence <= 1)) fail('confidence', confidence, 'a number in [0, 1]', init);
  const weight = init.weight ?? 1;
  if (!(Number.isFinite(weight) && weight >= 0)) fail('weight', weight, 'a finite number >= 0', init);
  const horizonBars = init.horizonBars ?? 1;
  if (!(Number.isInteger(horizonBars) && horizonBars >= 1)) fail('horizonBars', horizonBars, 'a positive integer', init);
  if (!Number.isFinite(init.generatedTime)) fail('generatedTime', init.generatedTime, 'finite epoch milliseconds', init);
  if (!(Number.isInteger(init.generatedIndex) && init.generatedIndex >= 0)) {
    fail('generatedIndex', init.generatedIndex, 'a non-negative integer', init);
  }
  return Object.freeze({
    symbol: init.symbol,
    direction,
    score: score === 0 ? 0 : score, // no −0
    magnitude,
    confidence,
    weight,
    horizonBars,
    sourceAlpha: init.sourceAlpha,
    generatedTime: init.generatedTime,
    generatedIndex: init.generatedIndex,
  });
}

/**
 * Whether the insight is active on bar `index`: `generatedIndex <= index < generatedIndex + horizonBars`.
 *
 * @example
 * isInsightActive(insight, ctx.index);
 */
export function isInsightActive(insight: Insight, index: number): boolean {
  return index >= insight.generatedIndex && index < insight.generatedIndex + insight.horizonBars;
}

/**
 * Whether two insights say the same thing (symbol, source, direction, score, magnitude,
 * confidence, weight, horizon) — times aside. A re-emitted identical insight only extends the
 * expiry; it does not trigger a rebalance in {@link FrameworkStrategy}.
 */
export function sameInsightView(a: Insight, b: Insight): boolean {
  return (
    a.symbol === b.symbol &&
    a.sourceAlpha === b.sourceAlpha &&
    a.direction === b.direction &&
    a.score === b.score &&
    Object.is(a.magnitude, b.magnitude) &&
    a.confidence === b.confidence &&
    a.weight === b.weight &&
    a.horizonBars === b.horizonBars
  );
}
