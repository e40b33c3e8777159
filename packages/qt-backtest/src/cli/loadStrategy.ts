/**
 * Finds the strategy a `run` or `sweep` names: a built-in by name, or a user's TypeScript or
 * JavaScript file whose default export is a `Strategy` class.
 */
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Strategy } from '@qt-backtest/core';
import { builtinStrategies, type StrategyParam } from '../strategies/registry.js';
import { isRangeOrList, UsageError, type RawParams } from './runSettings.js';

/** Parameter values typed by the strategy's declaration (text only for undeclared user params). */
export type ParamValues = Readonly<Record<string, number | boolean | string>>;

/** A strategy ready to be built for a set of symbols. */
export interface StrategyFactory {
  /** The built-in name or the file's path, as given. */
  readonly spec: string;
  /** Absolute path of a user file; `undefined` for a built-in. */
  readonly file: string | undefined;
  /** Declared parameters; `undefined` when a user class declares none (values are then inferred). */
  readonly params: readonly StrategyParam[] | undefined;
  /**
   * Builds the strategy.
   *
   * @throws {RangeError} when the values are inconsistent.
   */
  create(values: ParamValues, symbols: readonly string[]): Strategy<object>;
}

/** A user strategy class, as the default export of a file. */
type StrategyClass = (new (params: object) => Strategy<object>) & { readonly parameters?: readonly StrategyParam[] };

const TS_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.tsx']);
const JS_EXTENSIONS = new Set(['.js', '.mjs', '.cjs']);

/** Whether a `--strategy` value names a file rather than a built-in. */
export function isStrategyFile(spec: string): boolean {
  const ext = extname(spec).toLowerCase();
  return TS_EXTENSIONS.has(ext) || JS_EXTENSIONS.has(ext) || /[/\\]/.test(spec);
}

/** The packages a strategy file may import that the running CLI resolves to its own copies. */
const OWN_PACKAGES = ['qt-backtest', '@qt-backtest/core', '@qt-backtest/features'] as const;

/**
 * A module resolve hook (run by Node on its loader thread): a bare `qt-backtest` or
 * `@qt-backtest/…` specifier is resolved to the URL the running CLI uses for it, so that a user's
 * strategy file runs with whichever `qt-backtest` command runs it — an `init` project without its
 * own node_modules, or a global install — and shares the CLI's classes (one `Strategy`, one engine).
 * Subpaths (`@qt-backtest/core/testing`) and packages the CLI does not map resolve normally.
 */
const RESOLVE_HOOK = `
let own = {};
export function initialize(data) { own = data; }
export async function resolve(specifier, context, next) {
  const url = own[specifier];
  return url === undefined ? next(specifier, context) : next(url, context);
}
`;

let ownPackagesHooked = false;

/**
 * Registers {@link RESOLVE_HOOK} once per process with the URLs of the CLI's own packages (as this
 * module resolves them: dist/ in an installed package, src/ when run from source).
 */
export function resolveOwnPackages(): Readonly<Record<string, string>> {
  const own: Record<string, string> = {};
  for (const name of OWN_PACKAGES) {
    try {
      own[name] = import.meta.resolve(name);
    } catch {
      // Not resolvable from here (cannot happen in an installed CLI); leave the import to Node.
    }
  }
  if (!ownPackagesHooked) {
    ownPackagesHooked = true;
    register(`data:text/javascript,${encodeURIComponent(RESOLVE_HOOK)}`, { data: own });
  }
  return own;
}

/**
 * Imports a user strategy file (TypeScript through tsx, without a build step); its `qt-backtest`
 * imports resolve to the running CLI's own package ({@link resolveOwnPackages}).
 *
 * @throws {UsageError} when the file is missing or its default export is not a Strategy class.
 */
