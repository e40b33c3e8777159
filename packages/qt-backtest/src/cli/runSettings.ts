/**
 * The settings of a `run` or `sweep`: one table of keys shared by the command-line flags and the
 * `--config` JSON file, so both are checked the same way and flags override the file key by key.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { dayOfIsoDate } from '@qt-backtest/core';

/** A bad command line or config file (exit code 2). */
export class UsageError extends Error {}

/** Raw strategy parameters: `key=value` text from flags, or JSON values from a config file. */
export type RawParams = Readonly<Record<string, string | number | boolean | readonly (string | number | boolean)[]>>;

/** Every setting of a run or sweep after flags and config are merged (defaults applied). */
export interface RunSettings {
  readonly data: readonly string[];
  readonly symbol: string | undefined;
  readonly adjusted: boolean;
  readonly strategy: string;
  readonly params: RawParams;
  readonly cash: number;
  readonly feePct: number | undefined;
  readonly feePerShare: number | undefined;
  readonly feeMin: number | undefined;
  readonly slippageBps: number | undefined;
  readonly volumeLimit: number | undefined;
  /** ISO dates `YYYY-MM-DD`, inclusive. */
  readonly from: string | undefined;
  readonly to: string | undefined;
  /** A symbol of the data (kept out of trading) or a file of one symbol's bars. */
  readonly benchmark: string | undefined;
  readonly seed: number | undefined;
  readonly out: string | undefined;
  /** `run --alpha`: an Alpha class file, its portfolio construction and rebalance interval (bars). */
  readonly alpha?: string | undefined;
  readonly portfolio?: string | undefined;
  readonly rebalanceEvery?: number | undefined;
  /** Sweep only. */
  readonly workers: number | undefined;
  readonly metric: string | undefined;
}

type Check = (value: string) => unknown;

const number = (what: string, ok: (n: number) => boolean): Check => {
  return (value) => {
    const n = value.trim() === '' ? Number.NaN : Number(value);
    if (!Number.isFinite(n) || !ok(n)) throw new RangeError(what);
    return n;
  };
};
const text: Check = (value) => {
  if (value.trim() === '') throw new RangeError('a non-empty text');
  return value;
};
const date: Check = (value) => {
  try {
    dayOfIsoDate(value);
  } catch {
    throw new RangeError('a date YYYY-MM-DD');
  }
  return value;
};
const bool: Check = (value) => {
  if (value !== 'true' && value !== 'false') throw new RangeError('true or false');
  return value === 'true';
};

/** The scalar settings: config key, its flag, how a value is checked, and whether it is a path. */
const SCALARS: Readonly<Record<string, { readonly flag: string; readonly check: Check; readonly path?: 'always' | 'if-file' }>> = {
  symbol: { flag: '--symbol', check: text },
  adjusted: { flag: '--adjusted', check: bool },
  strategy: { flag: '--strategy', check: text, path: 'if-file' },
  cash: { flag: '--cash', check: number('a number > 0', (n) => n > 0) },
  feePct: { flag: '--fee-pct', check: number('a percentage in [0, 100)', (n) => n >= 0 && n < 100) },
  feePerShare: { flag: '--fee-per-share', check: number('an amount >= 0', (n) => n >= 0) },
  feeMin: { flag: '--fee-min', check: number('an amount >= 0', (n) => n >= 0) },
  slippageBps: { flag: '--slippage-bps', check: number('basis points >= 0', (n) => n >= 0) },
  volumeLimit: { flag: '--volume-limit', check: number('a fraction in (0, 1]', (n) => n > 0 && n <= 1) },
  from: { flag: '--from', check: date },
  to: { flag: '--to', check: date },
  benchmark: { flag: '--benchmark', check: text, path: 'if-file' },
  seed: { flag: '--seed', check: number('an integer', (n) => Number.isSafeInteger(n)) },
  out: { flag: '--out', check: text, path: 'always' },
  workers: { flag: '--workers', check: number('an integer from 1 to 256', (n) => Number.isInteger(n) && n >= 1 && n <= 256) },
  metric: { flag: '--metric', check: text },
  alpha: { flag: '--alpha', check: text, path: 'always' },
  portfolio: { flag: '--portfolio', check: text },
  rebalanceEvery: { flag: '--rebalance-every', check: number('an integer >= 1', (n) => Number.isInteger(n) && n >= 1) },
};

/** Keys a config file may hold. */
export const CONFIG_KEYS: readonly string[] = ['data', 'params', ...Object.keys(SCALARS)];

/**
 * Checks one flag's value (commander calls this while parsing).
 *
 * @throws {UsageError} naming the flag, the value and what was expected.
 */
export function checkFlag(key: string, value: string): unknown {
  const spec = SCALARS[key]!;
  try {
    return spec.check(value);
  } catch (e) {
    throw new UsageError(`${spec.flag} "${value}": expected ${(e as Error).message}`);
  }
}

/** Whether a value looks like a file path rather than a name (a strategy name, a benchmark symbol). */
export const looksLikePath = (s: string): boolean => /[/\\]|\.(?:[cm]?[jt]sx?|csv|txt|arrow|feather|ipc)$/i.test(s);

/**
 * Reads a `--config` JSON file into settings: unknown keys and bad values are rejected with the
 * file, key and value; relative paths are taken from the file's directory.
 *
 * @throws {UsageError} for an unreadable file, bad JSON, unknown keys or bad values.
 */
