/**
 * The base class of every alpha: scores per symbol per bar from an aligned panel, with a
 * `validate()` that checks causality (prefix invariance), bounds, NaN share, coverage and turnover.
 */
import { createInsight, type AlphaModel, type AlphaModelParams, type Insight, InvariantError, QtError } from '@qt-backtest/core';
import type { AlphaPanel } from './AlphaPanel.js';
import { truncatePanel } from './AlphaPanel.js';

/** Thrown when an alpha reads data after the bar it scores (its output changed when later rows were removed). */
export class CausalityError extends QtError {}

/** Options of {@link Alpha.validate}. */
export interface AlphaValidationOptions {
  /** Number of truncation points checked for prefix invariance (default 16; spread over the panel, always including the last rows). */
  readonly checkpoints?: number;
  /** Largest acceptable share of NaN scores where the symbol has a bar, after the warm-up (default 0.5). */
  readonly maxNaNShare?: number;
}

/** What {@link Alpha.validate} found. */
export interface AlphaValidationReport {
  readonly alpha: string;
  /** True when every check passed. */
  readonly ok: boolean;
  /** Every failed check, one line each, quoting the values. */
  readonly problems: readonly string[];
  /** Truncation rows checked for prefix invariance. */
  readonly checkpoints: readonly number[];
  /** Whether the scores up to each checkpoint were identical on the truncated panel. */
  readonly causal: boolean;
  /** Share of NaN scores among (row, symbol) with a close, after the warm-up. */
  readonly nanShare: number;
  /** 1 − nanShare. */
  readonly coverage: number;
  /** Smallest and largest finite score. */
  readonly scoreMin: number;
  readonly scoreMax: number;
  /** Mean over rows of the share of scored symbols whose score sign flipped since the previous row. */
  readonly turnover: number;
}

/**
 * Extend it: implement `compute` over the panel, returning one Float64Array per symbol aligned to
 * `panel.time` (NaN = no view). Rows up to `t` of the output may depend only on rows up to `t` of
 * the panel — `validate()` checks it, and `toAlphaModel` refuses an alpha that fails.
 *
 * @example
 * class FiveDayReversal extends Alpha<{ days: number }> {
 *   override get warmup() { return this.params.days; }
 *   compute(panel: AlphaPanel): Float64Array[] {
 *     return panel.close.map((c) => { const p = lag(c, this.params.days); return c.map((x, t) => p[t]! / x - 1); });
 *   }
 * }
 */
export abstract class Alpha<P extends object = Record<string, never>> {
  /** Parameters (frozen). */
  readonly params: Readonly<P>;

  constructor(params: P) {
    this.params = Object.freeze({ ...params });
  }

  /** `ClassName(param=value, …)`. */
  get name(): string {
    const ps = Object.entries(this.params).map(([k, v]) => `${k}=${String(v)}`);
    return `${this.constructor.name}(${ps.join(', ')})`;
  }

  /** Rows before the first score can exist (for coverage statistics); default 0. */
  get warmup(): number {
    return 0;
  }

  /** Bars an insight from this alpha stays active (default 1: re-emitted every bar). */
  get horizonBars(): number {
    return 1;
  }

  /** Declared score range, checked by `validate()` (default: any finite value). */
  get scoreRange(): readonly [number, number] {
    return [-Infinity, Infinity];
  }

  /** Confidence in [0, 1] of a score (default 1). */
  confidence(_score: number): number {
    return 1;
  }

  /** Scores per symbol (in `panel.symbols` order), each aligned to `panel.time`; NaN = no view. */
  abstract compute(panel: AlphaPanel): Float64Array[];

