/**
 * A feature pipeline: declare named features once — per symbol, or across symbols — compute them
 * in batch over a whole panel, and hand the columns to a backtest, where a strategy reads each at
 * the current bar only (`ctx.feature(name, symbol)`).
 */
import { FeatureArgumentError } from '../core/errors.js';
import type { BarColumns, FeatureDefinition, FeatureOutput } from '../core/types.js';

/**
 * The panel a pipeline computes over: symbols aligned on one time index, one column per field per
 * symbol (NaN where a symbol has no bar). `@qt-backtest/core`'s `BarPanel` has this shape.
 */
export interface PanelInput {
  readonly time: Float64Array;
  readonly symbols: readonly string[];
  readonly fields: Readonly<Record<'open' | 'high' | 'low' | 'close' | 'volume', readonly Float64Array[]>>;
  /** Per symbol: 1 where it has a bar (default: where its close is not NaN). */
  readonly present?: readonly Uint8Array[];
}

/**
 * A cross-sectional step: from already computed per-symbol columns (one array per symbol, in panel
 * order) to new columns of the same shape; it may use values at `t` from every symbol, never later.
 */
export type CrossSectionalStep = (inputs: FeatureLookup) => readonly Float64Array[];

/** Access to computed columns inside a cross-sectional step. */
export interface FeatureLookup {
  readonly symbols: readonly string[];
  /** One column per symbol for a feature computed earlier in the pipeline (or a raw field). */
  columns(name: string): readonly Float64Array[];
}

/**
 * Computed features: one aligned column per (name, symbol) on the panel's time index. The engine
 * reads it through `backtest({ features })`.
 */
export interface FeatureColumns {
  readonly time: Float64Array;
  readonly symbols: readonly string[];
  readonly names: readonly string[];
  /**
   * The column of one feature for one symbol.
   *
   * @throws {FeatureArgumentError} for an unknown feature or symbol.
   */
  column(name: string, symbol: string): Float64Array;
}

type Step =
  | { readonly kind: 'perSymbol'; readonly name: string; readonly feature: FeatureDefinition; readonly output: string | undefined }
  | { readonly kind: 'crossSectional'; readonly name: string; readonly step: CrossSectionalStep };

const RAW = ['open', 'high', 'low', 'close', 'volume'] as const;

/**
 * Declares features and computes them over a panel.
 *
 * @example
 * const features = new FeaturePipeline()
 *   .perSymbol('sma20', smaFeature(20))
 *   .perSymbol('macdHist', macdFeature(), 'histogram')
 *   .crossSectional('smaRank', (f) => csRank(f.columns('sma20')))
 *   .compute(panel);
 * backtest({ data, strategy, features }); // ctx.feature('smaRank', 'AAPL')
 */
export class FeaturePipeline {
  readonly #steps: Step[] = [];

  /**
   * Adds a feature computed for each symbol from its own bars: the rows where the symbol has no
   * bar are left out of the computation (an SMA(5) spans the symbol's last 5 bars, across a gap)
   * and hold NaN in the aligned output. For a multi-output feature, `output` picks the output to
   * keep (e.g. `'histogram'` of MACD).
   *
   * @throws {FeatureArgumentError} for a duplicate or reserved name.
   */
  perSymbol(name: string, feature: FeatureDefinition, output?: string): this {
    this.#checkName(name);
    this.#steps.push({ kind: 'perSymbol', name, feature, output });
    return this;
  }

  /**
   * Adds a feature computed across symbols at each time from earlier features (or raw fields).
   *
   * @throws {FeatureArgumentError} for a duplicate or reserved name.
   */
  crossSectional(name: string, step: CrossSectionalStep): this {
    this.#checkName(name);
    this.#steps.push({ kind: 'crossSectional', name, step });
    return this;
  }

  /** Names declared so far, in order. */
  get names(): readonly string[] {
    return this.#steps.map((s) => s.name);
  }

