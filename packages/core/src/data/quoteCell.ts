/**
 * Cell text as shown in messages: quoted, at most 80 characters, control characters escaped — a
 * 10 MB cell, a terminal escape sequence or a quoted newline must never reach a terminal or break
 * the one-line rule of issue messages.
 */

/** Longest text shown (characters, quotes and ellipsis included). */
export const MAX_SHOWN = 80;

/**
 * `text` in double quotes, with control characters (C0, DEL, C1, line and paragraph separators,
 * bidi overrides) escaped as `\n`, `\r`, `\t` or `\u001b`, and cut to `max` characters with `…`
 * and the full length when longer.
 *
 * @example
 * quoteCell('12\u001b[31m'); // '"12\\u001b[31m"'
 */
export function quoteCell(text: string, max = MAX_SHOWN): string {
  const room = max - 2;
  let out = '';
  let i = 0;
  for (; i < text.length; i++) {
    const s = escapeChar(text.charCodeAt(i), text[i]!);
    if (out.length + s.length > room) break;
    out += s;
  }
  if (i === text.length) return `"${out}"`;
  const tail = `…" (${text.length} chars)`;
  while (out.length + tail.length > max - 1 && out.length > 0) out = out.slice(0, -1);
  return `"${out}${tail}`;
}

/** `text` with every control character escaped (for one-line messages); no quoting or cut. */
export function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(text)
    ? Array.from(text, (ch) => escapeChar(ch.charCodeAt(0), ch)).join('')
    : text;
}

function escapeChar(c: number, ch: string): string {
  if (c >= 0x20 && c !== 0x7f && !(c >= 0x80 && c <= 0x9f) && c !== 0x2028 && c !== 0x2029 && !(c >= 0x202a && c <= 0x202e) && !(c >= 0x2066 && c <= 0x2069)) {
    return ch === '"' ? '\\"' : ch === '\\' ? '\\\\' : ch;
  }
  if (c === 10) return '\\n';
  if (c === 13) return '\\r';
  if (c === 9) return '\\t';
  return `\\u${c.toString(16).padStart(4, '0')}`;
}
