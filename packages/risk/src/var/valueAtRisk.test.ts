import { describe, expect, it } from 'vitest';
import { reference, spyPrices, stockPrices } from '../internal/reference.js';
import { normalCdf, normalQuantile } from '../internal/normal.js';
import { hasSharedData, needsSharedData } from '../internal/sharedData.js';
import { returnsFromPrices, selectSymbols } from '../PriceTable.js';
import {
  cornishFisherVaR,
  historicalCVaRContributions,
  historicalVaR,
  moments,
  monteCarloVaR,
  parametricVaR,
  parametricVaRContributions,
} from './valueAtRisk.js';

const rel = (a: number, e: number): number => Math.abs(a - e) / Math.abs(e);

// Reference: pypfopt_reference.py on SPY daily returns (spy_prices.csv), implementing empyrical
// 0.5.5's value_at_risk / conditional_value_at_risk and Riskfolio-Lib's VaR_Hist / CVaR_Hist,
// scipy 1.10.1 norm.ppf / skew / kurtosis for the parametric and Cornish–Fisher figures.
describe.skipIf(!hasSharedData)(`VaR/CVaR on SPY vs empyrical and Riskfolio conventions ${needsSharedData}`, () => {
  const r = returnsFromPrices(spyPrices()).values;
  for (const alpha of [0.01, 0.05]) {
    const ref = reference.var[String(alpha)];
    it(`α = ${alpha}: historical (both conventions), parametric, Cornish–Fisher to 1e-10`, () => {
      const e = historicalVaR(r, alpha, 'empyrical');
      // empyrical returns the (negative) return; ours is the loss.
      expect(rel(-e.var, ref.empyricalVaR)).toBeLessThan(1e-12);
      expect(rel(-e.cvar, ref.empyricalCVaR)).toBeLessThan(1e-12);
      const f = historicalVaR(r, alpha, 'riskfolio');
      expect(rel(f.var, ref.riskfolioVaR)).toBeLessThan(1e-12);
      expect(rel(f.cvar, ref.riskfolioCVaR)).toBeLessThan(1e-12);
      const m = moments(r);
      expect(rel(m.skew, ref.skew)).toBeLessThan(1e-10);
      expect(rel(m.excessKurtosis, ref.excessKurtosis)).toBeLessThan(1e-10);
      const p = parametricVaR(m.mean, m.std, alpha);
      expect(rel(p.var, ref.parametricVaR)).toBeLessThan(1e-10);
      expect(rel(p.cvar, ref.parametricCVaR)).toBeLessThan(1e-10);
      expect(rel(cornishFisherVaR(r, alpha), ref.cornishFisherVaR)).toBeLessThan(1e-10);
    });
  }
});

describe('normal quantile', () => {
  it('matches scipy norm.ppf literals to 1e-14', () => {
    // scipy 1.10.1: norm.ppf(0.05), norm.ppf(0.01), norm.ppf(0.975), norm.ppf(1e-10)
    expect(rel(normalQuantile(0.05), -1.6448536269514729)).toBeLessThan(1e-14);
    expect(rel(normalQuantile(0.01), -2.3263478740408408)).toBeLessThan(1e-14);
    expect(rel(normalQuantile(0.975), 1.959963984540054)).toBeLessThan(1e-14);
    expect(rel(normalQuantile(1e-10), -6.361340902404056)).toBeLessThan(1e-12);
    expect(normalCdf(0)).toBe(0.5);
  });
});

describe.skipIf(!hasSharedData)(`portfolio VaR decompositions ${needsSharedData}`, () => {
  const table = selectSymbols(returnsFromPrices(stockPrices()), ['AAPL', 'GE', 'WMT', 'XOM', 'JPM']);
  const n = 5;
  const rows = table.times.length;
  const w = [0.3, 0.1, 0.2, 0.25, 0.15];
  it('parametric components sum to the portfolio VaR, which equals parametricVaR of the portfolio', () => {
    const mu = new Float64Array(n);
    const cov = new Float64Array(n * n);
    for (let i = 0; i < n; i++) mu[i] = 0.0004 * (i + 1);
    for (let i = 0; i < n; i++) cov[i * n + i] = 0.0001 * (i + 1);
    cov[1] = cov[n] = 0.00003;
    const c = parametricVaRContributions(w, mu, cov, 0.05);
    expect(c.component.reduce((a, b) => a + b, 0)).toBeCloseTo(c.total, 15);
    let m = 0;
    let v = 0;
    for (let i = 0; i < n; i++) {
      m += w[i]! * mu[i]!;
      for (let j = 0; j < n; j++) v += w[i]! * cov[i * n + j]! * w[j]!;
    }
    expect(rel(c.total, parametricVaR(m, Math.sqrt(v), 0.05).var)).toBeLessThan(1e-14);
  });
  it('historical CVaR components sum to the empyrical CVaR of the portfolio series', () => {
    const port: number[] = [];
    for (let t = 0; t < rows; t++) {
      let s = 0;
      let ok = true;
      for (let i = 0; i < n; i++) {
        const x = table.values[t * n + i]!;
        if (Number.isNaN(x)) ok = false;
        s += w[i]! * x;
      }
      if (ok) port.push(s);
    }
    const c = historicalCVaRContributions(w, table.values, 0.05);
    expect(rel(c.total, historicalVaR(port, 0.05).cvar)).toBeLessThan(1e-12);
  });
  it('Monte Carlo VaR is reproducible by seed and converges to the parametric value', () => {
    const mu = [0.0005, 0.0003];
    const cov = Float64Array.of(0.0002, 0.00005, 0.00005, 0.0001);
    const a = monteCarloVaR([0.6, 0.4], mu, cov, { seed: 1, draws: 200_000 });
    const b = monteCarloVaR([0.6, 0.4], mu, cov, { seed: 1, draws: 200_000 });
    expect(a).toEqual(b);
    const sd = Math.sqrt(0.36 * 0.0002 + 2 * 0.24 * 0.00005 + 0.16 * 0.0001);
    const p = parametricVaR(0.6 * 0.0005 + 0.4 * 0.0003, sd, 0.05);
    expect(rel(a.var, p.var)).toBeLessThan(0.01);
    expect(rel(a.cvar, p.cvar)).toBeLessThan(0.01);
  });
});
