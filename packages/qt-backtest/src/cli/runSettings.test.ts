import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_KEYS, checkFlag, mergeSettings, paramFlags, readConfigFile, settingsJson, UsageError, type RunSettings } from './runSettings.js';

/** The error a call throws (fails the test when it does not throw). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to throw');
}

/** Asserts that `fn` throws a UsageError with exactly `message`. */
function usageError(fn: () => unknown, message: string): void {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(UsageError);
  expect(e.message).toBe(message);
}

describe('checkFlag', () => {
  // key, a good value, what it checks to, a bad value, the expectation in the message
  const cases: [string, string, unknown, string, string, string][] = [
    ['symbol', 'AAPL', 'AAPL', '   ', '--symbol', 'a non-empty text'],
    ['adjusted', 'true', true, 'yes', '--adjusted', 'true or false'],
    ['strategy', 'sma-cross', 'sma-cross', '', '--strategy', 'a non-empty text'],
    ['cash', '2500.5', 2500.5, '0', '--cash', 'a number > 0'],
    ['feePct', '0.1', 0.1, '-1', '--fee-pct', 'a percentage in [0, 100)'],
    ['feePerShare', '0.005', 0.005, 'abc', '--fee-per-share', 'an amount >= 0'],
    ['feeMin', '1', 1, '-0.01', '--fee-min', 'an amount >= 0'],
    ['slippageBps', '5', 5, '-5', '--slippage-bps', 'basis points >= 0'],
    ['volumeLimit', '0.25', 0.25, '0', '--volume-limit', 'a fraction in (0, 1]'],
    ['from', '2016-01-04', '2016-01-04', '2016-13-01', '--from', 'a date YYYY-MM-DD'],
    ['to', '2024-02-29', '2024-02-29', '2023-02-29', '--to', 'a date YYYY-MM-DD'],
    ['benchmark', 'MKT', 'MKT', '', '--benchmark', 'a non-empty text'],
    ['seed', '-42', -42, '1.5', '--seed', 'an integer'],
    ['out', 'qt-out/x', 'qt-out/x', ' ', '--out', 'a non-empty text'],
    ['workers', '8', 8, '0', '--workers', 'an integer from 1 to 256'],
    ['metric', 'sharpeRatio', 'sharpeRatio', '', '--metric', 'a non-empty text'],
    ['alpha', './myAlpha.ts', './myAlpha.ts', '', '--alpha', 'a non-empty text'],
    ['portfolio', 'equal-weight', 'equal-weight', ' ', '--portfolio', 'a non-empty text'],
    ['rebalanceEvery', '21', 21, '0', '--rebalance-every', 'an integer >= 1'],
  ];

  it('covers every scalar config key', () => {
    expect(cases.map(([key]) => key).sort()).toEqual(CONFIG_KEYS.filter((k) => k !== 'data' && k !== 'params').sort());
  });

  for (const [key, good, checked, bad, flag, expected] of cases) {
    it(`${flag}: accepts "${good}" and rejects "${bad}" naming the flag, the value and the expectation`, () => {
      expect(checkFlag(key, good)).toEqual(checked);
      usageError(() => checkFlag(key, bad), `${flag} "${bad}": expected ${expected}`);
    });
  }

  it('converts numbers and booleans to their types', () => {
    expect(checkFlag('cash', ' 1e6 ')).toBe(1_000_000);
    expect(checkFlag('adjusted', 'false')).toBe(false);
    expect(checkFlag('volumeLimit', '1')).toBe(1);
    expect(checkFlag('feePct', '0')).toBe(0);
    expect(checkFlag('workers', '256')).toBe(256);
  });

  it('rejects empty, infinite and non-integer numbers', () => {
    usageError(() => checkFlag('cash', ''), '--cash "": expected a number > 0');
    usageError(() => checkFlag('cash', 'Infinity'), '--cash "Infinity": expected a number > 0');
    usageError(() => checkFlag('cash', 'NaN'), '--cash "NaN": expected a number > 0');
    usageError(() => checkFlag('workers', '2.5'), '--workers "2.5": expected an integer from 1 to 256');
    usageError(() => checkFlag('volumeLimit', '1.01'), '--volume-limit "1.01": expected a fraction in (0, 1]');
    usageError(() => checkFlag('seed', String(2 ** 53)), `--seed "${2 ** 53}": expected an integer`);
    usageError(() => checkFlag('adjusted', 'TRUE'), '--adjusted "TRUE": expected true or false');
    usageError(() => checkFlag('from', '2016-1-4'), '--from "2016-1-4": expected a date YYYY-MM-DD');
  });
});

