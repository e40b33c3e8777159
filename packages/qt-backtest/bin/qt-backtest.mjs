#!/usr/bin/env node
// The published `qt-backtest` command: loads the built CLI (`pnpm --filter qt-backtest build`
// first when running from a clone; `pnpm cli` runs the TypeScript source instead). The specifier
// is computed so that module lint does not expect dist/ to exist before a build.
await import(new URL('../dist/cli/bin.js', import.meta.url).href);
