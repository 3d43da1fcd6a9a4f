// Finding one's way in a connector spec: which oneOf option a value belongs to, which property
// tells the options apart, and which schema node sits at a JSON pointer.
import type { JsonSchema } from "./types.ts";
import { parsePointer } from "./pointer.ts";

export interface Discriminator {
  property: string;
  /** The const of each option, by option index (undefined when an option lacks it). */
  values: Array<string | number | boolean | undefined>;
}

const discriminators = new WeakMap<object, Discriminator | null>();

export function fixedValue(node: JsonSchema | undefined): string | number | boolean | undefined {
  if (!node || typeof node !== "object") return undefined;
  if ("const" in node) return node.const;
  if (Array.isArray(node.enum) && node.enum.length === 1) return node.enum[0];
  return undefined;
}

export function hasFixedValue(node: JsonSchema | undefined): boolean {
  return fixedValue(node) !== undefined;
}

/** A oneOf whose options are objects: asked as one choice rather than as a plain field. */
export function isChoice(node: JsonSchema | undefined): boolean {
  return (
    !!node &&
    Array.isArray(node.oneOf) &&
    node.oneOf.length > 0 &&
    node.oneOf.every((option: JsonSchema) => option && typeof option === "object" && (option.properties || option.type === "object"))
  );
}

/** The property every option fixes with a const (or a one-value enum), e.g. `auth_type`. */
export function discriminatorOf(node: JsonSchema): Discriminator | undefined {
  const cached = discriminators.get(node);
  if (cached !== undefined) return cached ?? undefined;
  let best: Discriminator | null = null;
  let bestDistinct = 0;
  const options: JsonSchema[] = node.oneOf ?? [];
  const first = options[0]?.properties ?? {};
  for (const property of Object.keys(first)) {
    const values = options.map((option) => fixedValue(option?.properties?.[property]));
    if (values.some((value) => value === undefined)) continue;
    const distinct = new Set(values.map((value) => JSON.stringify(value))).size;
    if (distinct > bestDistinct) {
      best = { property, values };
      bestDistinct = distinct;
    }
  }
  discriminators.set(node, best);
  return best ?? undefined;
}

/** Index of the option `value` belongs to, or undefined while that cannot be told. */
export function chosenOption(node: JsonSchema, value: unknown): number | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const options: JsonSchema[] = node.oneOf ?? [];
  const discriminator = discriminatorOf(node);
  if (discriminator) {
    const given = record[discriminator.property];
    if (given === undefined) return undefined;
    const index = discriminator.values.findIndex((candidate) => candidate === given);
    if (index >= 0) return index;
    // Configs written by hand sometimes carry the const with different case or as a string.
    const loose = discriminator.values.findIndex((candidate) => String(candidate).toLowerCase() === String(given).toLowerCase());
    return loose >= 0 ? loose : undefined;
  }
  // Without a discriminator, an option is recognised by keys only it has.
  const keys = Object.keys(record);
  if (keys.length === 0) return undefined;
  const scores = options.map((option) => keys.filter((key) => option?.properties && key in option.properties).length);
  const top = Math.max(...scores);
  if (top === 0 || scores.filter((score) => score === top).length > 1) return undefined;
  return scores.indexOf(top);
}

function childOf(node: JsonSchema, segment: string, value: unknown): { node: JsonSchema; value: unknown } | undefined {
  const childValue = value !== null && typeof value === "object" ? (value as any)[segment] : undefined;
  if (node.properties && Object.prototype.hasOwnProperty.call(node.properties, segment)) {
    return { node: node.properties[segment], value: childValue };
  }
  if (isChoice(node)) {
    const chosen = chosenOption(node, value);
    const options: JsonSchema[] = node.oneOf;
    const ordered = chosen === undefined ? options : [options[chosen], ...options.filter((_, index) => index !== chosen)];
    for (const option of ordered) {
      const found = childOf(option, segment, value);
      if (found) return found;
    }
    return undefined;
  }
  if (node.items && typeof node.items === "object" && /^\d+$/.test(segment)) {
    const items = Array.isArray(node.items) ? node.items[Number(segment)] : node.items;
    return items ? { node: items, value: childValue } : undefined;
  }
  if (node.additionalProperties && typeof node.additionalProperties === "object") {
    return { node: node.additionalProperties, value: childValue };
  }
  return undefined;
}

/**
 * The schema node at `path`. Inside a oneOf the option chosen in `values` is preferred; when
 * none is chosen yet, the first option that has the property answers.
 */
export function schemaAt(schema: JsonSchema, path: string, values: unknown = {}): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  let value: unknown = values;
  for (const segment of parsePointer(path)) {
    if (!node) return undefined;
    const next = childOf(node, segment, value);
    if (!next) return undefined;
    node = next.node;
    value = next.value;
  }
  return node;
}

/**
 * Whether `path` lies in the options `values` chose: a field of another option of a oneOf whose
 * option is known ("host" of a standalone server, once a replica set is chosen) is not.
 */
export function inChosenOptions(schema: JsonSchema, path: string, values: unknown = {}): boolean {
  let node: JsonSchema | undefined = schema;
  let value: unknown = values;
  for (const segment of parsePointer(path)) {
    if (!node) return false;
    if (isChoice(node) && !node.properties?.[segment]) {
      const chosen = chosenOption(node, value);
      const option: JsonSchema | undefined = chosen === undefined ? undefined : node.oneOf[chosen];
      if (option && !option.properties?.[segment]) return false;
    }
    const next = childOf(node, segment, value);
    if (!next) return false;
    node = next.node;
    value = next.value;
  }
  return true;
}

/** Every schema node that can sit at `path`, across all oneOf options (values ignored). */
export function schemasAtAnyOption(schema: JsonSchema, path: string): JsonSchema[] {
  let frontier: JsonSchema[] = [schema];
  for (const segment of parsePointer(path)) {
    const next: JsonSchema[] = [];
    const visit = (node: JsonSchema) => {
      if (!node || typeof node !== "object") return;
      if (node.properties && Object.prototype.hasOwnProperty.call(node.properties, segment)) next.push(node.properties[segment]);
      for (const option of [...(node.oneOf ?? []), ...(node.anyOf ?? []), ...(node.allOf ?? [])]) visit(option);
      if (node.items && typeof node.items === "object" && /^\d+$/.test(segment)) {
        next.push(Array.isArray(node.items) ? node.items[Number(segment)] : node.items);
      }
    };
    frontier.forEach(visit);
    frontier = next.filter(Boolean);
    if (frontier.length === 0) break;
  }
  return frontier;
}

/** The item schema of an array whose items are objects (or a oneOf of objects), walked per item. */
export function objectItems(node: JsonSchema): JsonSchema | undefined {
  if (typeOf(node) !== "array") return undefined;
  const items = Array.isArray(node.items) ? node.items[0] : node.items;
  if (!items || typeof items !== "object") return undefined;
  return isChoice(items) || (items.properties && typeOf(items) === "object") ? items : undefined;
}

/** The JSON type a question is asked as. */
export function typeOf(node: JsonSchema): string {
  const types: string[] = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  const real = types.find((type) => type !== "null");
  if (real) return real;
  if (isChoice(node) || node.properties) return "object";
  const sample = node.const ?? node.enum?.[0] ?? node.default;
  if (typeof sample === "number") return Number.isInteger(sample) ? "integer" : "number";
  if (typeof sample === "boolean") return "boolean";
  if (Array.isArray(node.oneOf) && node.oneOf[0]) return typeOf(node.oneOf[0]);
  return "string";
}
