/**
 * Conversion between wall-clock times in an IANA time zone and UTC instants, through `Intl`
 * (no time-zone database of our own), with caching so that a million rows do not make a
 * million `Intl` calls.
 */
import { TimeRangeError } from '../errors.js';

const HOUR_MS = 3_600_000;

/**
 * Offsets of one time zone from UTC, in milliseconds (`local − utc`), memoised per UTC hour:
 * every time zone in use changes its offset only on whole quarter-hours, and real data visits
 * far fewer distinct hours than rows.
 */
export class ZoneOffsets {
  static readonly #shared = new Map<string, ZoneOffsets>();

  /**
   * The shared instance for a zone, so its memoised offsets serve every load in the process.
   *
   * @throws {TimeRangeError} when the runtime does not know the time zone.
   */
  static of(timeZone: string): ZoneOffsets {
    let zone = ZoneOffsets.#shared.get(timeZone);
    if (zone === undefined) {
      zone = new ZoneOffsets(timeZone);
      ZoneOffsets.#shared.set(timeZone, zone);
    }
    return zone;
  }

  readonly timeZone: string;
  readonly #format: Intl.DateTimeFormat;
  readonly #byHour = new Map<number, number>();

  /**
   * @param timeZone - IANA name such as `'America/New_York'`, or `'UTC'`.
   * @throws {TimeRangeError} when the runtime does not know the time zone.
   */
  constructor(timeZone: string) {
    try {
      this.#format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch (cause) {
      throw new TimeRangeError(`unknown time zone "${timeZone}": expected an IANA name such as "America/New_York"`, {
        cause,
      });
    }
    this.timeZone = timeZone;
  }

  /** Offset (local − UTC, ms) in force at the UTC instant `utcMs`. */
  offsetAt(utcMs: number): number {
    const hour = Math.floor(utcMs / HOUR_MS);
    let offset = this.#byHour.get(hour);
    if (offset === undefined) {
      offset = this.#compute(hour * HOUR_MS);
      this.#byHour.set(hour, offset);
    }
    return offset;
  }

  /**
   * UTC instant of a wall-clock time given as "local milliseconds" (the epoch-ms value the wall
   * clock would have in UTC). In a DST gap the time is read with the offset before the gap (so
   * 02:30 on a spring-forward day becomes 03:30); in a DST overlap the earlier instant is chosen.
   */
  toUtc(localMs: number): number {
    const first = this.offsetAt(localMs);
    const guess = localMs - first;
    const second = this.offsetAt(guess);
    if (second === first) return guess;
    const retry = localMs - second;
    return this.offsetAt(retry) === second ? Math.min(guess, retry) : guess;
  }

  #compute(utcMs: number): number {
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    for (const part of this.#format.formatToParts(utcMs)) {
      const v = Number(part.value);
      switch (part.type) {
        case 'year':
          year = v;
          break;
        case 'month':
          month = v;
          break;
        case 'day':
          day = v;
          break;
        case 'hour':
          hour = v;
          break;
        case 'minute':
          minute = v;
          break;
        case 'second':
          second = v;
          break;
        default:
          break;
      }
    }
    return Date.UTC(year, month - 1, day, hour, minute, second) - utcMs;
  }
}
