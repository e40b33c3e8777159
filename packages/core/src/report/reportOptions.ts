/**
 * Options of the report writers, apart from the modules that use them (the result type refers to
 * them, and they must not refer back).
 */
import type { ResultMetricsOptions } from '../analyzer/resultMetrics.js';
import type { ValidationIssue } from '../data/ValidationIssue.js';
import type { SweepReport } from './sweepSection.js';
import type { OutputFiles } from './writeDirectoryAtomically.js';

/** Inputs of `createManifest`. */
export interface ManifestOptions {
  /** The data files read (e.g. `loadBars(…).sources`); files without a hash are hashed now. */
  readonly sources?: readonly { readonly path: string; readonly sha256?: string | undefined; readonly rows?: number; readonly symbols?: readonly string[] }[];
  readonly trials?: number;
  /**
   * The loader's warnings (e.g. `loadBars(…).report`: `warningCount` and the listed `warnings`),
   * recorded so a result always shows what was suspicious about its data.
   */
  readonly dataWarnings?: { readonly warningCount: number; readonly warnings: readonly ValidationIssue[] };
}

/** Options of `renderTearSheet`. */
export interface TearSheetOptions {
  /** Page title; default `<strategy> tear sheet`. */
  readonly title?: string;
  /** A benchmark equity curve aligned with `result.time` (same length), drawn rebased to the initial cash. */
  readonly benchmark?: { readonly name: string; readonly equity: Float64Array };
  /** Return periods per year; default from the time index and the NYSE calendar (`periodsPerYearFor`), as `result.json`'s metrics. */
  readonly periodsPerYear?: number;
  /**
   * Closing prices of the traded symbols (e.g. the `BarSeries` the run used): the tear sheet draws
   * the first {@link TearSheetOptions.priceCharts} symbols by traded value with their entries and exits.
   */
  readonly prices?: readonly { readonly symbol: string; readonly time: Float64Array; readonly close: Float64Array }[];
  /** How many per-symbol price charts to draw (default 6). */
  readonly priceCharts?: number;
  /**
   * The robustness panel: the same run under harsher assumptions (e.g. pessimistic intrabar order,
   * fills one bar later, costs doubled), each shown beside the base run.
   */
  readonly robustness?: readonly RobustnessVariant[];
  /** A parameter sweep this result is the best trial of: drawn first (grid, trials, deflated Sharpe). */
  readonly sweep?: SweepReport;
}

/** One re-run of the robustness panel: what changed, and its result (or why it failed). */
export interface RobustnessVariant {
  /** Short label, e.g. `costs × 2`. */
  readonly label: string;
  /** What exactly was changed, one sentence. */
  readonly description: string;
  /** The re-run's equity curve and trades (a `BacktestResult` fits); `undefined` when it failed. */
  readonly result?: { readonly time: Float64Array; readonly equity: Float64Array; readonly initialCash: number; readonly trades: readonly unknown[] };
  /** Why the re-run did not complete. */
  readonly error?: string;
}

/** Options of `writeReport`. */
export interface WriteReportOptions extends ManifestOptions {
  readonly metrics?: ResultMetricsOptions;
  readonly tearSheet?: TearSheetOptions;
  /**
   * A benchmark equity (or price) curve aligned with `result.time`: drawn in the tear sheet, used
   * for alpha, beta and the information ratio, and stored in `result.json` (so `report` can redraw it).
   */
  readonly benchmark?: { readonly name: string; readonly equity: Float64Array };
  /** The run's settings, stored as `config` in `result.json` (any JSON-ready value). */
  readonly config?: unknown;
  /** More files written in the same atomic step (e.g. a sweep's trial table); names must not clash. */
  readonly files?: OutputFiles;
}
