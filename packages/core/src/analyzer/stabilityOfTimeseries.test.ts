import { describe, expect, it } from 'vitest';
import { stabilityOfTimeseries } from './stabilityOfTimeseries.js';

describe('stabilityOfTimeseries', () => {
  // empyrical/tests/test_stats.py::TestStats::test_stability_of_timeseries.
  it('matches empyrical for mixed_returns and flat_line_1_tz', () => {
    const mixedReturns = [Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100);
    expect(stabilityOfTimeseries(mixedReturns)).toBeCloseTo(0.1529973665111273, 13);
    expect(stabilityOfTimeseries(new Array<number>(1000).fill(0.01))).toBeCloseTo(1, 12);
  });

  it('is the square of the rvalue pyfolio once reported for its simple_rets', () => {
    // pyfolio/tests/test_timeseries.py::TestStats::test_stability_of_timeseries asserts the
    // correlation 0.10376378866671222 for [10 % × 3, 0 × 497]; empyrical returns R² = r².
    const simpleRets = [0.1, 0.1, 0.1, ...new Array<number>(497).fill(0)];
    expect(stabilityOfTimeseries(simpleRets)).toBeCloseTo(0.10376378866671222 ** 2, 13);
  });

  it('drops NaN before cumulating', () => {
    expect(stabilityOfTimeseries([0.01, Number.NaN, 0.02, -0.01])).toBe(stabilityOfTimeseries([0.01, 0.02, -0.01]));
  });

  it('is 1 for two points and for negative-only constant returns (an exact line)', () => {
    expect(stabilityOfTimeseries([0.01, -0.03])).toBeCloseTo(1, 15);
    expect(stabilityOfTimeseries([-0.02, -0.02, -0.02, -0.02])).toBeCloseTo(1, 14);
  });

  it('is NaN for empty input, one return (empyrical one_return) and fewer than two non-NaN returns', () => {
    expect(stabilityOfTimeseries([])).toBeNaN();
    expect(stabilityOfTimeseries([0.01])).toBeNaN();
    expect(stabilityOfTimeseries([Number.NaN, 0.01])).toBeNaN();
  });

  it('is NaN for all-zero returns (a flat curve: scipy linregress rvalue is NaN) and after a total loss', () => {
    expect(stabilityOfTimeseries([0, 0, 0, 0])).toBeNaN();
    expect(stabilityOfTimeseries([0.1, -1, 0.1])).toBeNaN();
  });
});
