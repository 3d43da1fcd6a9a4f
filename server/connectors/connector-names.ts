// A connector's name is the person's choice; the default is the definition's display name, made
// unique in the workspace the way a file manager does ("Postgres", "Postgres 2", "Postgres 3").
import type { Store } from "../store/types.ts";

/** `base`, or `base N` with the smallest N ≥ 2 that no name in `taken` uses (case-insensitive). */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((name) => name.trim().toLowerCase()));
  const stem = base.trim() || "Connector";
  if (!used.has(stem.toLowerCase())) return stem;
  for (let number = 2; ; number += 1) {
    const candidate = `${stem} ${number}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/** The name to suggest for a new connector of `displayName` in a workspace. */
export async function suggestConnectorName(store: Pick<Store, "listConnectors">, workspaceId: string, displayName: string): Promise<string> {
  const connectors = await store.listConnectors({ workspaceId });
  return uniqueName(displayName, connectors.map((connector) => connector.name));
}
