/**
 * Parses the time cells of bar files into epoch milliseconds, fast: ISO dates and date-times are
 * read character by character (no `Date`, no regular expression on the hot path) and the last
 * date seen is memoised, since consecutive intraday rows share it.
 */
import { DAY_MS, daysFromCivil, isValidDate } from '../time/civil.js';
import { ZoneOffsets } from '../time/zonedTime.js';
import { quoteCell } from './quoteCell.js';

/**
 * How time cells are written.
 * - `auto`: ISO 8601 dates/date-times, or epoch numbers whose unit is read from their magnitude
 *   (|v| < 1e11 seconds, < 1e14 milliseconds, < 1e17 microseconds, else nanoseconds).
 * - `iso`: `YYYY-MM-DD`, `YYYY-MM-DD[T ]HH:MM[:SS[.fff…]]` with optional `Z` or `±HH[:MM]`
 *   (offsets within −14:00..+14:00).
 * - `yyyymmdd`: 8-digit compact dates such as `20240102`.
 * - `mdy` / `dmy`: `MM/DD/YYYY` or `DD/MM/YYYY` (separator `/`, `-` or `.`), optional ` HH:MM[:SS]`.
 * - `epoch-s`, `epoch-ms`, `epoch-us`, `epoch-ns`: numbers since 1970-01-01T00:00Z in that unit.
 */
export const TimeFormat = {
  Auto: 'auto',
  Iso: 'iso',
  Yyyymmdd: 'yyyymmdd',
  Mdy: 'mdy',
  Dmy: 'dmy',
  EpochSeconds: 'epoch-s',
  EpochMilliseconds: 'epoch-ms',
  EpochMicroseconds: 'epoch-us',
  EpochNanoseconds: 'epoch-ns',
} as const;
/** {@inheritDoc TimeFormat} */
export type TimeFormat = (typeof TimeFormat)[keyof typeof TimeFormat];

/** Epoch units by their factor to milliseconds. */
const EPOCH_FACTOR: Partial<Record<TimeFormat, number>> = {
  'epoch-s': 1000,
  'epoch-ms': 1,
  'epoch-us': 1e-3,
  'epoch-ns': 1e-6,
};

/** Earliest instant a bar may have (1800-01-01Z): a guard against misread units, for every format. */
export const MIN_TIME_MS = Date.UTC(1800, 0, 1);
/** Latest instant a bar may have (2200-01-01Z). */
export const MAX_TIME_MS = Date.UTC(2200, 0, 1);
const MIN_MS = MIN_TIME_MS;
const MAX_MS = MAX_TIME_MS;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** Space, tab, CR, LF, NBSP, BOM: what `trim` would remove at the ends of a cell. */
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0xfeff;

/**
 * Stateful parser for one column. After a successful {@link TimeParser.parse},
 * {@link TimeParser.dayLabel} holds the date label of the cell's *local* calendar date when its
 * time of day is exactly midnight (a date-only cell), else `NaN`: a file whose every cell has a
 * day label is daily data.
 */
export class TimeParser {
  readonly format: TimeFormat;
  /** Date label of the last parsed cell when it was a local midnight, else `NaN`. */
  dayLabel = Number.NaN;
  /** Why the last `parse` returned `NaN`. */
  error = '';
  readonly #zone: ZoneOffsets | null;
  #lastDateText = '\u0000';
  #lastDay = 0;

  /**
   * @param format - see {@link TimeFormat}
   * @param timeZone - IANA zone for date-times without an offset; `'UTC'` needs no conversion.
   * @throws {TimeRangeError} for an unknown time zone.
   */
  constructor(format: TimeFormat = 'auto', timeZone = 'UTC') {
    this.format = format;
    this.#zone = timeZone === 'UTC' || timeZone === 'Etc/UTC' ? null : ZoneOffsets.of(timeZone);
  }

