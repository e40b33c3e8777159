/**
 * Real daily data for feature tests, read without the core loader (features depends on no other
 * workspace package): ORCL 1995–2014 from `../shared/data`, when present.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../..'), '..', 'shared', 'data');

/** Whether `../shared/data` is beside the repository. */
export const hasSharedData: boolean = existsSync(join(dir, 'orcl-1995-2014.txt'));

/** Suffix for test names that need it. */
export const needsSharedData: string = hasSharedData ? '(real data)' : '(SKIPPED: ../shared/data not found)';

if (!hasSharedData && process.env['QT_REQUIRE_SHARED_DATA'] === '1') {
  throw new Error(`QT_REQUIRE_SHARED_DATA=1 but "${dir}" has no orcl-1995-2014.txt`);
}

/** OHLCV columns of a Yahoo-format file in `../shared/data` (raw prices). */
export function yahooColumns(file = 'orcl-1995-2014.txt'): { date: string[]; open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array; volume: Float64Array } {
  const lines = readFileSync(join(dir, file), 'utf8').trim().split('\n').slice(1);
  const col = (k: number): Float64Array => Float64Array.from(lines, (l) => Number(l.split(',')[k]));
  return { date: lines.map((l) => l.split(',')[0]!), open: col(1), high: col(2), low: col(3), close: col(4), volume: col(6) };
}
