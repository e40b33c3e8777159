import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
// A plain .mjs script (no build, no deps), typed by check-package-graph.d.mts.
import { checkPackageGraph, findCycle, type Graph } from './check-package-graph.mjs';

type Manifest = Record<string, unknown>;
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const graph = {
  packages: {
    core: { name: '@x/core', dependsOn: [] },
    alpha: { name: '@x/alpha', dependsOn: ['core'] },
  },
};

const manifest = (name: string, deps: Record<string, string> = {}): Manifest => ({
  name,
  type: 'module',
  exports: { '.': { '@qt-backtest/source': './src/index.ts', default: './dist/index.js' }, './package.json': './package.json' },
  dependencies: deps,
});

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A throwaway repo with the given packages (folder → package.json), each with src/index.ts. */
function repo(packages: Record<string, Manifest>): string {
  const root = mkdtempSync(join(tmpdir(), 'qt-graph-'));
  dirs.push(root);
  for (const [folder, pkg] of Object.entries(packages)) {
    mkdirSync(join(root, 'packages', folder, 'src'), { recursive: true });
    writeFileSync(join(root, 'packages', folder, 'package.json'), JSON.stringify(pkg));
    writeFileSync(join(root, 'packages', folder, 'src', 'index.ts'), 'export {};\n');
  }
  return root;
}

const problems = (root: string, g: Graph = graph): string[] => checkPackageGraph(root, g).problems;

describe('checkPackageGraph', () => {
  it('passes on this repository', () => {
    expect(checkPackageGraph(repoRoot).problems).toEqual([]);
  });

  it('passes on allowed, declared edges', () => {
    const root = repo({ core: manifest('@x/core'), alpha: manifest('@x/alpha', { '@x/core': 'workspace:*' }) });
    expect(problems(root)).toEqual([]);
  });

  it('names the package and the edge the graph does not allow', () => {
    const root = repo({ core: manifest('@x/core', { '@x/alpha': 'workspace:*' }), alpha: manifest('@x/alpha', { '@x/core': 'workspace:*' }) });
    const found = problems(root);
    expect(found).toContainEqual(expect.stringMatching(/^packages\/core \(@x\/core\) → @x\/alpha: edge not allowed/));
    expect(found).toContainEqual(expect.stringMatching(/^declared dependencies form a cycle: (core → alpha → core|alpha → core → alpha)$/));
  });

  it('flags a non-workspace version, a missing "type", a missing source file and a misplaced condition', () => {
    const alpha = manifest('@x/alpha', { '@x/core': '^0.1.0' });
    delete alpha['type'];
    const core = manifest('@x/core');
    core['exports'] = { '.': { default: './dist/index.js', '@qt-backtest/source': './src/index.ts' }, './more': { '@qt-backtest/source': './src/more.ts' } };
    const found = problems(repo({ core, alpha }));
    expect(found).toEqual(
      expect.arrayContaining([
        'packages/alpha → @x/core: use "workspace:*", not "^0.1.0"',
        'packages/alpha: package.json must have "type": "module"',
        'packages/core: exports["."] must list "@qt-backtest/source" as its first condition',
        'packages/core: exports["./more"]["@qt-backtest/source"] points at packages/core/src/more.ts, which does not exist',
      ]),
    );
  });

  it('requires every package folder to be in the table, and every table entry to exist', () => {
    const found = problems(repo({ core: manifest('@x/core'), extra: manifest('@x/extra') }));
    expect(found).toContain('packages/extra: not in scripts/package-graph.json; add it with the packages it may depend on');
    expect(found).toContain('package-graph.json: packages/alpha does not exist');
  });

  it('rejects a cyclic allowed graph', () => {
    const cyclic = { packages: { core: { name: '@x/core', dependsOn: ['alpha'] }, alpha: { name: '@x/alpha', dependsOn: ['core'] } } };
    expect(problems(repo({ core: manifest('@x/core'), alpha: manifest('@x/alpha') }), cyclic)).toContain(
      'package-graph.json: allowed graph has a cycle: core → alpha → core',
    );
  });
});

describe('findCycle', () => {
  it('finds a cycle and only a cycle', () => {
    expect(findCycle({ a: ['b'], b: ['c'], c: [] })).toBeUndefined();
    expect(findCycle({ a: ['b'], b: ['c'], c: ['b'] })).toEqual(['b', 'c', 'b']);
    expect(findCycle({ a: ['a'] })).toEqual(['a', 'a']);
  });
});