  /**
   * Checks the contract on `panel`: output shape; prefix invariance at `checkpoints` truncation
   * rows (scores of rows ≤ t identical when computed on rows ≤ t only); no ±Infinity; scores inside
   * `scoreRange`; confidences in [0, 1]; NaN share after the warm-up at most `maxNaNShare`. Returns a
   * report (problems as values); throws only for a wrong output shape.
   *
   * @throws {InvariantError} when `compute` returns the wrong number or length of arrays.
   */
  validate(panel: AlphaPanel, options: AlphaValidationOptions = {}): AlphaValidationReport {
    const m = panel.time.length;
    const full = this.#checked(panel);
    const problems: string[] = [];
    const k = Math.min(options.checkpoints ?? 16, m);
    const points = new Set<number>();
    for (let c = 0; c < k; c++) points.add(Math.min(m - 1, Math.max(0, Math.round(((c + 1) * (m - 1)) / k))));
    points.add(Math.max(0, m - 2));
    points.add(Math.min(m - 1, this.warmup));
    const checkpoints = [...points].sort((a, b) => a - b);
    let causal = true;
    for (const t of checkpoints) {
      if (t >= m - 1) continue; // the full panel is its own truncation
      const part = this.#checked(truncatePanel(panel, t + 1));
      outer: for (let j = 0; j < panel.symbols.length; j++) {
        for (let i = 0; i <= t; i++) {
          const a = part[j]![i]!;
          const b = full[j]![i]!;
          if (!(a === b || (Number.isNaN(a) && Number.isNaN(b)))) {
            causal = false;
            problems.push(
              `not causal: score of "${panel.symbols[j]}" at row ${i} is ${b} on the full panel but ${a} on rows 0…${t}: it reads data after the bar`,
            );
            break outer;
          }
        }
      }
    }
    let nan = 0;
    let cells = 0;
    let lo = Infinity;
    let hi = -Infinity;
    let flips = 0;
    let flipRows = 0;
    const [rlo, rhi] = this.scoreRange;
    let reportedRange = false;
    let reportedInf = false;
    let reportedConf = false;
    for (let i = 0; i < m; i++) {
      let scored = 0;
      let flipped = 0;
      for (let j = 0; j < panel.symbols.length; j++) {
        const s = full[j]![i]!;
        if (s === Infinity || s === -Infinity) {
          if (!reportedInf) problems.push(`score ${s} for "${panel.symbols[j]}" at row ${i}: scores must be finite or NaN`);
          reportedInf = true;
          continue;
        }
        if (i >= this.warmup && Number.isFinite(panel.close[j]![i]!)) {
          cells++;
          if (Number.isNaN(s)) nan++;
        }
        if (Number.isNaN(s)) continue;
        lo = Math.min(lo, s);
        hi = Math.max(hi, s);
        if ((s < rlo || s > rhi) && !reportedRange) {
          problems.push(`score ${s} for "${panel.symbols[j]}" at row ${i} is outside the declared range [${rlo}, ${rhi}]`);
          reportedRange = true;
        }
        const c = this.confidence(s);
        if (!(c >= 0 && c <= 1) && !reportedConf) {
          problems.push(`confidence ${c} of score ${s} ("${panel.symbols[j]}", row ${i}) is outside [0, 1]`);
          reportedConf = true;
        }
        if (i > 0) {
          const p = full[j]![i - 1]!;
          if (!Number.isNaN(p)) {
            scored++;
            if (Math.sign(p) !== Math.sign(s)) flipped++;
          }
        }
      }
      if (scored > 0) {
        flips += flipped / scored;
        flipRows++;
      }
    }
    const nanShare = cells === 0 ? 1 : nan / cells;
    const maxNaN = options.maxNaNShare ?? 0.5;
    if (nanShare > maxNaN) problems.push(`NaN share ${nanShare.toFixed(4)} after the warm-up of ${this.warmup} rows exceeds ${maxNaN}`);
    return Object.freeze({
      alpha: this.name,
      ok: problems.length === 0,
      problems: Object.freeze(problems),
      checkpoints: Object.freeze(checkpoints),
      causal,
      nanShare,
      coverage: 1 - nanShare,
      scoreMin: lo,
      scoreMax: hi,
      turnover: flipRows === 0 ? 0 : flips / flipRows,
    });
  }