describe('readConfigFile', () => {
  let dir = '';
  let n = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qt-settings-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Writes `content` (JSON of an object, or raw text) into a new file under `sub`, returns its path. */
  function config(content: unknown, sub = ''): string {
    const d = join(dir, sub);
    mkdirSync(d, { recursive: true });
    const path = join(d, `run-${n++}.json`);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  }

  it('reads every kind of setting, checked and typed', () => {
    const path = config({
      symbol: 'ORCL',
      adjusted: true,
      cash: 5000,
      feePct: '0.1',
      feePerShare: 0.005,
      feeMin: 1,
      slippageBps: 5,
      volumeLimit: 0.1,
      from: '2016-01-01',
      to: '2016-12-31',
      seed: 7,
      workers: 2,
      metric: 'sortinoRatio',
    });
    expect(readConfigFile(path)).toEqual({
      symbol: 'ORCL',
      adjusted: true,
      cash: 5000,
      feePct: 0.1,
      feePerShare: 0.005,
      feeMin: 1,
      slippageBps: 5,
      volumeLimit: 0.1,
      from: '2016-01-01',
      to: '2016-12-31',
      seed: 7,
      workers: 2,
      metric: 'sortinoRatio',
    });
  });

  it('rejects an unknown key with the list of keys', () => {
    const path = config({ cash: 1000, capital: 1000 });
    usageError(
      () => readConfigFile(path),
      `${path}: unknown key "capital"; expected one of: data, params, symbol, adjusted, strategy, cash, feePct, feePerShare, feeMin, slippageBps, volumeLimit, from, to, benchmark, seed, out, workers, metric, alpha, portfolio, rebalanceEvery`,
    );
  });

  it('rejects bad values naming the file, the key and the value', () => {
    const cases: [unknown, string][] = [
      [{ cash: -5 }, '"cash" is -5; expected a number > 0'],
      [{ cash: 'lots' }, '"cash" is "lots"; expected a number > 0'],
      [{ cash: [1000] }, '"cash" is [1000]; expected a single value'],
      [{ cash: null }, '"cash" is null; expected a single value'],
      [{ adjusted: 'yes' }, '"adjusted" is "yes"; expected true or false'],
      [{ adjusted: 1 }, '"adjusted" is 1; expected true or false'],
      [{ from: '2016-02-30' }, '"from" is "2016-02-30"; expected a date YYYY-MM-DD'],
      [{ workers: 1.5 }, '"workers" is 1.5; expected an integer from 1 to 256'],
      [{ symbol: '' }, '"symbol" is ""; expected a non-empty text'],
      [{ strategy: { name: 'sma-cross' } }, '"strategy" is {"name":"sma-cross"}; expected a single value'],
      [{ data: [] }, '"data" is []; expected a path or a non-empty array of paths'],
      [{ data: '' }, '"data" is ""; expected a path or a non-empty array of paths'],
      [{ data: ['a.csv', 3] }, '"data" is ["a.csv",3]; expected a path or a non-empty array of paths'],
      [{ data: 3 }, '"data" is 3; expected a path or a non-empty array of paths'],
      [{ params: [1, 2] }, '"params" is [1,2]; expected an object of strategy parameters'],
      [{ params: 'fast=5' }, '"params" is "fast=5"; expected an object of strategy parameters'],
      [{ params: { fast: { min: 5 } } }, '"params.fast" is {"min":5}; expected a number, text, boolean or a list of them'],
      [{ params: { fast: [] } }, '"params.fast" is []; expected a number, text, boolean or a list of them'],
      [{ params: { fast: [5, null] } }, '"params.fast" is [5,null]; expected a number, text, boolean or a list of them'],
      [{ params: { fast: null } }, '"params.fast" is null; expected a number, text, boolean or a list of them'],
    ];
    for (const [content, message] of cases) {
      const path = config(content);
      usageError(() => readConfigFile(path), `${path}: ${message}`);
    }
  });

  it('resolves relative data, strategy, benchmark and out paths from the config file directory', () => {
    const path = config(
      { data: 'data/MKT.csv', strategy: 'strategy.ts', benchmark: '../bench/SPY.csv', out: 'qt-out/latest' },
      'proj/sub',
    );
    const base = join(dir, 'proj', 'sub');
    expect(readConfigFile(path)).toEqual({
      data: [join(base, 'data', 'MKT.csv')],
      strategy: join(base, 'strategy.ts'),
      benchmark: join(dir, 'proj', 'bench', 'SPY.csv'),
      out: join(base, 'qt-out', 'latest'),
    });
  });

  it('resolves file-like names without a directory (by their ending)', () => {
    const path = config({ strategy: 'my.mjs', benchmark: 'spy.arrow' }, 'ends');
    expect(readConfigFile(path)).toEqual({ strategy: join(dir, 'ends', 'my.mjs'), benchmark: join(dir, 'ends', 'spy.arrow') });
  });

  it('always resolves out, even a bare directory name', () => {
    const path = config({ out: 'results' }, 'bare');
    expect(readConfigFile(path)).toEqual({ out: join(dir, 'bare', 'results') });
  });

  it('keeps a built-in strategy name and a benchmark symbol as they are', () => {
    const path = config({ strategy: 'sma-cross', benchmark: 'MKT' }, 'names');
    expect(readConfigFile(path)).toEqual({ strategy: 'sma-cross', benchmark: 'MKT' });
  });

  it('keeps absolute paths unchanged', () => {
    const abs = join(dir, 'elsewhere', 'A.csv');
    const strat = join(dir, 'elsewhere', 's.ts');
    const path = config({ data: [abs], strategy: strat }, 'abs');
    expect(readConfigFile(path)).toEqual({ data: [abs], strategy: strat });
  });

  it('takes data as one path or a list of paths', () => {
    const one = config({ data: 'a.csv' }, 'd');
    expect(readConfigFile(one)).toEqual({ data: [join(dir, 'd', 'a.csv')] });
    const list = config({ data: ['a.csv', 'prices', '/abs/b.csv'] }, 'd');
    expect(readConfigFile(list)).toEqual({ data: [join(dir, 'd', 'a.csv'), join(dir, 'd', 'prices'), '/abs/b.csv'] });
  });

  it('takes params as an object of scalars and lists, unchanged', () => {
    const params = { fast: 10, slow: [30, 50], allowShort: false, mode: 'fast', window: '5:50:5', flags: [true, false], names: ['a', 'b'] };
    const path = config({ params });
    expect(readConfigFile(path)).toEqual({ params });
  });

  it('ignores $schema and description', () => {
    const path = config({ $schema: 'https://example.com/schema.json', description: 'my run', cash: 100 });
    expect(readConfigFile(path)).toEqual({ cash: 100 });
  });

  it('returns nothing for an empty object', () => {
    expect(readConfigFile(config({}))).toEqual({});
  });

  it('rejects bad JSON naming the file', () => {
    const path = config('{ "cash": 100, }');
    const e = thrown(() => readConfigFile(path));
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message.startsWith(`${path}: not valid JSON (`)).toBe(true);
    expect(e.message.endsWith(')')).toBe(true);
  });

  it('rejects JSON that is not an object', () => {
    for (const content of ['[1, 2]', 'null', '42', '"cash"']) {
      const path = config(content);
      usageError(() => readConfigFile(path), `${path}: expected a JSON object of settings`);
    }
  });

  it('rejects a missing file and a directory with the error code', () => {
    const missing = join(dir, 'nope.json');
    usageError(() => readConfigFile(missing), `--config ${missing}: cannot read the file (ENOENT)`);
    usageError(() => readConfigFile(dir), `--config ${dir}: cannot read the file (EISDIR)`);
  });
});

