import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { OutputError, removeTemporaryOutputs, writeDirectoryAtomically } from './writeDirectoryAtomically.js';

describe('writeDirectoryAtomically', () => {
  it('writes every file, from values and from producers', async () => {
    const root = mkdtempSync(join(tmpdir(), 'qt-atomic-'));
    await writeDirectoryAtomically(join(root, 'out'), { 'a.txt': 'A', 'b.bin': new Uint8Array([1, 2]), 'c.json': async () => '{}' });
    expect(readdirSync(join(root, 'out')).sort()).toEqual(['a.txt', 'b.bin', 'c.json']);
    expect(readFileSync(join(root, 'out', 'a.txt'), 'utf8')).toBe('A');
    expect(readdirSync(root)).toEqual(['out']);
  });

  it('leaves nothing behind when a run fails mid-way, and keeps the previous output intact', async () => {
    const root = mkdtempSync(join(tmpdir(), 'qt-atomic-'));
    const fresh = join(root, 'fresh');
    await expect(
      writeDirectoryAtomically(fresh, {
        'result.json': '{}',
        'report.html': () => {
          throw new Error('interrupted while rendering');
        },
      }),
    ).rejects.toThrow('interrupted while rendering');
    expect(existsSync(fresh), 'no partial directory').toBe(false);
    expect(readdirSync(root), 'no temporary directory').toEqual([]);

    const previous = join(root, 'previous');
    mkdirSync(previous);
    writeFileSync(join(previous, 'result.json'), 'old');
    await expect(writeDirectoryAtomically(previous, { 'result.json': 'new', 'x.csv': () => Promise.reject(new Error('disk full')) })).rejects.toThrow('disk full');
    expect(readFileSync(join(previous, 'result.json'), 'utf8')).toBe('old');
    await writeDirectoryAtomically(previous, { 'result.json': 'new' });
    expect(readFileSync(join(previous, 'result.json'), 'utf8')).toBe('new');
    expect(readdirSync(root)).toEqual(['previous']);
  });

  it('refuses file names that would escape the directory', async () => {
    await expect(writeDirectoryAtomically(join(tmpdir(), 'qt-x'), { '../evil': 'x' })).rejects.toThrow(InvariantError);
  });
});

describe('writeDirectoryAtomically: streaming, leftovers and unwritable paths (issue 11, findings 4, 5, 10)', () => {
  it('streams producers that return chunks (sync and async iterables)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'qt-atomic-'));
    async function* lines(): AsyncGenerator<string> {
      for (let i = 0; i < 3; i++) yield `line ${i}\n`;
    }
    await writeDirectoryAtomically(join(root, 'out'), { 'a.txt': () => ['x', 'y', new Uint8Array([0x7a])], 'b.txt': () => lines() });
    expect(readFileSync(join(root, 'out', 'a.txt'), 'utf8')).toBe('xyz');
    expect(readFileSync(join(root, 'out', 'b.txt'), 'utf8')).toBe('line 0\nline 1\nline 2\n');
  });

  it('removes temporary directories left by dead processes, keeps those of live ones', async () => {
    const root = mkdtempSync(join(tmpdir(), 'qt-atomic-'));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    const stale = join(root, `.run-1.tmp-${dead}-0123abcd`);
    const staleOld = join(root, `.other.old-${dead}-89abcdef`);
    const live = join(root, `.run-2.tmp-${process.ppid}-0123abcd`);
    for (const d of [stale, staleOld, live]) {
      mkdirSync(d);
      writeFileSync(join(d, 'result.json'), 'x'.repeat(1000));
    }
    await writeDirectoryAtomically(join(root, 'run-3'), { 'a.txt': 'A' });
    expect(readdirSync(root).sort()).toEqual([`.run-2.tmp-${process.ppid}-0123abcd`, 'run-3']);
  });

  it('removeTemporaryOutputs removes the directory of a write in progress (signal handlers)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'qt-atomic-'));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let removed: string[] = [];
    let started!: () => void;
    const inProducer = new Promise<void>((r) => (started = r));
    const writing = writeDirectoryAtomically(join(root, 'out'), {
      'a.txt': 'A',
      'b.txt': async () => {
        removed = removeTemporaryOutputs();
        started();
        await gate;
        return 'B';
      },
    });
    await inProducer;
    expect(removed).toHaveLength(1);
    expect(readdirSync(root)).toEqual([]);
    release();
    await expect(writing).rejects.toThrow();
    expect(readdirSync(root)).toEqual([]);
  });

  it('names the path for a full disk (ENOSPC)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'qt-atomic-'));
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const err = await writeDirectoryAtomically(join(root, 'out'), {
      'equity.csv': () =>
        (function* (): Generator<string> {
          yield 'time,equity\n';
          throw full;
        })(),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputError);
    expect((err as OutputError).message).toBe(`cannot write "${join(root, 'out', 'equity.csv')}": no space left on the device (ENOSPC)`);
    expect(readdirSync(root)).toEqual([]);
  });

  it('fails fast with a clear error under /proc and when a file is in the way', async () => {
    const started = Date.now();
    await expect(writeDirectoryAtomically('/proc/qt-x/out', { 'a.txt': 'A' })).rejects.toThrow(/cannot create the output directory "\/proc\/qt-x".*ENOENT/);
    expect(Date.now() - started).toBeLessThan(5000);
    const root = mkdtempSync(join(tmpdir(), 'qt-atomic-'));
    writeFileSync(join(root, 'file'), 'x');
    await expect(writeDirectoryAtomically(join(root, 'file', 'out'), { 'a.txt': 'A' })).rejects.toThrow(`cannot use "${join(root, 'file')}" as an output directory: it is a file`);
    await expect(writeDirectoryAtomically(join(root, 'file'), { 'a.txt': 'A' })).rejects.toThrow('a file of that name is in the way');
    expect(readdirSync(root)).toEqual(['file']);
  });
});
