/**
 * Realism statistics of a fixture data set and the calibration targets they must meet, so the
 * cross-section cannot silently drift back to "every stock is a ten-bagger". Used by the generator
 * (the achieved figures go into `manifest.json`), by `generate.test.ts` (on the committed CSVs) and
 * by `scan-seeds.ts` (to pick the seed). Pure: arrays in, numbers out.
 */

/** One symbol's adjusted closes, the input of {@link realismStats}. */
export interface RealismInput {
  readonly symbol: string;
  readonly sector: string | null;
  /** ISO session dates, one per close. */
  readonly dates: readonly string[];
  /** Split- and dividend-adjusted closes (total-return index). */
  readonly adjClose: ArrayLike<number>;
}

/** Figures of one symbol over its whole history, from adjusted closes. */
export interface SymbolRealism {
  /** Last adjusted close / first − 1. */
  readonly totalReturn: number;
  /** Sample standard deviation of daily log returns × √252. */
  readonly annualVol: number;
  /** OLS slope of daily log returns on the benchmark's. */
  readonly beta: number;
}

/** Realism figures of a data set. */
export interface RealismStats {
  readonly benchmark: {
    /** Compound annual growth of the adjusted close, over calendar years first → last date. */
    readonly cagr: number;
    readonly annualVol: number;
    /** Largest peak-to-trough fall of the adjusted close, as a positive fraction. */
    readonly maxDrawdown: number;
    readonly maxDrawdownPeak: string;
    readonly maxDrawdownTrough: string;
  };
  /** Over the single stocks that trade to the end (benchmark and delisted symbol excluded). */
  readonly stocks: {
    readonly count: number;
    readonly medianTotalReturn: number;
    readonly minTotalReturn: number;
    readonly maxTotalReturn: number;
    /** Stocks whose total return is at most {@link NEAR_ZERO_RETURN} (roughly: lagged cash). */
    readonly nearZeroOrNegative: number;
    readonly negative: number;
    /** Stocks above +600 %. */
    readonly above600Percent: number;
    readonly minAnnualVol: number;
    readonly maxAnnualVol: number;
    readonly minBeta: number;
    readonly maxBeta: number;
    /** Mean pairwise correlation of daily log returns, same sector / different sectors. */
    readonly meanCorrelationWithinSector: number;
    readonly meanCorrelationAcrossSectors: number;
  };
  readonly symbols: Readonly<Record<string, SymbolRealism>>;
}

/** A total return at or below this counts as "near zero" (cash earned about +17 % over 2015–2024). */
export const NEAR_ZERO_RETURN = 0.1;

/**
 * Calibration targets: a broad index like the S&P 500 and a cross-section like US large caps over
 * 2015–2024 (median ten-year total return roughly +100–200 %, a quarter of names lagging cash,
 * a few big winners).
 */
export const REALISM_TARGETS = {
  benchmarkCagr: [0.08, 0.14],
  benchmarkAnnualVol: [0.15, 0.2],
  benchmarkMaxDrawdown: [0.25, 0.4],
  /** At least this many sessions in the crisis regime. */
  minCrisisSessions: 1,
  medianTotalReturn: [0.8, 2.2],
  minNearZeroOrNegative: 3,
  maxAbove600Percent: 2,
  annualVol: [0.2, 0.45],
  beta: [0.6, 1.5],
  /** Bounds on both mean pairwise correlations; within-sector must also exceed across-sector. */
  meanCorrelation: [0.2, 0.6],
} as const;

function logReturns(adj: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 1; i < adj.length; i++) out.push(Math.log(adj[i]! / adj[i - 1]!));
  return out;
}

function mean(x: readonly number[]): number {
  return x.reduce((a, b) => a + b, 0) / x.length;
}

function covariance(x: readonly number[], y: readonly number[]): number {
  const mx = mean(x);
  const my = mean(y);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - mx) * (y[i]! - my);
  return s / (x.length - 1);
}

