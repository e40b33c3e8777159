/**
 * Named errors for bugs and broken invariants. Expected outcomes (a rejected order, a warming-up
 * indicator, a data warning) are values, never exceptions.
 */

/**
 * Base class of every error qt-backtest throws on purpose, so callers can tell ours from others
 * with one `instanceof` check.
 */
export class QtError extends Error {
  /** @param message - what went wrong, quoting the offending values. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A broken invariant inside the library or in the arguments passed to it (a bug, not bad data).
 *
 * @example
 * throw new InvariantError('period must be a positive integer, got "0"');
 */
export class InvariantError extends QtError {}

/**
 * A date or time outside the range a component supports (for example the NYSE calendar outside
 * 1990–2035), or a time value that cannot be interpreted.
 */
export class TimeRangeError extends QtError {}
