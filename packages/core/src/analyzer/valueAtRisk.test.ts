import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { valueAtRisk } from './valueAtRisk.js';

// Ten returns whose numpy.percentile values are quoted below.
const sample = [0.05, -0.02, 0.01, -0.03, 0.04, 0.0, -0.01, 0.02, -0.05, 0.03];

describe('valueAtRisk', () => {
  // empyrical/tests/test_stats.py::TestStats::test_value_at_risk.
  it.each([
    [[1, 2], 0, 1],
    [[1, 2], 0.3, 1.3],
    [[1, 2], 1, 2],
    [[1, 81, 82, 83, 84, 85], 0.1, 41],
    [[1, 81, 82, 83, 84, 85], 0.2, 81],
    [[1, 81, 82, 83, 84, 85], 0.3, 81.5],
  ])('matches empyrical for %j at cutoff %d', (returns, cutoff, expected) => {
    expect(valueAtRisk(returns, { cutoff })).toBeCloseTo(expected, 12);
  });

  // The rest of that test compares with np.percentile(returns, 100·cutoff) on random data; these
  // are np.percentile's values for `sample`.
  it.each([
    [0, -0.05],
    [0.05, -0.041],
    [0.1, -0.032],
    [0.25, -0.0175],
    [0.5, 0.005],
    [1, 0.05],
  ])('equals numpy.percentile at cutoff %d', (cutoff, expected) => {
    expect(valueAtRisk(sample, { cutoff })).toBeCloseTo(expected, 15);
  });

  it('defaults to the 5 % cutoff', () => {
    expect(valueAtRisk(sample)).toBe(valueAtRisk(sample, { cutoff: 0.05 }));
  });

  it('is the value itself for a single return and NaN for empty input', () => {
    expect(valueAtRisk([-0.02])).toBe(-0.02);
    expect(valueAtRisk([])).toBeNaN();
  });

  it('propagates NaN like numpy.percentile (empyrical does not drop NaN here)', () => {
    expect(valueAtRisk([Number.NaN, 0.01, -0.02])).toBeNaN();
  });

  it('is 0 for all-zero returns and the low tail of negative-only returns', () => {
    expect(valueAtRisk([0, 0, 0])).toBe(0);
    expect(valueAtRisk([-0.01, -0.02, -0.03, -0.1], { cutoff: 0.05 })).toBeCloseTo(-0.0895, 15);
  });

  it('throws InvariantError for a cutoff outside [0, 1]', () => {
    expect(() => valueAtRisk(sample, { cutoff: 1.5 })).toThrow(InvariantError);
    expect(() => valueAtRisk(sample, { cutoff: Number.NaN })).toThrow(InvariantError);
  });
});
