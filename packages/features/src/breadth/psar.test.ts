import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { psar, psarFeature } from './psar.js';

describe('psar', () => {
  it('matches a hand calculation including a reversal', () => {
    // Start long: SAR₀ = low₀ = 9, EP = high₀ = 10, AF = 0.02.
    // 1: 9 + 0.02·(10 − 9) = 9.02, capped at min(low₀, low₀) = 9; new high 11 → EP 11, AF 0.04.
    // 2: 9 + 0.04·(11 − 9) = 9.08, capped at min(low₀, low₁) = 9; new high 12 → EP 12, AF 0.06.
    // 3: 9 + 0.06·(12 − 9) = 9.18 (below lows 9.5, 10.5); low 8 < 9.18 → reverse: SAR = EP = 12.
    expect([...psar({ high: [10, 11, 12, 11.5], low: [9, 9.5, 10.5, 8] })]).toEqual([9, 9, 9, 12]);
  });

  it('is NaN from the first NaN input on', () => {
    expect([...psar({ high: [10, 11, Number.NaN, 11.5], low: [9, 9.5, 10.5, 8] })]).toEqual([9, 9, Number.NaN, Number.NaN]);
  });

  it('rejects bad parameters and columns', () => {
    expect(() => psar({ high: [1], low: [1] }, { step: 0 })).toThrow(FeatureArgumentError);
    expect(() => psar({ high: [1], low: [1] }, { step: 0.1, max: 0.05 })).toThrow('"0.05"');
    expect(() => psar({ high: [1] })).toThrow('needs a "low" column');
    expect(() => psar({ high: [1], low: [1, 2] })).toThrow(FeatureArgumentError);
  });
});

describe.skipIf(!hasSharedData)(`psar on ORCL 1995–2014 ${needsSharedData}`, () => {
  const { high, low } = hasSharedData ? yahooColumns() : { high: new Float64Array(0), low: new Float64Array(0) };
  testFeatureContract(psarFeature(), { high, low });
});
