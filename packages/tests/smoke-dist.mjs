// Smoke test of the *built* packages as a user gets them from npm: plain Node, no TypeScript and no
// `@qt-backtest/source` condition, so every import resolves to dist/. Run after `pnpm build`.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBars, nyseCalendar } from 'qt-backtest';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data-fixtures');
const loaded = await loadBars(join(fixtures, 'daily.arrow'));
const bars = [...loaded.series.values()].reduce((n, s) => n + s.length, 0);
if (loaded.symbols.length !== 20 || bars < 40_000 || !nyseCalendar.isSession('2024-12-31')) {
  console.error(`smoke test of dist/ failed: ${loaded.symbols.length} symbols, ${bars} bars`);
  process.exit(1);
}
console.log(`dist/ smoke test OK: qt-backtest loaded ${loaded.symbols.length} symbols, ${bars} bars`);
