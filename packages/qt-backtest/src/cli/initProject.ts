/**
 * `qt-backtest init <dir>`: a ready-to-run project — a typed example strategy, a config file,
 * sample data and a README.
 */
import { mkdir, mkdtemp, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isoDate, nyseCalendar, SeededRandom, VERSION } from '@qt-backtest/core';
import { UsageError } from './runSettings.js';

const STRATEGY = `/**
 * Trend following with a protective stop — the example strategy of this project.
 *
 * Rules (evaluated at each bar's close; orders fill at the next bar's open):
 * - Enter long (flat, no order pending) when the close is above the \`slow\`-bar simple moving
 *   average and the \`fast\`-bar one is above the slow one.
 * - Exit when the close falls below the fast average, or when the stop fills: a GTC stop sell at
 *   \`(1 − stopPct) ×\` the entry price, placed as soon as the entry fills.
 * - Position size: \`floor(fraction × cash / close)\` shares.
 *
 * Run it: npx qt-backtest run --config run.json   (or --strategy strategy.ts --param fast=20 …)
 */
import { Strategy, type OrderEvent, type StrategyContext, type StrategyParam } from 'qt-backtest';

export interface TrendParams {
  /** The traded symbols (the CLI passes them; the benchmark is excluded). */
  readonly symbols: readonly string[];
  readonly fast: number;
  readonly slow: number;
  readonly stopPct: number;
  readonly fraction: number;
}

export default class TrendWithStop extends Strategy<TrendParams> {
  /** Declared parameters: \`--param\` values are typed and checked against these. */
  static readonly parameters: readonly StrategyParam[] = [
    { name: 'fast', type: 'integer', default: 20, description: 'fast SMA window in bars' },
    { name: 'slow', type: 'integer', default: 100, description: 'slow SMA window in bars (> fast)' },
    { name: 'stopPct', type: 'number', default: 0.08, description: 'stop distance below the entry price, as a fraction' },
    { name: 'fraction', type: 'number', default: 0.95, description: 'fraction of cash per entry' },
  ];

  constructor(params: Partial<TrendParams> & { readonly symbols: readonly string[] }) {
    const p = { fast: 20, slow: 100, stopPct: 0.08, fraction: 0.95, ...params };
    if (!(p.slow > p.fast && p.fast >= 1)) throw new RangeError(\`need 1 <= fast < slow, got fast=\${p.fast} slow=\${p.slow}\`);
    super(p);
  }

  override onBar(ctx: StrategyContext): void {
    const { fast, slow, fraction } = this.params;
    for (const symbol of this.params.symbols) {
      if (ctx.bar(symbol) === undefined) continue;
      const closes = ctx.history(symbol, 'close', slow);
      if (closes.length < slow) continue;
      let slowSum = 0;
      let fastSum = 0;
      for (let i = 0; i < slow; i++) {
        slowSum += closes.at(i);
        if (i >= slow - fast) fastSum += closes.at(i);
      }
      const close = closes.at(slow - 1);
      const held = ctx.position(symbol).quantity;
      if (held === 0 && ctx.openOrders(symbol).length === 0 && close > slowSum / slow && fastSum / fast > slowSum / slow) {
        const qty = Math.floor((fraction * ctx.cash) / close);
        if (qty > 0) ctx.buy(symbol, qty);
      } else if (held > 0 && close < fastSum / fast) {
        ctx.cancelAll(symbol);
        ctx.closePosition(symbol);
      }
    }
  }

  override onOrderEvent(event: OrderEvent, ctx: StrategyContext): void {
    // Protect each entry as soon as it fills.
    if (event.type === 'filled' && event.fill.side === 'buy') {
      const stopPrice = event.fill.price * (1 - this.params.stopPct);
      ctx.sell(event.fill.symbol, event.fill.quantity, { type: 'stop', stopPrice, timeInForce: 'gtc' });
    }
  }
}
`;

