import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import type { FeatureDefinition } from '../core/types.js';
import { smaFeature } from '../trend/sma.js';
import { FeaturePipeline, type PanelInput } from './FeaturePipeline.js';

const col = (...v: number[]): Float64Array => Float64Array.from(v);
const panel: PanelInput = {
  time: col(1, 2, 3, 4),
  symbols: ['A', 'B'],
  fields: {
    open: [col(1, 2, 3, 4), col(4, 3, 2, 1)],
    high: [col(1, 2, 3, 4), col(4, 3, 2, 1)],
    low: [col(1, 2, 3, 4), col(4, 3, 2, 1)],
    close: [col(1, 2, 3, 4), col(4, 3, 2, 1)],
    volume: [col(9, 9, 9, 9), col(9, 9, 9, 9)],
  },
};

const twoOutputs: FeatureDefinition = {
  name: 'range',
  inputs: ['high', 'low'],
  batch: (c) => ({ up: Float64Array.from(c.high!, (h) => h + 1), down: Float64Array.from(c.low!, (l) => l - 1) }),
};

describe('FeaturePipeline', () => {
  it('computes per-symbol features on each symbol\'s own columns', () => {
    const f = new FeaturePipeline().perSymbol('sma2', smaFeature(2)).compute(panel);
    expect([...f.column('sma2', 'A')]).toEqual([Number.NaN, 1.5, 2.5, 3.5]);
    expect([...f.column('sma2', 'B')]).toEqual([Number.NaN, 3.5, 2.5, 1.5]);
    expect(f.names).toEqual(['sma2']);
  });

  it('keeps a named output of a multi-output feature, and asks for one when none is named', () => {
    expect([...new FeaturePipeline().perSymbol('up', twoOutputs, 'up').compute(panel).column('up', 'A')]).toEqual([2, 3, 4, 5]);
    expect(() => new FeaturePipeline().perSymbol('r', twoOutputs).compute(panel)).toThrow(/several outputs \(up, down\)/);
    expect(() => new FeaturePipeline().perSymbol('r', twoOutputs, 'mid').compute(panel)).toThrow(FeatureArgumentError);
  });

  it('runs cross-sectional steps over earlier features, one time at a time', () => {
    const f = new FeaturePipeline()
      .perSymbol('sma2', smaFeature(2))
      .crossSectional('spread', (x) => {
        const [a, b] = x.columns('sma2');
        return [Float64Array.from(a!, (v, t) => v - b![t]!), Float64Array.from(a!, (v, t) => b![t]! - v)];
      })
      .compute(panel);
    expect([...f.column('spread', 'A')]).toEqual([Number.NaN, -2, 0, 2]);
  });

  it('rejects duplicate or raw names, undeclared inputs and misaligned outputs', () => {
    expect(() => new FeaturePipeline().perSymbol('close', smaFeature(2))).toThrow(FeatureArgumentError);
    expect(() => new FeaturePipeline().perSymbol('a', smaFeature(2)).perSymbol('a', smaFeature(3))).toThrow('"a"');
    expect(() => new FeaturePipeline().crossSectional('x', (l) => l.columns('nope')).compute(panel)).toThrow(/"nope" is not computed yet/);
    expect(() => new FeaturePipeline().crossSectional('x', () => [col(1), col(1)]).compute(panel)).toThrow(/must be aligned/);
    const f = new FeaturePipeline().perSymbol('s', smaFeature(2)).compute(panel);
    expect(() => f.column('t', 'A')).toThrow(FeatureArgumentError);
    expect(() => f.column('s', 'Z')).toThrow('"Z"');
  });
});
