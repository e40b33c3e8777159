/**
 * Writes a set of output files so that a reader sees either all of them or none: they go into a
 * temporary sibling directory first, which is renamed into place only when every file is written.
 * A failure (or a crash) leaves no partial output under the target name.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InvariantError } from '../errors.js';

/** File contents by file name (no sub-directories), or functions that produce them. */
export type OutputFiles = Readonly<Record<string, string | Uint8Array | (() => string | Uint8Array | Promise<string | Uint8Array>)>>;

/**
 * Writes `files` into directory `dir`, replacing a previous directory of that name only once the
 * new one is complete.
 *
 * @throws {InvariantError} for a file name with a path separator or a leading dot.
 * @throws whatever a producer or the file system throws; then `dir` is left as it was and no
 *   temporary directory remains.
 * @example
 * await writeDirectoryAtomically('qt-out/run-1', { 'result.json': json, 'equity.csv': csv });
 */
export async function writeDirectoryAtomically(dir: string, files: OutputFiles): Promise<void> {
  for (const name of Object.keys(files)) {
    if (name === '' || name.includes('/') || name.includes('\\') || name.startsWith('.')) {
      throw new InvariantError(`output file name "${name}" must be a plain file name`);
    }
  }
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmp = join(parent, `.${basename(dir)}.tmp-${tag}`);
  const old = join(parent, `.${basename(dir)}.old-${tag}`);
  await mkdir(tmp);
  try {
    for (const [name, content] of Object.entries(files)) {
      const data = typeof content === 'function' ? await content() : content;
      await writeFile(join(tmp, name), data);
    }
    const exists = await stat(dir).then(
      () => true,
      () => false,
    );
    if (exists) await rename(dir, old);
    await rename(tmp, dir);
    if (exists) await rm(old, { recursive: true, force: true });
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}
