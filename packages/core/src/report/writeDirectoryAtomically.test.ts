import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { writeDirectoryAtomically } from './writeDirectoryAtomically.js';

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
