/**
 * The market model behind the daily fixtures: a regime-switching market factor, sector factors and
 * idiosyncratic returns, each with GARCH(1,1) volatility and Poisson jumps; intraday OHLC from a
 * Brownian bridge; volume tied to volatility and the day's move; dividends, one split and one
 * delisting. Pure: numbers in, arrays out, no I/O.
 */
import { Random } from './random.js';
import type { Sector, SymbolSpec } from './universe.js';
import { DELISTING, MODEL, REGIMES, SECTORS, SPLIT, TRANSITIONS, UNIVERSE } from './universe.js';

/** One session of the calendar the model runs on. */
export interface SessionInfo {
  /** Epoch ms of UTC midnight of the session date. */
  readonly label: number;
  /** ISO date, `YYYY-MM-DD`. */
  readonly date: string;
  readonly earlyClose: boolean;
}

/** A cash dividend, by its ex-date. */
export interface Dividend {
  readonly date: string;
  readonly amount: number;
}

/**
 * One symbol's simulated daily bars, already rounded as published: prices to cents, adjusted close
 * to 6 decimals, volume to whole shares.
 */
export interface SimulatedBars {
  readonly symbol: string;
  readonly sector: Sector | null;
  /** ISO session dates, one per bar. */
  readonly dates: readonly string[];
  /** Date labels (epoch ms of UTC midnight), one per bar. */
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  /** Raw close: drops on ex-dividend dates and on the split date. */
  readonly close: Float64Array;
  /** Close adjusted for every later dividend and split (Yahoo convention). */
  readonly adjClose: Float64Array;
  readonly volume: Float64Array;
  readonly dividends: readonly Dividend[];
}

/** Everything the model produced. */
export interface SimulationResult {
  readonly bars: readonly SimulatedBars[];
  /** Regime name of every session, in calendar order. */
  readonly regimes: readonly string[];
}

/** Rounds to `digits` decimals the way the CSV prints it, so CSV and Arrow values agree exactly. */
export function roundTo(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}

/** Market-wide paths shared by every symbol. */
interface FactorPaths {
  readonly regime: Uint8Array;
  /** Market log-return drift + diffusion (no jumps). */
  readonly marketDiffusive: Float64Array;
  /** Daily standard deviation of the market diffusion. */
  readonly marketSd: Float64Array;
  /** Market jump log return landing overnight / intraday. */
  readonly marketJumpOvernight: Float64Array;
  readonly marketJumpIntraday: Float64Array;
  readonly sectorReturn: ReadonlyMap<Sector, Float64Array>;
  readonly sectorSd: ReadonlyMap<Sector, Float64Array>;
}

const DT = 1 / MODEL.sessionsPerYear;
const SQRT_DT = Math.sqrt(DT);

/** Unit-variance GARCH(1,1): returns the standardised shock and advances the variance state. */
class Garch {
  private h = 1;
  private readonly alpha: number;
  private readonly beta: number;

  constructor(alpha: number, beta: number) {
    this.alpha = alpha;
    this.beta = beta;
  }

  /** Scales a standard normal draw by the current conditional sd, then updates the variance. */
  step(z: number): number {
    const e = Math.sqrt(this.h) * z;
    this.h = 1 - this.alpha - this.beta + this.alpha * e * e + this.beta * this.h;
    return e;
  }

  /** Conditional standard deviation for the next step. */
  get sd(): number {
    return Math.sqrt(this.h);
  }
}

