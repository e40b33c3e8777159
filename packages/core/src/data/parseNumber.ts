/**
 * The strict number grammar of bar files: decimal numbers with an optional exponent, optionally
 * surrounded by spaces or tabs — `12`, `-0.5`, `.25`, `1e-3`, `+4.`. Nothing else: `0x10`, `0b101`,
 * `0o17`, `1_000`, `Infinity`, `1,5` and empty cells are not numbers (`Number()` accepts the first
 * three and the empty string). Parsed from bytes without making a string; exactly rounded.
 */

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * Parses `bytes[start, end)` (ASCII) by the strict grammar.
 *
 * @returns the value, or `NaN` when the text is not such a number or its value is not finite
 *   (`1e999`).
 */
export function parseNumberBytes(b: Uint8Array, start: number, end: number): number {
  let s = start;
  let e = end;
  while (s < e && (b[s] === 32 || b[s] === 9)) s++;
  while (e > s && (b[e - 1] === 32 || b[e - 1] === 9)) e--;
  if (s === e) return Number.NaN;
  let i = s;
  let negative = false;
  let c = b[i]!;
  if (c === 45) {
    negative = true;
    i++;
  } else if (c === 43) {
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let exp10 = 0;
  let any = false;
  for (; i < e; i++) {
    const d = b[i]! - 48;
    if (d < 0 || d > 9) break;
    any = true;
    if (digits > 0 || d !== 0) {
      mantissa = mantissa * 10 + d;
      digits++;
    }
  }
  if (i < e && b[i] === 46) {
    for (i++; i < e; i++) {
      const d = b[i]! - 48;
      if (d < 0 || d > 9) break;
      any = true;
      if (digits > 0 || d !== 0) {
        mantissa = mantissa * 10 + d;
        digits++;
      }
      exp10--;
    }
  }
  if (!any) return Number.NaN;
  if (i < e && (b[i] === 101 || b[i] === 69)) {
    i++;
    let expNegative = false;
    if (i < e && (b[i] === 45 || b[i] === 43)) {
      expNegative = b[i] === 45;
      i++;
    }
    let exp = 0;
    const from = i;
    for (; i < e; i++) {
      const d = b[i]! - 48;
      if (d < 0 || d > 9) break;
      if (exp < 100_000) exp = exp * 10 + d;
    }
    if (i === from) return Number.NaN;
    exp10 += expNegative ? -exp : exp;
  }
  if (i !== e) return Number.NaN;
  if (digits <= 15 && exp10 >= -22 && exp10 <= 22) {
    // Clinger's fast path: an exact integer mantissa and an exact power of ten, one rounding.
    const v = exp10 < 0 ? mantissa / POW10[-exp10]! : mantissa * POW10[exp10]!;
    return negative ? -v : v;
  }
  let text = '';
  for (let k = s; k < e; k++) text += String.fromCharCode(b[k]!);
  const v = Number(text);
  return Number.isFinite(v) ? v : Number.NaN;
}

const GRAMMAR = /^[ \t]*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[ \t]*$/;

/**
 * {@link parseNumberBytes} for text (quoted cells, Arrow strings).
 *
 * @example parseNumberText('1e-3') // 0.001; parseNumberText('0x10') // NaN
 */
export function parseNumberText(text: string): number {
  if (!GRAMMAR.test(text)) return Number.NaN;
  const v = Number(text);
  return Number.isFinite(v) ? v : Number.NaN;
}
