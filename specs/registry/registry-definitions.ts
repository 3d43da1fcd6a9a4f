// Airbyte's connector registry (the shape of oss_registry.json / cloud_registry.json) turned into
// definitions: `sources[]` and `destinations[]`, each entry with its definition id, display
// `name`, `dockerRepository` (airbyte/source-postgres), icon, support level and `spec`
// (connectionSpecification, advanced_auth). Pure: reading the file or URL, and caching it, is the
// server's business (server/catalog/).
import type { ConnectorKind, Definition } from "../types.ts";
import { definitionFromObject } from "../definition-file.ts";

export interface RegistrySkip {
  /** The entry's name as the registry gives it (or its position when it has none). */
  entry: string;
  reason: string;
}

export interface RegistryDefinitions {
  definitions: Definition[];
  skipped: RegistrySkip[];
}

type Entry = Record<string, any>;

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** "airbyte/source-postgres" → "source-postgres"; without a usable repository, kind + display name. */
export function registryName(entry: Entry, kind: ConnectorKind): string {
  const repository = typeof entry.dockerRepository === "string" ? entry.dockerRepository : "";
  const last = repository.split("/").pop() ?? "";
  if (last.startsWith(`${kind}-`)) return last;
  return `${kind}-${slug(String(entry.name ?? "")) || "unnamed"}`;
}

/** An image a page may show: an http(s) or data: URL, or an inline SVG document as a data: URL. */
export function registryIcon(entry: Entry): string | undefined {
  const url = typeof entry.iconUrl === "string" ? entry.iconUrl.trim() : "";
  if (/^(https?:|data:image\/)/i.test(url)) return url;
  const inline = typeof entry.icon === "string" ? entry.icon.trim() : "";
  // Shown through <img>, where an SVG's scripts never run.
  if (inline.startsWith("<svg") || inline.startsWith("<?xml")) return `data:image/svg+xml;base64,${Buffer.from(inline, "utf8").toString("base64")}`;
  if (/^https?:/i.test(inline)) return inline;
  return undefined;
}

function entryDefinition(entry: Entry, kind: ConnectorKind, origin: string): Definition {
  const idKey = kind === "source" ? "sourceDefinitionId" : "destinationDefinitionId";
  const spec = entry.spec;
  if (!spec || typeof spec !== "object" || !spec.connectionSpecification || typeof spec.connectionSpecification !== "object") {
    throw new Error("no spec.connectionSpecification");
  }
  if (typeof entry[idKey] !== "string" || !entry[idKey]) throw new Error(`no ${idKey}`);
  const name = registryName(entry, kind);
  const definition = definitionFromObject(
    {
      name,
      kind,
      definitionId: entry[idKey],
      displayName: typeof entry.name === "string" && entry.name.trim() ? entry.name.trim() : undefined,
      documentationUrl: entry.documentationUrl ?? spec.documentationUrl,
      connectionSpecification: spec.connectionSpecification,
      advanced_auth: spec.advanced_auth,
    },
    origin,
  );
  const icon = registryIcon(entry);
  if (icon) definition.icon = icon;
  if (typeof entry.supportLevel === "string") definition.supportLevel = entry.supportLevel;
  if (typeof entry.releaseStage === "string") definition.releaseStage = entry.releaseStage;
  return definition;
}

/** True when `value` has the registry's shape (a `sources` or `destinations` array). */
export function isRegistry(value: unknown): value is { sources?: Entry[]; destinations?: Entry[] } {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return Array.isArray(record.sources) || Array.isArray(record.destinations);
}

/**
 * Every usable entry as a definition; tombstoned entries and entries without a spec are skipped
 * with the reason. Throws when `registry` is not a registry at all.
 */
export function definitionsFromRegistry(registry: unknown, origin: string): RegistryDefinitions {
  if (!isRegistry(registry)) throw new Error("not an Airbyte connector registry: expected an object with sources[] and/or destinations[]");
  const definitions: Definition[] = [];
  const skipped: RegistrySkip[] = [];
  const seen = new Set<string>();
  const lists: Array<[ConnectorKind, Entry[]]> = [
    ["source", registry.sources ?? []],
    ["destination", registry.destinations ?? []],
  ];
  for (const [kind, entries] of lists) {
    entries.forEach((entry, index) => {
      const label = typeof entry?.name === "string" ? entry.name : `${kind} #${index + 1}`;
      if (!entry || typeof entry !== "object") return skipped.push({ entry: label, reason: "not an object" });
      if (entry.tombstone === true) return skipped.push({ entry: label, reason: "tombstoned (withdrawn by the registry)" });
      try {
        const definition = entryDefinition(entry, kind, origin);
        // Two entries that map to one name: the first wins, as a catalog holds one per name.
        if (seen.has(definition.name)) return skipped.push({ entry: label, reason: `another entry is already ${definition.name}` });
        seen.add(definition.name);
        definitions.push(definition);
      } catch (error) {
        skipped.push({ entry: label, reason: (error as Error).message });
      }
    });
  }
  return { definitions, skipped };
}
