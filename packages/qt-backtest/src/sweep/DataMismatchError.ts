/**
 * A worker's data files differ from the ones the sweep was submitted with.
 */
export class DataMismatchError extends Error {
  override readonly name = 'DataMismatchError';
}

/**
 * Checks a worker's data hashes against a sweep's.
 *
 * @throws {DataMismatchError} naming the first differing file and both hashes.
 * @example verifyDataHashes(['data/a.csv'], ['ab12…'], ['ab12…']) // ok
 */
export function verifyDataHashes(paths: readonly string[], have: readonly (string | undefined)[], want: readonly string[]): void {
  if (have.length !== want.length) {
    throw new DataMismatchError(`this worker loaded ${have.length} data file(s) (${paths.join(', ')}); the sweep was submitted with ${want.length}: run workers beside the same files`);
  }
  for (let i = 0; i < want.length; i++) {
    if (have[i] !== want[i]) {
      throw new DataMismatchError(
        `data file ${paths[i]} on this worker has sha256 ${(have[i] ?? 'none').slice(0, 16)}…; the sweep was submitted with ${want[i]!.slice(0, 16)}…: refusing to run on different data`,
      );
    }
  }
}
