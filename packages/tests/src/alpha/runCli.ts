/**
 * Runs the `qt-backtest` command line from its TypeScript source, as `pnpm cli` does (Node with the
 * tsx loader and the `@qt-backtest/source` condition), in a child process. Never rejects: the exit
 * code is part of the answer.
 */
import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const BIN = join(repoRoot, 'packages', 'qt-backtest', 'src', 'cli', 'bin.ts');
// tsx's loader by absolute URL: the child runs in a temporary directory, where `--import tsx` would not resolve
const TSX = pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** What a run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `qt-backtest <args>` in `cwd`. */
export function runCli(args: readonly string[], cwd: string): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--conditions=@qt-backtest/source', '--import', TSX, BIN, ...args],
      { cwd, encoding: 'utf8', maxBuffer: 1 << 26, timeout: 280_000, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr }),
    );
  });
}
