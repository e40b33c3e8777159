import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { ichimoku, ichimokuFeature } from './ichimoku.js';

describe('ichimoku', () => {
  it('matches a hand calculation with periods 1 / 2 / 3, undisplaced', () => {
    // Index 2: conversion (11 + 10)/2 = 10.5; base over bars 1–2 (12 + 9)/2 = 10.5; spanA 10.5;
    // spanB over bars 0–2 (12 + 8)/2 = 10. Index 3: conversion (13 + 9)/2 = 11; base bars 2–3
    // (13 + 9)/2 = 11; spanA 11; spanB bars 1–3 (13 + 9)/2 = 11. Nothing before index max − 1 = 2.
    const out = ichimoku({ high: [10, 12, 11, 13], low: [8, 9, 10, 9] }, { conversion: 1, base: 2, span: 3 });
    expect([...out.conversion]).toEqual([Number.NaN, Number.NaN, 10.5, 11]);
    expect([...out.base]).toEqual([Number.NaN, Number.NaN, 10.5, 11]);
    expect([...out.spanA]).toEqual([Number.NaN, Number.NaN, 10.5, 11]);
    expect([...out.spanB]).toEqual([Number.NaN, Number.NaN, 10, 11]);
  });

  it('starts at index 51 with the default periods', () => {
    const high = Array.from({ length: 60 }, (_, i) => 101 + Math.sin(i));
    const low = high.map((h) => h - 2);
    const out = ichimoku({ high, low });
    expect(Number.isNaN(out.spanB[50]!)).toBe(true);
    expect(Number.isFinite(out.spanB[51]!)).toBe(true);
  });

  it('rejects a bad period', () => {
    expect(() => ichimoku({ high: [1], low: [1] }, { span: 0 })).toThrow(FeatureArgumentError);
  });
});

describe.skipIf(!hasSharedData)(`ichimoku on ORCL 1995–2014 ${needsSharedData}`, () => {
  const { high, low } = hasSharedData ? yahooColumns() : { high: new Float64Array(0), low: new Float64Array(0) };
  testFeatureContract(ichimokuFeature(), { high, low });
});
