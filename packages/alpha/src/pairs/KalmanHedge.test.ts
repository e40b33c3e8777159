import { SeededRandom } from '@qt-backtest/core';
import { describe, expect, it } from 'vitest';
import { truncatePanel, type AlphaPanel } from '../alpha/AlphaPanel.js';
import { adfTest } from './unitRoot.js';
import { KalmanHedge, kalmanHedgeRatio, rollingOlsHedgeRatio } from './KalmanHedge.js';
import { PairsSpreadAlpha } from './PairsSpreadAlpha.js';

function pair(n = 800, beta = 1.5, seed = 3) {
  const rng = new SeededRandom(seed);
  const g = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let p = 50;
  let e = 0;
  for (let t = 0; t < n; t++) {
    p += g();
    e = 0.9 * e + 0.5 * g();
    x[t] = p;
    y[t] = beta * p + 3 + e;
  }
  return { x, y };
}

describe('Kalman and rolling OLS hedge ratios', () => {
  it('first step by hand: prior P = δ/(1−δ)·I, e = y, Q = x²·vw + vw + Ve', () => {
    const kf = new KalmanHedge({ delta: 0.5, observationVariance: 1 });
    const s = kf.update(10, 2); // vw = 1
    expect(s.error).toBe(10);
    expect(s.variance).toBe(4 + 1 + 1);
    expect(s.beta).toBeCloseTo((2 / 6) * 10, 14); // K = R hᵀ / Q = [2, 1] / 6
    expect(s.alpha).toBeCloseTo((1 / 6) * 10, 14);
    expect(s.zScore).toBeCloseTo(10 / Math.sqrt(6), 14);
  });

  it('recovers a constant hedge ratio of 1.5 (Kalman and rolling OLS)', () => {
    const { x, y } = pair();
    const k = kalmanHedgeRatio(y, x, { delta: 1e-5, observationVariance: 0.3 });
    // β and α random-walk together, so α (true 3) absorbs part of the level slowly: β within 0.1
    expect(Math.abs(k.beta[799]! - 1.5)).toBeLessThan(0.1);
    // and its one-step forecast errors are stationary (ADF, MacKinnon p < 1 %)
    expect(adfTest(k.zScore.subarray(50)).pValue).toBeLessThan(0.01);
    const o = rollingOlsHedgeRatio(y, x, 200);
    expect(Math.abs(o.beta[799]! - 1.5)).toBeLessThan(0.1);
    // the z-score of the rolling fit is today's residual over the window's residual std
    const t = 500;
    const a = o.alpha[t]!;
    const b = o.beta[t]!;
    let ss = 0;
    for (let i = t - 199; i <= t; i++) ss += (y[i]! - a - b * x[i]!) ** 2;
    expect(o.zScore[t]).toBeCloseTo((y[t]! - a - b * x[t]!) / Math.sqrt(ss / 198), 12);
  });

  it('PairsSpreadAlpha is causal (validate on both hedges) and scores the legs with opposite signs', () => {
    const { x, y } = pair(400);
    const time = Float64Array.from({ length: 400 }, (_, i) => i * 86_400_000);
    const other = new Float64Array(400).fill(10);
    const panel: AlphaPanel = { time, symbols: ['Y', 'X', 'Z'], open: [y, x, other], high: [y, x, other], low: [y, x, other], close: [y, x, other], volume: [y, x, other] };
    for (const hedge of ['kalman', 'ols'] as const) {
      const a = new PairsSpreadAlpha({ y: 'Y', x: 'X', hedge, window: 60 });
      const r = a.validate(panel, { maxNaNShare: 0.5 });
      expect(r.causal, hedge).toBe(true);
      const s = a.compute(panel);
      expect(s[0]![300]).toBe(-s[1]![300]!);
      expect(Number.isNaN(s[2]![300]!)).toBe(true);
      expect(Array.from(a.compute(truncatePanel(panel, 250))[0]!)).toEqual(Array.from(s[0]!.subarray(0, 250)));
    }
  });
});