  /**
   * An `AlphaModel` for `FrameworkStrategy` that emits this alpha's scores as insights (NaN → no
   * insight; 0 → flat). The scores are computed once on `panel` — allowed only because prefix
   * invariance is checked first: the alpha is validated and a {@link CausalityError} thrown if it
   * reads later data. The model looks rows up by the bar's time; a bar not on the panel gives no
   * insights.
   *
   * @throws {CausalityError} when `validate(panel)` finds the alpha not causal.
   */
  toAlphaModel(panel: AlphaPanel, options: AlphaValidationOptions = {}): AlphaModel {
    const report = this.validate(panel, { maxNaNShare: 1, ...options });
    if (!report.causal) throw new CausalityError(`${this.name}: ${report.problems.find((p) => p.startsWith('not causal'))}`);
    const scores = this.#checked(panel);
    const row = new Map<number, number>();
    panel.time.forEach((t, i) => row.set(t, i));
    const col = new Map(panel.symbols.map((s, j) => [s, j]));
    const name = this.name;
    const horizonBars = this.horizonBars;
    const self = this;
    return {
      name,
      update({ market }: AlphaModelParams): readonly Insight[] {
        const i = row.get(market.time);
        if (i === undefined) return [];
        const out: Insight[] = [];
        for (const symbol of market.symbols) {
          const j = col.get(symbol);
          if (j === undefined || !market.hasBar(symbol)) continue;
          const s = scores[j]![i]!;
          if (!Number.isFinite(s)) continue;
          out.push(
            createInsight({
              symbol,
              score: s,
              confidence: self.confidence(s),
              horizonBars,
              sourceAlpha: name,
              generatedTime: market.time,
              generatedIndex: market.index,
            }),
          );
        }
        return out;
      },
    };
  }

  /**
   * A point-in-time `AlphaModel` for live trading (and for backtests without the whole panel up
   * front): on every bar it builds a panel from the context's history — the last `historyBars` bars
   * of each symbol (default: all bars so far), right-aligned on the current bar — computes, and
   * emits the last row. It can only see what the context shows, so it is causal by construction;
   * on aligned data with the full history it emits exactly what `toAlphaModel(panel)` emits (tested).
   * Cost per bar grows with `historyBars`: cap it at the alpha's real look-back for long runs
   * (recursive indicators such as EMA-based ones then differ slightly from the full-history value).
   */
  toStreamingAlphaModel(options: { readonly historyBars?: number } = {}): AlphaModel {
    const name = this.name;
    const horizonBars = this.horizonBars;
    const self = this;
    const cap = options.historyBars;
    if (cap !== undefined && !(Number.isInteger(cap) && cap >= 1)) throw new InvariantError(`${name}: historyBars ${cap} must be a positive integer`);
    return {
      name,
      update({ market }: AlphaModelParams): readonly Insight[] {
        const length = Math.min(market.index + 1, cap ?? Infinity);
        const fields = ['open', 'high', 'low', 'close', 'volume'] as const;
        const cols = Object.fromEntries(fields.map((f) => [f, [] as Float64Array[]])) as Record<(typeof fields)[number], Float64Array[]>;
        for (const symbol of market.symbols) {
          for (const f of fields) {
            const h = market.history(symbol, f, length).toArray();
            const col = new Float64Array(length).fill(Number.NaN);
            col.set(h, length - h.length); // right-aligned on the current bar
            cols[f].push(col);
          }
        }
        const panel: AlphaPanel = { time: new Float64Array(length), symbols: market.symbols, ...cols };
        const scores = self.#checked(panel);
        const out: Insight[] = [];
        market.symbols.forEach((symbol, j) => {
          const s = scores[j]![length - 1]!;
          if (!market.hasBar(symbol) || !Number.isFinite(s)) return;
          out.push(createInsight({ symbol, score: s, confidence: self.confidence(s), horizonBars, sourceAlpha: name, generatedTime: market.time, generatedIndex: market.index }));
        });
        return out;
      },
    };
  }

  #checked(panel: AlphaPanel): Float64Array[] {
    const out = this.compute(panel);
    if (!Array.isArray(out) || out.length !== panel.symbols.length) {
      throw new InvariantError(`${this.name}.compute returned ${Array.isArray(out) ? out.length : typeof out} arrays for ${panel.symbols.length} symbols`);
    }
    out.forEach((a, j) => {
      if (a.length !== panel.time.length) {
        throw new InvariantError(`${this.name}.compute: "${panel.symbols[j]}" has ${a.length} scores for ${panel.time.length} rows`);
      }
    });
    return out;
  }
}
