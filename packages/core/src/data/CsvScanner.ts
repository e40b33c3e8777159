/**
 * A byte-level RFC 4180 record scanner for bar files. It replaces csv-parse on the load path
 * (which took about 75 % of a CSV load) and adds what bar files need: exact physical line numbers
 * with any line endings (LF, CRLF, a bare CR, mixed), a bounded record size (a file without line
 * breaks — `/dev/zero`, a binary file — fails after 1 MiB instead of growing memory), and field
 * offsets into the input bytes so numbers are parsed without making strings.
 */

/** Longest record accepted, in bytes. */
export const MAX_RECORD_BYTES = 1 << 20;

/** What {@link CsvScanner.next} found. */
export const ScanResult = { Record: 1, NeedMore: 0, Error: -1 } as const;
/** {@inheritDoc ScanResult} */
export type ScanResult = (typeof ScanResult)[keyof typeof ScanResult];

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Scans records out of a byte buffer that the caller refills. */
export class CsvScanner {
  /** Field k of the last record is `buffer[starts[k], ends[k])`. */
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** 1 when field k was quoted (then `""` inside it stands for `"`). */
  quoted = new Uint8Array(64);
  /** Fields in the last record. */
  count = 0;
  /** Physical line (1-based) on which the last record started. */
  recordLine = 0;
  /** Why the scan failed (with {@link ScanResult.Error}); the line is {@link CsvScanner.errorLine}. */
  error = '';
  errorLine = 0;
  /** Next byte to scan. */
  pos = 0;
  /** Physical line of the byte at `pos`. */
  line = 1;
  readonly #delimiter: number;

  constructor(delimiter: number) {
    this.#delimiter = delimiter;
  }

  /**
   * Scans the record at `pos` in `buffer[0, end)`; blank lines are skipped.
   *
   * @param eof - whether `end` is the end of the input (else a record cut at `end` needs more)
   * @returns {@link ScanResult.Record} (fields in `starts`/`ends`, `pos` after it),
   *   {@link ScanResult.NeedMore} (nothing consumed; refill and call again; `pos === end` at EOF
   *   means done), or {@link ScanResult.Error}
   */
  next(buffer: Uint8Array, end: number, eof: boolean): ScanResult {
    for (;;) {
      const r = this.#record(buffer, end, eof);
      if (r !== ScanResult.Record) return r;
      // A blank line is one empty unquoted field: skip it.
      if (this.count === 1 && this.quoted[0] === 0 && this.ends[0] === this.starts[0]) continue;
      return r;
    }
  }

  #record(b: Uint8Array, end: number, eof: boolean): ScanResult {
    const start = this.pos;
    if (start >= end) return ScanResult.NeedMore;
    const d = this.#delimiter;
    let i = start;
    let count = 0;
    let breaks = 0;
    for (;;) {
      if (count === this.starts.length) this.#grow();
      let fieldStart = i;
      let fieldEnd: number;
      let quoted = 0;
      if (i < end && b[i] === QUOTE) {
        quoted = 1;
        i++;
        fieldStart = i;
        for (;;) {
          if (i >= end) return this.#cut(start, end, eof, 'a quoted field is not closed (unbalanced ")');
          const c = b[i]!;
          if (c === QUOTE) {
            if (i + 1 >= end && !eof) return this.#cut(start, end, eof, '');
            if (b[i + 1] === QUOTE) {
              i += 2;
              continue;
            }
            break;
          }
          if (c === LF) breaks++;
          else if (c === CR && b[i + 1] !== LF) {
            if (i + 1 >= end && !eof) return this.#cut(start, end, eof, '');
            breaks++;
          }
          i++;
        }
        fieldEnd = i;
        i++;
        if (i < end) {
          const c = b[i]!;
          if (c !== d && c !== LF && c !== CR) {
            return this.#fail(`text follows the closing quote of field ${count + 1} (a stray " inside a quoted field?)`, this.line + breaks);
          }
        }
      } else {
        while (i < end) {
          const c = b[i]!;
          if (c === d || c === LF || c === CR) break;
          i++;
        }
        fieldEnd = i;
      }
      this.starts[count] = fieldStart;
      this.ends[count] = fieldEnd;
      this.quoted[count] = quoted;
      count++;
      if (i - start > MAX_RECORD_BYTES) return this.#tooLong();
      if (i >= end) {
        if (!eof) return this.#cut(start, end, eof, '');
        break;
      }
      const c = b[i]!;
      if (c === d) {
        i++;
        if (i >= end && eof) {
          if (count === this.starts.length) this.#grow();
          this.starts[count] = i;
          this.ends[count] = i;
          this.quoted[count] = 0;
          count++;
          break;
        }
        continue;
      }
      if (c === LF) {
        i++;
        break;
      }
      // CR: a CRLF pair or a bare CR ends the record; a CR last in the buffer needs the next byte.
      if (i + 1 >= end && !eof) return this.#cut(start, end, eof, '');
      i++;
      if (i < end && b[i] === LF) i++;
      break;
    }
    this.count = count;
    this.recordLine = this.line;
    this.line += 1 + breaks;
    this.pos = i;
    return ScanResult.Record;
  }

  /** The record runs past `end`: more input is needed, unless it is too long or the input ended. */
  #cut(start: number, end: number, eof: boolean, atEof: string): ScanResult {
    if (end - start > MAX_RECORD_BYTES) return this.#tooLong();
    if (eof) return this.#fail(atEof === '' ? 'the file ends inside a record' : atEof, this.line);
    return ScanResult.NeedMore;
  }

  #tooLong(): ScanResult {
    return this.#fail(`a record is longer than ${MAX_RECORD_BYTES / (1 << 20)} MiB (no line breaks: not a text file, or an unclosed quote?)`, this.line);
  }

  #fail(why: string, line: number): ScanResult {
    this.error = why;
    this.errorLine = line;
    return ScanResult.Error;
  }

  #grow(): void {
    const n = this.starts.length * 2;
    const s = new Int32Array(n);
    s.set(this.starts);
    const e = new Int32Array(n);
    e.set(this.ends);
    const q = new Uint8Array(n);
    q.set(this.quoted);
    this.starts = s;
    this.ends = e;
    this.quoted = q;
  }
}