describe('paramFlags', () => {
  it('parses key=value pairs, trimming both sides', () => {
    expect(paramFlags(['fast=5', ' slow = 20 ', 'range=5:50:5', 'list=1,2,3'])).toEqual({ fast: '5', slow: '20', range: '5:50:5', list: '1,2,3' });
  });

  it('splits at the first =', () => {
    expect(paramFlags(['expr=a=b'])).toEqual({ expr: 'a=b' });
  });

  it('keeps an empty value as text and lets later pairs win', () => {
    expect(paramFlags(['x=', 'y=1', 'y=2'])).toEqual({ x: '', y: '2' });
  });

  it('returns an empty object for no pairs', () => {
    expect(paramFlags([])).toEqual({});
  });

  it('rejects pairs without a key or without =', () => {
    usageError(() => paramFlags(['fast']), '--param "fast": expected key=value');
    usageError(() => paramFlags(['=5']), '--param "=5": expected key=value');
    usageError(() => paramFlags(['ok=1', '']), '--param "": expected key=value');
  });
});

describe('mergeSettings', () => {
  const minimal = { data: ['/d/a.csv'], strategy: 'sma-cross' };

  it('applies the defaults: cash 100000, adjusted false, everything else undefined', () => {
    expect(mergeSettings({}, minimal, [])).toEqual({
      data: ['/d/a.csv'],
      symbol: undefined,
      adjusted: false,
      strategy: 'sma-cross',
      params: {},
      cash: 100_000,
      feePct: undefined,
      feePerShare: undefined,
      feeMin: undefined,
      slippageBps: undefined,
      volumeLimit: undefined,
      from: undefined,
      to: undefined,
      benchmark: undefined,
      seed: undefined,
      out: undefined,
      workers: undefined,
      metric: undefined,
    } satisfies RunSettings);
  });

  it('takes every setting from the config when no flag is given', () => {
    const config = { ...minimal, symbol: 'X', adjusted: true, cash: 5000, feePerShare: 0.01, feeMin: 1, from: '2020-01-01', to: '2020-12-31', out: '/o', workers: 3 };
    const s = mergeSettings(config, {}, []);
    expect(s).toMatchObject({ data: ['/d/a.csv'], strategy: 'sma-cross', symbol: 'X', adjusted: true, cash: 5000, feePerShare: 0.01, feeMin: 1, from: '2020-01-01', to: '2020-12-31', out: '/o', workers: 3 });
  });

  it('lets flags override the config key by key', () => {
    const config = { data: ['/cfg.csv'], strategy: 'buy-and-hold', cash: 5000, adjusted: true, symbol: 'CFG', seed: 1 };
    const flags = { strategy: 'sma-cross', cash: 250, adjusted: false, data: ['/flag1.csv', '/flag2.csv'] };
    const s = mergeSettings(config, flags, []);
    expect(s.strategy).toBe('sma-cross');
    expect(s.cash).toBe(250);
    expect(s.adjusted).toBe(false);
    expect(s.data).toEqual(['/flag1.csv', '/flag2.csv']);
    // untouched by flags
    expect(s.symbol).toBe('CFG');
    expect(s.seed).toBe(1);
  });

  it('merges params key by key, the flags winning', () => {
    const config = { ...minimal, params: { fast: 10, slow: [30, 50], allowShort: true } };
    const s = mergeSettings(config, {}, ['fast=5', 'size=200']);
    expect(s.params).toEqual({ fast: '5', slow: [30, 50], allowShort: true, size: '200' });
  });

  it('rejects bad --param pairs', () => {
    usageError(() => mergeSettings({}, minimal, ['fast']), '--param "fast": expected key=value');
  });

  it('requires data and a strategy', () => {
    usageError(() => mergeSettings({}, { strategy: 'sma-cross' }, []), 'no data: give --data <file|dir>... or "data" in --config');
    usageError(() => mergeSettings({ data: [] }, { strategy: 'sma-cross' }, []), 'no data: give --data <file|dir>... or "data" in --config');
    usageError(() => mergeSettings({ data: ['/a.csv'] }, {}, []), 'no strategy: give --strategy <name|file.ts> or "strategy" in --config');
  });

  it('rejects --fee-min without --fee-per-share, from either source', () => {
    usageError(() => mergeSettings({}, { ...minimal, feeMin: 1 }, []), '--fee-min needs --fee-per-share');
    usageError(() => mergeSettings({ feeMin: 1 }, minimal, []), '--fee-min needs --fee-per-share');
    expect(mergeSettings({ feePerShare: 0.005 }, { ...minimal, feeMin: 1 }, [])).toMatchObject({ feePerShare: 0.005, feeMin: 1 });
  });

  it('rejects --to before --from, and accepts the same day', () => {
    usageError(() => mergeSettings({ from: '2020-06-01' }, { ...minimal, to: '2020-05-31' }, []), '--to 2020-05-31 is before --from 2020-06-01');
    expect(mergeSettings({}, { ...minimal, from: '2020-06-01', to: '2020-06-01' }, [])).toMatchObject({ from: '2020-06-01', to: '2020-06-01' });
  });
});

