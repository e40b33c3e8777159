/**
 * The default bar fill rules, as pure functions of an order's trigger state and one bar. They
 * implement DESIGN.md §5 (match phase, bar `t`):
 * - market (and `opg`): the open;
 * - buy limit `P`: the open if `P >= open`, else `P` if `P >= low`; sell limit mirrored;
 * - sell stop `S`: the open if `open <= S` (a gap through the stop), else `S` if `low <= S`; buy
 *   stop mirrored;
 * - stop-limit: the stop triggers as above; from the trigger point on, the limit applies along
 *   the rest of the bar's path;
 * - trailing stop: the stop follows the best price seen since submission along the path and
 *   fills like a stop when the price comes back to it.
 *
 * Where the order of the high and the low matters (stop-limit after an intrabar trigger, trailing
 * stops), the bar is walked along a fixed path: open → the extreme nearer the open → the other
 * extreme → close (the "adaptive" path of Nautilus Trader), or a path chosen in the config.
 */

/** How the intrabar path between open and close is assumed to run. */
export const IntrabarPath = {
  /** Visit first the extreme nearer the open (ties: the high first). */
  Adaptive: 'adaptive',
  OpenHighLowClose: 'ohlc',
  OpenLowHighClose: 'olhc',
} as const;
/** {@inheritDoc IntrabarPath} */
export type IntrabarPath = (typeof IntrabarPath)[keyof typeof IntrabarPath];

/** Whether the path visits the high before the low. */
export function highFirst(open: number, high: number, low: number, path: IntrabarPath): boolean {
  if (path === 'ohlc') return true;
  if (path === 'olhc') return false;
  return high - open <= open - low;
}

/** Open, high, low, close of one bar. */
export interface Ohlc {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

/** Rule price of a buy limit at `limit`, or NaN when it does not fill on this bar. */
export function buyLimitPrice(bar: Ohlc, limit: number): number {
  if (bar.open <= limit) return bar.open;
  return bar.low <= limit ? limit : Number.NaN;
}

/** Rule price of a sell limit at `limit`, or NaN. */
export function sellLimitPrice(bar: Ohlc, limit: number): number {
  if (bar.open >= limit) return bar.open;
  return bar.high >= limit ? limit : Number.NaN;
}

/** Rule price of a buy stop at `stop`, or NaN. */
export function buyStopPrice(bar: Ohlc, stop: number): number {
  if (bar.open >= stop) return bar.open;
  return bar.high >= stop ? stop : Number.NaN;
}

/** Rule price of a sell stop at `stop`, or NaN. */
export function sellStopPrice(bar: Ohlc, stop: number): number {
  if (bar.open <= stop) return bar.open;
  return bar.low <= stop ? stop : Number.NaN;
}

/**
 * Stop-limit: `triggered` says whether an earlier bar already triggered it (then it is a plain
 * limit). Returns the rule price (NaN: no fill) and whether it is triggered after this bar.
 */
export function stopLimitPrice(
  bar: Ohlc,
  side: 'buy' | 'sell',
  stop: number,
  limit: number,
  triggered: boolean,
  path: IntrabarPath,
): { readonly price: number; readonly triggered: boolean } {
  const buy = side === 'buy';
  if (triggered) return { price: buy ? buyLimitPrice(bar, limit) : sellLimitPrice(bar, limit), triggered };
  const { open, high, low, close } = bar;
  // Triggered at the open (a gap through the stop): a limit order from the open on.
  if (buy ? open >= stop : open <= stop) {
    return { price: buy ? buyLimitPrice(bar, limit) : sellLimitPrice(bar, limit), triggered: true };
  }
  if (buy ? high < stop : low > stop) return { price: Number.NaN, triggered: false };
  // Triggered inside the bar at the stop price: fill there if the limit allows it, else look for
  // the limit on the part of the path that comes after the trigger.
  if (buy ? stop <= limit : stop >= limit) return { price: stop, triggered: true };
  const hf = highFirst(open, high, low, path);
  // Buy: the trigger is on the way up to the high; afterwards the path still visits the low
  // (high first) or only the close (low first). Sell mirrored.
  const after = buy ? (hf ? low : close) : hf ? close : high;
  const fills = buy ? after <= limit : after >= limit;
  return { price: fills ? limit : Number.NaN, triggered: true };
}

/**
 * Trailing stop. `best` is the most favourable price seen since submission (highest for a sell
 * stop protecting a long, lowest for a buy stop protecting a short). Returns the rule price
 * (NaN: no fill) and the updated `best`.
 */
export function trailingStopPrice(
  bar: Ohlc,
  side: 'buy' | 'sell',
  best: number,
  trailAmount: number | undefined,
  trailPercent: number | undefined,
  path: IntrabarPath,
): { readonly price: number; readonly best: number } {
  const sell = side === 'sell';
  const stopOf = (b: number): number =>
    trailAmount !== undefined ? (sell ? b - trailAmount : b + trailAmount) : sell ? b * (1 - trailPercent!) : b * (1 + trailPercent!);
  const { open, high, low, close } = bar;
  let b = best;
  // The open may gap through the stop.
  if (sell ? open <= stopOf(b) : open >= stopOf(b)) return { price: open, best: b };
  b = sell ? Math.max(b, open) : Math.min(b, open);
  const hf = highFirst(open, high, low, path);
  const points = hf ? [high, low, close] : [low, high, close];
  for (const p of points) {
    // Moving in the favourable direction drags the stop along; moving against it may hit it.
    if (sell ? p > b : p < b) {
      b = p;
    } else {
      const stop = stopOf(b);
      if (sell ? p <= stop : p >= stop) return { price: stop, best: b };
    }
  }
  return { price: Number.NaN, best: b };
}
