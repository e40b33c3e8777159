/**
 * The invented universe the fixture generator simulates: symbols, their factor loadings, and the
 * market regimes. Parameters are annualised where named so (252 sessions a year) and chosen to
 * look like large-cap US equities of the 2010s, not to match any real company: total vols of
 * about 20–40 %, idiosyncratic vols of 15–30 %, and alphas with a mean near zero and a spread
 * of a few points a year. `realism.ts` holds the targets the resulting data set must meet.
 */

/** Sectors; each has its own factor return on top of the market. */
export const SECTORS = ['tech', 'financials', 'health', 'energy', 'consumer'] as const;
/** A sector name. */
export type Sector = (typeof SECTORS)[number];

/** Quarterly dividend policy of a payer. */
export interface DividendPolicy {
  /** Annual yield targeted when the dividend is reset each year. */
  readonly yield: number;
  /** Calendar months (1..12) with an ex-dividend date. */
  readonly months: readonly number[];
  /** Day of month on or after which the ex-date falls (first session from that day). */
  readonly day: number;
}

/** One simulated symbol. */
export interface SymbolSpec {
  readonly symbol: string;
  /** `null` for the broad-market ETF, which tracks the market factor alone. */
  readonly sector: Sector | null;
  /** Loading on the market factor. */
  readonly beta: number;
  /** Loading on its sector factor. */
  readonly sectorLoading: number;
  /** Annualised idiosyncratic volatility. */
  readonly idioVol: number;
  /**
   * Annualised Jensen's alpha: expected *arithmetic* total return above the CAPM line
   * `rf + beta · (market − rf)`. The log-return drift the simulation uses is derived from it with
   * the volatility drag taken off (`symbolLogDrift` in `simulate.ts`). Spread around zero: over a
   * decade some large caps beat the market by several points a year and some lag it.
   */
  readonly alpha: number;
  /** Close of the session before the first one. */
  readonly startPrice: number;
  /** Typical daily volume in shares at the start. */
  readonly baseVolume: number;
  readonly dividend: DividendPolicy | null;
}

/** Broad-market ETF, usable as a benchmark. */
export const BENCHMARK_SYMBOL = 'MKT';

const QUARTERLY_MAR = [3, 6, 9, 12] as const;
const QUARTERLY_FEB = [2, 5, 8, 11] as const;
const QUARTERLY_JAN = [1, 4, 7, 10] as const;

/** Every symbol, in the alphabetical order the files and the Arrow table use. */
export const UNIVERSE: readonly SymbolSpec[] = [
  { symbol: 'ALFA', sector: 'tech', beta: 1.15, sectorLoading: 1.0, idioVol: 0.2, alpha: 0.03, startPrice: 48.3, baseVolume: 9_500_000, dividend: null },
  { symbol: 'BRVO', sector: 'tech', beta: 1.35, sectorLoading: 1.2, idioVol: 0.27, alpha: -0.02, startPrice: 27.65, baseVolume: 14_000_000, dividend: null },
  { symbol: 'CHRL', sector: 'financials', beta: 1.1, sectorLoading: 1.0, idioVol: 0.16, alpha: -0.02, startPrice: 61.4, baseVolume: 6_200_000, dividend: { yield: 0.028, months: QUARTERLY_FEB, day: 6 } },
  { symbol: 'DLTA', sector: 'financials', beta: 1.25, sectorLoading: 1.1, idioVol: 0.21, alpha: 0.0, startPrice: 18.9, baseVolume: 21_000_000, dividend: null },
  { symbol: 'ECHO', sector: 'consumer', beta: 0.7, sectorLoading: 0.9, idioVol: 0.15, alpha: 0.01, startPrice: 84.2, baseVolume: 4_100_000, dividend: { yield: 0.025, months: QUARTERLY_MAR, day: 12 } },
  { symbol: 'FXTR', sector: 'financials', beta: 1.0, sectorLoading: 0.9, idioVol: 0.18, alpha: 0.01, startPrice: 35.75, baseVolume: 7_800_000, dividend: null },
  { symbol: 'GRDN', sector: 'financials', beta: 0.85, sectorLoading: 0.8, idioVol: 0.15, alpha: -0.01, startPrice: 52.1, baseVolume: 3_300_000, dividend: { yield: 0.034, months: QUARTERLY_JAN, day: 20 } },
  { symbol: 'HLXR', sector: 'health', beta: 0.9, sectorLoading: 1.1, idioVol: 0.26, alpha: -0.03, startPrice: 112.5, baseVolume: 2_600_000, dividend: null },
  { symbol: 'IOTA', sector: 'health', beta: 0.75, sectorLoading: 1.0, idioVol: 0.19, alpha: 0.02, startPrice: 67.3, baseVolume: 3_900_000, dividend: null },
  { symbol: 'KAPP', sector: 'health', beta: 0.65, sectorLoading: 0.8, idioVol: 0.17, alpha: 0.0, startPrice: 41.8, baseVolume: 5_500_000, dividend: null },
  { symbol: 'LUMA', sector: 'consumer', beta: 1.05, sectorLoading: 1.1, idioVol: 0.24, alpha: 0.03, startPrice: 23.4, baseVolume: 11_000_000, dividend: null },
  { symbol: BENCHMARK_SYMBOL, sector: null, beta: 1.0, sectorLoading: 0, idioVol: 0.008, alpha: 0, startPrice: 205.4, baseVolume: 85_000_000, dividend: { yield: 0.018, months: QUARTERLY_MAR, day: 15 } },
  { symbol: 'NOVA', sector: 'tech', beta: 1.3, sectorLoading: 1.1, idioVol: 0.26, alpha: 0.06, startPrice: 96.0, baseVolume: 8_200_000, dividend: null },
  { symbol: 'ORBT', sector: 'tech', beta: 1.2, sectorLoading: 0.9, idioVol: 0.22, alpha: 0.01, startPrice: 58.6, baseVolume: 6_700_000, dividend: null },
  { symbol: 'PETR', sector: 'energy', beta: 0.95, sectorLoading: 1.2, idioVol: 0.18, alpha: -0.03, startPrice: 78.9, baseVolume: 9_000_000, dividend: { yield: 0.045, months: QUARTERLY_FEB, day: 10 } },
  { symbol: 'RVRA', sector: 'consumer', beta: 0.9, sectorLoading: 1.0, idioVol: 0.2, alpha: 0.0, startPrice: 31.2, baseVolume: 7_400_000, dividend: null },
  { symbol: 'SOLR', sector: 'energy', beta: 1.1, sectorLoading: 1.1, idioVol: 0.29, alpha: -0.04, startPrice: 14.6, baseVolume: 16_000_000, dividend: null },
  { symbol: 'TNDR', sector: 'energy', beta: 1.05, sectorLoading: 1.3, idioVol: 0.23, alpha: -0.02, startPrice: 44.7, baseVolume: 5_200_000, dividend: null },
  { symbol: 'VNTG', sector: 'consumer', beta: 0.8, sectorLoading: 1.0, idioVol: 0.17, alpha: -0.02, startPrice: 72.8, baseVolume: 3_600_000, dividend: null },
  { symbol: 'ZETA', sector: 'energy', beta: 1.4, sectorLoading: 1.4, idioVol: 0.3, alpha: -0.05, startPrice: 22.35, baseVolume: 12_000_000, dividend: null },
];

