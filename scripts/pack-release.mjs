#!/usr/bin/env node
// @ts-check
// Packs every publishable workspace package into release tarballs, as `pnpm publish` would
// publish them: `pnpm pack` rewrites `workspace:*` and `catalog:` versions (plain `npm pack` does
// not) and applies each package's `publishConfig` (the published `exports`, without the
// repository-only `@qt-backtest/source` condition).
//
// The rule for placeholder packages: a package whose src/index.ts exports nothing (`export {}`) is
// not published, and every published package that lists it as a dependency has that dependency
// dropped from its packed package.json — unless its built code imports it, which is an error. So
// the same script works before and after a placeholder package gets its code.
//
// Usage: node scripts/pack-release.mjs [--out <dir>]   (default dir: release/; build first: pnpm build)
// Prints one line per package and the tarball paths; exits 1 with a one-line reason on failure.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const PNPM = ['--yes', 'pnpm@10.34.8'];

/** A workspace package as the release sees it. */
/** @typedef {{ folder: string, dir: string, name: string, manifest: Record<string, any>, empty: boolean }} WorkspacePackage */

/**
 * Whether a module's source exports nothing: its only export statements are `export {}` (a
 * syntactic check of the entry file; re-exports `export * from` count as exports).
 * @param {string} file
 */
export function exportsNothing(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  for (const st of source.statements) {
    if (ts.isExportDeclaration(st)) {
      if (st.moduleSpecifier !== undefined) return false;
      if (st.exportClause === undefined || !ts.isNamedExports(st.exportClause) || st.exportClause.elements.length > 0) return false;
      continue;
    }
    if (ts.isExportAssignment(st)) return false;
    const mods = ts.canHaveModifiers(st) ? ts.getModifiers(st) : undefined;
    if (mods?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return false;
  }
  return true;
}

/** Every workspace package (packages/*), with whether its public API is empty. */
export function workspacePackages() {
  /** @type {WorkspacePackage[]} */
  const out = [];
  for (const folder of readdirSync(join(root, 'packages')).sort()) {
    const dir = join(root, 'packages', folder);
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    const entry = join(dir, 'src', 'index.ts');
    out.push({ folder, dir, name: manifest.name, manifest, empty: !existsSync(entry) || exportsNothing(entry) });
  }
  return out;
}

/**
 * Whether any built JavaScript or declaration file of `dir` imports `name` (or a subpath of it).
 * @param {string} dir
 * @param {string} name
 */
function importsPackage(dir, name) {
  const re = new RegExp(`(from\\s*|import\\s*\\(\\s*|require\\s*\\(\\s*)['"]${name.replace(/[/\\^$.*+?()[\]{}|-]/g, '\\$&')}(/[^'"]*)?['"]`);
  /** @param {string} d @returns {string | undefined} */
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        const hit = walk(p);
        if (hit !== undefined) return hit;
      } else if (/\.(m?js|d\.m?ts)$/.test(e.name) && re.test(readFileSync(p, 'utf8'))) {
        return p;
      }
    }
    return undefined;
  };
  return existsSync(dir) ? walk(dir) : undefined;
}

/**
 * Packs the release into `outDir`; returns the tarball paths.
 * @param {string} outDir
 * @param {(line: string) => void} log
 */
export function packRelease(outDir, log) {
  const all = workspacePackages();
  const skipped = new Set(all.filter((p) => p.manifest.private !== true && p.empty).map((p) => p.name));
  const published = all.filter((p) => p.manifest.private !== true && !p.empty);
  for (const p of all) {
    if (p.manifest.private === true) log(`skip    ${p.name} (private)`);
    else if (p.empty) log(`skip    ${p.name} (its public API is empty: packages/${p.folder}/src/index.ts exports nothing; not published, and no published package depends on it)`);
  }
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  /** @type {string[]} */
  const tarballs = [];
  for (const p of published) {
    if (!existsSync(join(p.dir, 'dist', 'index.js'))) {
      throw new Error(`${p.name}: packages/${p.folder}/dist/index.js is missing; build first (pnpm build)`);
    }
    const drop = Object.keys(p.manifest.dependencies ?? {}).filter((d) => skipped.has(d));
    for (const d of drop) {
      const file = importsPackage(join(p.dir, 'dist'), d);
      if (file !== undefined) {
        throw new Error(`${p.name} imports ${d} (${relative(root, file)}), whose public API is empty, so it is not published; give ${d} code or remove the import`);
      }
    }
    const before = new Set(readdirSync(outDir));
    execFileSync('npx', [...PNPM, 'pack', '--pack-destination', outDir], { cwd: p.dir, stdio: ['ignore', 'pipe', 'inherit'] });
    const made = readdirSync(outDir).filter((f) => f.endsWith('.tgz') && !before.has(f));
    if (made.length !== 1) throw new Error(`${p.name}: pnpm pack wrote ${made.length} tarballs (${made.join(', ')}); expected 1`);
    const tgz = join(outDir, made[0] ?? '');
    fixManifest(tgz, p.name, drop);
    tarballs.push(tgz);
    log(`packed  ${p.name}@${p.manifest.version} → ${relative(root, tgz)}${drop.length > 0 ? ` (dropped dependencies on unpublished ${drop.join(', ')})` : ''}`);
  }
  return tarballs;
}

/**
 * Checks the packed package.json (no `workspace:`/`catalog:` left, `types` first in every export)
 * and drops dependencies on unpublished packages, re-writing the tarball.
 * @param {string} tgz
 * @param {string} name
 * @param {readonly string[]} drop
 */
function fixManifest(tgz, name, drop) {
  const tmp = mkdtempSync(join(tmpdir(), 'qt-pack-'));
  try {
    execFileSync('tar', ['xzf', tgz, '-C', tmp]);
    const file = join(tmp, 'package', 'package.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    for (const d of drop) delete manifest.dependencies?.[d];
    const text = JSON.stringify(manifest, null, 2);
    const bad = /"(workspace|catalog):[^"]*"/.exec(text);
    if (bad !== null) throw new Error(`${name}: the packed package.json still has ${bad[0]}; pack with pnpm, not npm`);
    for (const [sub, cond] of Object.entries(manifest.exports ?? {})) {
      if (typeof cond === 'object' && cond !== null && 'types' in cond && Object.keys(cond)[0] !== 'types') {
        throw new Error(`${name}: exports["${sub}"] must list "types" first (found ${Object.keys(cond).join(', ')})`);
      }
      if (typeof cond === 'object' && cond !== null && '@qt-backtest/source' in cond) {
        throw new Error(`${name}: exports["${sub}"] still has the repository-only "@qt-backtest/source" condition; set publishConfig.exports`);
      }
    }
    if (drop.length > 0) {
      writeFileSync(file, `${text}\n`);
      rmSync(tgz);
      execFileSync('tar', ['czf', tgz, '-C', tmp, 'package']);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  const out = resolve(i >= 0 ? (process.argv[i + 1] ?? 'release') : join(root, 'release'));
  try {
    const tarballs = packRelease(out, (line) => process.stdout.write(`${line}\n`));
    process.stdout.write(`${tarballs.length} tarball(s) in ${out}\n`);
  } catch (e) {
    process.stderr.write(`pack-release: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
