/**
 * Where the real market data lives for tests: `../shared/data` beside the repository (CI always
 * has it; a user's clone may not, and then those tests skip with this reason). Not published.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of `../shared/data`, whether or not it exists. */
export const sharedDataDir: string = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../..'), '..', 'shared', 'data');

/** Whether the shared data is present. */
export const hasSharedData: boolean = existsSync(join(sharedDataDir, 'orcl-1995-2014.txt'));

if (!hasSharedData && process.env['QT_REQUIRE_SHARED_DATA'] === '1') {
  throw new Error(`QT_REQUIRE_SHARED_DATA=1 but "${sharedDataDir}" has no orcl-1995-2014.txt`);
}

/** Suffix for test names that need the shared data, saying why they skipped. */
export const needsSharedData: string = hasSharedData
  ? '(real data in ../shared/data)'
  : '(SKIPPED: ../shared/data not found beside the repository; CI provides it)';
