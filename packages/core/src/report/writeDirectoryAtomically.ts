/**
 * Writes a set of output files so that a reader sees either all of them or none: they go into a
 * temporary sibling directory first, which is renamed into place only when every file is written.
 * A failure leaves no partial output under the target name; temporary directories of processes
 * that died (killed, power loss) are removed by the next write into the same parent directory, and
 * {@link removeTemporaryOutputs} removes this process's own from a signal handler.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InvariantError, QtError } from '../errors.js';

/** What a producer may return: the whole content, or chunks of it (streamed to disk). */
export type OutputContent = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/** File contents by file name (no sub-directories), or functions that produce them. */
export type OutputFiles = Readonly<Record<string, string | Uint8Array | (() => OutputContent | Promise<OutputContent>)>>;

/** An output directory that cannot be written: it names the path and the reason. */
export class OutputError extends QtError {
  /** The path that could not be written. */
  readonly path: string;
  /** The system error code (`ENOSPC`, `EACCES`, …), when there was one. */
  readonly code: string | undefined;

  constructor(message: string, path: string, code: string | undefined) {
    super(message);
    this.path = path;
    this.code = code;
  }
}

/** Temporary directories this process is writing now (removed by {@link removeTemporaryOutputs}). */
const active = new Set<string>();

/** `.<name>.tmp-<pid>-<8 hex>` and `.<name>.old-<pid>-<8 hex>`: our temporaries. */
const TEMPORARY = /^\..+\.(?:tmp|old)-(\d+)-[0-9a-f]{8}$/;

/**
 * Removes the temporary directories of writes in progress in this process, synchronously: for a
 * SIGINT/SIGTERM handler that then exits.
 *
 * @returns the directories removed
 */
export function removeTemporaryOutputs(): string[] {
  const removed: string[] = [];
  for (const dir of active) {
    try {
      rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // Best effort while the process is going down; the next run removes what is left.
    }
  }
  active.clear();
  return removed;
}

/**
 * Writes `files` into directory `dir`, replacing a previous directory of that name only once the
 * new one is complete. Producers run one after the other; a producer returning an iterable of
 * chunks is streamed, so no file has to fit in one string.
 *
 * @throws {InvariantError} for a file name with a path separator or a leading dot.
 * @throws {OutputError} when the directory cannot be created or written (no space, no permission,
 *   a file in the way, a read-only or virtual file system); the message names the path.
 * @throws whatever a producer throws; then `dir` is left as it was and no temporary directory
 *   remains.
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
  await ensureDirectory(parent);
  await removeStaleTemporaries(parent);
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmp = join(parent, `.${basename(dir)}.tmp-${tag}`);
  const old = join(parent, `.${basename(dir)}.old-${tag}`);
  await fsCall(() => mkdir(tmp), tmp, 'create the output directory');
  active.add(tmp);
  try {
    for (const [name, content] of Object.entries(files)) {
      const path = join(tmp, name);
      const data = typeof content === 'function' ? await content() : content;
      await fsCall(() => writeContent(path, data), join(dir, name), 'write');
    }
    const exists = await stat(dir).then(
      (s) => {
        if (!s.isDirectory()) throw new OutputError(`cannot write the output directory "${dir}": a file of that name is in the way`, dir, 'ENOTDIR');
        return true;
      },
      () => false,
    );
    if (exists) {
      active.add(old);
      await fsCall(() => rename(dir, old), dir, 'replace');
    }
    await fsCall(() => rename(tmp, dir), dir, 'create');
    active.delete(tmp);
    if (exists) await rm(old, { recursive: true, force: true });
    active.delete(old);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    active.delete(tmp);
    active.delete(old);
    throw err;
  }
}

async function writeContent(path: string, data: OutputContent): Promise<void> {
  if (typeof data === 'string' || data instanceof Uint8Array) {
    await writeFile(path, data);
    return;
  }
  const handle = await open(path, 'w');
  try {
    for await (const chunk of data) {
      if (typeof chunk === 'string') await handle.write(chunk);
      else await handle.write(chunk);
    }
  } finally {
    await handle.close();
  }
}

/** Runs a file-system call, turning system errors into an {@link OutputError} naming `path`. */
async function fsCall<T>(call: () => Promise<T>, path: string, what: string): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw outputError(err, path, what);
  }
}

