// A published import as a catalog definition: the manifest held in memory, a name and id fixed
// by the import (publishing again replaces it under the same id), and `entityTest` so its test
// calls every entity.
import { declarativeDefinition } from "../declarative/load-manifest.ts";
import { uuidFromName } from "../definition-file.ts";
import type { Definition } from "../types.ts";

export function publishedDefinition(input: { importId: string; name: string; title: string; manifest: Record<string, unknown>; origin?: string }): Definition {
  const definition = declarativeDefinition(input.manifest, input.name, input.origin ?? `import:${input.importId}`);
  definition.id = uuidFromName(`onramp-import:${input.importId}`);
  definition.displayName = input.title;
  definition.entityTest = true;
  // The entities a connection may choose from.
  const streams = Array.isArray(input.manifest.streams) ? (input.manifest.streams as Array<{ name?: unknown }>).map((stream) => String(stream.name)) : [];
  if (streams.length) definition.streams = streams;
  return definition;
}
