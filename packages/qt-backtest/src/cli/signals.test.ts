import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const here = dirname(fileURLToPath(import.meta.url));

/**
 * A child process that installs the CLI's handlers and is interrupted while writing a report:
 * the temporary directory must be gone and the exit code 128 + the signal number (issue 11,
 * finding 5).
 */
async function interrupted(signal: 'SIGINT' | 'SIGTERM'): Promise<{ code: number | null; stderr: string; left: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'qt-signal-'));
  const script = join(dir, 'child.mts');
  writeFileSync(
    script,
    `import { writeDirectoryAtomically } from ${JSON.stringify(join(root, 'packages', 'core', 'src', 'index.ts'))};
import { installSignalHandlers } from ${JSON.stringify(join(here, 'signals.ts'))};
installSignalHandlers((s) => process.stderr.write(s));
await writeDirectoryAtomically(${JSON.stringify(join(dir, 'out'))}, {
  'result.json': '{}',
  'report.html': async () => {
    process.stdout.write('writing\\n');
    await new Promise((r) => setTimeout(r, 60_000));
    return 'never';
  },
});
`,
  );
  // tsx as a loader in this very process (its CLI would wrap the script in a second process).
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@qt-backtest/source', script], { cwd: root, env: { ...process.env, TSX_DISABLE_CACHE: '1' } });
  child.on('exit', (c) => {
    if (c !== null && c !== 130 && c !== 143) process.stderr.write(stderr);
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((ok) => child.stdout.on('data', (d: Buffer) => d.toString().includes('writing') && ok()));
  const leftWhileWriting = readdirSync(dir).filter((n) => n.startsWith('.out.tmp-'));
  expect(leftWhileWriting, 'the temporary directory exists while writing').toHaveLength(1);
  child.kill(signal);
  const code = await new Promise<number | null>((ok) => child.on('exit', (c) => ok(c)));
  return { code, stderr, left: readdirSync(dir).filter((n) => n !== 'child.mts') };
}

describe('SIGINT/SIGTERM during report writing', () => {
  it('SIGTERM: exit 143, temporary output removed', { timeout: 60_000 }, async () => {
    const r = await interrupted('SIGTERM');
    expect(r.code).toBe(143);
    expect(r.left).toEqual([]);
    expect(r.stderr).toContain('interrupted by SIGTERM: partial output removed');
  });

  it('SIGINT: exit 130, temporary output removed', { timeout: 60_000 }, async () => {
    const r = await interrupted('SIGINT');
    expect(r.code).toBe(130);
    expect(r.left).toEqual([]);
  });
});
