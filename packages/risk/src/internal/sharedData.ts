/**
 * Where the project's real market data lives for tests: `../shared/data` beside the repository
 * (CI always has it; a user's clone may not, and then those tests skip with this reason).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Absolute path of `../shared/data`, whether or not it exists. */
export const sharedDataDir: string = join(repoRoot, '..', 'shared', 'data');

/** Whether the shared data is present. */
export const hasSharedData: boolean = existsSync(join(sharedDataDir, 'stock_prices.csv'));

// CI sets QT_REQUIRE_SHARED_DATA so that these tests can never skip there unnoticed.
if (!hasSharedData && process.env['QT_REQUIRE_SHARED_DATA'] === '1') {
  throw new Error(`QT_REQUIRE_SHARED_DATA=1 but "${sharedDataDir}" has no stock_prices.csv`);
}

/** Suffix for test names that need the shared data, saying why they skipped. */
export const needsSharedData: string = hasSharedData
  ? '(real data in ../shared/data)'
  : '(SKIPPED: ../shared/data not found beside the repository; CI provides it)';

/** Absolute path of the repository root. */
export const repoRootDir: string = repoRoot;