function outputError(err: unknown, path: string, what: string): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string' || err instanceof QtError) return err;
  const reasons: Record<string, string> = {
    ENOSPC: 'no space left on the device',
    EDQUOT: 'the disk quota is exhausted',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'the file system is read-only',
    ENOTDIR: 'a part of the path is a file, not a directory',
    EISDIR: 'a directory is in the way',
    ENOENT: 'the directory cannot be created there',
    EEXIST: 'something of that name is in the way',
    EFBIG: 'the file is too large for the file system',
    EIO: 'an input/output error occurred',
  };
  return new OutputError(`cannot ${what} "${path}": ${reasons[code] ?? (err as Error).message} (${code})`, path, code);
}

/**
 * Checks before a long run that its output directory can be written, so a bad `--out` fails in
 * milliseconds, not after the backtest. Without `unique` nothing is left behind: a probe directory
 * is made and removed in the nearest existing ancestor (a virtual file system such as /proc fails
 * there). With `unique`, the parent is created and a directory that exists already is never
 * reused: `dir-2`, `dir-3`, … is reserved instead (created empty, atomically, so two runs started in
 * the same second get different names).
 *
 * @returns the directory to write (`dir`, or the reserved free name)
 * @throws {OutputError} naming the path when it cannot be written
 * @example
 * await prepareOutputDirectory('results/run-1'); // throws now if results/ cannot be written
 * const out = await prepareOutputDirectory('qt-out/sma-cross-20261208T010203Z', { unique: true });
 */
export async function prepareOutputDirectory(dir: string, options: { readonly unique?: boolean } = {}): Promise<string> {
  if (options.unique === true) {
    await ensureDirectory(dirname(dir));
    for (let k = 1; k < 10_000; k++) {
      const candidate = k === 1 ? dir : `${dir}-${k}`;
      const made = await mkdir(candidate).then(
        () => true,
        (err: NodeJS.ErrnoException) => {
          if (err.code === 'EEXIST') return false;
          throw outputError(err, candidate, 'create the output directory');
        },
      );
      if (made) return candidate;
    }
    throw new OutputError(`cannot find a free output directory name next to "${dir}"`, dir, 'EEXIST');
  }
  const existing = await stat(dir).catch(() => null);
  if (existing !== null && !existing.isDirectory()) {
    throw new OutputError(`cannot write the output directory "${dir}": a file of that name is in the way`, dir, 'ENOTDIR');
  }
  let at = dirname(dir);
  for (;;) {
    const info = await stat(at).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return null;
      throw outputError(err, at, 'use the output directory');
    });
    if (info !== null) {
      if (!info.isDirectory()) throw new OutputError(`cannot use "${at}" as an output directory: it is a file`, at, 'ENOTDIR');
      break;
    }
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  const probe = join(at, `.${basename(dir)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(probe);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new OutputError(`cannot write the output directory "${dir}": directories cannot be created in "${at}" (${code ?? (err as Error).message})`, dir, code);
  }
  await rm(probe, { recursive: true, force: true });
  return dir;
}

/**
 * `mkdir -p`, one level at a time: Node's recursive mkdir loops forever under virtual file systems
 * such as /proc (`--out /proc/x` spun at 100 % CPU).
 */
async function ensureDirectory(dir: string): Promise<void> {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    const info = await stat(at).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw outputError(err, at, 'use the output directory');
    });
    if (info !== null) {
      if (!info.isDirectory()) throw new OutputError(`cannot use "${at}" as an output directory: it is a file`, at, 'ENOTDIR');
      break;
    }
    missing.push(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const d of missing.reverse()) {
    await mkdir(d).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw outputError(err, d, 'create the output directory');
    });
  }
}

/** Removes our temporaries in `parent` whose process is gone (an interrupted or killed run). */
async function removeStaleTemporaries(parent: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const m = TEMPORARY.exec(name);
    if (m === null) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || isAlive(pid)) continue;
    await rm(join(parent, name), { recursive: true, force: true }).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
