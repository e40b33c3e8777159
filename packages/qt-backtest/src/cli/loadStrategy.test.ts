import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinStrategies, type StrategyParam } from '../strategies/registry.js';
import { SmaCross } from '../strategies/SmaCross.js';
import { isStrategyFile, loadStrategy, resolveOwnPackages, typeParam, typeParams } from './loadStrategy.js';
import { UsageError } from './runSettings.js';

/** The error a call throws (fails the test when it does not throw). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to throw');
}

/** The error a promise rejects with (fails the test when it resolves). */
async function rejected(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the promise to reject');
}

function usageError(fn: () => unknown, message: string): void {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(UsageError);
  expect(e.message).toBe(message);
}

const PARAMS: readonly StrategyParam[] = [
  { name: 'fast', type: 'integer', default: 10, description: 'fast window' },
  { name: 'pct', type: 'number', default: 0.5, description: 'a fraction' },
  { name: 'short', type: 'boolean', default: false, description: 'allow shorts' },
];
const declared = { spec: 'my-strat', params: PARAMS };
const undeclared = { spec: 'user.ts', params: undefined };
const EXPECTED = 'expected `export default class MyStrategy extends Strategy { onBar(ctx) { … } }`';
const BUILTINS = 'buy-and-hold, sma-cross, rsi-reversion, donchian-breakout, momentum-rotation';

describe('isStrategyFile', () => {
  it('treats TypeScript and JavaScript endings as files, in any case', () => {
    for (const spec of ['s.ts', 's.mts', 's.cts', 's.tsx', 's.js', 's.mjs', 's.cjs', 'S.TS', 'x.MJS']) expect(isStrategyFile(spec), spec).toBe(true);
  });

  it('treats anything with a directory separator as a file', () => {
    for (const spec of ['./sma-cross', 'strats/trend', 'a\\b', '/abs/s.py']) expect(isStrategyFile(spec), spec).toBe(true);
  });

  it('treats plain names and other endings as names', () => {
    for (const spec of ['sma-cross', 'buy-and-hold', 'trend', 's.py', 'data.csv', 's.ts.bak']) expect(isStrategyFile(spec), spec).toBe(false);
  });
});

describe('typeParam with declared parameters', () => {
  it('types integers, numbers and booleans from text', () => {
    expect(typeParam(declared, 'fast', '20')).toBe(20);
    expect(typeParam(declared, 'fast', ' 7 ')).toBe(7);
    expect(typeParam(declared, 'fast', '-3')).toBe(-3);
    expect(typeParam(declared, 'fast', '1e2')).toBe(100);
    expect(typeParam(declared, 'pct', '0.25')).toBe(0.25);
    expect(typeParam(declared, 'pct', '5')).toBe(5);
    expect(typeParam(declared, 'short', 'true')).toBe(true);
    expect(typeParam(declared, 'short', 'false')).toBe(false);
  });

  it('accepts JSON numbers and booleans', () => {
    expect(typeParam(declared, 'fast', 12)).toBe(12);
    expect(typeParam(declared, 'pct', 0.5)).toBe(0.5);
    expect(typeParam(declared, 'short', true)).toBe(true);
    expect(typeParam(declared, 'short', false)).toBe(false);
  });

  it('rejects non-integers for integer parameters', () => {
    usageError(() => typeParam(declared, 'fast', '1.5'), 'param fast="1.5": expected an integer');
    usageError(() => typeParam(declared, 'fast', 2.5), 'param fast="2.5": expected an integer');
    usageError(() => typeParam(declared, 'fast', 'ten'), 'param fast="ten": expected an integer');
    usageError(() => typeParam(declared, 'fast', ''), 'param fast="": expected an integer');
    usageError(() => typeParam(declared, 'fast', true), 'param fast="true": expected an integer');
    usageError(() => typeParam(declared, 'fast', 'Infinity'), 'param fast="Infinity": expected an integer');
  });

  it('rejects non-numbers for number parameters', () => {
    usageError(() => typeParam(declared, 'pct', 'half'), 'param pct="half": expected a number');
    usageError(() => typeParam(declared, 'pct', '  '), 'param pct="": expected a number');
    usageError(() => typeParam(declared, 'pct', 'NaN'), 'param pct="NaN": expected a number');
    usageError(() => typeParam(declared, 'pct', false), 'param pct="false": expected a number');
  });

  it('rejects anything but true/false for boolean parameters', () => {
    usageError(() => typeParam(declared, 'short', 'yes'), 'param short="yes": expected true or false');
    usageError(() => typeParam(declared, 'short', 'TRUE'), 'param short="TRUE": expected true or false');
    usageError(() => typeParam(declared, 'short', 1), 'param short="1": expected true or false');
  });

  it('rejects unknown names, listing the declared ones', () => {
    usageError(() => typeParam(declared, 'speed', '3'), 'unknown param "speed" for strategy "my-strat"; expected one of: fast, pct, short');
    usageError(() => typeParam({ spec: 'bare', params: [] }, 'x', '1'), 'unknown param "x" for strategy "bare"; expected one of: (none)');
  });
});