function simulateFactors(seed: number, n: number): FactorPaths {
  const regimeRng = Random.derive(seed, 'regime');
  const marketRng = Random.derive(seed, 'market');
  const regime = new Uint8Array(n);
  const marketDiffusive = new Float64Array(n);
  const marketSd = new Float64Array(n);
  const marketJumpOvernight = new Float64Array(n);
  const marketJumpIntraday = new Float64Array(n);
  const garch = new Garch(MODEL.garchMarket.alpha, MODEL.garchMarket.beta);
  let state = 0;
  for (let t = 0; t < n; t++) {
    if (t > 0) state = nextRegime(state, regimeRng.uniform());
    regime[t] = state;
    const spec = REGIMES[state]!;
    const sd = MODEL.marketVol * SQRT_DT * spec.volMultiplier * garch.sd;
    marketSd[t] = sd;
    marketDiffusive[t] = spec.drift * DT + MODEL.marketVol * SQRT_DT * spec.volMultiplier * garch.step(marketRng.normal());
    const jumps = marketRng.poisson(spec.jumpsPerYear * DT);
    for (let j = 0; j < jumps; j++) {
      const size = MODEL.marketJump.mean + MODEL.marketJump.sd * marketRng.normal();
      if (marketRng.uniform() < MODEL.overnightJumpProbability) marketJumpOvernight[t]! += size;
      else marketJumpIntraday[t]! += size;
    }
  }
  const sectorReturn = new Map<Sector, Float64Array>();
  const sectorSd = new Map<Sector, Float64Array>();
  for (const sector of SECTORS) {
    const rng = Random.derive(seed, `sector:${sector}`);
    const g = new Garch(MODEL.garchSector.alpha, MODEL.garchSector.beta);
    const r = new Float64Array(n);
    const s = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      const mult = 1 + MODEL.sectorRegimeSensitivity * (REGIMES[regime[t]!]!.volMultiplier - 1);
      s[t] = MODEL.sectorVol * SQRT_DT * mult * g.sd;
      r[t] = MODEL.sectorVol * SQRT_DT * mult * g.step(rng.normal());
    }
    sectorReturn.set(sector, r);
    sectorSd.set(sector, s);
  }
  return { regime, marketDiffusive, marketSd, marketJumpOvernight, marketJumpIntraday, sectorReturn, sectorSd };
}

function nextRegime(state: number, u: number): number {
  const row = TRANSITIONS[state]!;
  let acc = 0;
  for (let k = 0; k < row.length; k++) {
    acc += row[k]!;
    if (u < acc) return k;
  }
  return row.length - 1;
}

/** Index of the first session on or after `date`, or -1. */
function firstOnOrAfter(sessions: readonly SessionInfo[], date: string): number {
  return sessions.findIndex((s) => s.date >= date);
}

/** Index of the last session on or before `date`, or -1. */
function lastOnOrBefore(sessions: readonly SessionInfo[], date: string): number {
  return sessions.findLastIndex((s) => s.date <= date);
}

/** Session indices of a payer's ex-dividend dates (never the first session: it has no prior close). */
function exDividendIndices(spec: SymbolSpec, sessions: readonly SessionInfo[]): Set<number> {
  const out = new Set<number>();
  if (spec.dividend === null) return out;
  const first = sessions[0]!.date.slice(0, 4);
  const last = sessions[sessions.length - 1]!.date.slice(0, 4);
  for (let year = Number(first); year <= Number(last); year++) {
    for (const month of spec.dividend.months) {
      const from = `${year}-${String(month).padStart(2, '0')}-${String(spec.dividend.day).padStart(2, '0')}`;
      const i = firstOnOrAfter(sessions, from);
      if (i > 0 && sessions[i]!.date.slice(0, 7) === from.slice(0, 7)) out.add(i);
    }
  }
  return out;
}

/**
 * Stationary distribution of the regime Markov chain: the long-run share of sessions spent in
 * each regime (power iteration on {@link TRANSITIONS}; converges fast for this small chain).
 */
export function stationaryRegimeShares(): number[] {
  let p: number[] = REGIMES.map((_, k) => (k === 0 ? 1 : 0));
  for (let iter = 0; iter < 20_000; iter++) {
    const next = p.map(() => 0);
    for (let i = 0; i < p.length; i++) {
      for (let j = 0; j < p.length; j++) next[j]! += p[i]! * TRANSITIONS[i]![j]!;
    }
    p = next;
  }
  return p;
}

