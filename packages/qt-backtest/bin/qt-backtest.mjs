#!/usr/bin/env node
// The published `qt-backtest` command: loads the built CLI. From a clone, build first
// (`pnpm build`; `pnpm cli` runs the TypeScript source instead). The specifier is computed so
// that module lint does not expect dist/ to exist before a build.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/bin.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(`error: ${fileURLToPath(entry)} is missing; build the packages first (pnpm build)\n`);
  process.exitCode = 1;
} else {
  await import(entry.href);
}
