// A copy of a connection spec in which every field isSecretPath calls secret carries
// `airbyte_secret: true`. Views that read only the Airbyte flag (the widget ships no spec
// engine) then mask exactly what the server seals: fields secret by name or format too.
import { flagSet, isSecretPath } from "./secrets.ts";
import { toPointer } from "./pointer.ts";
import type { JsonSchema } from "./types.ts";

const marked = new WeakMap<JsonSchema, JsonSchema>();

export function withSecretMarks(schema: JsonSchema): JsonSchema {
  const cached = marked.get(schema);
  if (cached) return cached;
  const copy = structuredClone(schema) as JsonSchema;
  // Paths skip oneOf options (a pointer names the value, not the option), as isSecretPath does.
  const visit = (node: JsonSchema, segments: string[]) => {
    if (!node || typeof node !== "object") return;
    for (const option of Array.isArray(node.oneOf) ? (node.oneOf as JsonSchema[]) : []) visit(option, segments);
    for (const [name, child] of Object.entries<JsonSchema>(node.properties ?? {})) {
      if (!child || typeof child !== "object") continue;
      const path = [...segments, name];
      if (!flagSet(child, "airbyte_secret") && !child.properties && !child.oneOf && isSecretPath(schema, toPointer(path))) {
        child.airbyte_secret = true;
      }
      visit(child, path);
    }
  };
  visit(copy, []);
  marked.set(schema, copy);
  return copy;
}
