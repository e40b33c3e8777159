/** Whether a module's source exports nothing (its only export statements are `export {}`). */
export function exportsNothing(file: string): boolean;
/** Every workspace package (packages/*), with whether its public API is empty. */
export function workspacePackages(): {
  folder: string;
  dir: string;
  name: string;
  manifest: Record<string, unknown>;
  empty: boolean;
}[];
/** Packs the release into `outDir`; returns the tarball paths. */
export function packRelease(outDir: string, log: (line: string) => void): string[];
