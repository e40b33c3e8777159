/**
 * JSON text in chunks, for documents too large for one string: a 10,000,000-bar result.json is
 * about a gigabyte, beyond V8's string limit ("Invalid string length"). Long arrays are written one
 * compact element per line; everything else as `JSON.stringify(value, null, indent)` would.
 */

/**
 * An array whose elements are produced on demand (`at(i)`), so a document can hold the rows of a
 * 10-million-bar curve without materialising 10 million objects. `JSON.stringify` sees a plain
 * array (through `toJSON`). Elements must be small JSON values (numbers, strings, flat records):
 * each is written with one `JSON.stringify` call.
 */
export class LazyArray<T> {
  readonly length: number;
  readonly at: (i: number) => T;
  /** Optional fast path: element i as JSON text, exactly `JSON.stringify(at(i))`'s meaning. */
  readonly json: ((i: number) => string) | undefined;

  constructor(length: number, at: (i: number) => T, json?: (i: number) => string) {
    this.length = length;
    this.at = at;
    this.json = json;
  }

  /** The elements as a plain array (what `JSON.stringify` writes). */
  toJSON(): T[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i));
  }
}

/** Arrays up to this length (with only small elements) are written like `JSON.stringify` does. */
const SMALL_ARRAY = 64;

/**
 * Serialises `value` as JSON text, yielding chunks of about `chunkChars` characters. The text
 * parses to the same value as `JSON.stringify(value)`, except that typed arrays are written as
 * arrays of numbers; arrays of more than 64 elements (and every {@link LazyArray} and typed array)
 * put one compact element per line.
 *
 * @param value - any JSON-serialisable value (objects' `toJSON` is honoured)
 * @param indent - spaces per level (default 2)
 * @param chunkChars - approximate chunk size (default 1 MiB of characters)
 * @example
 * for (const chunk of jsonChunks({ rows: new LazyArray(3, (i) => ({ i })) })) process.stdout.write(chunk);
 */
export function* jsonChunks(value: unknown, indent = 2, chunkChars = 1 << 20): Generator<string, void, undefined> {
  let buffer = '';
  const pad = (depth: number): string => ' '.repeat(indent * depth);
  function* write(v: unknown, depth: number): Generator<string, void, undefined> {
    if (buffer.length >= chunkChars) {
      yield buffer;
      buffer = '';
    }
    const items = listLike(v);
    if (items !== null) {
      if (items.length === 0) {
        buffer += '[]';
        return;
      }
      const inner = pad(depth + 1);
      if (items.length <= SMALL_ARRAY && !(v instanceof LazyArray) && !ArrayBuffer.isView(v) && isSmall(v)) {
        buffer += reindent(JSON.stringify(v, null, indent), depth);
        return;
      }
      buffer += '[';
      const lazy = v instanceof LazyArray;
      const text = lazy ? (v as LazyArray<unknown>).json : undefined;
      if (text !== undefined) {
        for (let i = 0; i < items.length; i++) {
          buffer += `${i === 0 ? '' : ','}\n${inner}${text(i)}`;
          if (buffer.length >= chunkChars) {
            yield buffer;
            buffer = '';
          }
        }
        buffer += `\n${pad(depth)}]`;
        return;
      }
      for (let i = 0; i < items.length; i++) {
        const el = items.at(i);
        buffer += `${i === 0 ? '' : ','}\n${inner}`;
        if (lazy || isSmall(el)) {
          const s = JSON.stringify(el);
          buffer += s === undefined ? 'null' : s;
          if (buffer.length >= chunkChars) {
            yield buffer;
            buffer = '';
          }
        } else {
          yield* write(el, depth + 1);
        }
      }
      buffer += `\n${pad(depth)}]`;
      return;
    }
    if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
      const entries = Object.entries(v).filter(([, x]) => x !== undefined && typeof x !== 'function' && typeof x !== 'symbol');
      if (entries.length === 0) {
        buffer += '{}';
        return;
      }
      if (isSmall(v)) {
        buffer += reindent(JSON.stringify(v, null, indent), depth);
        return;
      }
      buffer += '{';
      for (let i = 0; i < entries.length; i++) {
        const [key, x] = entries[i]!;
        buffer += `${i === 0 ? '' : ','}\n${pad(depth + 1)}${JSON.stringify(key)}: `;
        yield* write(x, depth + 1);
      }
      buffer += `\n${pad(depth)}}`;
      return;
    }
    const s = JSON.stringify(v, null, indent);
    buffer += s === undefined ? 'null' : reindent(s, depth);
  }
  yield* write(value, 0);
  buffer += '\n';
  yield buffer;

  function reindent(s: string, depth: number): string {
    return depth === 0 || !s.includes('\n') ? s : s.replaceAll('\n', `\n${pad(depth)}`);
  }
}

interface ListLike {
  readonly length: number;
  at(i: number): unknown;
}

function listLike(v: unknown): ListLike | null {
  if (v instanceof LazyArray) return v;
  if (Array.isArray(v)) return { length: v.length, at: (i) => (v[i] === undefined || typeof v[i] === 'function' ? null : v[i]) };
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const a = v as unknown as ArrayLike<number>;
    return { length: a.length, at: (i) => a[i] };
  }
  return null;
}

/** Whether `v` holds no large array anywhere (then one `JSON.stringify` call is safe and fast). */
function isSmall(v: unknown, depth = 0): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (v instanceof LazyArray || ArrayBuffer.isView(v)) return false;
  if (depth > 8) return false;
  if (Array.isArray(v)) {
    if (v.length > SMALL_ARRAY) return false;
    for (const x of v) if (!isSmall(x, depth + 1)) return false;
    return true;
  }
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return true;
  let keys = 0;
  for (const key in v) {
    if (++keys > 256) return false;
    if (!isSmall((v as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}
