// Reading a dereferenced JSON schema for its shape: properties with `allOf` merged (and the first
// branch of a oneOf/anyOf), array or not. Schemas may be circular after dereferencing, so every
// walk here is bounded by depth.
import type { JsonSchema } from "../types.ts";

export function isObject(value: unknown): value is Record<string, any> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The schema's properties, `allOf` parts merged, the first `oneOf`/`anyOf` branch taken. */
export function propertiesOf(schema: JsonSchema | undefined, depth = 0): Record<string, JsonSchema> {
  if (!isObject(schema) || depth > 6) return {};
  const merged: Record<string, JsonSchema> = {};
  for (const part of Array.isArray(schema.allOf) ? schema.allOf : []) Object.assign(merged, propertiesOf(part, depth + 1));
  const branch = Array.isArray(schema.oneOf) ? schema.oneOf[0] : Array.isArray(schema.anyOf) ? schema.anyOf[0] : undefined;
  if (branch) Object.assign(merged, propertiesOf(branch, depth + 1));
  if (isObject(schema.properties)) Object.assign(merged, schema.properties);
  return merged;
}

export function isArraySchema(schema: JsonSchema | undefined, depth = 0): boolean {
  if (!isObject(schema) || depth > 6) return false;
  const type = schema.type;
  if (type === "array" || (Array.isArray(type) && type.includes("array"))) return true;
  if (schema.items && !schema.properties && type === undefined) return true;
  for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []).slice(0, 1), ...(schema.anyOf ?? []).slice(0, 1)]) {
    if (isArraySchema(part, depth + 1)) return true;
  }
  return false;
}

export function itemsOf(schema: JsonSchema | undefined, depth = 0): JsonSchema | undefined {
  if (!isObject(schema) || depth > 6) return undefined;
  if (isObject(schema.items)) return schema.items;
  for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []).slice(0, 1), ...(schema.anyOf ?? []).slice(0, 1)]) {
    const items = itemsOf(part, depth + 1);
    if (items) return items;
  }
  return undefined;
}

export function schemaAt(schema: JsonSchema | undefined, path: string[]): JsonSchema | undefined {
  let current = schema;
  for (const key of path) current = propertiesOf(current)[key];
  return current;
}

/** A schema made from an example value (Postman saved responses): enough shape to find lists. */
export function schemaFromExample(value: unknown, depth = 0): JsonSchema {
  if (depth > 8) return {};
  if (Array.isArray(value)) return { type: "array", items: value.length ? schemaFromExample(value[0], depth + 1) : {} };
  if (isObject(value)) {
    const properties: Record<string, JsonSchema> = {};
    for (const [key, inner] of Object.entries(value)) properties[key] = schemaFromExample(inner, depth + 1);
    return { type: "object", properties };
  }
  if (typeof value === "number") return { type: Number.isInteger(value) ? "integer" : "number" };
  if (typeof value === "boolean") return { type: "boolean" };
  if (value === null) return {};
  return { type: "string" };
}

/**
 * A copy of a schema safe to write into a manifest: references already inlined, cycles cut,
 * depth bounded, and only the keywords a record schema needs.
 */
export function plainSchema(schema: JsonSchema | undefined, depth = 0, seen = new Set<object>()): JsonSchema {
  if (!isObject(schema) || depth > 4 || seen.has(schema)) return {};
  seen.add(schema);
  const out: JsonSchema = {};
  const properties = propertiesOf(schema);
  const type = schema.type ?? (Object.keys(properties).length ? "object" : undefined);
  if (typeof type === "string") out.type = type === "object" || type === "array" ? type : [type, "null"];
  else if (Array.isArray(type)) out.type = type.includes("null") ? type : [...type, "null"];
  if (Object.keys(properties).length) {
    out.properties = {};
    for (const [key, inner] of Object.entries(properties)) out.properties[key] = plainSchema(inner, depth + 1, seen);
  }
  const items = itemsOf(schema);
  if (items) out.items = plainSchema(items, depth + 1, seen);
  seen.delete(schema);
  return out;
}
