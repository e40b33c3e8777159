/**
 * Factor analysis with alphalens conventions: forward returns, per-date quantiles, Spearman IC,
 * quantile returns, factor-weighted returns, alpha/beta, turnover and rank autocorrelation.
 */
import { InvariantError, isoDate } from '@qt-backtest/core';
import type {
  AlphaBetaEntry,
  DatedPeriodValues,
  DatedValue,
  DroppedRows,
  FactorReport,
  GroupAdjustedReport,
  IcSummary,
  QuantileReturn,
} from './FactorReport.js';
import { qcutLabels } from './qcut.js';
import { averageRanks, moments, pearson, rankAgainstSorted } from './ranks.js';
import { tTestOneSample } from './studentT.js';

/** Inputs of {@link analyzeFactor}: symbols on one time index. */
export interface FactorAnalysisInput {
  /** Time index (epoch ms), strictly increasing; forward returns count rows of this index. */
  readonly time: ArrayLike<number>;
  readonly symbols: readonly string[];
  /** Per symbol (in `symbols` order): factor values on `time`; NaN where there is none. */
  readonly factor: readonly ArrayLike<number>[];
  /** Per symbol: prices (closes) on `time`. Give exactly one of `prices` and `returns`. */
  readonly prices?: readonly ArrayLike<number>[];
  /** Per symbol: one-row simple returns on `time` (`p[i] / p[i−1] − 1`); NaN where unknown. */
  readonly returns?: readonly ArrayLike<number>[];
  /** Per symbol: its group (sector, industry) for the group-adjusted variants. */
  readonly groups?: readonly string[];
}

