import { TRIX } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { trix, trixFeature } from './trix.js';

describe('trix', () => {
  it('is the one-bar % change of the input when period is 1 (each EMA is the identity)', () => {
    // (110 − 100)/100 = +10 %, (99 − 110)/110 = −10 %.
    const out = trix([100, 110, 99], 1);
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeCloseTo(10, 12);
    expect(out[2]).toBeCloseTo(-10, 12);
  });

  it('keeps an exact 0 in place where the library batch drops it', () => {
    // First value at 3·(2 − 1) + 1 = 4; a flat series has TRIX 0 there, which TRIX.calculate omits.
    expect(TRIX.calculate({ values: [5, 5, 5, 5, 5, 5], period: 2 })).toEqual([]);
    expect([...trix([5, 5, 5, 5, 5, 5], 2)]).toEqual([Number.NaN, Number.NaN, Number.NaN, Number.NaN, 0, 0]);
  });

  it('agrees with the library batch where the library keeps every value', () => {
    const x = Array.from({ length: 80 }, (_, i) => 100 + 10 * Math.sin(i / 5) + i / 10);
    const lib = TRIX.calculate({ values: x, period: 5 });
    const ours = trix(x, 5);
    // First at 3·4 + 1 = 13: the library's output is 80 − 13 values long.
    expect(lib).toHaveLength(80 - 13);
    expect([...ours.subarray(13)]).toEqual(lib);
  });

  it('rejects a bad period', () => {
    expect(() => trix([1], 0)).toThrow(FeatureArgumentError);
  });
});

describe.skipIf(!hasSharedData)(`trix on ORCL 1995–2014 ${needsSharedData}`, () => {
  const close = hasSharedData ? yahooColumns().close : new Float64Array(0);
  testFeatureContract(trixFeature(18), { close });
});