/** Long-run E[(1 + sensitivity · (regime multiplier − 1))²] under the stationary regime mix. */
function meanSquaredRegimeScale(sensitivity: number, shares: readonly number[]): number {
  return REGIMES.reduce((acc, r, k) => acc + shares[k]! * (1 + sensitivity * (r.volMultiplier - 1)) ** 2, 0);
}

/** Long-run annualised variances of the model's components (log returns, jumps included). */
export interface ComponentVariances {
  /** Market factor: regime-scaled GARCH diffusion plus market jumps. */
  readonly market: number;
  /** One sector factor, before the symbol's loading. */
  readonly sector: number;
  /** Idiosyncratic part of `spec`: regime-scaled GARCH diffusion plus news jumps. */
  readonly idio: (spec: SymbolSpec) => number;
}

/** The model's long-run (unconditional) annualised variances, from its parameters alone. */
export function componentVariances(): ComponentVariances {
  const shares = stationaryRegimeShares();
  const marketJumpVar = REGIMES.reduce(
    (acc, r, k) => acc + shares[k]! * r.jumpsPerYear * (MODEL.marketJump.mean ** 2 + MODEL.marketJump.sd ** 2),
    0,
  );
  const idioScale2 = meanSquaredRegimeScale(MODEL.idioRegimeSensitivity, shares);
  const idioJumpVar = MODEL.idioJumpsPerYear * (MODEL.idioJump.mean ** 2 + MODEL.idioJump.sd ** 2);
  return {
    market: MODEL.marketVol ** 2 * meanSquaredRegimeScale(1, shares) + marketJumpVar,
    sector: MODEL.sectorVol ** 2 * meanSquaredRegimeScale(MODEL.sectorRegimeSensitivity, shares),
    idio: (spec) => spec.idioVol ** 2 * idioScale2 + (spec.sector === null ? 0 : idioJumpVar),
  };
}

/**
 * Annualised drift of a symbol's own log-return component (added to `beta` × the market factor).
 *
 * The market factor is the benchmark's total log return. CAPM holds for *arithmetic* expected
 * returns: `E[R] = rf + beta · (E[R_mkt] − rf) + alpha`. A log return's arithmetic mean is its
 * drift plus half its variance, so the symbol's log return needs
 *
 *   rf · (1 − beta) + alpha − ½ · (beta · (beta − 1) · σ²_mkt + loading² · σ²_sector + σ²_idio)
 *
 * on top of `beta` × the market factor. Without the `−½σ²` volatility drag a stock's sector and
 * idiosyncratic risk would come for free in arithmetic return, which made the median stock beat
 * the index by several times over ten years. `σ²` are the model's long-run variances
 * ({@link componentVariances}), not the realised path's, so the drift does not depend on the seed.
 */
export function symbolLogDrift(spec: SymbolSpec, variances: ComponentVariances = componentVariances()): number {
  const drag =
    spec.beta * (spec.beta - 1) * variances.market +
    spec.sectorLoading ** 2 * (spec.sector === null ? 0 : variances.sector) +
    variances.idio(spec);
  return MODEL.riskFreeRate * (1 - spec.beta) + spec.alpha - drag / 2;
}

/** Lower bound on any published price: a cent. */
const MIN_PRICE = 0.01;

