import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportsNothing, workspacePackages } from './pack-release.mjs';

const dir = mkdtempSync(join(tmpdir(), 'qt-pack-rule-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function entry(name: string, text: string): string {
  const file = join(dir, `${name}.ts`);
  writeFileSync(file, text);
  return file;
}

describe('pack-release: which packages are placeholders (not published, not depended on)', () => {
  it('counts a file whose only export is `export {}` (with comments) as empty', () => {
    expect(exportsNothing(entry('placeholder', '/** Lands later. @packageDocumentation */\nexport {};\n'))).toBe(true);
    expect(exportsNothing(entry('blank', '// nothing yet\n'))).toBe(true);
    expect(exportsNothing(entry('internal', 'const x = 1;\nexport {};\nvoid x;\n'))).toBe(true);
  });

  it('counts any real export as a public API: declarations, re-exports, type-only exports, default', () => {
    expect(exportsNothing(entry('decl', 'export const a = 1;\n'))).toBe(false);
    expect(exportsNothing(entry('fn', 'export function f(): void {}\n'))).toBe(false);
    expect(exportsNothing(entry('star', "export * from './x.js';\n"))).toBe(false);
    expect(exportsNothing(entry('types', "export type { A } from './a.js';\n"))).toBe(false);
    expect(exportsNothing(entry('iface', 'export interface A { x: number }\n'))).toBe(false);
    expect(exportsNothing(entry('named', 'const a = 1;\nexport { a };\n'))).toBe(false);
    expect(exportsNothing(entry('default', 'export default 1;\n'))).toBe(false);
  });

  it('reads the workspace: core, features and qt-backtest have a public API; tests is private', () => {
    const pkgs = new Map(workspacePackages().map((p) => [p.name, p]));
    for (const name of ['@qt-backtest/core', '@qt-backtest/features', 'qt-backtest']) expect(pkgs.get(name)?.empty, name).toBe(false);
    expect(pkgs.get('@qt-backtest/tests')?.manifest['private']).toBe(true);
    // Each package's flag is the rule applied to its entry file (placeholders today may get code).
    for (const p of pkgs.values()) {
      if (p.manifest['private'] !== true) expect(p.empty, p.name).toBe(exportsNothing(join(p.dir, 'src', 'index.ts')));
    }
  });
});
