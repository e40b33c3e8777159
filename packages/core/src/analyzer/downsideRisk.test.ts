import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { downsideRisk } from './downsideRisk.js';

// empyrical's sample series (empyrical/tests/test_stats.py).
const mixedReturns = [Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100);
const periodicReturns = [0, 1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100);
const one = [-0.00171614, 0.01322056, 0.03063862, -0.01422057, -0.00489779, 0.01268925, -0.03357711, 0.01797036];
const two = [0.01846232, 0.00793951, -0.01448395, 0.00422537, -0.00339611, 0.03756813, 0.0151531, 0.03549769];

describe('downsideRisk', () => {
  // empyrical/tests/test_stats.py::TestStats::test_downside_risk (df_* columns taken one by one).
  it.each([
    ['mixed_returns, 0, daily', mixedReturns, 0, 252, 0.60448325038829653],
    ['mixed_returns, 0.1, daily', mixedReturns, 0.1, 252, 1.7161730681956295],
    ['weekly_returns, 0, weekly', periodicReturns, 0, 52, 0.25888650451930134],
    ['weekly_returns, 0.1, weekly', periodicReturns, 0.1, 52, 0.7733045971672482],
    ['monthly_returns, 0, monthly', periodicReturns, 0, 12, 0.1243650540411842],
    ['monthly_returns, 0.1, monthly', periodicReturns, 0.1, 12, 0.37148351242013422],
    ['df_simple.one, daily', one, 0, 252, 0.20671788246185202],
    ['df_simple.two, daily', two, 0, 252, 0.083495680595704475],
    ['df_week.one, weekly', one, 0, 52, 0.093902996054410062],
    ['df_week.two, weekly', two, 0, 52, 0.037928477556776516],
    ['df_month.one, monthly', one, 0, 12, 0.045109540184877193],
    ['df_month.two, monthly', two, 0, 12, 0.018220251263412916],
  ])('matches empyrical for %s', (_name, returns, requiredReturn, periodsPerYear, expected) => {
    expect(downsideRisk(returns, { periodsPerYear, requiredReturn })).toBeCloseTo(expected, 13);
  });

  it('averages the squared shortfalls over ALL observations', () => {
    // [2 %, −1 %]: shortfalls [0, −1 %] → √((0 + 1e-4)/2), not √(1e-4 / 1).
    expect(downsideRisk([0.02, -0.01], { periodsPerYear: 1 })).toBeCloseTo(Math.sqrt(0.5e-4), 15);
  });

  it('is 0 for a single return above the hurdle and NaN for empty input (empyrical one_return, empty_returns)', () => {
    expect(downsideRisk([0.01], { periodsPerYear: 252 })).toBe(0);
    expect(downsideRisk([], { periodsPerYear: 252 })).toBeNaN();
    expect(downsideRisk([Number.NaN], { periodsPerYear: 252 })).toBeNaN();
  });

  it('is 0 for all-zero returns and the RMS for negative-only returns', () => {
    expect(downsideRisk([0, 0, 0], { periodsPerYear: 252 })).toBe(0);
    expect(downsideRisk([-0.03, -0.04], { periodsPerYear: 1 })).toBeCloseTo(Math.sqrt((9e-4 + 16e-4) / 2), 15);
  });

  it('throws InvariantError without a valid periodsPerYear', () => {
    expect(() => downsideRisk([0.01], { periodsPerYear: Number.NaN })).toThrow(InvariantError);
  });
});
