/**
 * The annualisation factor of a time index, from its bar frequency and the exchange calendar —
 * never a hard-coded 252.
 */
import { nyseCalendar } from '../calendar/NyseCalendar.js';
import type { TradingCalendar } from '../calendar/TradingCalendar.js';
import { inferFrequency } from './inferFrequency.js';

/**
 * Bars per year of a time index, by its inferred frequency ({@link inferFrequency}): for daily
 * data, the calendar's mean sessions per year over the whole years the index spans (its full range
 * when it spans less than a year); weekly 365.25 / 7; monthly 12; quarterly 4; annual 1; for
 * intraday data, the sessions per year times the median number of bars per session.
 *
 * @example periodsPerYearFor(result.time) // 251.67… for 2015–2024 NYSE daily bars; 12 for month ends
 */
export function periodsPerYearFor(time: Float64Array, calendar: TradingCalendar = nyseCalendar): number {
  return inferFrequency(time, calendar).periodsPerYear;
}