function simulateSymbol(
  seed: number,
  spec: SymbolSpec,
  sessions: readonly SessionInfo[],
  f: FactorPaths,
  variances: ComponentVariances,
): SimulatedBars {
  const rng = Random.derive(seed, `symbol:${spec.symbol}`);
  const isDelisted = spec.symbol === DELISTING.symbol;
  const lastIndex = isDelisted ? lastOnOrBefore(sessions, DELISTING.lastDate) : sessions.length - 1;
  if (lastIndex < 1) throw new Error(`delisting date ${DELISTING.lastDate} is outside the calendar`);
  const n = lastIndex + 1;
  const splitIndex = spec.symbol === SPLIT.symbol ? firstOnOrAfter(sessions, SPLIT.date) : -1;
  if (splitIndex >= 0 && sessions[splitIndex]!.date !== SPLIT.date) {
    throw new Error(`split date ${SPLIT.date} is not a session`);
  }
  const exDates = exDividendIndices(spec, sessions);
  const drift = symbolLogDrift(spec, variances) * DT;
  const sectorR = spec.sector === null ? null : f.sectorReturn.get(spec.sector)!;
  const sectorS = spec.sector === null ? null : f.sectorSd.get(spec.sector)!;
  const garch = new Garch(MODEL.garchIdio.alpha, MODEL.garchIdio.beta);
  const phi = MODEL.overnightVarianceShare;
  const idioJumpRate = spec.sector === null ? 0 : MODEL.idioJumpsPerYear * DT;
  // Normal daily sd of the symbol, the reference for volume's volatility elasticity.
  const refSd =
    Math.sqrt(
      spec.beta ** 2 * MODEL.marketVol ** 2 + spec.sectorLoading ** 2 * MODEL.sectorVol ** 2 + spec.idioVol ** 2,
    ) * SQRT_DT;
  const distressStart = isDelisted ? lastIndex - DELISTING.distressSessions + 1 : Number.POSITIVE_INFINITY;
  const distressDrift = Math.log(1 - DELISTING.distressDecline) / DELISTING.distressSessions;

  const dates: string[] = [];
  const time = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  const dividends: Dividend[] = [];

  let price = spec.startPrice; // continuous close, in the current (post-split) share units
  let publishedClose = roundTo(price, 2);
  let shareScale = 1; // shares per original share: volume multiplier after the split
  let dividend = 0;
  let dividendYear = '';
  let volumeNoise = 0;

  for (let t = 0; t < n; t++) {
    const session = sessions[t]!;
    dates.push(session.date);
    time[t] = session.label;
    let base = price;
    if (exDates.has(t)) {
      const year = session.date.slice(0, 4);
      // Companies set the quarterly amount once a year and rarely cut it.
      if (year !== dividendYear) {
        dividend = Math.max(dividend, roundTo((publishedClose * spec.dividend!.yield) / 4, 2));
        dividendYear = year;
      }
      base -= dividend;
      dividends.push({ date: session.date, amount: dividend });
    }
    if (t === splitIndex) {
      base /= SPLIT.ratio;
      shareScale *= SPLIT.ratio;
    }

    const regimeMult = REGIMES[f.regime[t]!]!.volMultiplier;
    const distressed = t >= distressStart;
    const idioScale = spec.idioVol * SQRT_DT * (1 + MODEL.idioRegimeSensitivity * (regimeMult - 1)) * (distressed ? 2 : 1);
    const idioSd = idioScale * garch.sd;
    const idio = idioScale * garch.step(rng.normal());
    let jumpOvernight = spec.beta * f.marketJumpOvernight[t]!;
    let jumpIntraday = spec.beta * f.marketJumpIntraday[t]!;
    const idioJumps = rng.poisson(idioJumpRate);
    for (let j = 0; j < idioJumps; j++) {
      const size = MODEL.idioJump.mean + MODEL.idioJump.sd * rng.normal();
      if (rng.uniform() < MODEL.overnightJumpProbability) jumpOvernight += size;
      else jumpIntraday += size;
    }
    // The delisting announcement lands before the open: the last bar gaps down.
    if (isDelisted && t === lastIndex) jumpOvernight += Math.log(1 - DELISTING.finalDrop);

    const sectorPart = sectorR === null ? 0 : spec.sectorLoading * sectorR[t]!;
    const diffusive =
      drift + spec.beta * f.marketDiffusive[t]! + sectorPart + idio + (distressed ? distressDrift : 0);
    const sectorVar = sectorS === null ? 0 : (spec.sectorLoading * sectorS[t]!) ** 2;
    const sd = Math.sqrt((spec.beta * f.marketSd[t]!) ** 2 + sectorVar + idioSd ** 2);
    const logReturn = diffusive + jumpOvernight + jumpIntraday;

    // Split the diffusive move at the open as a Brownian bridge would: the overnight part has
    // mean phi·r and variance phi(1-phi)·sd².
    const overnight = phi * diffusive + Math.sqrt(phi * (1 - phi)) * sd * rng.normal() + jumpOvernight;
    const logBase = Math.log(base);
    const a = logBase + overnight;
    const b = logBase + logReturn;
    // Exact extremes of a Brownian bridge from a to b with intraday variance s².
    const s2 = (1 - phi) * sd * sd;
    const d2 = (b - a) * (b - a);
    const hi = (a + b + Math.sqrt(d2 - 2 * s2 * Math.log(rng.uniformPositive()))) / 2;
    const lo = (a + b - Math.sqrt(d2 - 2 * s2 * Math.log(rng.uniformPositive()))) / 2;

    price = Math.exp(b);
    const o = Math.max(MIN_PRICE, roundTo(Math.exp(a), 2));
    const c = Math.max(MIN_PRICE, roundTo(price, 2));
    // Rounding is monotone, so these max/min only guard against the cent floor.
    open[t] = o;
    close[t] = c;
    high[t] = Math.max(roundTo(Math.exp(hi), 2), o, c);
    low[t] = Math.max(MIN_PRICE, Math.min(roundTo(Math.exp(lo), 2), o, c));
    publishedClose = c;

    const standardisedMove = Math.min(Math.abs(logReturn) / sd, 6);
    const logVolume =
      Math.log(spec.baseVolume) +
      MODEL.volumeVolElasticity * Math.log(sd / refSd) +
      MODEL.volumeShockLoading * (standardisedMove - 0.8) +
      MODEL.volumePriceElasticity * Math.log((price * shareScale) / spec.startPrice) +
      volumeNoise;
    volumeNoise = MODEL.volumeAr * volumeNoise + MODEL.volumeNoise * rng.normal();
    const sessionVolume = Math.exp(logVolume) * shareScale * (session.earlyClose ? MODEL.earlyCloseVolume : 1);
    volume[t] = Math.max(100, Math.round(sessionVolume));
  }

  return {
    symbol: spec.symbol,
    sector: spec.sector,
    dates,
    time,
    open,
    high,
    low,
    close,
    adjClose: adjustCloses(close, splitIndex, dividends, dates),
    volume,
    dividends,
  };
}

