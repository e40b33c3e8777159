import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimeRangeError } from '../errors.js';
import { DAY_MS, dayOfIsoDate, isoDate, isoDateOfDay, weekday } from '../time/civil.js';
import { NyseCalendar, nyseCalendar } from './NyseCalendar.js';
import { ClosureKind } from './TradingCalendar.js';

// Sources cited below:
// [NYSE-22] NYSE Group press release 2021-12-27, "NYSE Group Announces 2022, 2023 and 2024 Holiday
//           and Early Closings Calendar".
// [NYSE-25] NYSE Group press release 2024-11-08, "… 2025, 2026 and 2027 Holiday and Early Closings
//           Calendar".
// [NYSE-26] NYSE Group press release 2025-12-23, "… 2026, 2027 and 2028 Holiday and Early Closings
//           Calendar".
// [PMC]     pandas_market_calendars (github.com/rsheftel/pandas_market_calendars):
//           pandas_market_calendars/holidays/nyse.py, calendars/nyse.py (docstring list of
//           irregular closes taken from the NYSE "Stocks.NYSE-Closings.pdf"), and
//           tests/data/nyse_all_full_day_holidays_since_1928.csv.
// [YAHOO]   Yahoo daily bars in ../shared/data (see its README): real trading days.

const nyFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** `YYYY-MM-DD HH:MM` New York wall-clock time of a UTC instant, through Intl (independent of the calendar's own DST rule). */
function newYork(ms: number): string {
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    nyFormat.formatToParts(ms).find((p) => p.type === type)?.value ?? '?';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

const yearRange = (year: number): [string, string] => [`${year}-01-01`, `${year}-12-31`];
const closuresOf = (year: number): [string, string][] =>
  nyseCalendar.closures(...yearRange(year)).map((c) => [c.date, c.name]);
const earlyClosesOf = (year: number): [string, string][] =>
  nyseCalendar.earlyCloses(...yearRange(year)).map((s) => [s.date, newYork(s.close).slice(11)]);

describe('NyseCalendar identity', () => {
  it('names the exchange, its time zone and the 1990–2035 range', () => {
    expect(nyseCalendar.name).toBe('NYSE');
    expect(nyseCalendar.timeZone).toBe('America/New_York');
    expect(nyseCalendar.validFrom).toBe('1990-01-01');
    expect(nyseCalendar.validTo).toBe('2035-12-31');
  });

  it('answers the same from a new instance as from the shared one', () => {
    const other = new NyseCalendar();
    expect(Array.from(other.sessions('2020-01-01', '2020-12-31'))).toEqual(
      Array.from(nyseCalendar.sessions('2020-01-01', '2020-12-31')),
    );
  });
});

describe('NyseCalendar holidays', () => {
  it('lists 2001 with the four September 11 closures', () => {
    // [PMC] csv and September11Closings2001; weekdays: Jan 1 Mon, Sep 11 Tue … Sep 14 Fri, Dec 25 Tue.
    expect(closuresOf(2001)).toEqual([
      ['2001-01-01', "New Year's Day"],
      ['2001-01-15', 'Martin Luther King Jr. Day'],
      ['2001-02-19', "Washington's Birthday"],
      ['2001-04-13', 'Good Friday'],
      ['2001-05-28', 'Memorial Day'],
      ['2001-07-04', 'Independence Day'],
      ['2001-09-03', 'Labor Day'],
      ['2001-09-11', 'September 11 attacks'],
      ['2001-09-12', 'September 11 attacks'],
      ['2001-09-13', 'September 11 attacks'],
      ['2001-09-14', 'September 11 attacks'],
      ['2001-11-22', 'Thanksgiving Day'],
      ['2001-12-25', 'Christmas Day'],
    ]);
  });

  it('lists 2012 with New Year observed on Monday and the Hurricane Sandy closures', () => {
    // [PMC] csv and HurricaneSandyClosings2012, test_2012; 2012-01-01 was a Sunday.
    expect(closuresOf(2012)).toEqual([
      ['2012-01-02', "New Year's Day (observed)"],
      ['2012-01-16', 'Martin Luther King Jr. Day'],
      ['2012-02-20', "Washington's Birthday"],
      ['2012-04-06', 'Good Friday'],
      ['2012-05-28', 'Memorial Day'],
      ['2012-07-04', 'Independence Day'],
      ['2012-09-03', 'Labor Day'],
      ['2012-10-29', 'Hurricane Sandy'],
      ['2012-10-30', 'Hurricane Sandy'],
      ['2012-11-22', 'Thanksgiving Day'],
      ['2012-12-25', 'Christmas Day'],
    ]);
  });

  it('lists 2021 with Independence Day and Christmas observed, and no Juneteenth yet', () => {
    // [PMC] csv (through July) and test_juneteenth (2021-06-18 open); NYSE 2021 calendar:
    // July 4 was a Sunday, Dec 25 a Saturday. 2022-01-01 (Saturday) leaves 2021-12-31 open.
    expect(closuresOf(2021)).toEqual([
      ['2021-01-01', "New Year's Day"],
      ['2021-01-18', 'Martin Luther King Jr. Day'],
      ['2021-02-15', "Washington's Birthday"],
      ['2021-04-02', 'Good Friday'],
      ['2021-05-31', 'Memorial Day'],
      ['2021-07-05', 'Independence Day (observed)'],
      ['2021-09-06', 'Labor Day'],
      ['2021-11-25', 'Thanksgiving Day'],
      ['2021-12-24', 'Christmas Day (observed)'],
    ]);
    expect(nyseCalendar.isSession('2021-06-18')).toBe(true);
    expect(nyseCalendar.isSession('2021-12-31')).toBe(true);
  });

  it('lists 2022 without a New Year holiday and with Juneteenth observed on Monday', () => {
    // [NYSE-22]: "New Year's Day —, no holiday observed, pursuant to NYSE Rule 7.2";
    // Juneteenth Monday June 20; Christmas Monday December 26.
    expect(closuresOf(2022)).toEqual([
      ['2022-01-17', 'Martin Luther King Jr. Day'],
      ['2022-02-21', "Washington's Birthday"],
      ['2022-04-15', 'Good Friday'],
      ['2022-05-30', 'Memorial Day'],
      ['2022-06-20', 'Juneteenth National Independence Day (observed)'],
      ['2022-07-04', 'Independence Day'],
      ['2022-09-05', 'Labor Day'],
      ['2022-11-24', 'Thanksgiving Day'],
      ['2022-12-26', 'Christmas Day (observed)'],
    ]);
  });

  it('lists 2024', () => {
    // [NYSE-22], 2024 column.
    expect(closuresOf(2024)).toEqual([
      ['2024-01-01', "New Year's Day"],
      ['2024-01-15', 'Martin Luther King Jr. Day'],
      ['2024-02-19', "Washington's Birthday"],
      ['2024-03-29', 'Good Friday'],
      ['2024-05-27', 'Memorial Day'],
      ['2024-06-19', 'Juneteenth National Independence Day'],
      ['2024-07-04', 'Independence Day'],
      ['2024-09-02', 'Labor Day'],
      ['2024-11-28', 'Thanksgiving Day'],
      ['2024-12-25', 'Christmas Day'],
    ]);
  });

  it('lists 2025 with the day of mourning for President Carter', () => {
    // [NYSE-25], 2025 column; [PMC] JimmyCarterDeath2025 (2025-01-09, a Thursday).
    expect(closuresOf(2025)).toEqual([
      ['2025-01-01', "New Year's Day"],
      ['2025-01-09', 'National Day of Mourning for President Carter'],
      ['2025-01-20', 'Martin Luther King Jr. Day'],
      ['2025-02-17', "Washington's Birthday"],
      ['2025-04-18', 'Good Friday'],
      ['2025-05-26', 'Memorial Day'],
      ['2025-06-19', 'Juneteenth National Independence Day'],
      ['2025-07-04', 'Independence Day'],
      ['2025-09-01', 'Labor Day'],
      ['2025-11-27', 'Thanksgiving Day'],
      ['2025-12-25', 'Christmas Day'],
    ]);
    // Federal offices closed on Friday 2025-12-26, the exchange did not ([NYSE-25] lists no closure).
    expect(nyseCalendar.isSession('2025-12-26')).toBe(true);
  });

  it('lists 2026 with Independence Day observed on Friday July 3', () => {
    // [NYSE-25] and [NYSE-26], 2026 column.
    expect(closuresOf(2026)).toEqual([
      ['2026-01-01', "New Year's Day"],
      ['2026-01-19', 'Martin Luther King Jr. Day'],
      ['2026-02-16', "Washington's Birthday"],
      ['2026-04-03', 'Good Friday'],
      ['2026-05-25', 'Memorial Day'],
      ['2026-06-19', 'Juneteenth National Independence Day'],
      ['2026-07-03', 'Independence Day (observed)'],
      ['2026-09-07', 'Labor Day'],
      ['2026-11-26', 'Thanksgiving Day'],
      ['2026-12-25', 'Christmas Day'],
    ]);
  });

  it('lists 2027 with three observed Friday/Monday holidays and an open New Year eve', () => {
    // [NYSE-25] and [NYSE-26], 2027 column: Juneteenth Fri June 18, Independence Day Mon July 5,
    // Christmas Fri Dec 24 (all observed); [NYSE-26]: no holiday for Saturday 2028-01-01.
    expect(closuresOf(2027)).toEqual([
      ['2027-01-01', "New Year's Day"],
      ['2027-01-18', 'Martin Luther King Jr. Day'],
      ['2027-02-15', "Washington's Birthday"],
      ['2027-03-26', 'Good Friday'],
      ['2027-05-31', 'Memorial Day'],
      ['2027-06-18', 'Juneteenth National Independence Day (observed)'],
      ['2027-07-05', 'Independence Day (observed)'],
      ['2027-09-06', 'Labor Day'],
      ['2027-11-25', 'Thanksgiving Day'],
      ['2027-12-24', 'Christmas Day (observed)'],
    ]);
    expect(nyseCalendar.isSession('2027-12-31')).toBe(true);
  });

  it('lists 2028 without a New Year holiday', () => {
    // [NYSE-26], 2028 column.
    expect(closuresOf(2028)).toEqual([
      ['2028-01-17', 'Martin Luther King Jr. Day'],
      ['2028-02-21', "Washington's Birthday"],
      ['2028-04-14', 'Good Friday'],
      ['2028-05-29', 'Memorial Day'],
      ['2028-06-19', 'Juneteenth National Independence Day'],
      ['2028-07-04', 'Independence Day'],
      ['2028-09-04', 'Labor Day'],
      ['2028-11-23', 'Thanksgiving Day'],
      ['2028-12-25', 'Christmas Day'],
    ]);
  });

  it('marks the unscheduled closures of 1990–2035 as special and everything else as holidays', () => {
    // [PMC] adhoc_holidays within 1990–2035.
    const special = nyseCalendar
      .closures(nyseCalendar.validFrom, nyseCalendar.validTo)
      .filter((c) => c.kind === ClosureKind.Special)
      .map((c) => [c.date, c.name]);
    expect(special).toEqual([
      ['1994-04-27', 'National Day of Mourning for President Nixon'],
      ['2001-09-11', 'September 11 attacks'],
      ['2001-09-12', 'September 11 attacks'],
      ['2001-09-13', 'September 11 attacks'],
      ['2001-09-14', 'September 11 attacks'],
      ['2004-06-11', 'National Day of Mourning for President Reagan'],
      ['2007-01-02', 'National Day of Mourning for President Ford'],
      ['2012-10-29', 'Hurricane Sandy'],
      ['2012-10-30', 'Hurricane Sandy'],
      ['2018-12-05', 'National Day of Mourning for President George H. W. Bush'],
      ['2025-01-09', 'National Day of Mourning for President Carter'],
    ]);
    const kinds = new Set(nyseCalendar.closures(nyseCalendar.validFrom, nyseCalendar.validTo).map((c) => c.kind));
    expect(kinds).toEqual(new Set([ClosureKind.Holiday, ClosureKind.Special]));
  });

  it('closes on Good Friday in every year of the range', () => {
    // [PMC] GoodFriday rule: closed every year since 1908 (exceptions only 1898, 1906, 1907).
    for (let year = 1990; year <= 2035; year++) {
      expect(closuresOf(year).filter(([, name]) => name === 'Good Friday')).toHaveLength(1);
    }
  });

  it('observes Martin Luther King Jr. Day only from 1998', () => {
    // [PMC] USMartinLutherKingJrAfter1998; 1997-01-20 was the third Monday of January.
    expect(nyseCalendar.isSession('1997-01-20')).toBe(true);
    expect(closuresOf(1998)).toContainEqual(['1998-01-19', 'Martin Luther King Jr. Day']);
  });

  it('never moves a Saturday New Year to the Friday before (NYSE Rule 7.2)', () => {
    // Every Saturday January 1 in range; [NYSE-22] footnote quotes Rule 7.2.
    for (const year of [1994, 2000, 2005, 2011, 2022, 2028, 2033]) {
      expect(weekday(dayOfIsoDate(`${year}-01-01`))).toBe(6);
      expect(nyseCalendar.isSession(`${year - 1}-12-31`)).toBe(true);
    }
  });

  // [PMC] tests/data/nyse_all_full_day_holidays_since_1928.csv, 1990–2020 (the file ends mid-2021).
  const pmcClosedWeekdays: Record<number, string> = {
    1990: '01-01 02-19 04-13 05-28 07-04 09-03 11-22 12-25',
    1991: '01-01 02-18 03-29 05-27 07-04 09-02 11-28 12-25',
    1992: '01-01 02-17 04-17 05-25 07-03 09-07 11-26 12-25',
    1993: '01-01 02-15 04-09 05-31 07-05 09-06 11-25 12-24',
    1994: '02-21 04-01 04-27 05-30 07-04 09-05 11-24 12-26',
    1995: '01-02 02-20 04-14 05-29 07-04 09-04 11-23 12-25',
    1996: '01-01 02-19 04-05 05-27 07-04 09-02 11-28 12-25',
    1997: '01-01 02-17 03-28 05-26 07-04 09-01 11-27 12-25',
    1998: '01-01 01-19 02-16 04-10 05-25 07-03 09-07 11-26 12-25',
    1999: '01-01 01-18 02-15 04-02 05-31 07-05 09-06 11-25 12-24',
    2000: '01-17 02-21 04-21 05-29 07-04 09-04 11-23 12-25',
    2001: '01-01 01-15 02-19 04-13 05-28 07-04 09-03 09-11 09-12 09-13 09-14 11-22 12-25',
    2002: '01-01 01-21 02-18 03-29 05-27 07-04 09-02 11-28 12-25',
    2003: '01-01 01-20 02-17 04-18 05-26 07-04 09-01 11-27 12-25',
    2004: '01-01 01-19 02-16 04-09 05-31 06-11 07-05 09-06 11-25 12-24',
    2005: '01-17 02-21 03-25 05-30 07-04 09-05 11-24 12-26',
    2006: '01-02 01-16 02-20 04-14 05-29 07-04 09-04 11-23 12-25',
    2007: '01-01 01-02 01-15 02-19 04-06 05-28 07-04 09-03 11-22 12-25',
    2008: '01-01 01-21 02-18 03-21 05-26 07-04 09-01 11-27 12-25',
    2009: '01-01 01-19 02-16 04-10 05-25 07-03 09-07 11-26 12-25',
    2010: '01-01 01-18 02-15 04-02 05-31 07-05 09-06 11-25 12-24',
    2011: '01-17 02-21 04-22 05-30 07-04 09-05 11-24 12-26',
    2012: '01-02 01-16 02-20 04-06 05-28 07-04 09-03 10-29 10-30 11-22 12-25',
    2013: '01-01 01-21 02-18 03-29 05-27 07-04 09-02 11-28 12-25',
    2014: '01-01 01-20 02-17 04-18 05-26 07-04 09-01 11-27 12-25',
    2015: '01-01 01-19 02-16 04-03 05-25 07-03 09-07 11-26 12-25',
    2016: '01-01 01-18 02-15 03-25 05-30 07-04 09-05 11-24 12-26',
    2017: '01-02 01-16 02-20 04-14 05-29 07-04 09-04 11-23 12-25',
    2018: '01-01 01-15 02-19 03-30 05-28 07-04 09-03 11-22 12-05 12-25',
    2019: '01-01 01-21 02-18 04-19 05-27 07-04 09-02 11-28 12-25',
    2020: '01-01 01-20 02-17 04-10 05-25 07-03 09-07 11-26 12-25',
  };

  it.each(Object.entries(pmcClosedWeekdays))('closes exactly the weekdays pandas_market_calendars lists for %s', (year, days) => {
    const expected = days.split(' ').map((md) => `${year}-${md}`);
    expect(closuresOf(Number(year)).map(([date]) => date)).toEqual(expected);
  });
});

describe('NyseCalendar early closes', () => {
  it('closes at 13:00 before Independence Day, after Thanksgiving and on Christmas Eve in 2001', () => {
    // [PMC] calendars/nyse.py docstring: Jul 3 2001 (Tue), Nov 23 2001, Dec 24 2001 (Mon).
    expect(earlyClosesOf(2001)).toEqual([
      ['2001-07-03', '13:00'],
      ['2001-11-23', '13:00'],
      ['2001-12-24', '13:00'],
    ]);
  });

  it('lists the three 2012 early closes', () => {
    // [PMC] test_2012: 2012-07-03, 2012-11-23, 2012-12-24 and no others.
    expect(earlyClosesOf(2012)).toEqual([
      ['2012-07-03', '13:00'],
      ['2012-11-23', '13:00'],
      ['2012-12-24', '13:00'],
    ]);
  });

  it('closes early on Wednesday July 3 since 2013 when July 4 is a Thursday', () => {
    // [PMC] WednesdayBeforeIndependenceDayPost2013 and test_early_close_independence_day_thursday
    // (2019-07-03 closed at 3pm, 2019-07-05 open at 3pm).
    expect(earlyClosesOf(2019)).toEqual([
      ['2019-07-03', '13:00'],
      ['2019-11-29', '13:00'],
      ['2019-12-24', '13:00'],
    ]);
    expect(nyseCalendar.session('2019-07-05')?.earlyClose).toBe(false);
    expect(nyseCalendar.session('2013-07-03')?.earlyClose).toBe(true);
  });

  it('closed early on Friday July 5 before 2013 when July 4 was a Thursday', () => {
    // [PMC] FridayAfterIndependenceDayNYSEpre2013; test: 2002-07-03 open at 3pm, 2002-07-05 not.
    expect(earlyClosesOf(2002)).toEqual([
      ['2002-07-05', '13:00'],
      ['2002-11-29', '13:00'],
      ['2002-12-24', '13:00'],
    ]);
  });

  it('lists the 2024 early closes', () => {
    // [NYSE-22]: Wednesday July 3, Friday November 29, Tuesday December 24, 2024.
    expect(earlyClosesOf(2024)).toEqual([
      ['2024-07-03', '13:00'],
      ['2024-11-29', '13:00'],
      ['2024-12-24', '13:00'],
    ]);
  });

  it('lists the 2025 early closes', () => {
    // [NYSE-25]: Thursday July 3, Friday November 28, Wednesday December 24, 2025.
    expect(earlyClosesOf(2025)).toEqual([
      ['2025-07-03', '13:00'],
      ['2025-11-28', '13:00'],
      ['2025-12-24', '13:00'],
    ]);
  });

  it('has no early close before the observed Independence Day of 2026', () => {
    // [NYSE-25] and [NYSE-26]: 2026 early closes are Friday November 27 and Thursday December 24 only.
    expect(earlyClosesOf(2026)).toEqual([
      ['2026-11-27', '13:00'],
      ['2026-12-24', '13:00'],
    ]);
    expect(nyseCalendar.session('2026-07-02')?.earlyClose).toBe(false);
  });

  it('closes early on Monday July 3, 2028', () => {
    // [NYSE-26] footnote.
    expect(earlyClosesOf(2028)[0]).toEqual(['2028-07-03', '13:00']);
  });

  it('models the 14:00 early closes of 1990–1992', () => {
    // [PMC] ChristmasEve2pmEarlyCloseAdhoc (1990–1992) and DayAfterThanksgiving2pmEarlyCloseBefore1993;
    // the day after Thanksgiving was a full session before 1992.
    expect(earlyClosesOf(1990)).toEqual([['1990-12-24', '14:00']]);
    expect(earlyClosesOf(1991)).toEqual([['1991-12-24', '14:00']]);
    expect(earlyClosesOf(1992)).toEqual([
      ['1992-11-27', '14:00'],
      ['1992-12-24', '14:00'],
    ]);
    expect(earlyClosesOf(1993)).toEqual([['1993-11-26', '13:00']]);
  });

  it('models the irregular closes pandas_market_calendars lists', () => {
    // [PMC] Snow230pmEarlyClose1994, Snow2pmEarlyClose1996, CircuitBreakerTriggered330pmEarlyClose1997,
    // DayAfterChristmas1pmEarlyCloseAdhoc, SystemProb356pmEarlyClose2005.
    expect(earlyClosesOf(1994)).toEqual([
      ['1994-02-11', '14:30'],
      ['1994-11-25', '13:00'],
    ]);
    expect(earlyClosesOf(1996)).toEqual([
      ['1996-01-08', '14:00'],
      ['1996-07-05', '13:00'],
      ['1996-11-29', '13:00'],
      ['1996-12-24', '13:00'],
    ]);
    expect(earlyClosesOf(1997)).toEqual([
      ['1997-07-03', '13:00'],
      ['1997-10-27', '15:30'],
      ['1997-11-28', '13:00'],
      ['1997-12-24', '13:00'],
      ['1997-12-26', '13:00'],
    ]);
    expect(earlyClosesOf(2003)).toEqual([
      ['2003-07-03', '13:00'],
      ['2003-11-28', '13:00'],
      ['2003-12-24', '13:00'],
      ['2003-12-26', '13:00'],
    ]);
    expect(earlyClosesOf(2005)).toEqual([
      ['2005-06-01', '15:56'],
      ['2005-11-25', '13:00'],
    ]);
  });

  it('did not close early on the Fridays after Thursday Christmases', () => {
    // [PMC] calendars/nyse.py note: 2008-12-26 and 2014-12-26 were full sessions.
    for (const date of ['2008-12-26', '2014-12-26', '2025-12-26']) {
      expect(nyseCalendar.session(date)?.earlyClose).toBe(false);
    }
  });

  it('flags exactly the sessions that close before 16:00', () => {
    for (const label of nyseCalendar.sessions(nyseCalendar.validFrom, nyseCalendar.validTo)) {
      const session = nyseCalendar.session(label);
      expect(session?.earlyClose).toBe(newYork(session?.close ?? 0).slice(11) !== '16:00');
    }
  });
});

describe('NyseCalendar session counts', () => {
  // 1995–2015 are confirmed day by day by [YAHOO] below; 1990–2020 follow from [PMC]'s closed
  // weekdays; 2022–2028 from [NYSE-22]/[NYSE-25]/[NYSE-26]; 2029–2035 project today's rules.
  const perYear: Record<number, number> = {
    1990: 253, 1991: 253, 1992: 254, 1993: 253, 1994: 252, 1995: 252, 1996: 254, 1997: 253,
    1998: 252, 1999: 252, 2000: 252, 2001: 248, 2002: 252, 2003: 252, 2004: 252, 2005: 252,
    2006: 251, 2007: 251, 2008: 253, 2009: 252, 2010: 252, 2011: 252, 2012: 250, 2013: 252,
    2014: 252, 2015: 252, 2016: 252, 2017: 251, 2018: 251, 2019: 252, 2020: 253, 2021: 252,
    2022: 251, 2023: 250, 2024: 252, 2025: 250, 2026: 251, 2027: 251, 2028: 251, 2029: 251,
    2030: 251, 2031: 251, 2032: 252, 2033: 251, 2034: 250, 2035: 251,
  };

  it.each(Object.entries(perYear))('counts the sessions of %s', (year, count) => {
    expect(nyseCalendar.sessions(...yearRange(Number(year)))).toHaveLength(count);
  });

  it('averages whole calendar years only', () => {
    expect(nyseCalendar.sessionsPerYear('2014-01-01', '2014-12-31')).toBe(252);
    expect(nyseCalendar.sessionsPerYear(Date.UTC(2014, 0, 1), Date.UTC(2014, 11, 31))).toBe(252);
    // Partial 2013 and 2015 are ignored.
    expect(nyseCalendar.sessionsPerYear('2013-06-01', '2015-06-30')).toBe(252);
    expect(nyseCalendar.sessionsPerYear('2012-01-01', '2014-12-31')).toBe((250 + 252 + 252) / 3);
    const all = Object.values(perYear).reduce((a, b) => a + b, 0) / Object.values(perYear).length;
    expect(nyseCalendar.sessionsPerYear()).toBeCloseTo(all, 12);
    // Only `from` given: through 2035-12-31 (2030–2035: 251, 251, 252, 251, 250, 251 sessions).
    expect(nyseCalendar.sessionsPerYear('2030-01-01')).toBe(251);
  });

  it('rejects a range without a whole calendar year', () => {
    expect(() => nyseCalendar.sessionsPerYear('2014-01-02', '2014-12-31')).toThrow(TimeRangeError);
    expect(() => nyseCalendar.sessionsPerYear('2014-06-01', '2015-05-31')).toThrow(TimeRangeError);
  });
});

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const sharedData = path.resolve(repoRoot, '../shared/data');

describe.skipIf(!existsSync(sharedData))('NyseCalendar against real daily bars (needs ../shared/data)', () => {
  // [YAHOO] Every row of a US-listed stock's daily history is a session, and liquid stocks trade
  // in every session, so the Date column must equal the calendar's sessions between its ends.
  it.each(['orcl-1995-2014.txt', 'yhoo-1996-2015.txt', 'nvda-1999-2014.txt'])('matches the trading days of %s', (file) => {
    const lines = readFileSync(path.join(sharedData, file), 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^Date,/);
    const dates = lines.slice(1).map((line) => line.slice(0, line.indexOf(',')));
    const first = dates[0] ?? '';
    const last = dates.at(-1) ?? '';
    expect(Array.from(nyseCalendar.sessions(first, last), isoDate)).toEqual(dates);
  });
});

describe('NyseCalendar open and close instants', () => {
  it('opens 09:30 EST and closes 16:00 EST in winter', () => {
    const s = nyseCalendar.session('2024-01-02');
    expect(s).toEqual({
      date: '2024-01-02',
      label: Date.UTC(2024, 0, 2),
      open: Date.UTC(2024, 0, 2, 14, 30),
      close: Date.UTC(2024, 0, 2, 21, 0),
      earlyClose: false,
    });
  });

  it('closes 13:00 EDT = 17:00Z on 2024-07-03', () => {
    const s = nyseCalendar.session('2024-07-03');
    expect(s?.open).toBe(Date.UTC(2024, 6, 3, 13, 30));
    expect(s?.close).toBe(Date.UTC(2024, 6, 3, 17, 0));
    expect(s?.earlyClose).toBe(true);
  });

  it('shifts by an hour across the daylight-saving weekends of both eras', () => {
    // Since 2007: second Sunday of March, first Sunday of November (2024-03-10, 2024-11-03).
    expect(nyseCalendar.session('2024-03-08')?.open).toBe(Date.UTC(2024, 2, 8, 14, 30));
    expect(nyseCalendar.session('2024-03-11')?.open).toBe(Date.UTC(2024, 2, 11, 13, 30));
    expect(nyseCalendar.session('2024-11-01')?.close).toBe(Date.UTC(2024, 10, 1, 20, 0));
    expect(nyseCalendar.session('2024-11-04')?.close).toBe(Date.UTC(2024, 10, 4, 21, 0));
    // Before 2007: first Sunday of April, last Sunday of October (2006-04-02, 2006-10-29).
    expect(nyseCalendar.session('2006-03-31')?.open).toBe(Date.UTC(2006, 2, 31, 14, 30));
    expect(nyseCalendar.session('2006-04-03')?.open).toBe(Date.UTC(2006, 3, 3, 13, 30));
    expect(nyseCalendar.session('2006-10-27')?.open).toBe(Date.UTC(2006, 9, 27, 13, 30));
    expect(nyseCalendar.session('2006-10-30')?.open).toBe(Date.UTC(2006, 9, 30, 14, 30));
    // 2007 moved the start three weeks earlier: 2007-03-12 is already EDT.
    expect(nyseCalendar.session('2007-03-12')?.open).toBe(Date.UTC(2007, 2, 12, 13, 30));
  });

  it('agrees with Intl America/New_York for every session 1990–2035', () => {
    const mismatches: string[] = [];
    for (const label of nyseCalendar.sessions(nyseCalendar.validFrom, nyseCalendar.validTo)) {
      const s = nyseCalendar.session(label);
      if (s === null) throw new Error(`no session for label ${label}`);
      const open = newYork(s.open);
      const close = newYork(s.close);
      const minutes = (s.close - s.open) / 60_000 + 9 * 60 + 30;
      const expectedClose = `${s.date} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      if (open !== `${s.date} 09:30` || close !== expectedClose) mismatches.push(`${s.date}: ${open} / ${close}`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('NyseCalendar inputs and range', () => {
  it('throws TimeRangeError outside 1990–2035 and for malformed dates', () => {
    for (const bad of ['1989-12-29', '2036-01-02', 'not-a-date', '2024-02-30', '2024-1-2', Date.UTC(1989, 11, 31, 23, 59)]) {
      expect(() => nyseCalendar.isSession(bad)).toThrow(TimeRangeError);
      expect(() => nyseCalendar.session(bad)).toThrow(TimeRangeError);
      expect(() => nyseCalendar.sessions(bad, '2000-01-01')).toThrow(TimeRangeError);
      expect(() => nyseCalendar.sessions('2000-01-01', bad)).toThrow(TimeRangeError);
      expect(() => nyseCalendar.closures(bad, '2000-01-01')).toThrow(TimeRangeError);
      expect(() => nyseCalendar.earlyCloses('2000-01-01', bad)).toThrow(TimeRangeError);
      expect(() => nyseCalendar.sessionsPerYear(bad)).toThrow(TimeRangeError);
    }
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => nyseCalendar.isSession(bad)).toThrow(TimeRangeError);
    }
  });

  it('accepts the first and last valid dates', () => {
    expect(nyseCalendar.isSession('1990-01-01')).toBe(false); // New Year's Day, a Monday
    expect(nyseCalendar.isSession('1990-01-02')).toBe(true);
    expect(nyseCalendar.isSession('2035-12-31')).toBe(true); // a Monday
  });

  it('returns empty results when from is after to', () => {
    expect(nyseCalendar.sessions('2024-02-01', '2024-01-31')).toHaveLength(0);
    expect(nyseCalendar.closures('2024-12-31', '2024-01-01')).toEqual([]);
    expect(nyseCalendar.earlyCloses('2024-12-31', '2024-01-01')).toEqual([]);
  });

  it('reads an epoch-ms input as its UTC date', () => {
    const late = Date.UTC(2024, 6, 3, 23, 59, 59, 999);
    expect(nyseCalendar.session(late)).toBe(nyseCalendar.session('2024-07-03'));
    expect(nyseCalendar.isSession(Date.UTC(2024, 6, 4, 0, 0, 0, 1))).toBe(false);
    expect(Array.from(nyseCalendar.sessions(Date.UTC(2024, 0, 1, 12), Date.UTC(2024, 11, 31, 12)))).toEqual(
      Array.from(nyseCalendar.sessions('2024-01-01', '2024-12-31')),
    );
    expect(nyseCalendar.closures(Date.UTC(2012, 9, 1), Date.UTC(2012, 9, 31))).toEqual(
      nyseCalendar.closures('2012-10-01', '2012-10-31'),
    );
  });

  it('returns date labels at UTC midnight, inclusive of both ends', () => {
    const labels = Array.from(nyseCalendar.sessions('2024-07-01', '2024-07-05'));
    expect(labels.map(isoDate)).toEqual(['2024-07-01', '2024-07-02', '2024-07-03', '2024-07-05']);
    expect(labels.every((l) => l % DAY_MS === 0)).toBe(true);
  });

  it('hands out copies and frozen objects, so callers cannot corrupt the shared tables', () => {
    const first = nyseCalendar.sessions('2024-01-01', '2024-01-31');
    first.fill(0);
    expect(isoDate(nyseCalendar.sessions('2024-01-01', '2024-01-31')[0] ?? 0)).toBe('2024-01-02');
    expect(Object.isFrozen(nyseCalendar.session('2024-01-02'))).toBe(true);
    expect(Object.isFrozen(nyseCalendar.closures('2024-01-01', '2024-01-01')[0])).toBe(true);
  });
});

describe('NyseCalendar properties', () => {
  const firstDay = dayOfIsoDate(nyseCalendar.validFrom);
  const lastDay = dayOfIsoDate(nyseCalendar.validTo);
  const anyDay = fc.integer({ min: firstDay, max: lastDay });

  it('has a session exactly when isSession says so, never on a weekend, within 6.5 hours', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: DAY_MS - 1 }), (day, msOfDay) => {
        const session = nyseCalendar.session(day * DAY_MS + msOfDay);
        expect(nyseCalendar.isSession(isoDateOfDay(day))).toBe(session !== null);
        const dow = weekday(day);
        if (dow === 0 || dow === 6) expect(session).toBeNull();
        if (session !== null) {
          expect(session.date).toBe(isoDateOfDay(day));
          expect(session.label).toBe(day * DAY_MS);
          expect(session.close - session.open).toBeGreaterThan(0);
          expect(session.close - session.open).toBeLessThanOrEqual(6.5 * 3_600_000);
          expect(session.open - session.label).toBeGreaterThanOrEqual((9 * 60 + 30 + 4 * 60) * 60_000);
        }
      }),
    );
  });

  it('partitions any range into sessions, closures and weekend days', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: 800 }), (from, span) => {
        const to = Math.min(from + span, lastDay);
        const labels = nyseCalendar.sessions(isoDateOfDay(from), isoDateOfDay(to));
        for (let k = 1; k < labels.length; k++) expect(labels[k]).toBeGreaterThan(labels[k - 1] ?? Infinity);
        const sessionDays = new Set(Array.from(labels, (l) => l / DAY_MS));
        const closedDays = new Set(nyseCalendar.closures(from * DAY_MS, to * DAY_MS).map((c) => dayOfIsoDate(c.date)));
        for (let day = from; day <= to; day++) {
          const dow = weekday(day);
          const isWeekend = dow === 0 || dow === 6;
          expect(sessionDays.has(day)).toBe(nyseCalendar.isSession(day * DAY_MS));
          // Exactly one of: session, weekday closure, weekend day.
          expect(Number(sessionDays.has(day)) + Number(closedDays.has(day)) + Number(isWeekend)).toBe(1);
        }
      }),
      { numRuns: 60 },
    );
  });
});
