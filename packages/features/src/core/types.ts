/**
 * The shapes every feature shares: aligned batch outputs and streaming objects whose value after
 * each input equals the batch output at that index.
 */

/** Columns of bar data a feature may read (any subset, equal lengths). */
export interface BarColumns {
  readonly open?: ArrayLike<number>;
  readonly high?: ArrayLike<number>;
  readonly low?: ArrayLike<number>;
  readonly close?: ArrayLike<number>;
  readonly volume?: ArrayLike<number>;
}

/** One bar for a streaming feature (only the fields it needs must be set). */
export interface BarInput {
  readonly open?: number;
  readonly high?: number;
  readonly low?: number;
  readonly close?: number;
  readonly volume?: number;
}

/** A batch output: one aligned column, or several named ones (multi-output features). */
export type FeatureOutput = Float64Array | Readonly<Record<string, Float64Array>>;

/**
 * The streaming face of a feature. `add` takes one input (a number for single-series features, a
 * `BarInput` for bar features) and returns the new value; before `warmUp` inputs the value is NaN
 * (or an object of NaNs) and `isReady` is false.
 */
export interface StreamingFeature<In, Out> {
  /** Inputs needed before the first value (the batch output's first non-NaN index + 1). */
  readonly warmUp: number;
  /** Whether the current value is defined. */
  readonly isReady: boolean;
  /** The value after the last input. */
  readonly value: Out;
  /** Feeds one input; returns the new value. */
  add(input: In): Out;
}

/**
 * A registered feature: its name, inputs, batch function and streaming factory, used by the
 * contract tests (batch = streaming, causality) and by the pipeline.
 */
export interface FeatureDefinition<Out extends FeatureOutput = FeatureOutput> {
  /** Name with parameters, e.g. `sma(20)`. */
  readonly name: string;
  /** Columns it reads; `['close']` for single-series features. */
  readonly inputs: readonly (keyof BarColumns)[];
  /** Index-aligned output over whole columns. */
  batch(columns: BarColumns): Out;
  /**
   * A fresh streaming instance (absent for batch-only features such as cross-sectional ones). It
   * takes a number when `inputs` is one column, else a `BarInput`.
   */
  stream?(): AnyStreamingFeature;
}

/** A streaming feature whose input and output types generic code does not know. */
export type AnyStreamingFeature = StreamingFeature<never, unknown>;
