import { describe, expect, it } from 'vitest';
import { RiskInputError } from '../RiskError.js';
import {
  atrStopQuantity,
  averageTrueRange,
  fixedFractionQuantity,
  kellyFraction,
  multiAssetKelly,
  quantitiesFromWeights,
  volatilityTargetWeights,
} from './positionSizing.js';

describe('position sizing', () => {
  it('fixed fraction: whole lots toward zero, shorts negative', () => {
    expect(fixedFractionQuantity({ equity: 100_000, price: 50, fraction: 0.1 })).toBe(200);
    expect(fixedFractionQuantity({ equity: 100_000, price: 33, fraction: 0.1 })).toBe(303);
    expect(fixedFractionQuantity({ equity: 100_000, price: 33, fraction: -0.1, lotSize: 100 })).toBe(-300);
    expect(Array.from(quantitiesFromWeights([0.5, 0.25], [100, 7], 10_000))).toEqual([50, 357]);
    expect(() => fixedFractionQuantity({ equity: 1, price: 0, fraction: 1 })).toThrow(RiskInputError);
  });
  it('volatility target: scales to the target, capped by leverage', () => {
    // Two uncorrelated assets at 20 % vol, 50/50: portfolio vol 0.2/√2 ≈ 0.1414.
    const cov = Float64Array.of(0.04, 0, 0, 0.04);
    const r = volatilityTargetWeights([0.5, 0.5], cov, { targetVolatility: 0.1 });
    expect(r.exAnteVolatility).toBeCloseTo(0.1, 14);
    expect(r.weights[0]).toBeCloseTo(0.1 / (0.2 / Math.SQRT2) / 2, 14);
    const capped = volatilityTargetWeights([0.5, 0.5], cov, { targetVolatility: 0.5, maxLeverage: 1.5 });
    expect(capped.weights[0]! + capped.weights[1]!).toBeCloseTo(1.5, 14);
  });
  it('Kelly: μ/σ² and p − (1−p)/b, fractional and capped', () => {
    expect(kellyFraction({ mean: 0.08, variance: 0.04, fraction: 1, cap: 5 })).toBeCloseTo(2, 14);
    expect(kellyFraction({ mean: 0.08, variance: 0.04 })).toBeCloseTo(1, 14); // half Kelly, cap 1
    expect(kellyFraction({ mean: 0.08, variance: 0.04, fraction: 1 })).toBe(1);
    expect(kellyFraction({ winProbability: 0.6, payoff: 1, fraction: 1 })).toBeCloseTo(0.2, 14);
    expect(kellyFraction({ winProbability: 0.4, payoff: 1, fraction: 1 })).toBeCloseTo(-0.2, 14);
  });
  it('multi-asset Kelly is fraction × Σ⁻¹μ, scaled to the gross cap', () => {
    const cov = Float64Array.of(0.04, 0.01, 0.01, 0.09);
    const mu = [0.06, 0.05];
    const f = multiAssetKelly(mu, cov, { fraction: 1, maxGross: 100 });
    // Σf = μ
    expect(0.04 * f[0]! + 0.01 * f[1]!).toBeCloseTo(0.06, 14);
    expect(0.01 * f[0]! + 0.09 * f[1]!).toBeCloseTo(0.05, 14);
    // Full Kelly here is (1.4, 0.4); half Kelly (0.7, 0.2) has gross 0.9, cut to 0.5.
    expect(f[0]).toBeCloseTo(1.4, 13);
    expect(f[1]).toBeCloseTo(0.4, 13);
    const g = multiAssetKelly(mu, cov, { fraction: 0.5, maxGross: 0.5 });
    expect(Math.abs(g[0]!) + Math.abs(g[1]!)).toBeCloseTo(0.5, 14);
    expect(g[0]! / g[1]!).toBeCloseTo(f[0]! / f[1]!, 12);
  });
  it('ATR stop: risk fraction of equity over the stop distance, capped by weight', () => {
    expect(atrStopQuantity({ equity: 100_000, riskFraction: 0.01, atr: 2, atrMultiple: 2.5, price: 50 })).toBe(200);
    expect(atrStopQuantity({ equity: 100_000, riskFraction: 0.01, atr: 0.1, atrMultiple: 2, price: 50, maxWeight: 0.2 })).toBe(400);
    // True ranges max(h−l, |h−c₋₁|, |l−c₋₁|) of the last 3 bars: 2, 4 (gap up from 10 to 14), 2
    expect(averageTrueRange([10, 11, 14, 13], [9, 9, 12, 11], [10, 10, 13, 12], 3)).toBeCloseTo(8 / 3, 14);
    expect(averageTrueRange([1, 2], [1, 2], [1, 2], 3)).toBeNaN();
  });
});
