import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomically } from './writeFileAtomically.js';

let root = '';
let n = 0;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'qt-atomic-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A fresh empty directory for one test. */
function fresh(): string {
  const d = join(root, `case-${n++}`);
  mkdirSync(d);
  return d;
}

describe('writeFileAtomically', () => {
  it('writes text to a new file, leaving no temporary file', async () => {
    const d = fresh();
    await writeFileAtomically(join(d, 'report.html'), '<html>é</html>');
    expect(readFileSync(join(d, 'report.html'), 'utf8')).toBe('<html>é</html>');
    expect(readdirSync(d)).toEqual(['report.html']);
  });

  it('writes bytes exactly', async () => {
    const d = fresh();
    const bytes = new Uint8Array([0, 1, 2, 255, 128, 10]);
    await writeFileAtomically(join(d, 'data.arrow'), bytes);
    expect(new Uint8Array(readFileSync(join(d, 'data.arrow')))).toEqual(bytes);
  });

  it('writes an empty file', async () => {
    const d = fresh();
    await writeFileAtomically(join(d, 'empty.txt'), '');
    expect(statSync(join(d, 'empty.txt')).size).toBe(0);
  });

  it('replaces an existing file, including a longer one, without leftovers', async () => {
    const d = fresh();
    const path = join(d, 'result.json');
    writeFileSync(path, 'old content that is longer than the new one');
    await writeFileAtomically(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    await writeFileAtomically(path, 'newer');
    expect(readFileSync(path, 'utf8')).toBe('newer');
    expect(readdirSync(d)).toEqual(['result.json']);
  });

  it('creates missing parent directories', async () => {
    const d = fresh();
    const path = join(d, 'qt-out', 'run', 'deep', 'equity.csv');
    await writeFileAtomically(path, 'time,equity\n');
    expect(readFileSync(path, 'utf8')).toBe('time,equity\n');
    expect(readdirSync(join(d, 'qt-out', 'run', 'deep'))).toEqual(['equity.csv']);
  });

  it('leaves no temporary file after many concurrent writes to one path, and keeps one whole content', async () => {
    const d = fresh();
    const path = join(d, 'manifest.json');
    const contents = Array.from({ length: 20 }, (_, i) => `content ${i} `.repeat(1000 + i));
    await Promise.all(contents.map((c) => writeFileAtomically(path, c)));
    expect(contents).toContain(readFileSync(path, 'utf8'));
    expect(readdirSync(d)).toEqual(['manifest.json']);
  });

  it('on failure removes the temporary file, rethrows and leaves the target unchanged', async () => {
    const d = fresh();
    const target = join(d, 'out');
    mkdirSync(target);
    writeFileSync(join(target, 'inside.txt'), 'x');
    // renaming a file onto a non-empty directory fails
    await expect(writeFileAtomically(target, 'text')).rejects.toMatchObject({ code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST|EPERM)$/) });
    expect(readdirSync(d)).toEqual(['out']);
    expect(readdirSync(target)).toEqual(['inside.txt']);
    expect(readFileSync(join(target, 'inside.txt'), 'utf8')).toBe('x');
  });
});
