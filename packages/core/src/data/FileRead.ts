/**
 * What a format reader hands to the loader: the raw bars of one source, per symbol, plus what it
 * learnt about the source.
 */
import type { BarField } from './BarSeries.js';
import type { BarLayout, ColumnMapping } from './columns.js';
import type { IssueCollector } from './IssueCollector.js';
import type { RawBars } from './RawBars.js';
import type { TimeFormat } from './TimeParser.js';

/** Options every reader understands. */
export interface ReadOptions {
  /** Display name of the source in issues (a path as the caller gave it). */
  readonly file: string;
  readonly issues: IssueCollector;
  readonly columns: ColumnMapping;
  readonly layout: BarLayout | undefined;
  readonly timeFormat: TimeFormat;
  readonly timeZone: string;
  /** Symbol of a single-symbol (`ohlcv`) source. */
  readonly symbol: string;
  /** Keep only these symbols (long and wide layouts); all when undefined. */
  readonly symbols: ReadonlySet<string> | undefined;
  /** CSV only: a forced delimiter. */
  readonly delimiter: string | undefined;
  /** Compute the SHA-256 of the source bytes. */
  readonly hash: boolean;
}

/** One source, read. */
export interface FileRead {
  readonly format: 'csv' | 'arrow' | 'parquet';
  readonly layout: BarLayout;
  readonly bars: readonly RawBars[];
  /** Fields present in the source. */
  readonly fields: readonly BarField[];
  readonly hasAdjClose: boolean;
  /** Name of the time column(s) as written, for messages. */
  readonly timeColumn: string;
  /** Column names as written, by role, for messages. */
  readonly columnNames: Readonly<Record<'open' | 'high' | 'low' | 'close' | 'adjClose' | 'volume', string>>;
  /** Whether positions are 1-based text lines (CSV) or 0-based rows (Arrow). */
  readonly positions: 'line' | 'row';
  /** Data rows read (all symbols, before any were dropped). */
  readonly rows: number;
  /** SHA-256 of the source bytes, when asked for. */
  readonly sha256: string | undefined;
}
