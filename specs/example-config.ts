// Makes up a valid config for any spec (tests, evals, the demo). Each value has a list of
// candidates (see example-candidates.ts); the config is validated and every field Ajv still
// complains about moves to its next candidate, a few rounds at most. `anyOf` (and a oneOf of
// non-objects) is a list of alternatives like any other; `allOf` parts are merged first.
import type { Definition, FieldError, JsonSchema } from "./types.ts";
import { toPointer } from "./pointer.ts";
import { discriminatorOf, fixedValue, isChoice, typeOf } from "./schema-nav.ts";
import { validateConfig } from "./validate.ts";
import { candidatesFor, distinctCandidates } from "./example-candidates.ts";

export interface ExampleConfigResult {
  config: Record<string, unknown>;
  /** False when no candidate combination validated; `config` is then the last attempt. */
  valid: boolean;
  /** What Ajv said about `config` (empty when valid). */
  errors: FieldError[];
}

const ROUNDS = 25;

/** `node` with its allOf parts merged in (properties and required lists united). */
function merged(node: JsonSchema, ...parts: JsonSchema[]): JsonSchema {
  const out: JsonSchema = { ...node };
  delete out.allOf;
  for (const part of [...(Array.isArray(node.allOf) ? node.allOf : []), ...parts]) {
    if (!part || typeof part !== "object") continue;
    const inner = part.allOf ? merged(part) : part;
    const properties = { ...(out.properties ?? {}), ...(inner.properties ?? {}) };
    const required = [...new Set([...(out.required ?? []), ...(inner.required ?? [])])];
    Object.assign(out, inner);
    if (Object.keys(properties).length > 0) out.properties = properties;
    if (required.length > 0) out.required = required;
  }
  return out;
}

/** The alternatives of an anyOf, or of a oneOf the walker does not treat as a choice of objects. */
function alternativesOf(node: JsonSchema): JsonSchema[] | undefined {
  const list = Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) && !isChoice(node) ? node.oneOf : undefined;
  if (!list || list.length === 0) return undefined;
  const { anyOf: _anyOf, oneOf: _oneOf, ...base } = node;
  return list.map((alternative: JsonSchema) => merged(base, alternative));
}

const objectLike = (node: JsonSchema) => typeOf(node) === "object" || !!node.properties;

class Filler {
  /** Which candidate each path currently uses. */
  private picks = new Map<string, number>();
  /** How many candidates each path has (for leaves) or options (for choices). */
  private counts = new Map<string, number>();

  /** `offset` shifts the pick, so the items of a uniqueItems array start from different candidates. */
  fill(raw: JsonSchema, segments: string[], offset = 0): unknown {
    const node = raw.allOf ? merged(raw) : raw;
    const path = toPointer(segments);
    const name = segments[segments.length - 1] ?? "";
    const pick = (this.picks.get(path) ?? 0) + offset;
    if (isChoice(node)) {
      const options = node.oneOf as JsonSchema[];
      this.counts.set(path, options.length);
      const index = pick % options.length;
      const value = this.fillObject(merged(node, options[index]), segments);
      const discriminator = discriminatorOf(node);
      if (discriminator) value[discriminator.property] = discriminator.values[index];
      return value;
    }
    const alternatives = alternativesOf(node);
    if (alternatives) return this.fillAlternative(alternatives, segments, pick);
    const type = typeOf(node);
    if (type === "object" && node.properties) return this.fillObject(node, segments);
    if (type === "array") return this.fillArray(node, segments);
    const candidates = candidatesFor(node, name);
    if (type === "object" && candidates.length === 0) return {};
    this.counts.set(path, candidates.length);
    return candidates[pick % Math.max(candidates.length, 1)] ?? "example";
  }

