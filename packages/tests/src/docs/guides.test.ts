/**
 * Every code block of the guides (docs/guides/*.md) runs: each ```ts block is written to a file
 * and run with tsx from the repository root (imports of `qt-backtest` resolve to this workspace's
 * source), and each `npx qt-backtest …` line of a ```sh block runs the CLI from source. A block
 * that throws, or a command that exits non-zero, fails the test with its output.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../../..');
const guides = join(root, 'docs', 'guides');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
// Inside the repository, so that `qt-backtest` resolves to the workspace package.
const work = mkdtempSync(join(root, 'packages', 'tests', '.guides-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The fenced blocks of a Markdown text: language and code. */
export function codeBlocks(markdown: string): { lang: string; code: string; line: number }[] {
  const out: { lang: string; code: string; line: number }[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (open === null) continue;
    const start = i + 1;
    let j = start;
    while (j < lines.length && !/^```\s*$/.test(lines[j]!)) j++;
    out.push({ lang: open[1] ?? '', code: lines.slice(start, j).join('\n'), line: start + 1 });
    i = j;
  }
  return out;
}

function run(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${args.join(' ')} failed:\n${err.stdout ?? ''}${err.stderr ?? err.message}`);
  }
}

const files = readdirSync(guides).filter((f) => f.endsWith('.md')).sort();

describe('the guides (docs/guides)', () => {
  it('are the six promised, each with at least one code block, all in ts or sh', () => {
    expect(files).toEqual(['costs-and-fills.md', 'data-formats.md', 'getting-started.md', 'look-ahead.md', 'notebooks.md', 'writing-a-strategy.md']);
    for (const f of files) {
      const blocks = codeBlocks(readFileSync(join(guides, f), 'utf8'));
      expect(blocks.length, f).toBeGreaterThan(0);
      for (const b of blocks) expect(['ts', 'sh'], `${f}:${b.line}`).toContain(b.lang);
    }
  });

  it('extracts fenced blocks with their language and first line', () => {
    expect(codeBlocks('# x\n\n```ts\nconst a = 1;\n```\ntext\n```sh\nls\n```\n')).toEqual([
      { lang: 'ts', code: 'const a = 1;', line: 4 },
      { lang: 'sh', code: 'ls', line: 8 },
    ]);
  });

  for (const f of files) {
    it(`runs every code block of ${f}`, { timeout: 600_000 }, () => {
      const blocks = codeBlocks(readFileSync(join(guides, f), 'utf8'));
      for (const [k, b] of blocks.entries()) {
        if (b.lang === 'ts') {
          const file = join(work, `${f.replace(/\.md$/, '')}-${k}.ts`);
          writeFileSync(file, `${b.code}\n`);
          const out = run(tsx, ['--conditions=@qt-backtest/source', file]);
          expect(out.length, `${f}:${b.line} printed nothing`).toBeGreaterThan(0);
        } else {
          for (const line of b.code.split('\n')) {
            const m = /^npx qt-backtest (.*)$/.exec(line.trim());
            if (m === null) continue;
            const args = (m[1] ?? '').split(/\s+/).filter((a) => a !== '');
            run(tsx, ['--conditions=@qt-backtest/source', join(root, 'packages', 'qt-backtest', 'src', 'cli', 'bin.ts'), ...args, ...(args[0] === 'run' ? ['--quiet'] : [])]);
          }
        }
      }
    });
  }
});
