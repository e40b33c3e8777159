import { describe, expect, it } from 'vitest';
import { formatDuration, ProgressBar } from './ProgressBar.js';

describe('formatDuration', () => {
  it('formats seconds below a minute as Ns, rounded', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(3)).toBe('3s');
    expect(formatDuration(3.4)).toBe('3s');
    expect(formatDuration(3.5)).toBe('4s');
    expect(formatDuration(59.4)).toBe('59s');
  });

  it('formats minutes as NmSSs', () => {
    expect(formatDuration(59.5)).toBe('1m00s');
    expect(formatDuration(60)).toBe('1m00s');
    expect(formatDuration(125)).toBe('2m05s');
    expect(formatDuration(3599)).toBe('59m59s');
  });

  it('formats hours as NhMMm', () => {
    expect(formatDuration(3600)).toBe('1h00m');
    expect(formatDuration(3725)).toBe('1h02m');
    expect(formatDuration(48 * 3600 + 59 * 60 + 59)).toBe('48h59m');
  });

  it('gives ? for negative or non-finite durations', () => {
    expect(formatDuration(-1)).toBe('?');
    expect(formatDuration(Number.NaN)).toBe('?');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('?');
  });
});

describe('ProgressBar.line', () => {
  it('draws 0% with the arrow at the start and no ETA', () => {
    expect(ProgressBar.line('bars', 0, 5000, 0)).toBe(`bars 0/5,000 [>${' '.repeat(23)}] 0%`);
  });

  it('draws 50% with an ETA from the elapsed time per item', () => {
    // 10 s for 2,500 items: 10 s more for the other 2,500
    expect(ProgressBar.line('bars', 2500, 5000, 10_000)).toBe(`bars 2,500/5,000 [${'='.repeat(12)}>${' '.repeat(11)}] 50% ETA 10s`);
  });

  it('draws 100% full, without an arrow or an ETA', () => {
    expect(ProgressBar.line('bars', 5000, 5000, 99_000)).toBe(`bars 5,000/5,000 [${'='.repeat(24)}] 100%`);
  });

  it('rounds the bar and the percentage down', () => {
    // 1234 / 5000 = 24.68%: 5 of 24 cells; ETA 1.234 s / 1234 × 3766 = 3.766 s
    expect(ProgressBar.line('bars', 1234, 5000, 1234)).toBe(`bars 1,234/5,000 [=====>${' '.repeat(18)}] 24% ETA 4s`);
    expect(ProgressBar.line('t', 999, 1000, 999_000)).toBe(`t 999/1,000 [${'='.repeat(23)}>] 99% ETA 1s`);
  });

  it('formats long ETAs in minutes and hours', () => {
    expect(ProgressBar.line('t', 1, 100, 5000)).toBe(`t 1/100 [>${' '.repeat(23)}] 1% ETA 8m15s`);
    expect(ProgressBar.line('t', 1, 10, 1_000_000)).toBe(`t 1/10 [==>${' '.repeat(21)}] 10% ETA 2h30m`);
  });

  it('takes a width', () => {
    expect(ProgressBar.line('x', 3, 10, 3000, 10)).toBe('x 3/10 [===>      ] 30% ETA 7s');
    expect(ProgressBar.line('x', 10, 10, 3000, 10)).toBe('x 10/10 [==========] 100%');
  });

  it('treats a total of 0 as complete and caps done above the total', () => {
    expect(ProgressBar.line('x', 0, 0, 0)).toBe(`x 0/0 [${'='.repeat(24)}] 100%`);
    expect(ProgressBar.line('x', 12, 10, 100)).toBe(`x 12/10 [${'='.repeat(24)}] 100%`);
  });

  it('keeps the bar exactly width cells wide at every step', () => {
    for (let done = 0; done <= 137; done++) {
      const bar = /\[(.*)\]/.exec(ProgressBar.line('x', done, 137, 1000))?.[1];
      expect(bar).toHaveLength(24);
    }
  });
});