describe('typeParam without declared parameters (inference)', () => {
  it('infers booleans from exactly true/false', () => {
    expect(typeParam(undeclared, 'a', 'true')).toBe(true);
    expect(typeParam(undeclared, 'a', 'false')).toBe(false);
    expect(typeParam(undeclared, 'a', 'True')).toBe('True');
  });

  it('infers numbers from numeric text', () => {
    expect(typeParam(undeclared, 'a', '42')).toBe(42);
    expect(typeParam(undeclared, 'a', '-0.5')).toBe(-0.5);
    expect(typeParam(undeclared, 'a', '1e3')).toBe(1000);
  });

  it('keeps other text, including empty text, as text', () => {
    expect(typeParam(undeclared, 'a', 'close')).toBe('close');
    expect(typeParam(undeclared, 'a', '12abc')).toBe('12abc');
    expect(typeParam(undeclared, 'a', '')).toBe('');
    expect(typeParam(undeclared, 'a', 'Infinity')).toBe('Infinity');
  });

  it('keeps JSON numbers and booleans as they are', () => {
    expect(typeParam(undeclared, 'a', 3.5)).toBe(3.5);
    expect(typeParam(undeclared, 'a', false)).toBe(false);
  });
});

describe('typeParams', () => {
  it('types every single value', () => {
    expect(typeParams(declared, { fast: '5', pct: 0.1, short: 'true' })).toEqual({ fast: 5, pct: 0.1, short: true });
    expect(typeParams(undeclared, { a: '5', b: 'x', c: 'false', d: 2 })).toEqual({ a: 5, b: 'x', c: false, d: 2 });
    expect(typeParams(declared, {})).toEqual({});
  });

  it('rejects ranges and lists, pointing to sweep', () => {
    const cases: [Record<string, string | readonly number[]>, string][] = [
      [{ fast: '5:50:5' }, 'param fast="5:50:5" is a range or list; `qt-backtest sweep` takes those, `run` one value'],
      [{ fast: '5:50' }, 'param fast="5:50" is a range or list; `qt-backtest sweep` takes those, `run` one value'],
      [{ fast: '-5:-1' }, 'param fast="-5:-1" is a range or list; `qt-backtest sweep` takes those, `run` one value'],
      [{ fast: '10,20' }, 'param fast="10,20" is a range or list; `qt-backtest sweep` takes those, `run` one value'],
      [{ fast: [10, 20] }, 'param fast=[10,20] is a range or list; `qt-backtest sweep` takes those, `run` one value'],
    ];
    for (const [raw, message] of cases) {
      usageError(() => typeParams(declared, raw), message);
      // also without a declaration: the check comes before typing
      usageError(() => typeParams(undeclared, raw), message);
    }
  });

  it('passes typing errors through', () => {
    usageError(() => typeParams(declared, { fast: '5', pct: 'x' }), 'param pct="x": expected a number');
    usageError(() => typeParams(declared, { nope: '1' }), 'unknown param "nope" for strategy "my-strat"; expected one of: fast, pct, short');
  });
});

