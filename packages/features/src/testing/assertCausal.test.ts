import { describe, expect, it } from 'vitest';
import { CausalityError } from '../core/errors.js';
import type { FeatureDefinition } from '../core/types.js';
import { smaFeature } from '../trend/sma.js';
import { assertCausal } from './assertCausal.js';

const close = Float64Array.from({ length: 300 }, (_, i) => 100 + Math.sin(i / 7) * 5 + i * 0.01);

/** A centred moving average: the classic smoothing that peeks `half` bars into the future. */
const centred: FeatureDefinition = {
  name: 'centredMA(5)',
  inputs: ['close'],
  batch: (c) => {
    const x = c.close!;
    const out = new Float64Array(x.length).fill(Number.NaN);
    for (let i = 2; i < x.length - 2; i++) out[i] = (x[i - 2]! + x[i - 1]! + x[i]! + x[i + 1]! + x[i + 2]!) / 5;
    return out;
  },
};

describe('assertCausal', () => {
  it('passes a causal feature', () => {
    expect(() => assertCausal(smaFeature(20), { close })).not.toThrow();
  });

  it('fails a centred moving average, naming the index and the values', () => {
    expect(() => assertCausal(centred, { close })).toThrow(CausalityError);
    expect(() => assertCausal(centred, { close })).toThrow(/centredMA\(5\): output "value" at index \d+ is .* on data truncated at index \d+: it depends on later data/);
  });

  it('fails a streaming face that disagrees with its batch face', () => {
    const liar: FeatureDefinition = { ...smaFeature(3), stream: () => ({ warmUp: 3, isReady: true, value: 0, add: () => 0 }) };
    expect(() => assertCausal(liar, { close })).toThrow(/streaming "value" after input 0/);
  });
});
