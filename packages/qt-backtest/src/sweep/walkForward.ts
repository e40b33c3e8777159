/**
 * Walk-forward optimisation: choose parameters on each in-sample window, trade them on the next
 * out-of-sample window, and stitch the out-of-sample returns into one equity curve — the honest
 * headline of a parameter search.
 */

/** Half-open row range `[start, end)`. */
export interface RowRange {
  readonly start: number;
  readonly end: number;
}

/** One walk-forward step. */
export interface WalkForwardWindow {
  readonly index: number;
  readonly inSample: RowRange;
  readonly outOfSample: RowRange;
}

/** Window settings, all in rows (bars). */
export interface WalkForwardWindowConfig {
  /** In-sample length (integer >= 1); with `anchored`, the length of the FIRST in-sample window. */
  readonly inSample: number;
  /** Out-of-sample length (integer >= 1). */
  readonly outOfSample: number;
  /** Rows between window starts; default `outOfSample` (out-of-sample windows tile without overlap). */
  readonly step?: number;
  /** In-sample windows all start at row 0 and grow (default false: they roll with fixed length). */
  readonly anchored?: boolean;
}

/**
 * The walk-forward windows over `rows` rows: window k has in-sample `[k·step, k·step + inSample)`
 * (from 0 when anchored) and out-of-sample the next `outOfSample` rows. Every out-of-sample
 * window has its full length: rows left over at the end belong to no window.
 *
 * @throws {RangeError} for non-integer or non-positive lengths, or no window fitting in `rows`.
 * @example walkForwardWindows(10, { inSample: 4, outOfSample: 2 }) // IS [0,4) OOS [4,6); IS [2,6) OOS [6,8); IS [4,8) OOS [8,10)
 */
export function walkForwardWindows(rows: number, config: WalkForwardWindowConfig): WalkForwardWindow[] {
  const { inSample, outOfSample } = config;
  const step = config.step ?? outOfSample;
  for (const [k, v] of [['inSample', inSample], ['outOfSample', outOfSample], ['step', step]] as const) {
    if (!(Number.isInteger(v) && v >= 1)) throw new RangeError(`walk-forward ${k} must be an integer >= 1, got ${v}`);
  }
  const out: WalkForwardWindow[] = [];
  for (let k = 0; ; k++) {
    const isEnd = k * step + inSample;
    const oosEnd = isEnd + outOfSample;
    if (oosEnd > rows) break;
    out.push({ index: k, inSample: { start: config.anchored === true ? 0 : k * step, end: isEnd }, outOfSample: { start: isEnd, end: oosEnd } });
  }
  if (out.length === 0) throw new RangeError(`${rows} rows hold no walk-forward window of ${inSample} in-sample + ${outOfSample} out-of-sample rows`);
  return out;
}

/** One window's choice. */
export interface WalkForwardStep<P> {
  readonly window: WalkForwardWindow;
  /** Index of the chosen candidate. */
  readonly chosen: number;
  readonly params: P;
  /** The chosen candidate's in-sample score. */
  readonly inSampleScore: number;
  /** Its out-of-sample returns. */
  readonly outOfSampleReturns: Float64Array;
}

/** What {@link walkForwardOptimise} returns. */
export interface WalkForwardResult<P> {
  readonly steps: readonly WalkForwardStep<P>[];
  /** The out-of-sample returns of every window, in order (the headline series). */
  readonly returns: Float64Array;
  /** Equity from `initialEquity` compounding `returns`: `equity[i] = initialEquity × Π(1 + r[0..i])`. */
  readonly equity: Float64Array;
  /** Trials evaluated in sample: windows × candidates. */
  readonly trials: number;
}

/** Settings of {@link walkForwardOptimise}. */
export interface WalkForwardConfig<P> {
  readonly windows: readonly WalkForwardWindow[];
  readonly candidates: readonly P[];
  /** In-sample score of a candidate on a window's in-sample rows (higher is better; NaN never wins). */
  score(candidate: P, inSample: RowRange, candidateIndex: number): number;
  /** Out-of-sample per-period returns of a candidate on a window's out-of-sample rows. */
  outOfSampleReturns(candidate: P, outOfSample: RowRange, candidateIndex: number): ArrayLike<number>;
  /** Starting equity of the stitched curve; default 1. */
  readonly initialEquity?: number;
}

/**
 * Runs walk-forward optimisation: on each window the candidate with the best in-sample score
 * (the first on ties) is chosen and its out-of-sample returns are appended. The caller's
 * `outOfSampleReturns` decides how state carries over (e.g. a backtest warmed up on earlier bars).
 *
 * @throws {RangeError} when there is no candidate, or no candidate has a finite score in a window.
 */
export function walkForwardOptimise<P>(config: WalkForwardConfig<P>): WalkForwardResult<P> {
  const { windows, candidates } = config;
  if (candidates.length === 0) throw new RangeError('walk-forward needs at least one candidate');
  const steps: WalkForwardStep<P>[] = [];
  const all: number[] = [];
  for (const window of windows) {
    let best = -1;
    let bestScore = Number.NaN;
    for (let c = 0; c < candidates.length; c++) {
      const s = config.score(candidates[c]!, window.inSample, c);
      if (Number.isNaN(s)) continue;
      if (best < 0 || s > bestScore) {
        best = c;
        bestScore = s;
      }
    }
    if (best < 0) throw new RangeError(`walk-forward window ${window.index} (rows ${window.inSample.start}..${window.inSample.end - 1}): no candidate has a score`);
    const oos = Float64Array.from(config.outOfSampleReturns(candidates[best]!, window.outOfSample, best));
    const expected = window.outOfSample.end - window.outOfSample.start;
    if (oos.length !== expected) throw new RangeError(`walk-forward window ${window.index}: ${oos.length} out-of-sample returns for ${expected} rows`);
    steps.push({ window, chosen: best, params: candidates[best]!, inSampleScore: bestScore, outOfSampleReturns: oos });
    for (const r of oos) all.push(r);
  }
  const returns = Float64Array.from(all);
  const equity = new Float64Array(returns.length);
  let e = config.initialEquity ?? 1;
  for (let i = 0; i < returns.length; i++) equity[i] = e *= 1 + returns[i]!;
  return { steps, returns, equity, trials: windows.length * candidates.length };
}

/**
 * Walk-forward over a returns matrix: each candidate traded continuously over all rows (one
 * backtest each, so positions and indicators are warm at every window start), scored in sample
 * by `score` of its in-sample returns (default: sum of returns), and its own out-of-sample rows
 * appended.
 *
 * @example walkForwardFromReturns(trialReturns, walkForwardWindows(T, { inSample: 504, outOfSample: 126 }))
 */
export function walkForwardFromReturns(
  returns: readonly ArrayLike<number>[],
  windows: readonly WalkForwardWindow[],
  score: (inSampleReturns: Float64Array) => number = (r) => r.reduce((a, b) => a + b, 0),
): WalkForwardResult<number> {
  const slice = (c: number, range: RowRange): Float64Array => Float64Array.from({ length: range.end - range.start }, (_, i) => returns[c]![range.start + i]!);
  return walkForwardOptimise({
    windows,
    candidates: returns.map((_, i) => i),
    score: (c, range) => score(slice(c, range)),
    outOfSampleReturns: (c, range) => slice(c, range),
  });
}
