import { describe, expect, it } from 'vitest';
import { parsePriceCsv, parseDate, returnsFromPrices } from '../PriceTable.js';
import { RiskInputError } from '../RiskError.js';
import { hypotheticalShock, scenarioReport, windowScenario, worstPeriods } from './stressTests.js';

const csv = 'date,A,B,C\n2020-01-01,100,50,10\n2020-01-02,90,55,10\n2020-01-03,99,44,\n2020-01-06,80,44,11\n2020-01-07,88,48.4,12.1\n';
const prices = parsePriceCsv(csv, 'mem.csv');
const w = [0.5, 0.3, 0.2];

describe('stress tests', () => {
  it('worst periods replay today’s weights, worst first, with contributions that sum to the loss', () => {
    const worst = worstPeriods(returnsFromPrices(prices), w, 2);
    // Jan 6: A −19.19 %, B 0, C missing → 0.5 × (80/99 − 1)
    expect(worst[0]!.detail).toBe('2020-01-06');
    expect(worst[0]!.portfolioReturn).toBeCloseTo(0.5 * (80 / 99 - 1), 14);
    expect(worst[0]!.missing).toEqual(['C']);
    // Jan 2: A −10 %, B +10 %, C 0 → −0.02 (Jan 3, −0.01, is only third)
    expect(worst[1]!.detail).toBe('2020-01-02');
    expect(worst[1]!.portfolioReturn).toBeCloseTo(0.5 * -0.1 + 0.3 * 0.1, 14);
    for (const s of worst) expect(Object.values(s.contributions).reduce((a, b) => a + b, 0)).toBeCloseTo(s.portfolioReturn, 15);
  });
  it('a named window is buy-and-hold from its first to its last row', () => {
    const s = windowScenario(prices, w, { name: 'early Jan', from: parseDate('2020-01-01'), to: parseDate('2020-01-06') });
    expect(s.detail).toBe('2020-01-01 → 2020-01-06');
    expect(s.portfolioReturn).toBeCloseTo(0.5 * -0.2 + 0.3 * (44 / 50 - 1) + 0.2 * 0.1, 14);
    expect(() => windowScenario(prices, w, { name: 'x', from: parseDate('2021-01-01'), to: parseDate('2021-02-01') })).toThrow(RiskInputError);
  });
  it('hypothetical shocks: symbol overrides sector overrides default', () => {
    const s = hypotheticalShock(['A', 'B', 'C'], w, { name: 'tech crash', sectorOf: { A: 'Tech', B: 'Tech' }, bySector: { Tech: -0.3 }, bySymbol: { B: -0.5 }, default: -0.05 });
    expect(s.contributions).toEqual({ A: 0.5 * -0.3, B: 0.3 * -0.5, C: 0.2 * -0.05 });
    expect(s.portfolioReturn).toBeCloseTo(-0.15 - 0.15 - 0.01, 14);
    expect(() => hypotheticalShock(['A'], [1], { name: 'bad', bySymbol: { Z: -0.1 } })).toThrow(/unknown symbol Z/);
  });
  it('the scenario report orders by loss and prices it', () => {
    const shock = hypotheticalShock(['A', 'B', 'C'], w, { name: 'mild', default: -0.01 });
    const worst = worstPeriods(returnsFromPrices(prices), w, 1);
    const r = scenarioReport([shock, ...worst], { portfolioValue: 1_000_000 });
    expect(r.rows.map((x) => x.name)).toEqual(['worst period 2020-01-06', 'mild']);
    expect(r.rows[1]!.pnl).toBeCloseTo(-10_000, 8);
    expect(r.markdown).toContain('| mild | -1.00% | -10000.00 |');
  });
});
