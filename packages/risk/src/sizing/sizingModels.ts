/**
 * The sizers as `PortfolioConstructionModel`s for the algorithm framework (alpha → portfolio
 * construction → risk → execution): each turns the net direction of the active insights per
 * symbol into targets, sized from current prices, equity and trailing history only.
 */
import type { Insight, MarketView, PortfolioConstructionModel, PortfolioConstructionParams, PortfolioTarget } from '@qt-backtest/core';
import { targetQuantity, targetWeight } from '@qt-backtest/core';
import { RiskInputError } from '../RiskError.js';
import { atrStopQuantity, averageTrueRange, kellyFraction, multiAssetKelly, volatilityTargetWeights } from './positionSizing.js';

/** Net direction (−1, 0, +1) per symbol, in first-seen order. */
function directions(insights: readonly Insight[]): [string, number][] {
  const sums = new Map<string, number>();
  for (const i of insights) sums.set(i.symbol, (sums.get(i.symbol) ?? 0) + i.direction);
  return [...sums].map(([s, v]) => [s, Math.sign(v)]);
}

/** Annualised sample covariance and mean of daily simple returns over `lookback` closes; null if any is short. */
function trailingMoments(market: MarketView, symbols: readonly string[], lookback: number, frequency: number): { mean: Float64Array; cov: Float64Array } | null {
  const n = symbols.length;
  const rets: Float64Array[] = [];
  for (const s of symbols) {
    const c = market.history(s, 'close', lookback + 1).toArray();
    if (c.length < lookback + 1) return null;
    const r = new Float64Array(lookback);
    for (let t = 1; t <= lookback; t++) r[t - 1] = c[t]! / c[t - 1]! - 1;
    if (r.some((x) => !Number.isFinite(x))) return null;
    rets.push(r);
  }
  const mean = Float64Array.from(rets, (r) => r.reduce((a, b) => a + b, 0) / lookback);
  const cov = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let t = 0; t < lookback; t++) s += (rets[i]![t]! - mean[i]!) * (rets[j]![t]! - mean[j]!);
      cov[i * n + j] = cov[j * n + i] = (s / (lookback - 1)) * frequency;
    }
  }
  for (let i = 0; i < n; i++) mean[i]! *= frequency;
  return { mean, cov };
}

function checkLookback(lookback: number): void {
  if (!Number.isInteger(lookback) || lookback < 2) throw new RiskInputError(`lookback must be an integer ≥ 2, got ${lookback}`);
}

