/**
 * A one-line progress bar for a terminal: `bars 1,234/5,000 [=====>    ] 24% ETA 3s`.
 */

/** Formats seconds as `3s`, `2m05s` or `1h02m`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * Draws progress on a terminal line (carriage return, no newline until `finish`), at most every
 * `intervalMs`. Construct it only when stderr is a TTY: it always writes.
 */
export class ProgressBar {
  readonly #write: (s: string) => void;
  readonly #label: string;
  readonly #now: () => number;
  readonly #intervalMs: number;
  readonly #started: number;
  #lastDraw = -Infinity;
  #drawn = false;

  constructor(write: (s: string) => void, label: string, options: { readonly now?: () => number; readonly intervalMs?: number } = {}) {
    this.#write = write;
    this.#label = label;
    this.#now = options.now ?? (() => performance.now());
    this.#intervalMs = options.intervalMs ?? 100;
    this.#started = this.#now();
  }

  /** The line for `done` of `total` after `elapsedMs` (no carriage return). */
  static line(label: string, done: number, total: number, elapsedMs: number, width = 24): string {
    const f = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.floor(f * width);
    const bar = `${'='.repeat(filled)}${filled < width ? '>' : ''}${' '.repeat(Math.max(0, width - filled - 1))}`;
    const eta = done > 0 && done < total ? ` ETA ${formatDuration(((elapsedMs / done) * (total - done)) / 1000)}` : '';
    const n = (x: number): string => x.toLocaleString('en-US');
    return `${label} ${n(done)}/${n(total)} [${bar}] ${Math.floor(f * 100)}%${eta}`;
  }

  /** Redraws when the last draw is older than the interval (always at `done === total`). */
  update(done: number, total: number): void {
    const now = this.#now();
    if (done < total && now - this.#lastDraw < this.#intervalMs) return;
    this.#lastDraw = now;
    this.#drawn = true;
    this.#write(`\r${ProgressBar.line(this.#label, done, total, now - this.#started)}\x1b[K`);
  }

  /** Ends the line (clears it), so the next output starts at column 0. */
  finish(): void {
    if (this.#drawn) this.#write('\r\x1b[K');
    this.#drawn = false;
  }
}