describe('settingsJson', () => {
  it('keeps every key with a value and drops the undefined ones', () => {
    const s = mergeSettings({ params: { fast: 5 } }, { data: ['/a.csv'], strategy: 'sma-cross', seed: 0, feePct: 0 }, []);
    expect(settingsJson(s)).toEqual({ data: ['/a.csv'], adjusted: false, strategy: 'sma-cross', params: { fast: 5 }, cash: 100_000, feePct: 0, seed: 0 });
  });

  it('round-trips through JSON', () => {
    const s = mergeSettings({}, { data: ['/a.csv'], strategy: 'x.ts', from: '2020-01-01', metric: 'sharpeRatio' }, ['fast=1']);
    const json = settingsJson(s);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(Object.keys(json).sort()).toEqual(['adjusted', 'cash', 'data', 'from', 'metric', 'params', 'strategy']);
  });
});

describe('edge cases found in review', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qt-settings-edge-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('treats Object.prototype names as unknown keys', () => {
    for (const key of ['constructor', 'toString', 'hasOwnProperty']) {
      const file = join(dir, `${key}.json`);
      writeFileSync(file, JSON.stringify({ [key]: 1 }));
      usageError(() => readConfigFile(file), `${file}: unknown key "${key}"; expected one of: ${CONFIG_KEYS.join(', ')}`);
    }
  });

  it('resolves a .tsx strategy file from the config directory', () => {
    const file = join(dir, 'tsx.json');
    writeFileSync(file, JSON.stringify({ strategy: 's.tsx' }));
    expect(readConfigFile(file)['strategy']).toBe(join(dir, 's.tsx'));
  });

  it('rejects a --param with a blank key', () => {
    usageError(() => paramFlags([' =5']), '--param " =5": expected key=value');
  });

  it('names the upper bounds of --fee-pct and --workers', () => {
    usageError(() => checkFlag('feePct', '100'), '--fee-pct "100": expected a percentage in [0, 100)');
    usageError(() => checkFlag('workers', '257'), '--workers "257": expected an integer from 1 to 256');
  });
});