/** Options of {@link analyzeFactor}. */
export interface FactorAnalysisOptions {
  /** Forward-return horizons in rows of the index (default [1, 5, 10]); positive integers. */
  readonly periods?: readonly number[];
  /** Number of equal-count quantiles per date, as `pd.qcut` (default 5). */
  readonly quantiles?: number;
  /**
   * Carry the last known price over missing prices (default true: alphalens with pandas < 2.1, whose
   * `pct_change` pads). With false, a missing price at either end gives no forward return.
   */
  readonly fillMissingPrices?: boolean;
  /**
   * Also return the factor weights of every analysed row (alphalens `factor_weights`: the demeaned
   * factor over the date's absolute sum) as `report.factorWeights` (default false: one entry per row).
   */
  readonly includeFactorWeights?: boolean;
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

function dateLabel(t: number): string {
  return t % 86_400_000 === 0 ? isoDate(t) : new Date(t).toISOString();
}

/**
 * Analyses a factor the way alphalens does (`get_clean_factor_and_forward_returns` with
 * `max_loss = 1`, then `performance.*` with their defaults), returning the `factor.json` report.
 *
 * Rows: a (date, symbol) is analysed when its factor is finite and every period's forward return
 * exists; the forward return over `p` rows is `price[i + p] / price[i] − 1` (or compounded one-row
 * returns). Per date, quantiles are `pd.qcut` labels; a date whose edges are not unique is dropped.
 * IC is Spearman's correlation (average ranks) of factor and forward return per date; the IC table
 * has std with ddof 1, a one-sample t-test, biased skew and excess kurtosis. Quantile mean returns
 * are demeaned by the per-date universe mean and averaged over dates (standard errors over dates).
 * Factor weights are the demeaned factor over its absolute sum; factor returns their weighted
 * forward returns; alpha/beta an OLS of those on the equal-weight universe return, with
 * `annualAlpha = (1 + α)^(252 / p) − 1`.
 *
 * Complexity O(dates × symbols × log symbols × periods); 500 symbols × 2,520 dates × 3 periods
 * take well under a second (benchmarks/alpha.bench.ts).
 *
 * @throws {InvariantError} for mismatched lengths, bad periods or quantiles, or both/neither of
 *   `prices` and `returns`.
 * @example
 * const report = analyzeFactor({ time, symbols, factor, prices }, { periods: [1, 5], quantiles: 5 });
 * report.icSummary['5'].mean;
 */
export function analyzeFactor(input: FactorAnalysisInput, options: FactorAnalysisOptions = {}): FactorReport {
  const periods = [...(options.periods ?? [1, 5, 10])].sort((a, b) => a - b);
  const Q = options.quantiles ?? 5;
  const fill = options.fillMissingPrices ?? true;
  const m = input.time.length;
  const n = input.symbols.length;
  if (periods.length === 0 || periods.some((p) => !(Number.isInteger(p) && p >= 1)) || new Set(periods).size !== periods.length) {
    throw new InvariantError(`analyzeFactor: periods must be distinct positive integers, got [${periods.join(', ')}]`);
  }
  if (!(Number.isInteger(Q) && Q >= 2 && Q <= 255)) throw new InvariantError(`analyzeFactor: quantiles must be an integer in 2…255, got ${Q}`);
  if ((input.prices === undefined) === (input.returns === undefined)) {
    throw new InvariantError('analyzeFactor: give exactly one of prices and returns');
  }
  const series = (input.prices ?? input.returns)!;
  if (input.factor.length !== n || series.length !== n || (input.groups !== undefined && input.groups.length !== n)) {
    throw new InvariantError(`analyzeFactor: factor, prices/returns and groups need one entry per symbol (${n})`);
  }
  for (let j = 0; j < n; j++) {
    if (input.factor[j]!.length !== m || series[j]!.length !== m) {
      throw new InvariantError(`analyzeFactor: "${input.symbols[j]}" has ${input.factor[j]!.length} factor and ${series[j]!.length} price values for ${m} times`);
    }
  }
  for (let i = 1; i < m; i++) {
    if (!(input.time[i]! > input.time[i - 1]!)) throw new InvariantError(`analyzeFactor: time must be strictly increasing (row ${i})`);
  }
  const P = periods.length;

  // Forward returns and factor, row-major (row i, symbol j at i·n + j) so each date reads one
  // contiguous block; prices are transposed (and carried forward) once, then every period's
  // returns are contiguous divisions.
  const fwd = rowMajorForwardReturns(series, m, n, periods, input.returns !== undefined, fill);
  const fac = new Float64Array(m * n);
  input.factor.forEach((col, j) => {
    for (let i = 0; i < m; i++) fac[i * n + j] = col[i]!;
  });

  // Per-date working buffers.
  const idx = new Int32Array(n);
  const fv = new Float64Array(n);
  const rv = new Float64Array(n);
  const rk = new Float64Array(n);
  const rk2 = new Float64Array(n);
  const order = new Float64Array(n);
  const sorted = new Float64Array(n);
  const edges = new Float64Array(Q + 1);
  const lab = new Int32Array(n);

  const keptDates: number[] = [];
  const weights: { date: string; asset: string; weight: number | null }[] | undefined = options.includeFactorWeights === true ? [] : undefined;
  const labels = new Uint8Array(m * n); // 0 = row not analysed
  const factorRank = new Float64Array(m * n).fill(Number.NaN);
  const ic = periods.map(() => [] as number[]);
  const facRet = periods.map(() => [] as number[]);
  const univ = periods.map(() => [] as number[]);
  const qMean = periods.map(() => Array.from({ length: Q }, () => [] as number[])); // per kept date, NaN if empty
  const groupIds = input.groups === undefined ? undefined : groupIndex(input.groups);
  const g = groupIds === undefined ? undefined : new GroupAccumulators(groupIds, P, Q);

  let input0 = 0;
  let nonFinite = 0;
  let missingFwd = 0;
  let binning = 0;
  for (let i = 0; i < m; i++) {
    let k = 0;
    for (let j = 0; j < n; j++) {
      const f = fac[i * n + j]!;
      if (Number.isNaN(f)) continue;
      input0++;
      if (!Number.isFinite(f)) {
        nonFinite++;
        continue;
      }
      let ok = true;
      for (let a = 0; a < P; a++) if (!Number.isFinite(fwd[a]![i * n + j]!)) ok = false;
      if (!ok) {
        missingFwd++;
        continue;
      }
      idx[k] = j;
      fv[k] = f;
      k++;
    }
    if (k === 0) continue;
    if (!qcutLabels(fv, k, Q, lab, sorted, edges)) {
      binning += k;
      continue;
    }
    const d = keptDates.length;
    keptDates.push(i);
    rankAgainstSorted(fv, k, sorted.subarray(0, k), rk); // qcutLabels left the factor values sorted
    for (let t = 0; t < k; t++) {
      labels[i * n + idx[t]!] = lab[t]!;
      factorRank[i * n + idx[t]!] = rk[t]!;
    }
    // factor weights: demeaned factor over its absolute sum (NaN when all equal → return 0, as pandas' sum)
    let fm = 0;
    for (let t = 0; t < k; t++) fm += fv[t]!;
    fm /= k;
    let fabs = 0;
    for (let t = 0; t < k; t++) fabs += Math.abs(fv[t]! - fm);
    if (weights !== undefined) {
      const date = dateLabel(input.time[i]!);
      for (let t = 0; t < k; t++) weights.push({ date, asset: input.symbols[idx[t]!]!, weight: finiteOrNull((fv[t]! - fm) / fabs) });
    }
    for (let a = 0; a < P; a++) {
      const col = fwd[a]!;
      const base = i * n;
      let mean = 0;
      for (let t = 0; t < k; t++) {
        rv[t] = col[base + idx[t]!]!;
        mean += rv[t]!;
      }
      mean /= k;
      univ[a]!.push(mean);
      averageRanks(rv, k, rk2, order);
      ic[a]!.push(pearson(rk, rk2, k));
      let fr = 0;
      if (fabs > 0) for (let t = 0; t < k; t++) fr += ((fv[t]! - fm) / fabs) * rv[t]!;
      facRet[a]!.push(fr);
      const sums = new Float64Array(Q);
      const counts = new Int32Array(Q);
      for (let t = 0; t < k; t++) {
        sums[lab[t]! - 1]! += rv[t]! - mean;
        counts[lab[t]! - 1]! += 1;
      }
      for (let q = 0; q < Q; q++) qMean[a]![q]!.push(counts[q]! > 0 ? sums[q]! / counts[q]! : Number.NaN);
      g?.addDate(d, a, k, idx, fv, rv, lab, order);
    }
  }

  const dates = keptDates.map((i) => dateLabel(input.time[i]!));
  const keys = periods.map(String);
  const table = (cols: readonly number[][]): DatedPeriodValues[] =>
    dates.map((date, d) => {
      const row: Record<string, string | number | null> = { date };
      keys.forEach((key, a) => (row[key] = finiteOrNull(cols[a]![d]!)));
      return row as DatedPeriodValues;
    });

  const icSummary: Record<string, IcSummary> = {};
  const meanReturnByQuantile: Record<string, QuantileReturn[]> = {};
  const alphaBeta: Record<string, AlphaBetaEntry> = {};
  const meanReturnByQuantileByDate: Record<string, DatedPeriodValues[]> = {};
  keys.forEach((key, a) => {
    icSummary[key] = summarizeIc(ic[a]!);
    meanReturnByQuantile[key] = quantileSummary(qMean[a]!);
    alphaBeta[key] = olsAlphaBeta(univ[a]!, facRet[a]!, periods[a]!);
  });
  for (let q = 0; q < Q; q++) {
    meanReturnByQuantileByDate[String(q + 1)] = table(periods.map((_, a) => qMean[a]![q]!));
  }

  const quantileTurnover: Record<string, Record<string, DatedValue[]>> = {};
  for (let q = 1; q <= Q; q++) {
    const per: Record<string, DatedValue[]> = {};
    for (const p of periods) per[String(p)] = turnover(labels, keptDates, n, q, p, dates);
    quantileTurnover[String(q)] = per;
  }
  const rankAutocorrelation: Record<string, DatedValue[]> = {};
  for (const p of periods) rankAutocorrelation[String(p)] = rankAutocorr(factorRank, keptDates, n, p, dates);

  const kept = keptDates.reduce((s, i) => s + countRow(labels, i, n), 0);
  const dropped: DroppedRows = { input: input0, nonFiniteFactor: nonFinite, missingForwardReturns: missingFwd, binning, kept };
  const report: FactorReport = {
    periods,
    quantiles: Q,
    ic: table(ic),
    icSummary,
    meanReturnByQuantile,
    factorReturns: table(facRet),
    alphaBeta,
    quantileTurnover,
    rankAutocorrelation,
    meanReturnByQuantileByDate,
    dropped,
    ...(weights === undefined ? {} : { factorWeights: weights }),
    ...(g === undefined ? {} : { groupAdjusted: g.report(periods, univ, table, input.groups!) }),
  };
  return report;
}

function countRow(labels: Uint8Array, i: number, n: number): number {
  let c = 0;
  for (let j = 0; j < n; j++) if (labels[i * n + j] !== 0) c++;
  return c;
}

function rowMajorForwardReturns(
  series: readonly ArrayLike<number>[],
  m: number,
  n: number,
  periods: readonly number[],
  isReturns: boolean,
  fill: boolean,
): Float64Array[] {
  if (isReturns) {
    // compounding one-row returns: a NaN inside a window makes exactly that window NaN
    return periods.map((p) => {
      const out = new Float64Array(m * n).fill(Number.NaN);
      series.forEach((col, j) => {
        const r = forwardReturns(col, p, true, fill);
        for (let i = 0; i < m; i++) out[i * n + j] = r[i]!;
      });
      return out;
    });
  }
  const level = new Float64Array(m * n); // prices, row-major, missing ones carried forward when `fill`
  series.forEach((col, j) => {
    let last = Number.NaN;
    for (let i = 0; i < m; i++) {
      const v = col[i]!;
      if (!Number.isNaN(v) || !fill) last = v;
      level[i * n + j] = last;
    }
  });
  return periods.map((p) => {
    const out = new Float64Array(m * n).fill(Number.NaN);
    const end = (m - p) * n;
    for (let k = 0; k < end; k++) out[k] = level[k + p * n]! / level[k]! - 1;
    return out;
  });
}

/** Forward returns over `p` rows for one symbol (NaN where unknown). */
export function forwardReturns(col: ArrayLike<number>, p: number, isReturns: boolean, fill: boolean): Float64Array {
  const m = col.length;
  const out = new Float64Array(m).fill(Number.NaN);
  if (isReturns) {
    // compound one-row returns i+1 … i+p; any NaN in the window gives NaN
    for (let i = 0; i + p < m; i++) {
      let g = 1;
      for (let s = i + 1; s <= i + p; s++) g *= 1 + col[s]!;
      out[i] = g - 1;
    }
    return out;
  }
  let px: ArrayLike<number> = col;
  if (fill) {
    const f = new Float64Array(m);
    let last = Number.NaN;
    for (let i = 0; i < m; i++) {
      const v = col[i]!;
      if (!Number.isNaN(v)) last = v;
      f[i] = last;
    }
    px = f;
  }
  for (let i = 0; i + p < m; i++) out[i] = px[i + p]! / px[i]! - 1;
  return out;
}

function summarizeIc(series: readonly number[]): IcSummary {
  const mo = moments(series);
  const t = tTestOneSample(series);
  return {
    mean: finiteOrNull(mo.mean),
    std: finiteOrNull(mo.std),
    riskAdjusted: finiteOrNull(mo.mean / mo.std),
    tStat: finiteOrNull(t.tStat),
    pValue: finiteOrNull(t.pValue),
    skew: finiteOrNull(mo.skew),
    kurtosis: finiteOrNull(mo.kurtosis),
  };
}

function quantileSummary(perQuantile: readonly number[][]): QuantileReturn[] {
  const out: QuantileReturn[] = [];
  perQuantile.forEach((values, q) => {
    const mo = moments(values);
    if (mo.count === 0) return; // a quantile never populated has no row (as alphalens' groupby)
    out.push({ quantile: q + 1, mean: finiteOrNull(mo.mean), stdError: finiteOrNull(mo.std / Math.sqrt(mo.count)) });
  });
  return out;
}

function olsAlphaBeta(x: readonly number[], y: readonly number[], period: number): AlphaBetaEntry {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
  }
  const beta = sxy / sxx;
  const alpha = my - beta * mx;
  return { annualAlpha: finiteOrNull((1 + alpha) ** (252 / period) - 1), beta: finiteOrNull(beta) };
}

