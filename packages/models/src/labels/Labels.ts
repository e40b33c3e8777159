/**
 * Labels: what a model learns to predict, kept a different type from features (DESIGN §3). A
 * `Labels` value carries, for every bar, the label, the return it realised and the time its
 * horizon closes, so splitters can purge and walk-forward training can refuse labels whose
 * horizon had not closed at prediction time. It is branded: a `Float64Array` feature column is
 * not a `Labels`, and a `Labels` is not a `Float64Array` — neither can be passed for the other.
 */

declare const labelsBrand: unique symbol;

/** How a label was defined (recorded in model files). */
export type LabelDefinition =
  | { readonly kind: 'forwardReturn'; readonly horizon: number; readonly log: boolean }
  | {
      readonly kind: 'tripleBarrier';
      readonly horizon: number;
      readonly profitTake: number;
      readonly stopLoss: number;
      readonly volatilityWindow: number;
      readonly verticalLabel: 'sign' | 'zero';
    }
  | { readonly kind: 'metaLabel'; readonly of: LabelDefinition };

/** Which barrier ended a triple-barrier event. */
export const Barrier = {
  None: 0,
  Upper: 1,
  Lower: -1,
  Vertical: 2,
} as const;
/** One of {@link Barrier}. */
export type Barrier = (typeof Barrier)[keyof typeof Barrier];

/**
 * Labels of one series, aligned to its bars (NaN label where undefined: the last bars, whose
 * horizon lies beyond the data, and warm-up bars).
 */
export interface Labels {
  readonly [labelsBrand]: 'Labels';
  readonly definition: LabelDefinition;
  /** Bar time each label belongs to (the time its features are observed). */
  readonly time: Float64Array;
  /** The label: a return, a class in {−1, 0, 1}, or a meta-label in {0, 1}; NaN when undefined. */
  readonly value: Float64Array;
  /** Return realised from the bar's close to the label's end (NaN when undefined). */
  readonly realizedReturn: Float64Array;
  /** Time the label's horizon closes (its end in purging); NaN when undefined. */
  readonly horizonEnd: Float64Array;
  /** Triple barrier: which barrier was touched first (a {@link Barrier} code); 0 otherwise. */
  readonly barrier: Int8Array;
}

/** Builds a branded `Labels` (internal: only label functions mint labels). */
export function makeLabels(fields: Omit<Labels, typeof labelsBrand>): Labels {
  return Object.freeze({ ...fields }) as Labels;
}

/** Number of defined labels. */
export function definedCount(labels: Labels): number {
  let n = 0;
  for (const v of labels.value) if (!Number.isNaN(v)) n++;
  return n;
}