export function readConfigFile(path: string): Partial<Record<string, unknown>> {
  let textContent: string;
  try {
    textContent = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`--config ${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(textContent);
  } catch (e) {
    throw new UsageError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new UsageError(`${path}: expected a JSON object of settings`);
  const base = dirname(path);
  const at = (p: string): string => (isAbsolute(p) ? p : resolve(base, p));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    const bad = (expected: string): never => {
      throw new UsageError(`${path}: "${key}" is ${JSON.stringify(value)}; expected ${expected}`);
    };
    if (key === '$schema' || key === 'description') continue;
    if (key === 'data') {
      const list = typeof value === 'string' ? [value] : value;
      if (!Array.isArray(list) || list.length === 0 || !list.every((v) => typeof v === 'string' && v !== '')) bad('a path or a non-empty array of paths');
      out['data'] = (list as string[]).map(at);
    } else if (key === 'params') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) bad('an object of strategy parameters');
      for (const [k, v] of Object.entries(value as object)) {
        const scalar = (x: unknown): boolean => typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean';
        if (!(scalar(v) || (Array.isArray(v) && v.length > 0 && v.every(scalar)))) {
          throw new UsageError(`${path}: "params.${k}" is ${JSON.stringify(v)}; expected a number, text, boolean or a list of them`);
        }
      }
      out['params'] = value;
    } else {
      const spec = Object.hasOwn(SCALARS, key) ? SCALARS[key] : undefined;
      if (spec === undefined) throw new UsageError(`${path}: unknown key "${key}"; expected one of: ${CONFIG_KEYS.join(', ')}`);
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') bad('a single value');
      let checked: unknown;
      try {
        checked = spec.check(String(value));
      } catch (e) {
        bad((e as Error).message);
      }
      const isPath = spec.path === 'always' || (spec.path === 'if-file' && looksLikePath(String(checked)));
      out[key] = isPath && typeof checked === 'string' ? at(checked) : checked;
    }
  }
  return out;
}

/** A sweep range `start:stop[:step]` of numbers (exponents allowed). */
export const RANGE_PATTERN = /^-?[\d.e+-]+:-?[\d.e+-]+(:[\d.e+-]+)?$/i;

/** Whether a raw param value is a range or a list (`sweep` syntax) rather than one value. */
export function isRangeOrList(value: RawParams[string]): boolean {
  if (Array.isArray(value)) return true;
  return typeof value === 'string' && (value.includes(',') || RANGE_PATTERN.test(value.trim()));
}

/** Parses `key=value` flags into raw params (values stay text; the strategy's declaration types them). */
export function paramFlags(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? '' : pair.slice(0, eq).trim();
    if (key === '') throw new UsageError(`--param "${pair}": expected key=value`);
    out[key] = pair.slice(eq + 1).trim();
  }
  return out;
}

/**
 * Merges the config file (if any) and the flags given on the command line (flags win; params are
 * merged key by key) and applies the defaults.
 *
 * @param flags - only the flags the user typed, already checked, paths resolved from the cwd
 * @throws {UsageError} when data or strategy is missing, or the settings contradict each other.
 */
export function mergeSettings(config: Partial<Record<string, unknown>>, flags: Partial<Record<string, unknown>>, paramPairs: readonly string[]): RunSettings {
  const pick = <T>(key: string): T | undefined => (flags[key] ?? config[key]) as T | undefined;
  const data = pick<readonly string[]>('data');
  if (data === undefined || data.length === 0) throw new UsageError('no data: give --data <file|dir>... or "data" in --config');
  const alpha = pick<string>('alpha');
  const strategy = pick<string>('strategy') ?? (alpha === undefined ? undefined : `alpha:${alpha}`);
  if (strategy === undefined) throw new UsageError('no strategy: give --strategy <name|file.ts> or "strategy" in --config');
  const settings: RunSettings = {
    data,
    symbol: pick('symbol'),
    adjusted: pick<boolean>('adjusted') ?? false,
    strategy,
    params: { ...(config['params'] as RawParams | undefined), ...paramFlags(paramPairs) },
    cash: pick<number>('cash') ?? 100_000,
    feePct: pick('feePct'),
    feePerShare: pick('feePerShare'),
    feeMin: pick('feeMin'),
    slippageBps: pick('slippageBps'),
    volumeLimit: pick('volumeLimit'),
    from: pick('from'),
    to: pick('to'),
    benchmark: pick('benchmark'),
    seed: pick('seed'),
    out: pick('out'),
    workers: pick('workers'),
    metric: pick('metric'),
    ...(alpha === undefined ? {} : { alpha, portfolio: pick<string>('portfolio'), rebalanceEvery: pick<number>('rebalanceEvery') }),
  };
  if (settings.feeMin !== undefined && settings.feePerShare === undefined) throw new UsageError('--fee-min needs --fee-per-share');
  if (settings.from !== undefined && settings.to !== undefined && settings.to < settings.from) {
    throw new UsageError(`--to ${settings.to} is before --from ${settings.from}`);
  }
  return settings;
}

/** The settings as stored in `result.json` (`config`): every key with a value. */
export function settingsJson(settings: RunSettings): Record<string, unknown> {
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
}
