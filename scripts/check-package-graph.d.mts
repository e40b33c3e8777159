// Types of the plain-JavaScript package-graph check, for its TypeScript test.

/** The allowed workspace graph, as in scripts/package-graph.json. */
export interface Graph {
  readonly packages: Readonly<Record<string, { readonly name: string; readonly dependsOn: readonly string[]; readonly private?: boolean }>>;
}

/** Problems found in the repository's manifests (empty when consistent) and a summary line. */
export function checkPackageGraph(root: string, graph?: Graph): { problems: string[]; summary: string };

/** A cycle in a directed graph as a list of nodes (first repeated last), or undefined. */
export function findCycle(edges: Record<string, string[]>): string[] | undefined;