function turnover(labels: Uint8Array, keptDates: readonly number[], n: number, q: number, p: number, dates: readonly string[]): DatedValue[] {
  // the dates on which quantile q has names, in order (alphalens shifts over these)
  const rows: number[] = [];
  const where: number[] = [];
  keptDates.forEach((i, d) => {
    for (let j = 0; j < n; j++) {
      if (labels[i * n + j] === q) {
        rows.push(i);
        where.push(d);
        return;
      }
    }
  });
  // the first `period` dates have no earlier set: null (alphalens divides by a series aligned on all dates)
  const out: DatedValue[] = [];
  for (let r = 0; r < Math.min(p, rows.length); r++) out.push({ date: dates[where[r]!]!, value: null });
  for (let r = p; r < rows.length; r++) {
    const now = rows[r]! * n;
    const before = rows[r - p]! * n;
    let size = 0;
    let fresh = 0;
    for (let j = 0; j < n; j++) {
      if (labels[now + j] !== q) continue;
      size++;
      if (labels[before + j] !== q) fresh++;
    }
    out.push({ date: dates[where[r]!]!, value: fresh / size });
  }
  return out;
}

function rankAutocorr(ranks: Float64Array, keptDates: readonly number[], n: number, p: number, dates: readonly string[]): DatedValue[] {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  return keptDates.map((i, d) => {
    if (d < p) return { date: dates[d]!, value: null };
    const h = keptDates[d - p]!;
    let c = 0;
    for (let j = 0; j < n; j++) {
      const a = ranks[i * n + j]!;
      const b = ranks[h * n + j]!;
      if (Number.isNaN(a) || Number.isNaN(b)) continue;
      x[c] = a;
      y[c] = b;
      c++;
    }
    return { date: dates[d]!, value: c < 2 ? null : finiteOrNull(pearsonPandas(x, y, c)) };
  });
}