describe('loadStrategy', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qt-strategy-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Writes a strategy file (unique name per test: imports are cached by URL). */
  function file(name: string, source: string): string {
    const path = join(dir, name);
    writeFileSync(path, source);
    return path;
  }

  it('resolves a built-in name to its declaration and factory', async () => {
    const f = await loadStrategy('sma-cross', dir);
    expect(f.spec).toBe('sma-cross');
    expect(f.file).toBeUndefined();
    expect(f.params).toBe(builtinStrategies['sma-cross']!.params);
    const s = f.create({ fast: 5, slow: 20 }, ['AAA', 'BBB']);
    expect(s).toBeInstanceOf(SmaCross);
    expect(s.params).toMatchObject({ symbols: ['AAA', 'BBB'], fast: 5, slow: 20 });
    expect(() => f.create({ fast: 30, slow: 10 }, ['AAA'])).toThrow(RangeError);
  });

  it('rejects an unknown name, listing the built-ins', async () => {
    const e = await rejected(loadStrategy('nope', dir));
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message).toBe(`unknown strategy "nope"; expected one of: ${BUILTINS}, or a path to a .ts/.js strategy file`);
    expect(BUILTINS.split(', ')).toEqual(Object.keys(builtinStrategies));
  });

  it('rejects a missing file with its absolute path', async () => {
    const e = await rejected(loadStrategy('missing.ts', dir));
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message).toBe(`--strategy ${join(dir, 'missing.ts')}: no such file`);
  });

  it('rejects an existing file that is not TypeScript or JavaScript', async () => {
    mkdirSync(join(dir, 'py'), { recursive: true });
    file('py/s.py', 'class S: pass\n');
    const e = await rejected(loadStrategy('py/s.py', dir));
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message).toBe(`--strategy ${join(dir, 'py', 's.py')}: expected a .ts, .mts, .js or .mjs file, or a built-in name (${BUILTINS})`);
  });

  it('loads a .mjs class with declared parameters, resolved from cwd, and constructs it with { symbols, ...values }', async () => {
    mkdirSync(join(dir, 'strats'), { recursive: true });
    const path = file(
      'strats/declared.mjs',
      `export default class S {
  constructor(p) { this.params = p; }
  onStart() {}
  onBar() {}
  onOrderEvent() {}
  onEnd() {}
  get name() { return 'S'; }
  static parameters = [
    { name: 'fast', type: 'integer', default: 5, description: 'fast' },
    { name: 'on', type: 'boolean', default: false, description: 'switch' },
  ];
}
`,
    );
    const f = await loadStrategy('strats/declared.mjs', dir);
    expect(f.spec).toBe('strats/declared.mjs');
    expect(f.file).toBe(path);
    expect(f.params).toEqual([
      { name: 'fast', type: 'integer', default: 5, description: 'fast' },
      { name: 'on', type: 'boolean', default: false, description: 'switch' },
    ]);
    const s = f.create({ fast: 7, on: true }, ['X', 'Y']);
    expect(s.params).toEqual({ symbols: ['X', 'Y'], fast: 7, on: true });
    expect(s.name).toBe('S');
    // each create builds a new instance
    expect(f.create({}, ['Z']).params).toEqual({ symbols: ['Z'] });
    // the declaration types the values
    expect(typeParams(f, { fast: '9', on: 'false' })).toEqual({ fast: 9, on: false });
    usageError(() => typeParams(f, { slow: '9' }), 'unknown param "slow" for strategy "strats/declared.mjs"; expected one of: fast, on');
  });

  it('loads a class without a declaration: params undefined, values inferred', async () => {
    const path = file('plain.mjs', 'export default class Plain { constructor(p) { this.params = p; } onStart() {} onBar() {} }\n');
    const f = await loadStrategy(path, '/somewhere/else');
    expect(f.file).toBe(path);
    expect(f.params).toBeUndefined();
    expect(typeParams(f, { a: '3', b: 'text' })).toEqual({ a: 3, b: 'text' });
    expect(f.create({ a: 3 }, ['Q']).params).toEqual({ symbols: ['Q'], a: 3 });
  });

  it('loads a CommonJS file whose module.exports is the class', async () => {
    file('common.cjs', 'module.exports = class Common { constructor(p) { this.params = p; } onStart() {} onBar() {} };\n');
    const f = await loadStrategy('common.cjs', dir);
    expect(f.create({ k: 1 }, ['A']).params).toEqual({ symbols: ['A'], k: 1 });
  });

  it('loads a .ts file through tsx', async () => {
    const path = file(
      'typed.ts',
      `interface TypedParams { readonly symbols: readonly string[]; readonly fast?: number }
export default class Typed {
  static readonly parameters = [{ name: 'fast', type: 'integer' as const, default: 3, description: 'window' }];
  readonly params: TypedParams;
  constructor(params: TypedParams) { this.params = params; }
  get name(): string { return 'Typed'; }
  onStart(): void {}
  onBar(): void {}
}
`,
    );
    const f = await loadStrategy('typed.ts', dir);
    expect(f.file).toBe(path);
    expect(f.params).toEqual([{ name: 'fast', type: 'integer', default: 3, description: 'window' }]);
    const s = f.create({ fast: 4 }, ['T']);
    expect(s.params).toEqual({ symbols: ['T'], fast: 4 });
    expect(s.name).toBe('Typed');
  });

  it('rejects a file with only named exports, naming them and what is expected', async () => {
    const path = file('named.mjs', 'export class Trend { onStart() {} onBar() {} }\nexport const helper = 1;\n');
    const e = await rejected(loadStrategy('named.mjs', dir));
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message).toBe(`${path}: no default export (named exports: Trend, helper); ${EXPECTED}`);
  });

  it('rejects a file without exports', async () => {
    const path = file('empty.mjs', 'const x = 1;\n');
    const e = await rejected(loadStrategy('empty.mjs', dir));
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message).toBe(`${path}: no default export; ${EXPECTED}`);
  });

  it('rejects a default export that is not a class', async () => {
    const cases: [string, string, string][] = [
      ['number.mjs', 'export default 42;\n', 'number'],
      ['object.mjs', 'export default { onStart() {}, onBar() {} };\n', 'object'],
      ['function.mjs', 'export default function helper() { return 1; }\n', 'helper without onBar/onStart'],
      ['half.mjs', 'export default class Half { onBar() {} }\n', 'Half without onBar/onStart'],
    ];
    for (const [name, source, what] of cases) {
      const path = file(name, source);
      const e = await rejected(loadStrategy(name, dir));
      expect(e, name).toBeInstanceOf(UsageError);
      expect(e.message).toBe(`${path}: the default export is ${what}, not a Strategy class; ${EXPECTED}`);
    }
  });

  it('reports a file that throws on import, naming the file', async () => {
    const path = file('throws.mjs', "throw new Error('boom at import');\n");
    const e = await rejected(loadStrategy('throws.mjs', dir));
    expect(e).not.toBeInstanceOf(UsageError);
    expect(e.message).toBe(`${path}: the strategy file failed to load: boom at import`);
    expect((e.cause as Error).message).toBe('boom at import');
  });

  it('rejects a class whose constructor does not build a strategy', async () => {
    file('hollow.mjs', 'export default class Hollow { constructor() { return {}; } onStart() {} onBar() {} }\n');
    const f = await loadStrategy('hollow.mjs', dir);
    usageError(() => f.create({}, ['A']), 'hollow.mjs: the default export did not construct a strategy');
  });

  it('passes constructor errors through', async () => {
    file('strict.mjs', "export default class Strict { constructor(p) { if (!(p.fast > 0)) throw new RangeError('fast must be > 0'); this.params = p; } onStart() {} onBar() {} }\n");
    const f = await loadStrategy('strict.mjs', dir);
    expect(() => f.create({ fast: 0 }, ['A'])).toThrow(new RangeError('fast must be > 0'));
    expect(f.create({ fast: 1 }, ['A']).params).toEqual({ symbols: ['A'], fast: 1 });
  });
});