  /**
   * Computes every declared feature over the panel, in declaration order.
   *
   * @throws {FeatureArgumentError} when a step's output is not aligned with the panel, or names an
   *   unknown multi-output key or an undeclared input.
   */
  compute(panel: PanelInput): FeatureColumns {
    const T = panel.time.length;
    const computed = new Map<string, readonly Float64Array[]>();
    for (const f of RAW) computed.set(f, panel.fields[f]);
    const lookup: FeatureLookup = {
      symbols: panel.symbols,
      columns(name: string): readonly Float64Array[] {
        const c = computed.get(name);
        if (c === undefined) throw new FeatureArgumentError(`feature "${name}" is not computed yet (declare it before the step that uses it)`);
        return c;
      },
    };
    for (const step of this.#steps) {
      let columns: readonly Float64Array[];
      if (step.kind === 'perSymbol') {
        columns = panel.symbols.map((_, i) => {
          const rows = ownRows(panel, i);
          const input: Record<string, Float64Array> = {};
          for (const f of RAW) input[f] = rows === null ? panel.fields[f][i]! : gather(panel.fields[f][i]!, rows);
          const own = pick(step.name, step.feature.batch(input as BarColumns), step.output);
          return rows === null ? own : scatter(own, rows, T);
        });
      } else {
        columns = step.step(lookup);
        if (columns.length !== panel.symbols.length) {
          throw new FeatureArgumentError(`feature "${step.name}" returned ${columns.length} columns for ${panel.symbols.length} symbols`);
        }
      }
      for (const c of columns) {
        if (c.length !== T) throw new FeatureArgumentError(`feature "${step.name}" returned ${c.length} values for ${T} bars (must be aligned)`);
      }
      computed.set(step.name, columns);
    }
    const names = Object.freeze(this.names.slice());
    const symbolIndex = new Map(panel.symbols.map((s, i) => [s, i]));
    return Object.freeze({
      time: panel.time,
      symbols: panel.symbols,
      names,
      column(name: string, symbol: string): Float64Array {
        const cols = names.includes(name) ? computed.get(name) : undefined;
        if (cols === undefined) throw new FeatureArgumentError(`no feature "${name}" (computed: ${names.map((n) => `"${n}"`).join(', ')})`);
        const i = symbolIndex.get(symbol);
        if (i === undefined) throw new FeatureArgumentError(`no symbol "${symbol}" in the feature panel`);
        return cols[i]!;
      },
    });
  }

  #checkName(name: string): void {
    if (name === '' || (RAW as readonly string[]).includes(name) || this.#steps.some((s) => s.name === name)) {
      throw new FeatureArgumentError(`feature name "${name}" is empty, a raw field name, or already declared`);
    }
  }
}

function pick(name: string, output: FeatureOutput, key: string | undefined): Float64Array {
  if (output instanceof Float64Array) return output;
  if (key === undefined) {
    throw new FeatureArgumentError(`feature "${name}" has several outputs (${Object.keys(output).join(', ')}): name the one to keep`);
  }
  const column = output[key];
  if (column === undefined) throw new FeatureArgumentError(`feature "${name}" has no output "${key}" (it has ${Object.keys(output).join(', ')})`);
  return column;
}

/** Panel rows where symbol `i` has a bar, or `null` when it has a bar on every row. */
function ownRows(panel: PanelInput, i: number): Int32Array | null {
  const present = panel.present?.[i];
  const close = panel.fields.close[i]!;
  const has = (t: number): boolean => (present === undefined ? !Number.isNaN(close[t]!) : present[t] === 1);
  let count = 0;
  for (let t = 0; t < close.length; t++) if (has(t)) count++;
  if (count === close.length) return null;
  const rows = new Int32Array(count);
  let k = 0;
  for (let t = 0; t < close.length; t++) if (has(t)) rows[k++] = t;
  return rows;
}

function gather(column: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = column[rows[k]!]!;
  return out;
}

function scatter(own: Float64Array, rows: Int32Array, length: number): Float64Array {
  if (own.length !== rows.length) return own; // misaligned: reported by the caller's length check
  const out = new Float64Array(length).fill(Number.NaN);
  for (let k = 0; k < rows.length; k++) out[rows[k]!] = own[k]!;
  return out;
}