  /** The format description used in error messages. */
  get expected(): string {
    switch (this.format) {
      case 'auto':
        return 'an ISO 8601 date or date-time, or an epoch number (set timeFormat for other layouts)';
      case 'iso':
        return 'an ISO 8601 date YYYY-MM-DD or date-time YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]';
      case 'yyyymmdd':
        return 'a date as YYYYMMDD';
      case 'mdy':
        return 'a date as MM/DD/YYYY [HH:MM[:SS]]';
      case 'dmy':
        return 'a date as DD/MM/YYYY [HH:MM[:SS]]';
      default:
        return `an epoch number in ${this.format.slice(6)}`;
    }
  }

  /**
   * Parses one cell.
   *
   * @returns epoch milliseconds, or `NaN` when the cell cannot be read (see {@link TimeParser.error}).
   */
  parse(text: string): number {
    this.dayLabel = Number.NaN;
    // Trimming allocates; most cells have no surrounding space, so look before trimming.
    const s = isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(text.length - 1)) ? text.trim() : text;
    if (s.length === 0) return this.#fail('the cell is empty');
    let ms: number;
    switch (this.format) {
      case 'auto':
        ms = s.charCodeAt(4) === 45 ? this.#iso(s) : this.#autoNumberOrIso(s);
        break;
      case 'iso':
        ms = this.#iso(s);
        break;
      case 'yyyymmdd':
        ms = this.#compact(s);
        break;
      case 'mdy':
      case 'dmy':
        ms = this.#slashed(s, this.format === 'mdy');
        break;
      default:
        ms = this.#epoch(s, EPOCH_FACTOR[this.format] ?? 1);
    }
    if (Number.isNaN(ms)) return ms;
    if (ms < MIN_MS || ms > MAX_MS) return this.#fail('it is outside 1800..2200 (wrong epoch unit?)');
    return ms;
  }

  #fail(why: string): number {
    this.error = why;
    return Number.NaN;
  }

  #autoNumberOrIso(s: string): number {
    if (/^[+-]?\d+(\.\d+)?$/.test(s)) {
      const v = Number(s);
      const a = Math.abs(v);
      const factor = a < 1e11 ? 1000 : a < 1e14 ? 1 : a < 1e17 ? 1e-3 : 1e-6;
      return this.#epoch(s, factor);
    }
    return this.#iso(s);
  }

  #epoch(s: string, factor: number): number {
    if (!/^[+-]?\d+(\.\d+)?$/.test(s)) return this.#fail('it is not a number');
    let ms: number;
    if (factor === 1e-6 && s.length > 15 && !s.includes('.')) {
      // Nanoseconds exceed 2^53: drop the sub-millisecond digits as text so the millisecond is exact.
      ms = Number(s.slice(0, -6));
      if (s.startsWith('-') && !/^0+$/.test(s.slice(-6))) ms -= 1;
    } else {
      ms = Math.floor(Number(s) * factor);
    }
    if (ms % DAY_MS === 0) this.dayLabel = ms;
    return ms;
  }

  #iso(s: string): number {
    const n = s.length;
    if (n < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return this.#fail('it is not an ISO date');
    // Consecutive intraday rows share their date: compare in place rather than re-parse.
    if (!s.startsWith(this.#lastDateText)) {
      const year = num4(s, 0);
      const month = num2(s, 5);
      const day = num2(s, 8);
      if (!isValidDate(year, month, day)) return this.#fail('it is not a valid calendar date');
      this.#lastDateText = s.slice(0, 10);
      this.#lastDay = daysFromCivil(year, month, day);
    }
    return this.#timeOfDay(s, 10, this.#lastDay);
  }

  #compact(s: string): number {
    if (s.length !== 8 || !/^\d{8}$/.test(s)) return this.#fail('it is not 8 digits');
    const year = num4(s, 0);
    const month = num2(s, 4);
    const day = num2(s, 6);
    if (!isValidDate(year, month, day)) return this.#fail('it is not a valid calendar date');
    const label = daysFromCivil(year, month, day) * DAY_MS;
    this.dayLabel = label;
    return label;
  }

  #slashed(s: string, monthFirst: boolean): number {
    const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](.*))?$/.exec(s);
    if (m === null) return this.#fail(`it is not ${monthFirst ? 'MM/DD/YYYY' : 'DD/MM/YYYY'}`);
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = Number(m[3]);
    const month = monthFirst ? a : b;
    const dayOfMonth = monthFirst ? b : a;
    if (!isValidDate(year, month, dayOfMonth)) return this.#fail('it is not a valid calendar date');
    const day = daysFromCivil(year, month, dayOfMonth);
    return m[4] === undefined ? this.#timeOfDay('', 0, day) : this.#timeOfDay(`T${m[4]}`, 0, day);
  }

  /** Reads `[T ]HH:MM[:SS[.fff]][Z|±HH[:MM]]` starting at `i` (or nothing) on top of `day`. */
  #timeOfDay(s: string, i: number, day: number): number {
    const n = s.length;
    let local = day * DAY_MS;
    if (i === n) {
      this.dayLabel = local;
      return this.#zone === null ? local : this.#zone.toUtc(local);
    }
    const sep = s.charCodeAt(i);
    if ((sep !== 84 && sep !== 116 && sep !== 32) || i + 6 > n || s.charCodeAt(i + 3) !== 58) {
      return this.#fail('the time of day is not HH:MM[:SS]');
    }
    const hh = num2(s, i + 1);
    const mm = num2(s, i + 4);
    let ss = 0;
    let frac = 0;
    let j = i + 6;
    if (j < n && s.charCodeAt(j) === 58) {
      ss = num2(s, j + 1);
      j += 3;
      if (j < n && (s.charCodeAt(j) === 46 || s.charCodeAt(j) === 44)) {
        let k = j + 1;
        let scale = 100;
        while (k < n && isDigit(s.charCodeAt(k))) {
          frac += (s.charCodeAt(k) - 48) * scale;
          scale /= 10;
          k++;
        }
        if (k === j + 1) return this.#fail('the fraction of a second has no digits');
        frac = Math.floor(frac + 1e-9);
        j = k;
      }
    }
    if (!(hh >= 0 && hh <= 24 && mm >= 0 && mm <= 59 && ss >= 0 && ss <= 60) || (hh === 24 && (mm | ss | frac) !== 0)) {
      return this.#fail('the time of day is out of range');
    }
    local += hh * 3_600_000 + mm * 60_000 + ss * 1000 + frac;
    const midnight = hh === 0 && mm === 0 && ss === 0 && frac === 0;
    if (j === n) {
      if (midnight) this.dayLabel = local;
      return this.#zone === null ? local : this.#zone.toUtc(local);
    }
    const z = s.charCodeAt(j);
    if ((z === 90 || z === 122) && j + 1 === n) {
      if (midnight) this.dayLabel = local;
      return local;
    }
    if (z === 43 || z === 45) {
      // ±HH, ±HHMM or ±HH:MM, read in place.
      const oh = num2(s, j + 1);
      let k = j + 3;
      if (k < n && s.charCodeAt(k) === 58) k++;
      const om = k === n ? 0 : num2(s, k);
      if (Number.isNaN(oh) || Number.isNaN(om) || (k !== n && k + 2 !== n) || j + 3 > n) {
        return this.#fail('the UTC offset is not ±HH[:MM]');
      }
      // Real offsets run from −12:00 to +14:00; −14:00..+14:00 with minutes < 60 is accepted.
      if (om > 59 || oh * 60 + om > 14 * 60) return this.#fail('the UTC offset is outside -14:00..+14:00');
      const offset = (oh * 60 + om) * 60_000 * (z === 45 ? -1 : 1);
      if (midnight) this.dayLabel = local;
      return local - offset;
    }
    return this.#fail(`unexpected text ${quoteCell(s.slice(j), 24)} after the time of day`);
  }
}

function num2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : Number.NaN;
}

function num4(s: string, i: number): number {
  const hi = num2(s, i);
  const lo = num2(s, i + 2);
  return hi * 100 + lo;
}
