// TypeDoc plugin: name each entry-point module by the import specifier users write
// (`@qt-backtest/core/testing`) instead of its path (`core/src/testing`). The mapping comes from
// each package.json's "exports" (the `@qt-backtest/source` condition), so it needs no upkeep and
// no `@module` tags in the sources.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Converter, ReflectionKind } from 'typedoc';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `${package name}\0${package-relative source path}` → import specifier */
function specifiers() {
  /** @type {Map<string, string>} */
  const map = new Map();
  const dir = join(root, 'packages');
  for (const folder of readdirSync(dir)) {
    const file = join(dir, folder, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      const source = typeof target === 'object' && target !== null ? target['@qt-backtest/source'] : undefined;
      if (typeof source !== 'string') continue;
      map.set(`${manifest.name}\0${source.replace(/^\.\//, '')}`, manifest.name + subpath.slice(1));
    }
  }
  return map;
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  const names = specifiers();
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Module)) return;
    const id = context.project.getSymbolIdFromReflection(reflection);
    const name = id && names.get(`${id.packageName}\0${id.packagePath}`);
    if (name) reflection.name = name;
  });
}
