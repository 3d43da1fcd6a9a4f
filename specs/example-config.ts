// Makes up a valid config for any spec (tests, evals, the demo). Each value has a list of
// candidates (const, default, examples, formats, a sample of the pattern, a made-up value);
// the config is validated and every field Ajv still complains about moves to its next candidate.
import type { Definition, JsonSchema } from "./types.ts";
import { toPointer } from "./pointer.ts";
import { discriminatorOf, fixedValue, isChoice, typeOf } from "./schema-nav.ts";
import { validateConfig } from "./validate.ts";
import { sampleForPattern } from "./regex-sample.ts";

const FORMAT_SAMPLES: Record<string, string[]> = {
  "date-time": ["2024-01-01T00:00:00Z", "2024-01-01T00:00:00.000Z", "2024-01-01T00:00:00+00:00"],
  date: ["2024-01-01"],
  time: ["00:00:00Z"],
  uri: ["https://example.com"],
  url: ["https://example.com"],
  "uri-reference": ["https://example.com"],
  email: ["user@example.com"],
  hostname: ["example.com"],
  ipv4: ["127.0.0.1"],
  uuid: ["00000000-0000-4000-8000-000000000000"],
};

// Shapes tried against a pattern before sampling it: dates and URLs read better than "1111-11".
const COMMON_SHAPES = [
  "2024-01-01T00:00:00Z",
  "2024-01-01T00:00:00.000Z",
  "2024-01-01",
  "2024-01-01T00:00:00",
  "2024-01-01 00:00:00",
  "2024-01",
  "https://example.com",
  "example",
];

function stringCandidates(node: JsonSchema, name: string): unknown[] {
  const out: unknown[] = [];
  if (typeof node.format === "string") out.push(...(FORMAT_SAMPLES[node.format] ?? []));
  if (typeof node.pattern === "string") {
    let regex: RegExp | undefined;
    try {
      regex = new RegExp(node.pattern, "u");
    } catch {
      try {
        regex = new RegExp(node.pattern);
      } catch {
        regex = undefined;
      }
    }
    if (regex) out.push(...COMMON_SHAPES.filter((shape) => regex!.test(shape)));
    const sample = sampleForPattern(node.pattern);
    if (sample !== undefined) out.push(sample);
  }
  const minLength = typeof node.minLength === "number" ? node.minLength : 0;
  const base = `example-${name.replace(/[^a-z0-9]+/gi, "-").toLowerCase() || "value"}`;
  out.push(base.length >= minLength ? base : base.padEnd(minLength, "x"));
  if (typeof node.maxLength === "number") out.push("x".repeat(Math.max(minLength, 1)).slice(0, node.maxLength));
  return out;
}

function numberCandidates(node: JsonSchema, integer: boolean): unknown[] {
  const low = typeof node.minimum === "number" ? node.minimum : typeof node.exclusiveMinimum === "number" ? node.exclusiveMinimum + (integer ? 1 : 0.5) : undefined;
  const high = typeof node.maximum === "number" ? node.maximum : typeof node.exclusiveMaximum === "number" ? node.exclusiveMaximum - (integer ? 1 : 0.5) : undefined;
  const out: number[] = [];
  if (low !== undefined) out.push(integer ? Math.ceil(low) : low);
  if (high !== undefined) out.push(integer ? Math.floor(high) : high);
  out.push(1, 0);
  return out.filter((value) => (low === undefined || value >= low) && (high === undefined || value <= high));
}

function candidatesFor(node: JsonSchema, name: string): unknown[] {
  const fixed = fixedValue(node);
  if (fixed !== undefined) return [fixed];
  const out: unknown[] = [];
  if (node.default !== undefined) out.push(node.default);
  if (Array.isArray(node.examples)) out.push(...node.examples);
  else if (node.examples !== undefined) out.push(node.examples);
  if (Array.isArray(node.enum)) out.push(...node.enum.filter((value: unknown) => value !== null));
  const type = typeOf(node);
  if (type === "string") out.push(...stringCandidates(node, name));
  else if (type === "integer" || type === "number") out.push(...numberCandidates(node, type === "integer"));
  else if (type === "boolean") out.push(false, true);
  // Examples are often written as strings for numbers ("5432"): use them as numbers.
  if (type === "integer" || type === "number") {
    return out.map((value) => (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value)) ? Number(value) : value));
  }
  return out;
}

class Filler {
  /** Which candidate each path currently uses. */
  private picks = new Map<string, number>();
  /** How many candidates each path has (for leaves) or options (for choices). */
  private counts = new Map<string, number>();

  fill(node: JsonSchema, segments: string[]): unknown {
    const path = toPointer(segments);
    const name = segments[segments.length - 1] ?? "";
    if (isChoice(node)) {
      const options = node.oneOf as JsonSchema[];
      this.counts.set(path, options.length);
      const index = this.picks.get(path) ?? 0;
      const option = options[index % options.length];
      const value = this.fillObject(option, segments) as Record<string, unknown>;
      const discriminator = discriminatorOf(node);
      if (discriminator) value[discriminator.property] = discriminator.values[index % options.length];
      return value;
    }
    const type = typeOf(node);
    if (type === "object" && node.properties) return this.fillObject(node, segments);
    if (type === "array") return this.fillArray(node, segments);
    const candidates = candidatesFor(node, name);
    if (type === "object" && candidates.length === 0) return {};
    this.counts.set(path, candidates.length);
    return candidates[(this.picks.get(path) ?? 0) % Math.max(candidates.length, 1)] ?? "example";
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
    const items = (Array.isArray(node.items) ? node.items[0] : node.items) ?? { type: "string" };
    const count = Math.max(typeof node.minItems === "number" ? node.minItems : 1, 1);
    return Array.from({ length: count }, (_, index) => this.fill(items, [...segments, String(index)]));
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

/** A config that validates against the definition's spec (best effort: the last attempt when none does). */
export function exampleConfig(definition: Definition): Record<string, unknown> {
  const filler = new Filler();
  const root = definition.connectionSpecification;
  let config = filler.fill(root, []) as Record<string, unknown>;
  for (let round = 0; round < 25; round++) {
    const errors = validateConfig(definition, config);
    if (errors.length === 0) return config;
    let moved = false;
    for (const path of new Set(errors.map((error) => error.path))) moved = filler.advance(path) || moved;
    if (!moved) break;
    config = filler.fill(root, []) as Record<string, unknown>;
  }
  return config;
}
