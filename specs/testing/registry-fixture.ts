// Test helper: an Airbyte-registry-shaped document (oss_registry.json's shape) built from the
// shared spec corpus, so registry loading is tested on 500 real specs without the internet.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { CORPUS_DIR } from "./corpus.ts";

const LEVELS = ["certified", "community", "community", "archived"];

export interface RegistryFixtureOptions {
  /** Only these corpus names (source-postgres, ...); all of them when left out. */
  names?: string[];
  /** The icon URL each entry gets (a local server in browser tests); none when left out. */
  iconUrl?: (name: string) => string | undefined;
}

/** `{ sources, destinations }` in the registry's shape; support levels cycle so every level is present. */
export function registryFromCorpus(options: RegistryFixtureOptions = {}): { sources: any[]; destinations: any[] } {
  const files = readdirSync(CORPUS_DIR)
    .filter((file) => file.endsWith(".json"))
    .sort();
  const registry = { sources: [] as any[], destinations: [] as any[] };
  files.forEach((file, index) => {
    const spec = JSON.parse(readFileSync(path.join(CORPUS_DIR, file), "utf8"));
    if (options.names && !options.names.includes(spec.name)) return;
    const kind = spec.kind === "destination" ? "destination" : "source";
    const entry: Record<string, unknown> = {
      [kind === "source" ? "sourceDefinitionId" : "destinationDefinitionId"]: spec.definitionId,
      name: spec.displayName,
      dockerRepository: `airbyte/${spec.name}`,
      dockerImageTag: "1.0.0",
      documentationUrl: spec.documentationUrl,
      supportLevel: LEVELS[index % LEVELS.length],
      releaseStage: index % 2 ? "beta" : "generally_available",
      tombstone: false,
      spec: { documentationUrl: spec.documentationUrl, connectionSpecification: spec.connectionSpecification, ...(spec.advanced_auth ? { advanced_auth: spec.advanced_auth } : {}) },
    };
    const icon = options.iconUrl?.(spec.name);
    if (icon) entry.iconUrl = icon;
    (kind === "source" ? registry.sources : registry.destinations).push(entry);
  });
  return registry;
}