/** pandas' corrwith: Σ(dx·dy) / ((n − 1)·sx·sy) with ddof-1 standard deviations. */
function pearsonPandas(x: Float64Array, y: Float64Array, n: number): number {
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / ((n - 1) * Math.sqrt(sxx / (n - 1)) * Math.sqrt(syy / (n - 1)));
}

function groupIndex(groups: readonly string[]): { ids: Int32Array; names: string[] } {
  const names: string[] = [];
  const map = new Map<string, number>();
  const ids = Int32Array.from(groups, (gname) => {
    let id = map.get(gname);
    if (id === undefined) {
      id = names.length;
      names.push(gname);
      map.set(gname, id);
    }
    return id;
  });
  return { ids, names };
}

/** Group-adjusted IC, quantile returns and group-neutral factor returns, per date. */
class GroupAccumulators {
  readonly #ids: Int32Array;
  readonly #names: string[];
  readonly #Q: number;
  readonly ic: number[][];
  readonly facRet: number[][];
  readonly qMean: number[][][];
  /** [period][group] → per-date IC within the group (not adjusted). */
  readonly icByGroup: number[][][];

  constructor(groups: { ids: Int32Array; names: string[] }, P: number, Q: number) {
    this.#ids = groups.ids;
    this.#names = groups.names;
    this.#Q = Q;
    this.ic = Array.from({ length: P }, () => []);
    this.facRet = Array.from({ length: P }, () => []);
    this.qMean = Array.from({ length: P }, () => Array.from({ length: Q }, () => []));
    this.icByGroup = Array.from({ length: P }, () => groups.names.map(() => []));
  }

