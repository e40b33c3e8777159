/**
 * Market-time helpers: America/New_York offsets and RFC 3339 formatting/parsing. Session logic is
 * done in the exchange's zone, never the host's.
 */

const ET = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Offset of America/New_York from UTC at `ms`, in minutes (−240 in summer, −300 in winter). */
export function etOffsetMinutes(ms: number): number {
  const parts = Object.fromEntries(ET.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts['year']), Number(parts['month']) - 1, Number(parts['day']), Number(parts['hour']), Number(parts['minute']), Number(parts['second']));
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** `ms` as RFC 3339 with the ET offset (`2026-07-21T10:15:22.451-04:00`), as `/v2/clock` sends it. */
export function formatEt(ms: number): string {
  const off = etOffsetMinutes(ms);
  const local = new Date(ms + off * 60_000).toISOString().slice(0, 23);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${local}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** Epoch ms of a naive ET wall-clock time on an ET date (`2026-07-21`, `09:30`), DST-aware. */
export function etWallClock(date: string, hhmm: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = hhmm.includes(':') ? (hhmm.split(':').map(Number) as [number, number]) : [Number(hhmm.slice(0, 2)), Number(hhmm.slice(2))];
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  // Two passes: the offset at the guess, then at the corrected instant (DST edges).
  let t = guess - etOffsetMinutes(guess) * 60_000;
  t = guess - etOffsetMinutes(t) * 60_000;
  return t;
}

/** The ET calendar date (`YYYY-MM-DD`) of an instant. */
export function etDate(ms: number): string {
  return new Date(ms + etOffsetMinutes(ms) * 60_000).toISOString().slice(0, 10);
}

/**
 * Parses an RFC 3339 timestamp with any fractional precision and offset to epoch ms (fractions
 * beyond milliseconds are truncated).
 *
 * @throws {RangeError} when the text is not RFC 3339.
 */
export function parseRfc3339(text: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (m === null) throw new RangeError(`timestamp "${text}" is not RFC 3339`);
  const frac = (m[5] ?? '').slice(0, 3).padEnd(3, '0');
  const t = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${frac}${m[6] === 'Z' ? 'Z' : m[6]}`);
  if (Number.isNaN(t)) throw new RangeError(`timestamp "${text}" is not a valid time`);
  return t;
}