function readme(name: string): string {
  return `# ${name}

A [qt-backtest](https://www.npmjs.com/package/qt-backtest) research project.

\`\`\`sh
npm install
npx qt-backtest run --config run.json            # backtest; report in qt-out/latest/report.html
npx qt-backtest sweep --config run.json --param fast=10:40:10 --param slow=60,100,150 --out qt-out/sweep
npx qt-backtest validate --data data             # check your own data files
\`\`\`

- \`strategy.ts\` — the strategy (TypeScript, loaded without a build step). Its JSDoc states the rules;
  \`static parameters\` declares what \`--param\` accepts.
- \`run.json\` — the run settings; any command-line flag overrides the same key
  (\`--cash\`, \`--fee-per-share\`, \`--from\`, \`--to\`, \`--benchmark\`, …; see \`npx qt-backtest run --help\`).
- \`data/SAMPLE.csv\` — synthetic daily bars (a seeded random walk on the NYSE calendar), so that the
  project runs at once. Replace it with your own CSV or Arrow files (one per symbol, or a directory).

Results: \`qt-out/<run>/result.json\` (metrics, trades, open positions, config, manifest),
\`report.html\` (offline tear sheet), \`equity.csv\`, \`trades.csv\`, \`fills.csv\`, Arrow copies and
\`manifest.json\` (library version, data hashes, fill policy, seed).
`;
}

/** Seeded synthetic daily bars on the NYSE calendar (2021–2024), as CSV. */
export function sampleCsv(seed = 7): string {
  const rng = new SeededRandom(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const sessions = nyseCalendar.sessions('2021-01-04', '2024-12-31');
  const lines = ['Date,Open,High,Low,Close,Volume'];
  let close = 50;
  const r2 = (x: number): string => x.toFixed(2);
  for (const t of sessions) {
    const open = close * Math.exp(0.004 * normal());
    close = open * Math.exp(0.0004 + 0.013 * normal());
    const high = Math.max(open, close) * (1 + 0.006 * Math.abs(normal()));
    const low = Math.min(open, close) * (1 - 0.006 * Math.abs(normal()));
    const volume = Math.round(1_000_000 * Math.exp(0.3 * normal()));
    // Rounded to cents like real quotes; high/low widened so they still bound open and close.
    const [o, c] = [Number(r2(open)), Number(r2(close))];
    lines.push(`${isoDate(t)},${r2(o)},${r2(Math.max(high, o, c))},${r2(Math.min(low, o, c))},${r2(c)},${volume}`);
    close = c;
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Creates the project directory with every file, atomically.
 *
 * @returns the paths written, relative to `dir`
 * @throws {UsageError} when `dir` exists and is not empty.
 */
export async function initProject(dir: string): Promise<readonly string[]> {
  const existing = await readdir(dir).catch(() => null);
  if (existing !== null && existing.length > 0) throw new UsageError(`${dir} exists and is not empty; init needs a new or empty directory`);
  const name = basename(dir).toLowerCase().replace(/[^a-z0-9-._]+/g, '-') || 'qt-project';
  const files = {
    'package.json': `${JSON.stringify(
      {
        name,
        private: true,
        type: 'module',
        scripts: { backtest: 'qt-backtest run --config run.json', sweep: 'qt-backtest sweep --config run.json --param fast=10:40:10 --param slow=60,100,150' },
        dependencies: { 'qt-backtest': `^${VERSION}` },
      },
      null,
      2,
    )}\n`,
    'tsconfig.json': `${JSON.stringify(
      { compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true } },
      null,
      2,
    )}\n`,
    'run.json': `${JSON.stringify(
      {
        description: 'Settings of `qt-backtest run --config run.json`; command-line flags override them.',
        data: ['data/SAMPLE.csv'],
        strategy: 'strategy.ts',
        params: { fast: 20, slow: 100, stopPct: 0.08 },
        cash: 100_000,
        feePerShare: 0.005,
        feeMin: 1,
        slippageBps: 5,
        out: 'qt-out/latest',
      },
      null,
      2,
    )}\n`,
    'strategy.ts': STRATEGY,
    'README.md': readme(name),
    '.gitignore': 'node_modules/\nqt-out/\n',
  };
  // Written into a temporary sibling, renamed into place when complete: all files or none.
  await mkdir(dirname(dir), { recursive: true });
  const tmp = await mkdtemp(join(dirname(dir), `.${basename(dir)}-init-`));
  try {
    await mkdir(join(tmp, 'data'));
    await Promise.all([...Object.entries(files).map(([f, text]) => writeFile(join(tmp, f), text)), writeFile(join(tmp, 'data', 'SAMPLE.csv'), sampleCsv())]);
    if (existing !== null) await rmdir(dir);
    await rename(tmp, dir);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  return [...Object.keys(files), 'data/SAMPLE.csv'];
}
