import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactRollingSum } from './ExactRollingSum.js';

/** Exact value of a double as a fraction over 2^1074 (BigInt), for reference sums. */
function exact(x: number): bigint {
  if (x === 0) return 0n;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const exp = Number((bits >> 52n) & 0x7ffn);
  const mant = bits & 0xfffffffffffffn;
  const m = exp === 0 ? mant : mant | (1n << 52n);
  const e = (exp === 0 ? 1 : exp) - 1075 + 1074; // scale to 2^-1074 units
  return sign * (m << BigInt(e));
}

/** Round-to-nearest-even of an exact 2^-1074-unit value back to a double (via string math). */
function toDouble(v: bigint): number {
  // Doubles near the sums used here are far from the subnormal range: divide with enough digits.
  const neg = v < 0n;
  const a = neg ? -v : v;
  const scaled = Number(a >> 1000n) * 2 ** -74; // coarse
  if (scaled === 0) return 0;
  // Refine by testing neighbours exactly.
  let best = scaled;
  for (const cand of [scaled, nextAfter(scaled, Infinity), nextAfter(scaled, -Infinity)]) {
    if (absDiff(exact(cand), a) < absDiff(exact(best), a)) best = cand;
  }
  return neg ? -best : best;
}
const absDiff = (x: bigint, y: bigint): bigint => (x > y ? x - y : y - x);
function nextAfter(x: number, toward: number): number {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x);
  const bits = b.getBigUint64(0);
  b.setBigUint64(0, toward > x === x >= 0 ? bits + 1n : bits - 1n);
  return b.getFloat64(0);
}

describe('ExactRollingSum', () => {
  it('sums 0.1 + 0.2 − 0.1 to exactly 0.2, unlike naive addition', () => {
    const s = new ExactRollingSum();
    s.add(0.1);
    s.add(0.2);
    s.remove(0.1);
    expect(s.sum()).toBe(0.2);
    expect(0.1 + 0.2 - 0.1).not.toBe(0.2);
  });

  it('returns the same sum for a window whatever order its values were added and removed in (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }), fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 10 }), (window, transient) => {
        const a = new ExactRollingSum();
        for (const x of window) a.add(x);
        const b = new ExactRollingSum();
        for (const x of transient) b.add(x);
        for (const x of [...window].reverse()) b.add(x);
        for (const x of transient) b.remove(x);
        expect(b.sum()).toBe(a.sum());
      }),
      { numRuns: 2000 },
    );
  });

  it('is the correctly rounded exact sum (checked against BigInt arithmetic) (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1e-3, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 20 }), (xs) => {
        const s = new ExactRollingSum();
        for (const x of xs) s.add(x);
        const ref = toDouble(xs.reduce((acc, x) => acc + exact(x), 0n));
        expect(s.sum()).toBe(ref);
      }),
      { numRuns: 2000 },
    );
  });

  it('counts NaN and infinities instead of summing them, so removing them restores the sum', () => {
    const s = new ExactRollingSum();
    s.add(1.5);
    s.add(Number.POSITIVE_INFINITY);
    expect(s.sum()).toBe(Number.POSITIVE_INFINITY);
    s.add(Number.NEGATIVE_INFINITY);
    expect(s.sum()).toBeNaN();
    s.remove(Number.POSITIVE_INFINITY);
    s.remove(Number.NEGATIVE_INFINITY);
    s.add(Number.NaN);
    expect(s.sum()).toBeNaN();
    s.remove(Number.NaN);
    expect(s.sum()).toBe(1.5);
  });

  it('compares means exactly: equal exact means compare as a tie', () => {
    // Windows of 10 and 30 values with the same exact mean 0.1 + 0.2 (not representable).
    const fast = new ExactRollingSum();
    const slow = new ExactRollingSum();
    for (let i = 0; i < 10; i++) fast.add(i % 2 === 0 ? 0.1 : 0.2);
    for (let i = 0; i < 30; i++) slow.add(i % 2 === 0 ? 0.1 : 0.2);
    expect(ExactRollingSum.compareMeans(fast, 10, slow, 30)).toBe(0);
    slow.add(1e-12);
    expect(ExactRollingSum.compareMeans(fast, 10, slow, 30)).toBe(-1);
  });
});