/** A bar on a fake clock that records what it writes. */
function fakeBar(intervalMs?: number): { bar: ProgressBar; writes: string[]; clock: { t: number } } {
  const writes: string[] = [];
  const clock = { t: 1000 };
  const options = intervalMs === undefined ? { now: () => clock.t } : { now: () => clock.t, intervalMs };
  return { bar: new ProgressBar((s) => writes.push(s), 'bars', options), writes, clock };
}

const drawn = (done: number, total: number, elapsedMs: number): string => `\r${ProgressBar.line('bars', done, total, elapsedMs)}\x1b[K`;

describe('ProgressBar.update', () => {
  it('draws the first update at once, with a carriage return and an erase to the line end', () => {
    const { bar, writes } = fakeBar();
    bar.update(1, 10);
    expect(writes).toEqual([`\rbars 1/10 [==>${' '.repeat(21)}] 10% ETA 0s\x1b[K`]);
  });

  it('draws at most every intervalMs, measuring the ETA from construction', () => {
    const { bar, writes, clock } = fakeBar(100);
    bar.update(1, 10); // t=1000: drawn
    clock.t = 1050;
    bar.update(2, 10); // 50 ms later: skipped
    clock.t = 1099;
    bar.update(3, 10); // 99 ms: skipped
    clock.t = 1100;
    bar.update(4, 10); // 100 ms: drawn
    clock.t = 1150;
    bar.update(5, 10); // 50 ms after the last draw: skipped
    clock.t = 1250;
    bar.update(6, 10); // drawn
    expect(writes).toEqual([drawn(1, 10, 0), drawn(4, 10, 100), drawn(6, 10, 250)]);
  });

  it('defaults to a 100 ms interval', () => {
    const { bar, writes, clock } = fakeBar();
    bar.update(1, 10);
    clock.t += 99;
    bar.update(2, 10);
    expect(writes).toHaveLength(1);
    clock.t += 1;
    bar.update(3, 10);
    expect(writes).toEqual([drawn(1, 10, 0), drawn(3, 10, 100)]);
  });

  it('always draws done === total, even inside the interval', () => {
    const { bar, writes, clock } = fakeBar(1000);
    bar.update(1, 3);
    clock.t += 1;
    bar.update(2, 3);
    clock.t += 1;
    bar.update(3, 3);
    clock.t += 1;
    bar.update(3, 3);
    expect(writes).toEqual([drawn(1, 3, 0), drawn(3, 3, 2), drawn(3, 3, 3)]);
  });

  it('does not write before the first update', () => {
    const { writes } = fakeBar();
    expect(writes).toEqual([]);
  });
});

describe('ProgressBar.finish', () => {
  it('writes nothing when nothing was drawn', () => {
    const { bar, writes } = fakeBar();
    bar.finish();
    expect(writes).toEqual([]);
  });

  it('clears a drawn line even when the last update was throttled', () => {
    const { bar, writes, clock } = fakeBar(100);
    bar.update(1, 10);
    clock.t += 10;
    bar.update(2, 10);
    bar.finish();
    expect(writes).toEqual([drawn(1, 10, 0), '\r\x1b[K']);
  });

  it('clears the line once after a draw, and not again', () => {
    const { bar, writes } = fakeBar();
    bar.update(10, 10);
    bar.finish();
    bar.finish();
    expect(writes).toEqual([drawn(10, 10, 0), '\r\x1b[K']);
  });

  it('clears again after drawing again', () => {
    const { bar, writes, clock } = fakeBar();
    bar.update(5, 10);
    bar.finish();
    clock.t += 500;
    bar.update(10, 10);
    bar.finish();
    expect(writes).toEqual([drawn(5, 10, 0), '\r\x1b[K', drawn(10, 10, 500), '\r\x1b[K']);
  });
});