async function importStrategyClass(file: string): Promise<StrategyClass> {
  if (!existsSync(file)) throw new UsageError(`--strategy ${file}: no such file`);
  const ext = extname(file).toLowerCase();
  if (!TS_EXTENSIONS.has(ext) && !JS_EXTENSIONS.has(ext)) {
    throw new UsageError(`--strategy ${file}: expected a .ts, .mts, .js or .mjs file, or a built-in name (${Object.keys(builtinStrategies).join(', ')})`);
  }
  if (TS_EXTENSIONS.has(ext)) {
    // tsx caches compiled files in $TMPDIR/tsx-<uid> and never removes them: a CLI run must not
    // leave files behind. The flag is read when tsx loads — in the module-hooks thread, which copies
    // the environment when the first hook is registered — so it is set before any register() call.
    process.env['TSX_DISABLE_CACHE'] ??= '1';
  }
  resolveOwnPackages();
  let mod: Record<string, unknown>;
  try {
    const { tsImport } = TS_EXTENSIONS.has(ext) ? await import('tsx/esm/api') : { tsImport: undefined };
    mod = tsImport !== undefined
      ? ((await tsImport(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>)
      : ((await import(pathToFileURL(file).href)) as Record<string, unknown>);
  } catch (e) {
    throw new Error(`${file}: the strategy file failed to load: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  // tsx may wrap a CommonJS-style module: its default export then sits one level deeper.
  let cls = mod['default'];
  if (typeof cls === 'object' && cls !== null && 'default' in cls) cls = (cls as Record<string, unknown>)['default'];
  const expected = 'expected `export default class MyStrategy extends Strategy { onBar(ctx) { … } }`';
  if (cls === undefined) {
    const names = Object.keys(mod).filter((k) => k !== 'default');
    throw new UsageError(`${file}: no default export${names.length > 0 ? ` (named exports: ${names.join(', ')})` : ''}; ${expected}`);
  }
  const proto = typeof cls === 'function' ? (cls as { prototype?: Record<string, unknown> }).prototype : undefined;
  if (proto === undefined || typeof proto['onBar'] !== 'function' || typeof proto['onStart'] !== 'function') {
    throw new UsageError(`${file}: the default export is ${typeof cls === 'function' ? `${cls.name || 'a function'} without onBar/onStart` : typeof cls}, not a Strategy class; ${expected}`);
  }
  return cls as StrategyClass;
}

/**
 * Resolves `--strategy`: a built-in name, or a path (relative to `cwd`) of a file whose default
 * export is a class extending `Strategy`. A user class may declare `static parameters` (same shape
 * as the built-ins' declarations) so that `--param` values are typed and checked; otherwise
 * `true`/`false` become booleans, numeric text numbers, anything else stays text. The class is
 * constructed with `{ symbols, ...params }` (`symbols`: the traded symbols, the benchmark excluded).
 *
 * @throws {UsageError} for an unknown name, a missing file or a file without a Strategy default export.
 */
export async function loadStrategy(spec: string, cwd: string): Promise<StrategyFactory> {
  const builtin = builtinStrategies[spec];
  if (builtin !== undefined) {
    return { spec, file: undefined, params: builtin.params, create: (values, symbols) => builtin.create(values as Readonly<Record<string, number | boolean>>, symbols) };
  }
  if (!isStrategyFile(spec)) {
    throw new UsageError(`unknown strategy "${spec}"; expected one of: ${Object.keys(builtinStrategies).join(', ')}, or a path to a .ts/.js strategy file`);
  }
  const file = resolve(cwd, spec);
  const cls = await importStrategyClass(file);
  const declared = Array.isArray(cls.parameters) ? cls.parameters : undefined;
  return {
    spec,
    file,
    params: declared,
    create(values, symbols) {
      const strategy = new cls({ symbols, ...values });
      if (typeof strategy.onBar !== 'function') throw new UsageError(`${basename(file)}: the default export did not construct a strategy`);
      return strategy;
    },
  };
}

/** Types one raw value by the declaration (or infers it when there is none). */
export function typeParam(factory: Pick<StrategyFactory, 'spec' | 'params'>, key: string, raw: string | number | boolean): number | boolean | string {
  const declared = factory.params;
  if (declared === undefined) {
    if (typeof raw !== 'string') return raw;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    const n = raw.trim() === '' ? Number.NaN : Number(raw);
    return Number.isFinite(n) ? n : raw;
  }
  const spec = declared.find((p) => p.name === key);
  if (spec === undefined) {
    const names = declared.map((p) => p.name).join(', ') || '(none)';
    throw new UsageError(`unknown param "${key}" for strategy "${factory.spec}"; expected one of: ${names}`);
  }
  const text = String(raw).trim();
  if (spec.type === 'boolean') {
    if (text !== 'true' && text !== 'false') throw new UsageError(`param ${key}="${text}": expected true or false`);
    return text === 'true';
  }
  const n = text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(n) || (spec.type === 'integer' && !Number.isInteger(n))) {
    throw new UsageError(`param ${key}="${text}": expected ${spec.type === 'integer' ? 'an integer' : 'a number'}`);
  }
  return n;
}

/**
 * Types single parameter values for a `run`.
 *
 * @throws {UsageError} for unknown names, bad values, or ranges/lists (those belong to `sweep`).
 */
export function typeParams(factory: Pick<StrategyFactory, 'spec' | 'params'>, raw: RawParams): ParamValues {
  const out: Record<string, number | boolean | string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (isRangeOrList(value)) {
      throw new UsageError(`param ${key}=${JSON.stringify(value)} is a range or list; \`qt-backtest sweep\` takes those, \`run\` one value`);
    }
    out[key] = typeParam(factory, key, value as string | number | boolean);
  }
  return out;
}