/**
 * Yahoo-style adjusted close: each dividend multiplies every earlier close by
 * `1 - amount / close of the day before the ex-date`, each split by `1 / ratio`; so the last row's
 * adjusted close equals its close.
 */
function adjustCloses(
  close: Float64Array,
  splitIndex: number,
  dividends: readonly Dividend[],
  dates: readonly string[],
): Float64Array {
  const dividendAt = new Map<number, number>();
  for (const d of dividends) dividendAt.set(dates.indexOf(d.date), d.amount);
  const adj = new Float64Array(close.length);
  let factor = 1;
  for (let t = close.length - 1; t >= 0; t--) {
    adj[t] = roundTo(close[t]! * factor, 6);
    const amount = dividendAt.get(t);
    if (amount !== undefined && t > 0) factor *= 1 - amount / close[t - 1]!;
    if (t === splitIndex) factor /= SPLIT.ratio;
  }
  return adj;
}

/**
 * Simulates every symbol of {@link UNIVERSE} over `sessions` from `seed`.
 *
 * @example
 * const { bars } = simulateUniverse(20150102, sessions);
 */
export function simulateUniverse(seed: number, sessions: readonly SessionInfo[]): SimulationResult {
  if (sessions.length < 2) throw new Error(`need at least 2 sessions, got ${sessions.length}`);
  const factors = simulateFactors(seed, sessions.length);
  const variances = componentVariances();
  const specs = [...UNIVERSE].sort((x, y) => (x.symbol < y.symbol ? -1 : x.symbol > y.symbol ? 1 : 0));
  return {
    bars: specs.map((spec) => simulateSymbol(seed, spec, sessions, factors, variances)),
    regimes: Array.from(factors.regime, (k) => REGIMES[k]!.name),
  };
}
