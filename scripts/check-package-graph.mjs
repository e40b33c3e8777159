#!/usr/bin/env node
// Checks the package graph as *declared* in packages/*/package.json against the allowed graph in
// scripts/package-graph.json (dependency-cruiser checks the *imports*; this checks the manifests,
// which are what npm installs for users). Plain Node ESM, no dependencies.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE_CONDITION = '@qt-backtest/source';
const DEP_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

/**
 * @typedef {{ name: string, dependsOn: string[], private?: boolean }} GraphEntry
 * @typedef {{ packages: Record<string, GraphEntry> }} Graph
 */

/** @param {string} file */
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/**
 * Returns the problems found (empty when the repo is consistent) and a summary line.
 * @param {string} root repository root
 * @param {Graph} [graph] allowed graph; defaults to root/scripts/package-graph.json
 */
export function checkPackageGraph(root, graph = readJson(join(root, 'scripts', 'package-graph.json'))) {
  /** @type {string[]} */
  const problems = [];
  const table = graph.packages;
  const byName = new Map(Object.entries(table).map(([folder, entry]) => [entry.name, folder]));

  // The table itself must be closed (only known folders) and acyclic.
  for (const [folder, entry] of Object.entries(table)) {
    for (const dep of entry.dependsOn) {
      if (!(dep in table)) problems.push(`package-graph.json: ${folder} → ${dep}: unknown package folder "${dep}"`);
    }
  }
  const tableCycle = findCycle(Object.fromEntries(Object.entries(table).map(([f, e]) => [f, e.dependsOn])));
  if (tableCycle) problems.push(`package-graph.json: allowed graph has a cycle: ${tableCycle.join(' → ')}`);

  const packagesDir = join(root, 'packages');
  const folders = readdirSync(packagesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(packagesDir, d.name, 'package.json')))
    .map((d) => d.name)
    .sort();

  /** @type {Record<string, string[]>} */
  const declared = {};
  for (const folder of folders) {
    const where = `packages/${folder}`;
    const manifest = readJson(join(packagesDir, folder, 'package.json'));
    const entry = table[folder];
    if (!entry) {
      problems.push(`${where}: not in scripts/package-graph.json; add it with the packages it may depend on`);
      continue;
    }
    if (manifest.name !== entry.name) {
      problems.push(`${where}: package.json name is "${manifest.name}", package-graph.json says "${entry.name}"`);
    }
    if (manifest.type !== 'module') problems.push(`${where}: package.json must have "type": "module"`);
    if (Boolean(manifest.private) !== Boolean(entry.private)) {
      problems.push(`${where}: "private" is ${Boolean(manifest.private)}, package-graph.json says ${Boolean(entry.private)}`);
    }
    if (!entry.private) problems.push(...checkExports(root, where, manifest.exports));

    const allowed = new Set(entry.dependsOn);
    declared[folder] = [];
    for (const field of DEP_FIELDS) {
      for (const [dep, spec] of Object.entries(manifest[field] ?? {})) {
        const target = byName.get(dep);
        if (target === undefined) continue; // an npm package, not a workspace one
        declared[folder].push(target);
        if (!allowed.has(target)) {
          problems.push(
            `${where} (${entry.name}) → ${dep}: edge not allowed (${field}); ` +
              `${folder} may depend on ${entry.dependsOn.join(', ') || 'no other workspace package'} (scripts/package-graph.json)`,
          );
        }
        if (typeof spec !== 'string' || !spec.startsWith('workspace:')) {
          problems.push(`${where} → ${dep}: use "workspace:*", not "${spec}"`);
        }
      }
    }
  }
  for (const folder of Object.keys(table)) {
    if (!folders.includes(folder)) problems.push(`package-graph.json: packages/${folder} does not exist`);
  }

  const cycle = findCycle(declared);
  if (cycle) problems.push(`declared dependencies form a cycle: ${cycle.join(' → ')}`);

  const edges = Object.values(declared).reduce((n, deps) => n + deps.length, 0);
  const summary = `package graph OK: ${folders.length} packages, ${edges} declared workspace edges, all within scripts/package-graph.json`;
  return { problems, summary };
}

/**
 * Every conditional export entry must name `@qt-backtest/source` first (condition order decides
 * which one wins) and point it at an existing file, so tests and tools run on source.
 * @param {string} root
 * @param {string} where
 * @param {unknown} exportsField
 */
function checkExports(root, where, exportsField) {
  /** @type {string[]} */
  const problems = [];
  if (exportsField === null || typeof exportsField !== 'object' || !('.' in exportsField)) {
    return [`${where}: package.json "exports" must have a "." entry`];
  }
  for (const [subpath, target] of Object.entries(exportsField)) {
    if (typeof target === 'string') continue; // e.g. "./package.json": "./package.json"
    const entry = /** @type {Record<string, unknown>} */ (target ?? {});
    const conditions = Object.keys(entry);
    const source = entry[SOURCE_CONDITION];
    if (conditions[0] !== SOURCE_CONDITION || typeof source !== 'string') {
      problems.push(`${where}: exports["${subpath}"] must list "${SOURCE_CONDITION}" as its first condition`);
      continue;
    }
    const file = resolve(root, where, source);
    if (!existsSync(file)) {
      problems.push(`${where}: exports["${subpath}"]["${SOURCE_CONDITION}"] points at ${relative(root, file)}, which does not exist`);
    }
  }
  return problems;
}

/**
 * A cycle in a directed graph as a list of nodes (first repeated last), or undefined.
 * @param {Record<string, string[]>} edges
 */
export function findCycle(edges) {
  /** @type {Map<string, 'open' | 'done'>} */
  const state = new Map();
  /** @type {string[]} */
  const stack = [];
  /** @param {string} node @returns {string[] | undefined} */
  const visit = (node) => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of edges[node] ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of Object.keys(edges)) {
    const found = visit(node);
    if (found) return found;
  }
  return undefined;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const { problems, summary } = checkPackageGraph(root);
  if (problems.length > 0) {
    console.error(`package graph check failed (${problems.length}):`);
    for (const p of problems) console.error(`  ✖ ${p}`);
    process.exit(1);
  }
  console.log(summary);
}