/** `fraction` of equity per insight symbol, signed by its net direction. */
export class FixedFractionPortfolio implements PortfolioConstructionModel {
  readonly name: string;
  readonly #fraction: number;
  constructor(options: { readonly fraction: number }) {
    if (!(options.fraction > 0 && options.fraction <= 1)) throw new RiskInputError(`fraction must be in (0, 1], got ${options.fraction}`);
    this.#fraction = options.fraction;
    this.name = `FixedFractionPortfolio(${options.fraction})`;
  }
  createTargets({ insights }: PortfolioConstructionParams): readonly PortfolioTarget[] {
    return directions(insights).map(([s, d]) => targetWeight(s, d * this.#fraction));
  }
}

/**
 * Equal signed weights scaled to an annual ex-ante volatility target from the trailing sample
 * covariance (`lookback` daily returns); gross capped at `maxLeverage`. Holds nothing until every
 * symbol has the history.
 */
export class VolatilityTargetPortfolio implements PortfolioConstructionModel {
  readonly name: string;
  readonly #target: number;
  readonly #lookback: number;
  readonly #maxLeverage: number;
  constructor(options: { readonly targetVolatility: number; readonly lookback?: number; readonly maxLeverage?: number }) {
    if (!(options.targetVolatility > 0)) throw new RiskInputError(`targetVolatility must be > 0, got ${options.targetVolatility}`);
    this.#target = options.targetVolatility;
    this.#lookback = options.lookback ?? 60;
    checkLookback(this.#lookback);
    this.#maxLeverage = options.maxLeverage ?? 1;
    this.name = `VolatilityTargetPortfolio(${this.#target}, ${this.#lookback} bars)`;
  }
  createTargets({ insights, market }: PortfolioConstructionParams): readonly PortfolioTarget[] {
    const views = directions(insights).filter(([, d]) => d !== 0);
    if (views.length === 0) return [];
    const m = trailingMoments(market, views.map(([s]) => s), this.#lookback, 252);
    if (m === null) return views.map(([s]) => targetWeight(s, 0));
    const w = volatilityTargetWeights(views.map(([, d]) => d / views.length), m.cov, { targetVolatility: this.#target, maxLeverage: this.#maxLeverage });
    return views.map(([s], i) => targetWeight(s, w.weights[i]!));
  }
}

/**
 * Capped fractional Kelly: multi-asset `fraction × Σ⁻¹μ` on the trailing moments of the insight
 * symbols, keeping only positions that agree with the insight direction, gross ≤ `maxGross`.
 */
export class KellyPortfolio implements PortfolioConstructionModel {
  readonly name: string;
  readonly #fraction: number;
  readonly #lookback: number;
  readonly #maxGross: number;
  constructor(options: { readonly fraction?: number; readonly lookback?: number; readonly maxGross?: number } = {}) {
    this.#fraction = options.fraction ?? 0.5;
    this.#lookback = options.lookback ?? 120;
    checkLookback(this.#lookback);
    this.#maxGross = options.maxGross ?? 1;
    kellyFraction({ mean: 0, variance: 1, fraction: this.#fraction, cap: this.#maxGross });
    this.name = `KellyPortfolio(${this.#fraction}, ${this.#lookback} bars, gross ≤ ${this.#maxGross})`;
  }
  createTargets({ insights, market }: PortfolioConstructionParams): readonly PortfolioTarget[] {
    const views = directions(insights).filter(([, d]) => d !== 0);
    if (views.length === 0) return [];
    const m = trailingMoments(market, views.map(([s]) => s), this.#lookback, 252);
    if (m === null) return views.map(([s]) => targetWeight(s, 0));
    let f: Float64Array;
    try {
      f = multiAssetKelly(m.mean, m.cov, { fraction: this.#fraction, maxGross: this.#maxGross });
    } catch {
      return views.map(([s]) => targetWeight(s, 0)); // singular covariance: hold nothing
    }
    return views.map(([s, d], i) => targetWeight(s, Math.sign(f[i]!) === d ? f[i]! : 0));
  }
}

/**
 * Fixed risk per trade: for each insight symbol, the quantity whose `atrMultiple × ATR(period)`
 * stop loses `riskFraction` of equity, signed by the direction, capped at `maxWeight` of equity.
 */
export class AtrRiskPortfolio implements PortfolioConstructionModel {
  readonly name: string;
  readonly #risk: number;
  readonly #period: number;
  readonly #multiple: number;
  readonly #maxWeight: number;
  constructor(options: { readonly riskFraction: number; readonly period?: number; readonly atrMultiple?: number; readonly maxWeight?: number }) {
    if (!(options.riskFraction > 0 && options.riskFraction < 1)) throw new RiskInputError(`riskFraction must be in (0, 1), got ${options.riskFraction}`);
    this.#risk = options.riskFraction;
    this.#period = options.period ?? 14;
    checkLookback(this.#period);
    this.#multiple = options.atrMultiple ?? 2;
    this.#maxWeight = options.maxWeight ?? 1;
    this.name = `AtrRiskPortfolio(${this.#risk} per trade, ${this.#multiple}×ATR(${this.#period}))`;
  }
  createTargets({ insights, market, portfolio }: PortfolioConstructionParams): readonly PortfolioTarget[] {
    return directions(insights).map(([s, d]) => {
      if (d === 0) return targetQuantity(s, 0);
      const len = this.#period + 1;
      const atr = averageTrueRange(market.history(s, 'high', len).toArray(), market.history(s, 'low', len).toArray(), market.history(s, 'close', len).toArray(), this.#period);
      const price = market.price(s);
      if (!(atr > 0) || !(price > 0) || !(portfolio.equity > 0)) return targetQuantity(s, 0);
      return targetQuantity(s, d * atrStopQuantity({ equity: portfolio.equity, riskFraction: this.#risk, atr, atrMultiple: this.#multiple, price, maxWeight: this.#maxWeight }));
    });
  }
}
