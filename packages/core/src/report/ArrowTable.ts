/**
 * The part of an apache-arrow `Table` the result's Arrow export promises, stated structurally.
 *
 * Why not apache-arrow's own `Table` type: naming it in a public signature makes every user's
 * `tsc` load and check apache-arrow's ~120 declaration files (about 1 s of a strict check of a
 * 20-line file), whether or not they use Arrow. The objects returned are real apache-arrow
 * tables; for the full API, type them as such:
 *
 * @example
 * import type { Table } from 'apache-arrow';
 * const equity = result.toArrow().equity as unknown as Table;
 */
export interface ArrowTable {
  /** Rows in the table. */
  readonly numRows: number;
  /** Columns in the table. */
  readonly numCols: number;
  /** Column names and types. */
  readonly schema: { readonly fields: readonly { readonly name: string }[] };
  /** The column named `name`, or null. */
  getChild(name: string): ArrowColumn | null;
}

/** The part of an apache-arrow `Vector` (one column) {@link ArrowTable} promises. */
export interface ArrowColumn {
  readonly length: number;
  /** The value at row `index` (null for a missing value). */
  get(index: number): unknown;
  /** The values as an array (a typed array for numeric columns). */
  toArray(): ArrayLike<unknown>;
}