describe('typeParams with exponent ranges', () => {
  it('points a range with exponents to sweep, declared or not', () => {
    const declared = { spec: 'x', params: [{ name: 'pct', type: 'number' as const, default: 0.01, description: 'a fraction' }] };
    expect(() => typeParams(declared, { pct: '1e-3:2e-3' })).toThrow('param pct="1e-3:2e-3" is a range or list; `qt-backtest sweep` takes those, `run` one value');
    expect(() => typeParams({ spec: 'x', params: undefined }, { pct: '1e-3:2e-3' })).toThrow(/is a range or list/);
  });
});

describe('loadStrategy: a project without its own qt-backtest (issue 12)', () => {
  let project = '';
  beforeAll(() => {
    // Outside the repository, with no node_modules: `qt-backtest` is not resolvable from the file
    // itself, as in a fresh `qt-backtest init` project run by a globally installed CLI.
    project = mkdtempSync(join(tmpdir(), 'qt-no-modules-'));
    writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(
      join(project, 'strategy.ts'),
      [
        "import { Strategy, type StrategyContext } from 'qt-backtest';",
        "import { sma } from '@qt-backtest/features';",
        'export default class Own extends Strategy<{ symbols: readonly string[] }> {',
        '  static readonly usesSma = typeof sma;',
        '  override onBar(_ctx: StrategyContext): void {}',
        '}',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('resolves `qt-backtest` and `@qt-backtest/*` imports to the running CLI (the file loads, its class extends Strategy)', async () => {
    const factory = await loadStrategy('strategy.ts', project);
    const strategy = factory.create({}, ['X']);
    // vitest loads this test's own copy of core through vite, the strategy file through Node's
    // loader, so `instanceof` cannot hold here; the prototype chain shows which class it extends.
    // (The CI release step runs an `init` project with the installed CLI end to end.)
    expect(Object.getPrototypeOf(strategy.constructor.prototype).constructor.name).toBe('Strategy');
    expect((strategy.constructor as unknown as { usesSma: string }).usesSma).toBe('function');
    expect(strategy.params).toEqual({ symbols: ['X'] });
  });

  it('maps each own package to a URL inside this repository (src/ from source, dist/ when built)', () => {
    const own = resolveOwnPackages();
    expect(Object.keys(own).sort()).toEqual(['@qt-backtest/core', '@qt-backtest/features', 'qt-backtest']);
    expect(own['qt-backtest']).toMatch(/\/packages\/qt-backtest\/(src|dist)\/index\.(ts|js)$/);
    expect(own['@qt-backtest/core']).toMatch(/\/packages\/core\/(src|dist)\/index\.(ts|js)$/);
  });
});
