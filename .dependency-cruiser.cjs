// @ts-check
// Module-level lint for the whole repo (run by `pnpm lint`). The allowed package graph lives in
// scripts/package-graph.json, shared with scripts/check-package-graph.mjs, so it is stated once.
const fs = require('node:fs');
const path = require('node:path');

/** @type {{ packages: Record<string, { name: string, dependsOn: string[], private?: boolean }> }} */
const graph = require('./scripts/package-graph.json');

const folders = Object.keys(graph.packages);
const esc = (/** @type {string} */ s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const anyOf = (/** @type {string[]} */ dirs) => `^packages/(${dirs.map(esc).join('|')})/`;
// A workspace package matched by folder (resolved import) or by name (an import that did not
// resolve keeps its specifier as its path, and pnpm links only declared dependencies).
const anyPackage = (/** @type {string[]} */ dirs) => [
  anyOf(dirs),
  `^(${dirs.map((f) => esc(graph.packages[f]?.name ?? f)).join('|')})($|/)`,
];
const publishedFolders = folders.filter((f) => !graph.packages[f]?.private);

// Test code: `*.test.ts` anywhere, and all of the private cross-package tests package.
// Test code: test files, the private tests package, and the published contract suites in
// src/testing/ (they run inside the user's vitest; core declares vitest and fast-check as optional peers).
const TEST_CODE = ['[.]test[.][cm]?[jt]s$', '^packages/tests/', '^packages/[^/]+/src/testing/'];
// What test code may import without declaring it in its package's package.json (root devDeps).
// (pnpm's real paths end in .pnpm/<pkg@version>/node_modules/<pkg>/, so this matches those too.)
const TEST_TOOLS = 'node_modules/(vitest|@vitest|fast-check)/';

/** Workspace folders `folder` declares in its package.json (any dependency field). */
function declaredWorkspaceDeps(/** @type {string} */ folder) {
  const file = path.join(__dirname, 'packages', folder, 'package.json');
  if (!fs.existsSync(file)) return new Set();
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byName = new Map(folders.map((f) => [graph.packages[f]?.name, f]));
  const declared = new Set();
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const dep of Object.keys(manifest[field] ?? {})) {
      const f = byName.get(dep);
      if (f !== undefined) declared.add(f);
    }
  }
  return declared;
}

/** @type {import('dependency-cruiser').IForbiddenRuleType[]} */
const graphRules = [];
for (const folder of folders) {
  const allowed = new Set(graph.packages[folder]?.dependsOn ?? []);
  const forbidden = folders.filter((f) => f !== folder && !allowed.has(f));
  const allowedText = allowed.size > 0 ? [...allowed].join(', ') : 'no other workspace package';
  if (forbidden.length > 0) {
    graphRules.push({
      name: `package-graph(${folder})`,
      severity: 'error',
      comment:
        `packages/${folder} may import only ${allowedText} (scripts/package-graph.json, ` +
        'docs/ARCHITECTURE.md). Move the code to a package both may depend on, or change the graph on purpose.',
      from: { path: `^packages/${esc(folder)}/` },
      to: { path: anyPackage(forbidden) },
    });
  }
  // Allowed but undeclared: it would only resolve through the root's hoisted devDependency,
  // so the published package would miss it.
  const declared = declaredWorkspaceDeps(folder);
  const undeclared = [...allowed].filter((f) => !declared.has(f));
  if (undeclared.length > 0) {
    graphRules.push({
      name: `undeclared-workspace-dep(${folder})`,
      severity: 'error',
      comment:
        `packages/${folder} imports a workspace package that its package.json does not list in ` +
        `"dependencies"; add it as "workspace:*".`,
      from: { path: `^packages/${esc(folder)}/` },
      to: { path: anyPackage(undeclared) },
    });
  }
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycle (type-only imports included). Break it by moving the shared part into its own module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Import that does not resolve to a file. For a package: declare it in the nearest package.json.',
      from: {},
      to: { couldNotResolve: true },
    },
    ...graphRules,
    {
      name: 'engine-not-to-analyzer-or-report',
      severity: 'error',
      comment:
        'core/src/engine sequences a run and records it; metrics and reports are added by backtest() ' +
        '(core/src/backtest/completeResult.ts). Keep the engine free of the analyzer and report layers.',
      from: { path: '^packages/core/src/engine/', pathNot: '[.]test[.][cm]?[jt]s$' },
      to: { path: '^packages/core/src/(analyzer|report)/' },
    },
    {
      name: 'no-relative-cross-package',
      severity: 'error',
      comment:
        "Relative import into another package's folder. Import it by package name " +
        "(e.g. '@qt-backtest/core'), so it goes through that package's public exports.",
      from: { path: '^packages/([^/]+)/' },
      to: { path: '^packages/', pathNot: '^packages/$1/', dependencyTypes: ['local'] },
    },
    {
      name: 'no-relative-into-packages',
      severity: 'error',
      comment:
        "Relative import into packages/ from outside. Import by package name (e.g. '@qt-backtest/core'), " +
        'so it goes through the public exports.',
      from: { pathNot: '^packages/' },
      to: { path: '^packages/', dependencyTypes: ['local'] },
    },
    {
      name: 'no-non-package-json',
      severity: 'error',
      comment:
        "npm package not declared in the nearest package.json; a published package would miss it. " +
        "Add it (\"catalog:\") to that package's dependencies.",
      from: { pathNot: TEST_CODE },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'test-undeclared-npm',
      severity: 'error',
      comment:
        "Test code may use vitest, fast-check and node builtins from the root; any other npm package must be " +
        "declared in the package's own package.json.",
      from: { path: TEST_CODE },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'], pathNot: TEST_TOOLS },
    },
    {
      name: 'not-to-dev-dep',
      severity: 'error',
      comment:
        "Published source imports a devDependency; consumers would not get it. Move it to \"dependencies\" " +
        '(type-only imports count: they end up in the published .d.ts).',
      from: { path: anyOf(publishedFolders), pathNot: TEST_CODE },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'not-to-test',
      severity: 'error',
      comment: 'Non-test code imports a test file. Move what is shared into a non-test module.',
      from: { pathNot: TEST_CODE },
      to: { path: '[.]test[.][cm]?[jt]s$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Not node_modules: excluding it would drop the edges the npm rules check.
    exclude: { path: ['^packages/[^/]+/dist/', '^docs/api/', '^coverage/'] },
    moduleSystems: ['es6', 'cjs'],
    // Type-only imports are real edges: they end up in published .d.ts files.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      // `@qt-backtest/source` first, as in vitest/tsx/tsc: workspace packages resolve to src/*.ts.
      conditionNames: ['@qt-backtest/source', 'import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mts', '.cts', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      archi: { collapsePattern: '^(packages/[^/]+|examples|benchmarks|data-fixtures|scripts)|node_modules/(@[^/]+/[^/]+|[^/]+)' },
    },
  },
};