function median(x: readonly number[]): number {
  const s = [...x].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const DAY_MS = 86_400_000;

/**
 * Realism figures of `series`: the benchmark's CAGR, volatility and maximum drawdown, and the
 * cross-section of the stocks that trade to the end.
 *
 * @param benchmark - symbol of the broad-market series
 * @param delisted - symbols left out of the cross-section (they have no full-period return)
 */
export function realismStats(series: readonly RealismInput[], benchmark: string, delisted: readonly string[]): RealismStats {
  const bench = series.find((s) => s.symbol === benchmark);
  if (bench === undefined) throw new Error(`no benchmark series ${benchmark}`);
  const b = bench.adjClose;
  const n = b.length;
  const years = (Date.parse(`${bench.dates[n - 1]}T00:00:00Z`) - Date.parse(`${bench.dates[0]}T00:00:00Z`)) / DAY_MS / 365.25;
  let peak = 0;
  let peakAt = 0;
  let maxDrawdown = 0;
  let ddPeak = 0;
  let ddTrough = 0;
  for (let i = 0; i < n; i++) {
    if (b[i]! > peak) {
      peak = b[i]!;
      peakAt = i;
    }
    const dd = 1 - b[i]! / peak;
    if (dd > maxDrawdown) {
      maxDrawdown = dd;
      ddPeak = peakAt;
      ddTrough = i;
    }
  }
  const benchReturns = logReturns(b);
  const annualVol = (r: readonly number[]): number => Math.sqrt(covariance(r, r) * 252);

  const symbols: Record<string, SymbolRealism> = {};
  const stocks: { symbol: string; sector: string | null; returns: number[]; figures: SymbolRealism }[] = [];
  for (const s of series) {
    const r = logReturns(s.adjClose);
    // A delisted series is a prefix of the calendar: regress on the benchmark's same sessions.
    const m = benchReturns.slice(0, r.length);
    const figures: SymbolRealism = {
      totalReturn: s.adjClose[s.adjClose.length - 1]! / s.adjClose[0]! - 1,
      annualVol: annualVol(r),
      beta: covariance(r, m) / covariance(m, m),
    };
    symbols[s.symbol] = figures;
    if (s.symbol === benchmark || delisted.includes(s.symbol)) continue;
    if (s.dates.length !== n || s.dates[0] !== bench.dates[0] || s.dates[n - 1] !== bench.dates[n - 1]) {
      throw new Error(`${s.symbol} does not span the benchmark's sessions`);
    }
    stocks.push({ symbol: s.symbol, sector: s.sector, returns: r, figures });
  }
  if (stocks.length === 0) throw new Error('no stocks besides the benchmark');

  const within: number[] = [];
  const across: number[] = [];
  const sds = stocks.map((s) => Math.sqrt(covariance(s.returns, s.returns)));
  for (let i = 0; i < stocks.length; i++) {
    for (let j = i + 1; j < stocks.length; j++) {
      const c = covariance(stocks[i]!.returns, stocks[j]!.returns) / (sds[i]! * sds[j]!);
      (stocks[i]!.sector === stocks[j]!.sector ? within : across).push(c);
    }
  }
  const totals = stocks.map((s) => s.figures.totalReturn);
  const vols = stocks.map((s) => s.figures.annualVol);
  const betas = stocks.map((s) => s.figures.beta);
  return {
    benchmark: {
      cagr: (b[n - 1]! / b[0]!) ** (1 / years) - 1,
      annualVol: annualVol(benchReturns),
      maxDrawdown,
      maxDrawdownPeak: bench.dates[ddPeak]!,
      maxDrawdownTrough: bench.dates[ddTrough]!,
    },
    stocks: {
      count: stocks.length,
      medianTotalReturn: median(totals),
      minTotalReturn: Math.min(...totals),
      maxTotalReturn: Math.max(...totals),
      nearZeroOrNegative: totals.filter((t) => t <= NEAR_ZERO_RETURN).length,
      negative: totals.filter((t) => t < 0).length,
      above600Percent: totals.filter((t) => t > 6).length,
      minAnnualVol: Math.min(...vols),
      maxAnnualVol: Math.max(...vols),
      minBeta: Math.min(...betas),
      maxBeta: Math.max(...betas),
      meanCorrelationWithinSector: within.length > 0 ? mean(within) : Number.NaN,
      meanCorrelationAcrossSectors: across.length > 0 ? mean(across) : Number.NaN,
    },
    symbols,
  };
}

/**
 * Every way `stats` misses {@link REALISM_TARGETS}, as readable strings; empty when all are met.
 * NaN figures (a series stuck at the one-cent floor, say) count as misses.
 *
 * @param crisisSessions - sessions the market spent in the crisis regime
 */
export function realismViolations(stats: RealismStats, crisisSessions: number): string[] {
  const t = REALISM_TARGETS;
  const out: string[] = [];
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const within = (name: string, x: number, [lo, hi]: readonly [number, number], show = pct): void => {
    if (!(x >= lo && x <= hi)) out.push(`${name} ${show(x)} outside [${show(lo)}, ${show(hi)}]`);
  };
  const { benchmark: m, stocks: s } = stats;
  within('benchmark CAGR', m.cagr, t.benchmarkCagr);
  within('benchmark annual vol', m.annualVol, t.benchmarkAnnualVol);
  within('benchmark max drawdown', m.maxDrawdown, t.benchmarkMaxDrawdown);
  if (!(crisisSessions >= t.minCrisisSessions)) out.push(`only ${crisisSessions} crisis sessions`);
  within('median stock total return', s.medianTotalReturn, t.medianTotalReturn);
  if (!(s.nearZeroOrNegative >= t.minNearZeroOrNegative)) {
    out.push(`${s.nearZeroOrNegative} stocks at or below ${pct(NEAR_ZERO_RETURN)}, want >= ${t.minNearZeroOrNegative}`);
  }
  if (!(s.above600Percent <= t.maxAbove600Percent)) out.push(`${s.above600Percent} stocks above +600%, want <= ${t.maxAbove600Percent}`);
  within('lowest stock vol', s.minAnnualVol, t.annualVol);
  within('highest stock vol', s.maxAnnualVol, t.annualVol);
  const num = (x: number): string => x.toFixed(2);
  within('lowest beta', s.minBeta, t.beta, num);
  within('highest beta', s.maxBeta, t.beta, num);
  within('mean within-sector correlation', s.meanCorrelationWithinSector, t.meanCorrelation, num);
  within('mean across-sector correlation', s.meanCorrelationAcrossSectors, t.meanCorrelation, num);
  if (!(s.meanCorrelationWithinSector > s.meanCorrelationAcrossSectors)) out.push('within-sector correlation not above across-sector');
  return out;
}
