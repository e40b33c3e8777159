#!/usr/bin/env node
// @ts-check
// The release as npm users get it (run by .ci/run after `pnpm build`): pack the publishable
// packages (scripts/pack-release.mjs), install the tarballs into an empty project with plain
// `npm install ./*.tgz`, then
//   1. `npx qt-backtest --version` prints the package version;
//   2. `npx qt-backtest run` of a built-in strategy writes a report;
//   3. an ESM `import … from 'qt-backtest'` runs a backtest;
//   4. a project made by `qt-backtest init` (no node_modules of its own) runs with that CLI;
//   5. a strict `tsc --noEmit` of a user file using the public types passes (time quoted, with an
//      empty file's time beside it for scale), and types also resolve under `node10` resolution.
// Needs the npm registry for the packages' third-party dependencies. Exit 1 with a reason on failure.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packRelease } from './pack-release.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const work = mkdtempSync(join(tmpdir(), 'qt-release-'));
const keep = process.argv.includes('--keep');
const log = (/** @type {string} */ s) => process.stdout.write(`${s}\n`);

/** Runs a command in `cwd`, returning stdout; on failure, throws with its output. */
function sh(/** @type {string} */ cmd, /** @type {string[]} */ args, /** @type {string} */ cwd) {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
  } catch (e) {
    const err = /** @type {{ stdout?: string, stderr?: string, message: string }} */ (e);
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed:\n${err.stdout ?? ''}${err.stderr ?? err.message}`);
  }
}

/** Seconds of a strict tsc check (`Total time` of --extendedDiagnostics). */
function tscSeconds(/** @type {string} */ project, /** @type {string} */ cwd) {
  const out = sh('npx', ['--no-install', 'tsc', '-p', project, '--extendedDiagnostics'], cwd);
  const m = /Total time:\s+([\d.]+)s/.exec(out);
  const files = /Files:\s+(\d+)/.exec(out);
  return { seconds: m === null ? NaN : Number(m[1]), files: files === null ? NaN : Number(files[1]) };
}

try {
  const t0 = Date.now();
  const tarballs = packRelease(join(work, 'tarballs'), log);
  const project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'qt-user', private: true, type: 'module' }, null, 2)}\n`);
  for (const t of tarballs) copyFileSync(t, join(project, basename(t)));
  const names = tarballs.map((t) => `./${basename(t)}`);
  log(`npm install ${names.join(' ')}`);
  sh('npm', ['install', '--no-audit', '--no-fund', ...names], project);

  // 1. --version
  const version = JSON.parse(readFileSync(join(root, 'packages', 'qt-backtest', 'package.json'), 'utf8')).version;
  const printed = sh('npx', ['--no-install', 'qt-backtest', '--version'], project).trim();
  if (printed !== version) throw new Error(`npx qt-backtest --version printed "${printed}", expected "${version}"`);
  log(`ok  npx qt-backtest --version → ${printed}`);

  // 2. run
  const mkt = join(root, 'data-fixtures', 'daily', 'MKT.csv');
  const summary = sh('npx', ['--no-install', 'qt-backtest', 'run', '--data', mkt, '--strategy', 'sma-cross', '--out', 'out/run'], project);
  if (!existsSync(join(project, 'out', 'run', 'report.html'))) throw new Error('qt-backtest run wrote no out/run/report.html');
  log(`ok  npx qt-backtest run → out/run/report.html\n${summary.replace(/^/gm, '    ')}`);

  // 3. ESM import
  writeFileSync(
    join(project, 'check.mjs'),
    [
      "import { backtest, loadBars, BuyAndHold, VERSION } from 'qt-backtest';",
      `const data = await loadBars(${JSON.stringify(mkt)}, { symbol: 'MKT' });`,
      "const result = backtest({ data, strategy: new BuyAndHold({ symbols: ['MKT'], fraction: 0.99 }), cash: 100000 });",
      "if (!(result.finalEquity > 0)) throw new Error('no equity');",
      'console.log(`qt-backtest ${VERSION}: buy-and-hold MKT final equity ${result.finalEquity.toFixed(2)}`);',
      '',
    ].join('\n'),
  );
  log(`ok  ESM import: ${sh('node', ['check.mjs'], project).trim()}`);

  // 4. an init project, without node_modules of its own, run by the installed CLI
  const cli = join(project, 'node_modules', '.bin', 'qt-backtest');
  sh(cli, ['init', join(work, 'research')], project);
  sh(cli, ['run', '--config', 'run.json', '--quiet'], join(work, 'research'));
  if (!existsSync(join(work, 'research', 'qt-out', 'latest', 'report.html'))) throw new Error('the init project ran but wrote no report');
  log('ok  qt-backtest init research && (cd research && qt-backtest run --config run.json) without research/node_modules');

  // 5. strict tsc of a user file with the public types (plus an empty file, for scale)
  sh('npm', ['install', '--no-audit', '--no-fund', '--save-dev', 'typescript@5.9.3', '@types/node@20.19.43'], project);
  copyFileSync(join(root, 'scripts', 'release-smoke', 'user.ts'), join(project, 'user.ts'));
  writeFileSync(join(project, 'empty.ts'), 'export const answer: number = 42;\n');
  const options = { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: ['node'] };
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, files: ['user.ts'] }, null, 2));
  writeFileSync(join(project, 'tsconfig.empty.json'), JSON.stringify({ compilerOptions: options, files: ['empty.ts'] }, null, 2));
  writeFileSync(
    join(project, 'tsconfig.node10.json'),
    JSON.stringify({ compilerOptions: { ...options, module: 'ES2022', moduleResolution: 'node10' }, files: ['user.ts'] }, null, 2),
  );
  const empty = tscSeconds('tsconfig.empty.json', project);
  const user = tscSeconds('tsconfig.json', project);
  tscSeconds('tsconfig.node10.json', project);
  log(`ok  tsc --noEmit (strict, skipLibCheck false, NodeNext) of user.ts: ${user.seconds.toFixed(2)} s, ${user.files} files ` +
      `(an empty file with @types/node: ${empty.seconds.toFixed(2)} s, ${empty.files} files); node10 resolution also type-checks`);
  log(`release smoke test passed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
} catch (e) {
  process.stderr.write(`release-smoke: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
} finally {
  if (keep) log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
