import { describe, expect, it } from 'vitest';
import { decodeOutcome, encodeOutcome } from './outcomeCodec.js';
import { canonicalJson, trialKey } from './trialKey.js';

describe('trialKey', () => {
  const base = { strategy: 'sma-cross', params: { fast: 5, slow: 20 }, dataHashes: ['ab'.repeat(32)], seed: 0, version: '0.1.0' };

  it('is the same for the same trial whatever the key order, and differs when anything that changes results differs', () => {
    const k = trialKey(base);
    expect(k).toMatch(/^t-[0-9a-f]{32}$/);
    expect(trialKey({ ...base, params: { slow: 20, fast: 5 } })).toBe(k);
    const others = [
      { ...base, strategy: 'rsi-reversion' },
      { ...base, params: { fast: 5, slow: 21 } },
      { ...base, dataHashes: ['cd'.repeat(32)] },
      { ...base, seed: 1 },
      { ...base, version: '0.2.0' },
      { ...base, settings: { feePct: 0.1 } },
    ].map(trialKey);
    expect(new Set([k, ...others]).size).toBe(7);
  });

  it('writes canonical JSON with sorted keys and non-finite numbers as text', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: Number.NaN }], e: undefined })).toBe('{"a":[2,{"c":"NaN","d":3}],"b":1}');
  });
});

describe('outcomeCodec', () => {
  it('round-trips NaN, ±Infinity, −0 and returns bit for bit', () => {
    const returns = Float64Array.from([0.1, -0, Number.NaN, 1e-300]);
    const o = { id: 3, metrics: { a: Number.NaN, b: Infinity, c: -Infinity, d: -0, e: 0.1 + 0.2 }, returns };
    const back = decodeOutcome(7, encodeOutcome(o));
    expect(back.id).toBe(7);
    expect(Object.is(back.metrics!['d'], -0)).toBe(true);
    expect(back.metrics).toEqual(o.metrics);
    expect(Buffer.from(back.returns!.buffer).equals(Buffer.from(returns.buffer))).toBe(true);
    expect(decodeOutcome(1, encodeOutcome({ id: 1, error: 'boom' }))).toEqual({ id: 1, error: 'boom' });
    expect(() => decodeOutcome(1, '{"metrics":{"x":"oops"}}')).toThrow(/metric "x" has the value "oops"/);
  });
});
