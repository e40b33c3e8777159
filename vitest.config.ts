import { defineConfig } from 'vitest/config';

// Tests run on TypeScript source: the `@qt-backtest/source` export condition points every
// workspace package at its `src/index.ts`, so no build step is needed.
const conditions = ['@qt-backtest/source', 'node', 'import', 'module', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'benchmarks/**/*.test.ts', 'data-fixtures/**/*.test.ts', 'scripts/**/*.test.ts'],
    sequence: { shuffle: true },
    restoreMocks: true,
    setupFiles: ['./scripts/vitest-fail-on-console.ts'],
    reporters: ['default', './scripts/vitest-summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