  addDate(_d: number, a: number, k: number, idx: Int32Array, fv: Float64Array, rv: Float64Array, lab: Int32Array, order: Float64Array): void {
    const G = this.#names.length;
    const gSum = new Float64Array(G);
    const gCount = new Int32Array(G);
    const fSum = new Float64Array(G);
    for (let t = 0; t < k; t++) {
      const gi = this.#ids[idx[t]!]!;
      gSum[gi]! += rv[t]!;
      fSum[gi]! += fv[t]!;
      gCount[gi]! += 1;
    }
    const adj = new Float64Array(k);
    for (let t = 0; t < k; t++) {
      const gi = this.#ids[idx[t]!]!;
      adj[t] = rv[t]! - gSum[gi]! / gCount[gi]!;
    }
    // IC of the group-demeaned returns
    const r1 = new Float64Array(k);
    const r2 = new Float64Array(k);
    averageRanks(fv, k, r1, order);
    averageRanks(adj, k, r2, order);
    this.ic[a]!.push(pearson(r1, r2, k));
    // quantile means of group-demeaned returns
    const sums = new Float64Array(this.#Q);
    const counts = new Int32Array(this.#Q);
    for (let t = 0; t < k; t++) {
      sums[lab[t]! - 1]! += adj[t]!;
      counts[lab[t]! - 1]! += 1;
    }
    for (let q = 0; q < this.#Q; q++) this.qMean[a]![q]!.push(counts[q]! > 0 ? sums[q]! / counts[q]! : Number.NaN);
    // group-neutral weights: demeaned within the group over its absolute sum, then over the date's absolute sum
    const gAbs = new Float64Array(G);
    for (let t = 0; t < k; t++) {
      const gi = this.#ids[idx[t]!]!;
      gAbs[gi]! += Math.abs(fv[t]! - fSum[gi]! / gCount[gi]!);
    }
    const w = new Float64Array(k);
    let total = 0;
    for (let t = 0; t < k; t++) {
      const gi = this.#ids[idx[t]!]!;
      w[t] = (fv[t]! - fSum[gi]! / gCount[gi]!) / gAbs[gi]!; // NaN for a group with one distinct value
      if (!Number.isNaN(w[t]!)) total += Math.abs(w[t]!);
    }
    let fr = 0;
    for (let t = 0; t < k; t++) if (!Number.isNaN(w[t]!)) fr += (w[t]! / total) * rv[t]!;
    this.facRet[a]!.push(Number.isNaN(fr) ? 0 : fr);
    // per-group IC (by_group=True)
    for (let gi = 0; gi < G; gi++) {
      if (gCount[gi] === 0) continue;
      const fx = new Float64Array(gCount[gi]!);
      const rx = new Float64Array(gCount[gi]!);
      let c = 0;
      for (let t = 0; t < k; t++) {
        if (this.#ids[idx[t]!] !== gi) continue;
        fx[c] = fv[t]!;
        rx[c] = rv[t]!;
        c++;
      }
      const a1 = new Float64Array(c);
      const a2 = new Float64Array(c);
      averageRanks(fx, c, a1, order);
      averageRanks(rx, c, a2, order);
      this.icByGroup[a]![gi]!.push(pearson(a1, a2, c));
    }
  }

  report(
    periods: readonly number[],
    univ: readonly number[][],
    table: (cols: readonly number[][]) => DatedPeriodValues[],
    _groups: readonly string[],
  ): GroupAdjustedReport {
    const icSummary: Record<string, IcSummary> = {};
    const mrq: Record<string, QuantileReturn[]> = {};
    const ab: Record<string, AlphaBetaEntry> = {};
    periods.forEach((p, a) => {
      icSummary[String(p)] = summarizeIc(this.ic[a]!);
      mrq[String(p)] = quantileSummary(this.qMean[a]!);
      ab[String(p)] = olsAlphaBeta(univ[a]!, this.facRet[a]!, p);
    });
    const meanIcByGroup: Record<string, Record<string, number | null>> = {};
    this.#names.forEach((name, gi) => {
      const row: Record<string, number | null> = {};
      periods.forEach((p, a) => (row[String(p)] = finiteOrNull(moments(this.icByGroup[a]![gi]!).mean)));
      meanIcByGroup[name] = row;
    });
    return { ic: table(this.ic), icSummary, meanReturnByQuantile: mrq, factorReturns: table(this.facRet), alphaBeta: ab, meanIcByGroup };
  }
}
