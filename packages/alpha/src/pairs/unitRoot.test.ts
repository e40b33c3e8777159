import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { adfTest, engleGranger, mackinnonP } from './unitRoot.js';

// Reference: statsmodels 0.13.5 adfuller/coint run here by packages/alpha/reference/statsmodels_coint_reference.py
const ref = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../reference/statsmodels_coint.json'), 'utf8'));

const rel = (a: number, b: number) => (b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));

describe(`ADF and Engle–Granger against ${ref.source}`, () => {
  for (const c of ref.cases as Array<Record<string, any>>) {
    it(`${c['name']}: adfuller (c and n) on y and on the OLS residual`, () => {
      for (const key of ['adfY_c', 'adfY_n', 'adfResid_c', 'adfResid_n']) {
        const series = key.startsWith('adfY') ? c['y'] : null;
        const input = series ?? engleGranger(c['y'], c['x']).spread;
        const r = adfTest(input, { regression: key.endsWith('_c') ? 'c' : 'n' });
        const e = c[key];
        expect(r.usedLag, `${key} lag`).toBe(e.usedLag);
        expect(r.nobs, `${key} nobs`).toBe(e.nobs);
        expect(rel(r.statistic, e.statistic), `${key} statistic ${r.statistic} vs ${e.statistic}`).toBeLessThan(1e-9);
        expect(rel(r.pValue, e.pValue), `${key} p ${r.pValue} vs ${e.pValue}`).toBeLessThan(1e-9);
        expect(rel(r.icBest, e.icBest), `${key} AIC`).toBeLessThan(1e-9);
      }
    });
    it(`${c['name']}: coint (Engle–Granger) statistic, p-value and OLS hedge ratio`, () => {
      const eg = engleGranger(c['y'], c['x']);
      expect(rel(eg.hedgeRatio, c['ols'].beta)).toBeLessThan(1e-9);
      expect(rel(eg.intercept, c['ols'].intercept)).toBeLessThan(1e-9);
      expect(rel(eg.statistic, c['coint'].statistic)).toBeLessThan(1e-9);
      expect(rel(eg.pValue, c['coint'].pValue)).toBeLessThan(1e-9);
    });
  }

  it('MacKinnon p-values at the tabulated edges', () => {
    expect(mackinnonP(3, 'c', 1)).toBe(1);
    expect(mackinnonP(-20, 'c', 2)).toBe(0);
    expect(() => mackinnonP(-2, 'n', 2)).toThrow(/N = 2 is not tabulated/);
  });
});
