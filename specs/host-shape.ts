// A check Ajv cannot make from most specs: a field that names a host (host, hostname,
// tunnel_host, server_hostname, ...) holds one word. Specs rarely give such a field a pattern,
// and their hosts come in many shapes (a name, an IP, a URL, a comma list, a placeholder), so
// the one rule that holds for every host in the shared corpus is: no spaces. A field with a
// pattern of its own is left to that pattern.
import type { FieldError, JsonSchema } from "./types.ts";
import { chosenOption } from "./schema-nav.ts";
import { toPointer } from "./pointer.ts";

const HOST_KEY = /(^|_)(host|hostname)$/i;

function isHostField(key: string, schema: JsonSchema): boolean {
  const type = Array.isArray(schema?.type) ? schema.type : [schema?.type];
  return HOST_KEY.test(key) && type.includes("string") && typeof schema.pattern !== "string" && !Array.isArray(schema.enum);
}

/** A "host" error for each host field of `config` whose value has whitespace in it. */
export function hostShapeErrors(schema: JsonSchema, config: unknown, segments: string[] = []): FieldError[] {
  if (!schema || typeof schema !== "object" || config === null || typeof config !== "object" || Array.isArray(config)) return [];
  const errors: FieldError[] = [];
  const nodes = [schema];
  if (Array.isArray(schema.oneOf)) {
    const chosen = chosenOption(schema, config);
    if (chosen !== undefined) nodes.push(schema.oneOf[chosen]);
  }
  for (const node of nodes) {
    for (const [key, child] of Object.entries((node?.properties ?? {}) as Record<string, JsonSchema>)) {
      const value = (config as Record<string, unknown>)[key];
      if (typeof value === "string" && isHostField(key, child) && /\s/.test(value)) {
        errors.push({ path: toPointer([...segments, key]), keyword: "host", message: "must be a host name or address without spaces", params: {} });
      } else if (value && typeof value === "object") {
        errors.push(...hostShapeErrors(child, value, [...segments, key]));
      }
    }
  }
  return errors;
}
