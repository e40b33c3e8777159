import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { sortinoRatio } from './sortinoRatio.js';

// empyrical's sample series (empyrical/tests/test_stats.py).
const simpleBenchmark = [0, 1, 0, 1, 0, 1, 0, 1, 0].map((x) => x / 100);
const mixedReturns = [Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100);
const positiveReturns = [1, 2, 1, 1, 1, 1, 1, 1, 1].map((x) => x / 100);
const negativeReturns = [0, -6, -7, -1, -9, -2, -6, -8, -5].map((x) => x / 100);
const periodicReturns = [0, 1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100);
const one = [-0.00171614, 0.01322056, 0.03063862, -0.01422057, -0.00489779, 0.01268925, -0.03357711, 0.01797036];
const two = [0.01846232, 0.00793951, -0.01448395, 0.00422537, -0.00339611, 0.03756813, 0.0151531, 0.03549769];

describe('sortinoRatio', () => {
  // empyrical/tests/test_stats.py::TestStats::test_sortino (empyrical 0.5.5, where the ratio is
  // mean·p / (downside·√p); the same numbers are in empyrical-reloaded's tests/test_stats.py).
  // mixed_returns with required_return flat_line_1 is the constant 1 % hurdle.
  it.each([
    ['mixed_returns, 0, daily', mixedReturns, 0, 252, 2.605531251673693],
    ['mixed_returns, flat_line_1, daily', mixedReturns, 0.01, 252, -1.3934779588919977],
    ['negative_returns, 0, daily', negativeReturns, 0, 252, -13.532743075043401],
    ['weekly_returns, 0, weekly', periodicReturns, 0, 52, 1.1158901056866439],
    ['monthly_returns, 0, monthly', periodicReturns, 0, 12, 0.53605626741889756],
    ['df_simple.one, daily', one, 0, 252, 3.0639640966566306],
    ['df_simple.two, daily', two, 0, 252, 38.090963117002495],
    ['df_week.one, weekly', one, 0, 52, 1.3918264112070571],
    ['df_week.two, weekly', two, 0, 52, 17.303077589064618],
    ['df_month.one, monthly', one, 0, 12, 0.6686117809312383],
    ['df_month.two, monthly', two, 0, 12, 8.3121296084492844],
  ])('matches empyrical for %s', (_name, returns, requiredReturn, periodsPerYear, expected) => {
    expect(sortinoRatio(returns, { periodsPerYear, requiredReturn })).toBeCloseTo(expected, 12);
  });

  it('is +Infinity when no return falls below the hurdle (empyrical: positive_returns, simple_benchmark → inf)', () => {
    expect(sortinoRatio(positiveReturns, { periodsPerYear: 252 })).toBe(Number.POSITIVE_INFINITY);
    expect(sortinoRatio(simpleBenchmark, { periodsPerYear: 252 })).toBe(Number.POSITIVE_INFINITY);
  });

  it('is NaN for empty input, a single return and all-zero returns (0/0)', () => {
    expect(sortinoRatio([], { periodsPerYear: 252 })).toBeNaN();
    expect(sortinoRatio([0.01], { periodsPerYear: 252 })).toBeNaN();
    expect(sortinoRatio([0, 0, 0], { periodsPerYear: 252 })).toBeNaN();
  });

  it('equals mean / downside deviation × √periodsPerYear on a hand-checked case', () => {
    // [2 %, −1 %]: mean 0.5 %, downside √(1e-4 / 2) = 0.7071 %, ratio 0.7071…; × √4.
    expect(sortinoRatio([0.02, -0.01], { periodsPerYear: 4 })).toBeCloseTo((0.005 / Math.sqrt(0.5e-4)) * 2, 14);
  });

  it('drops NaN from both means', () => {
    expect(sortinoRatio(mixedReturns, { periodsPerYear: 252 })).toBeCloseTo(sortinoRatio(mixedReturns.slice(1), { periodsPerYear: 252 }), 15);
  });

  it('throws InvariantError without a valid periodsPerYear', () => {
    expect(() => sortinoRatio([0.01, 0.02], { periodsPerYear: 0 })).toThrow(InvariantError);
  });
});
