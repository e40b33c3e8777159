import { describe, expect, it } from 'vitest';
import { componentVariances, stationaryRegimeShares, symbolLogDrift } from './simulate.js';
import type { SymbolSpec } from './universe.js';
import { MODEL, UNIVERSE } from './universe.js';

const plain: SymbolSpec = {
  symbol: 'TEST',
  sector: null,
  beta: 1,
  sectorLoading: 0,
  idioVol: 0.2,
  alpha: 0.01,
  startPrice: 10,
  baseVolume: 1_000_000,
  dividend: null,
};

describe('drift calibration', () => {
  it('finds a stationary regime mix that sums to 1 and spends most time calm', () => {
    const shares = stationaryRegimeShares();
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(shares[0]).toBeGreaterThan(0.6);
    expect(shares[2]).toBeGreaterThan(0);
  });

  it('subtracts half the idiosyncratic variance from a beta-1 stock\'s log drift (volatility drag)', () => {
    const v = componentVariances();
    expect(symbolLogDrift(plain, v)).toBeCloseTo(plain.alpha - v.idio(plain) / 2, 12);
    // Twice the idiosyncratic vol costs four times the drag.
    const risky = { ...plain, idioVol: 0.4 };
    expect(plain.alpha - symbolLogDrift(risky, v)).toBeCloseTo(4 * (plain.alpha - symbolLogDrift(plain, v)), 12);
  });

  it('credits low-beta stocks with the risk-free rate and charges high-beta ones their convexity', () => {
    const v = componentVariances();
    const low = { ...plain, beta: 0.5, idioVol: 0 };
    const high = { ...plain, beta: 1.5, idioVol: 0 };
    expect(symbolLogDrift(low, v)).toBeCloseTo(plain.alpha + 0.5 * MODEL.riskFreeRate + (0.25 * v.market) / 2, 12);
    expect(symbolLogDrift(high, v)).toBeCloseTo(plain.alpha - 0.5 * MODEL.riskFreeRate - (0.75 * v.market) / 2, 12);
  });

  it('gives every single stock a log drift below its alpha plus CAPM carry', () => {
    for (const spec of UNIVERSE) {
      if (spec.sector === null) continue;
      expect(symbolLogDrift(spec), spec.symbol).toBeLessThan(spec.alpha + MODEL.riskFreeRate * (1 - spec.beta));
    }
  });
});
