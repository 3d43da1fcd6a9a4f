// Changes to a config the spec itself implies: the object that answers a oneOf choice (with its
// discriminator const), and consts or hidden defaults nobody needs to be asked for.
import type { Definition, JsonSchema } from "./types.ts";
import { getAt, parsePointer, toPointer } from "./pointer.ts";
import { chosenOption, fixedValue, isChoice, objectItems } from "./schema-nav.ts";
import { flagSet } from "./secrets.ts";

/** A change to the config, shaped like the protocol's FormOp. */
export interface ConfigOp {
  op: "set" | "unset";
  path: string;
  value?: unknown;
}

/** The value a person need not be asked for: a const (or one-value enum), or a hidden field's default. */
function impliedValue(node: JsonSchema): unknown {
  const fixed = fixedValue(node);
  if (fixed !== undefined) return fixed;
  return flagSet(node, "airbyte_hidden") ? node.default : undefined;
}

/**
 * The changes that choose option `optionIndex` of the oneOf at `path`: the option's object with
 * its discriminator const (and any other const) filled in. Fields of a previously chosen option
 * are dropped, so a secret of the old option never lingers under the new one; fields given
 * before any option was chosen ("host mongo.local port 27018", then "standalone") are kept when
 * the chosen option has them.
 */
export function choiceOps(definition: Definition, path: string, optionIndex: number, values: unknown = {}): ConfigOp[] {
  const node = choiceNode(definition.connectionSpecification, path, values);
  if (!node || !isChoice(node)) throw new Error(`No oneOf choice at "${path}"`);
  const option: JsonSchema | undefined = node.oneOf[optionIndex];
  if (!option) throw new Error(`The choice at "${path}" has no option ${optionIndex}`);
  const current = getAt(values, path);
  const keep: Record<string, unknown> = {};
  if (current && typeof current === "object" && !Array.isArray(current)) {
    const chosen = chosenOption(node, current);
    if (chosen === optionIndex) Object.assign(keep, current);
    else {
      // Another option (or none yet): what the person gave that the new option also has (the same
      // user name under "password" and under "key pair") is kept, never lost to the switch.
      for (const [key, value] of Object.entries(current)) if (option.properties?.[key]) keep[key] = value;
    }
  }
  return [{ op: "set", path, value: { ...keep, ...fixedValuesOf(option) } }];
}

function choiceNode(root: JsonSchema, path: string, values: unknown): JsonSchema | undefined {
  let node: JsonSchema | undefined = root;
  let value: unknown = values;
  for (const segment of parsePointer(path)) {
    if (!node) return undefined;
    const items: JsonSchema | undefined = /^\d+$/.test(segment) ? objectItems(node) : undefined;
    if (items) {
      node = items;
      value = Array.isArray(value) ? value[Number(segment)] : undefined;
      continue;
    }
    if (isChoice(node)) {
      const chosen = chosenOption(node, value);
      const options = node.oneOf as JsonSchema[];
      node = (chosen !== undefined ? options[chosen] : options.find((option) => option.properties?.[segment])) ?? node;
    }
    node = node?.properties?.[segment];
    value = value !== null && typeof value === "object" ? (value as any)[segment] : undefined;
  }
  return node;
}

/** An option's consts, and the defaults of its required hidden fields (nobody is asked for those). */
function fixedValuesOf(node: JsonSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const required = new Set<string>(Array.isArray(node.required) ? node.required : []);
  for (const [name, child] of Object.entries<JsonSchema>(node.properties ?? {})) {
    const fixed = fixedValue(child);
    const implied = fixed ?? (required.has(name) ? impliedValue(child) : undefined);
    if (implied !== undefined) out[name] = implied;
  }
  return out;
}

/**
 * Values the person is never asked for because the spec fixes them: consts (and one-value
 * enums), and defaults of hidden fields, that are required and missing in the objects, chosen
 * options and array items reached by `values`. (A required hidden field without a default is
 * asked instead: see collect.)
 */
export function impliedOps(definition: Definition, values: unknown = {}): ConfigOp[] {
  const ops: ConfigOp[] = [];
  const visit = (node: JsonSchema, segments: string[], value: unknown, present: boolean) => {
    if (isChoice(node)) {
      const chosen = chosenOption(node, value);
      if (chosen !== undefined) visit(node.oneOf[chosen], segments, value, present);
      return;
    }
    const items = objectItems(node);
    if (items && Array.isArray(value)) {
      value.forEach((item, index) => visit(items, [...segments, String(index)], item, true));
      return;
    }
    if (!node.properties || !present) return;
    const required = new Set<string>(Array.isArray(node.required) ? node.required : []);
    for (const [name, child] of Object.entries<JsonSchema>(node.properties)) {
      const childSegments = [...segments, name];
      const childValue = value !== null && typeof value === "object" ? (value as any)[name] : undefined;
      const implied = impliedValue(child);
      if (implied !== undefined) {
        if (childValue === undefined && required.has(name)) ops.push({ op: "set", path: toPointer(childSegments), value: implied });
        continue;
      }
      visit(child, childSegments, childValue, childValue !== undefined);
    }
  };
  visit(definition.connectionSpecification, [], values, true);
  return ops;
}