  /** Every alternative's values in a row (an object alternative counts as one); the pick walks them. */
  private fillAlternative(alternatives: JsonSchema[], segments: string[], pick: number): unknown {
    const name = segments[segments.length - 1] ?? "";
    type Variant = { structure: JsonSchema } | { value: unknown };
    const variants = alternatives.flatMap((alternative): Variant[] => {
      const structured = (objectLike(alternative) || typeOf(alternative) === "array") && fixedValue(alternative) === undefined && !alternative.enum;
      return structured ? [{ structure: alternative }] : candidatesFor(alternative, name).map((value) => ({ value }));
    });
    const variant = variants[pick % Math.max(variants.length, 1)];
    const value = !variant ? "example" : "value" in variant ? variant.value : typeOf(variant.structure) === "array" ? this.fillArray(variant.structure, segments) : this.fillObject(variant.structure, segments);
    // Set last: an array alternative counts its own listed values at this path too, but here the
    // pick walks the alternatives.
    this.counts.set(toPointer(segments), variants.length);
    return value;
  }

  private fillObject(node: JsonSchema, segments: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const required = new Set<string>(Array.isArray(node.required) ? node.required : []);
    for (const [name, child] of Object.entries<JsonSchema>(node.properties ?? {})) {
      if (!child || typeof child !== "object") continue;
      if (required.has(name) || (fixedValue(child) !== undefined && !child.airbyte_hidden)) out[name] = this.fill(child, [...segments, name]);
    }
    // A name listed as required but not described still needs a value.
    for (const name of required) if (!(name in out)) out[name] = "example";
    return out;
  }

  private fillArray(node: JsonSchema, segments: string[]): unknown[] {
    const path = toPointer(segments);
    const listed: unknown[] = [];
    if (Array.isArray(node.default)) listed.push(node.default);
    if (Array.isArray(node.examples)) listed.push(...node.examples.filter(Array.isArray));
    const pick = this.picks.get(path) ?? 0;
    this.counts.set(path, listed.length + 1);
    if (pick < listed.length) return listed[pick] as unknown[];
    const items: JsonSchema = (Array.isArray(node.items) ? node.items[0] : node.items) ?? { type: "string" };
    const count = Math.max(typeof node.minItems === "number" ? node.minItems : 1, 1);
    const name = segments[segments.length - 1] ?? "item";
    if (node.uniqueItems === true && !objectLike(items) && typeOf(items) !== "array" && !alternativesOf(items)) {
      // Items of a unique list must differ: take distinct candidates rather than the same first one.
      const distinct = distinctCandidates(items, name, count);
      if (distinct.length >= count) return distinct.slice(0, count);
    }
    return Array.from({ length: count }, (_, index) => this.fill(items, [...segments, String(index)], node.uniqueItems === true ? index : 0));
  }

  /** Moves the field at (or the nearest ancestor of) `path` to its next candidate; false when none is left. */
  advance(path: string): boolean {
    let at = path;
    for (;;) {
      const count = this.counts.get(at);
      const pick = this.picks.get(at) ?? 0;
      if (count !== undefined && pick + 1 < count) {
        this.picks.set(at, pick + 1);
        return true;
      }
      if (at === "") return false;
      at = at.slice(0, at.lastIndexOf("/"));
    }
  }
}

/** A config for the definition's spec, and whether it validates (with Ajv's errors when not). */
export function exampleConfigResult(definition: Definition): ExampleConfigResult {
  const filler = new Filler();
  const root = definition.connectionSpecification;
  let config = filler.fill(root, []) as Record<string, unknown>;
  let errors = validateConfig(definition, config);
  for (let round = 0; round < ROUNDS && errors.length > 0; round++) {
    let moved = false;
    for (const path of new Set(errors.map((error) => error.path))) moved = filler.advance(path) || moved;
    if (!moved) break;
    config = filler.fill(root, []) as Record<string, unknown>;
    errors = validateConfig(definition, config);
  }
  return { config, valid: errors.length === 0, errors };
}

/**
 * A config that validates against the definition's spec. Best effort: when no candidate
 * combination validates it returns the last attempt; exampleConfigResult says whether it did.
 */
export function exampleConfig(definition: Definition): Record<string, unknown> {
  return exampleConfigResult(definition).config;
}