/** The one stock split in the data set. */
export const SPLIT = { symbol: 'NOVA', date: '2020-08-31', ratio: 3 } as const;

/**
 * The one delisting: the symbol's history ends on the last session on or before `lastDate`,
 * after a slide of `distressSessions` sessions that takes away `distressDecline` of its value
 * and a final-day collapse of `finalDrop`.
 */
export const DELISTING = {
  symbol: 'ZETA',
  lastDate: '2021-06-11',
  distressSessions: 90,
  distressDecline: 0.85,
  finalDrop: 0.6,
} as const;

/** First and last calendar dates of the data set. */
export const DATE_RANGE = { from: '2015-01-01', to: '2024-12-31' } as const;

/** Parameters of one market regime (annualised). */
export interface RegimeSpec {
  readonly name: string;
  /**
   * Drift of the market factor's log return (already geometric: the market's expected CAGR is
   * about e^(regime-weighted drift + jump mean · jumps) − 1, ≈ 10 % a year with these numbers).
   */
  readonly drift: number;
  /** Multiplier on the market factor's GARCH volatility. */
  readonly volMultiplier: number;
  /** Expected market jumps per year. */
  readonly jumpsPerYear: number;
}

/** Market regimes of the Markov chain; index 0 is the starting state. */
export const REGIMES: readonly RegimeSpec[] = [
  { name: 'calm-bull', drift: 0.22, volMultiplier: 0.7, jumpsPerYear: 1 },
  { name: 'volatile-bear', drift: -0.15, volMultiplier: 1.5, jumpsPerYear: 5 },
  { name: 'crisis', drift: -0.6, volMultiplier: 3.2, jumpsPerYear: 20 },
];

/**
 * Daily regime transition probabilities, `TRANSITIONS[from][to]`; rows sum to 1. Expected stays:
 * calm ~200 sessions, bear ~50, crisis ~20.
 */
export const TRANSITIONS: readonly (readonly number[])[] = [
  [0.995, 0.0045, 0.0005],
  [0.018, 0.98, 0.002],
  [0.01, 0.04, 0.95],
];

/** Volatility model constants. */
export const MODEL = {
  sessionsPerYear: 252,
  /** Annualised risk-free rate of the CAPM drift (3-month T-bills averaged about 1.4 % in 2015–2024). */
  riskFreeRate: 0.015,
  /** Long-run annualised volatility of the market factor before the regime multiplier. */
  marketVol: 0.16,
  /** Annualised volatility of each sector factor. */
  sectorVol: 0.09,
  /** GARCH(1,1) `alpha`, `beta` of the market, sector and idiosyncratic variance processes. */
  garchMarket: { alpha: 0.09, beta: 0.89 },
  garchSector: { alpha: 0.06, beta: 0.92 },
  garchIdio: { alpha: 0.05, beta: 0.9 },
  /** Market jump size in log return: mean and standard deviation. */
  marketJump: { mean: -0.015, sd: 0.03 },
  /** Idiosyncratic (news) jumps per year and their log-return size standard deviation. */
  idioJumpsPerYear: 4,
  idioJump: { mean: 0, sd: 0.045 },
  /** Share of a session's diffusive variance that accrues overnight (close to next open). */
  overnightVarianceShare: 0.22,
  /** Probability that a jump happens overnight (so it shows as an opening gap). */
  overnightJumpProbability: 0.7,
  /** How much sector and idiosyncratic volatility follow the regime's multiplier (0..1). */
  sectorRegimeSensitivity: 0.5,
  idioRegimeSensitivity: 0.35,
  /** Log-volume sensitivity to log volatility, to the day's standardised |return|, and to price. */
  volumeVolElasticity: 0.8,
  volumeShockLoading: 0.3,
  volumePriceElasticity: -0.35,
  /** AR(1) coefficient and innovation sd of log-volume noise. */
  volumeAr: 0.7,
  volumeNoise: 0.22,
  /** Volume multiplier on early-close sessions. */
  earlyCloseVolume: 0.45,
} as const;
