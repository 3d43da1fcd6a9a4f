// The values the example filler tries for one leaf field, best first: const, default, examples,
// enum, then made-up values that meet the field's format, pattern, bounds and multipleOf. A
// candidate the field's `not` (or an inexact multipleOf) rejects is dropped before it is tried.
import type { JsonSchema } from "./types.ts";
import { fixedValue, typeOf } from "./schema-nav.ts";
import { sampleForPattern } from "./regex-sample.ts";
import { tryRegExp } from "./lenient-regexp.ts";
import { schemaAccepts } from "./ajv.ts";

/** A sample for every format Ajv checks (and the usual unchecked ones), tested in example-config.test.ts. */
export const FORMAT_SAMPLES: Record<string, string[]> = {
  "date-time": ["2024-01-01T00:00:00Z", "2024-01-01T00:00:00.000Z", "2024-01-01T00:00:00+00:00"],
  "iso-date-time": ["2024-01-01T00:00:00Z"],
  date: ["2024-01-01"],
  time: ["00:00:00Z"],
  "iso-time": ["00:00:00Z"],
  duration: ["P1D", "PT1H"],
  uri: ["https://example.com"],
  url: ["https://example.com"],
  "uri-reference": ["https://example.com"],
  "uri-template": ["https://example.com/{id}"],
  iri: ["https://example.com"],
  "iri-reference": ["https://example.com"],
  email: ["user@example.com"],
  "idn-email": ["user@example.com"],
  hostname: ["example.com"],
  "idn-hostname": ["example.com"],
  ipv4: ["127.0.0.1"],
  ipv6: ["::1"],
  uuid: ["00000000-0000-4000-8000-000000000000"],
  regex: [".*"],
  "json-pointer": ["/example"],
  "json-pointer-uri-fragment": ["#/example"],
  "relative-json-pointer": ["0/example"],
  byte: ["ZXhhbXBsZQ=="],
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
    const regex = tryRegExp(node.pattern);
    if (regex) out.push(...COMMON_SHAPES.filter((shape) => regex.test(shape)));
    const sample = sampleForPattern(node.pattern);
    if (sample !== undefined) out.push(sample);
  }
  // A field named like an address (url, base_url, api_endpoint) is put into requests as one:
  // a bare word there would make every URL built from it invalid.
  if (/(^|_)(url|uri|endpoint)$/i.test(name.replace(/([a-z0-9])([A-Z])/g, "$1_$2"))) out.push("https://example.com");
  const minLength = typeof node.minLength === "number" ? node.minLength : 0;
  const slug = name.replace(/[^a-z0-9]+/gi, "-").toLowerCase() || "value";
  for (const base of [`example-${slug}`, `sample-${slug}`]) out.push(base.length >= minLength ? base : base.padEnd(minLength, "x"));
  if (typeof node.maxLength === "number") out.push("x".repeat(Math.max(minLength, 1)).slice(0, node.maxLength));
  return out;
}

/** Ajv's own test for multipleOf (without multipleOfPrecision): the quotient must be a whole number. */
function isMultiple(value: number, step: number): boolean {
  const quotient = value / step;
  return quotient === Math.trunc(quotient);
}

function numberCandidates(node: JsonSchema, integer: boolean): number[] {
  const low = typeof node.minimum === "number" ? node.minimum : typeof node.exclusiveMinimum === "number" ? node.exclusiveMinimum + (integer ? 1 : 0.5) : undefined;
  const high = typeof node.maximum === "number" ? node.maximum : typeof node.exclusiveMaximum === "number" ? node.exclusiveMaximum - (integer ? 1 : 0.5) : undefined;
  const inRange = (value: number) => (low === undefined || value >= low) && (high === undefined || value <= high);
  const step = typeof node.multipleOf === "number" && node.multipleOf > 0 ? node.multipleOf : undefined;
  const out: number[] = [];
  if (step !== undefined) {
    // Multiples from the lower bound up; floating point makes some k·step inexact, so several are tried.
    const first = Math.ceil((low ?? 0) / step);
    for (let k = first; k < first + 20; k++) out.push(k * step);
    out.push(step, 0);
    return out.filter((value) => inRange(value) && isMultiple(value, step) && (!integer || Number.isInteger(value)));
  }
  if (low !== undefined) out.push(integer ? Math.ceil(low) : low);
  if (high !== undefined) out.push(integer ? Math.floor(high) : high);
  out.push(1, 0, 2);
  return out.filter(inRange);
}

/** Candidates for a leaf (no properties), best first; never empty for strings and numbers. */
export function candidatesFor(node: JsonSchema, name: string): unknown[] {
  const fixed = fixedValue(node);
  if (fixed !== undefined) return [fixed];
  if (node.type === "null") return [null];
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
  const typed =
    type === "integer" || type === "number"
      ? out.map((value) => (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value)) ? Number(value) : value))
      : out;
  return acceptable(node, typed);
}

/**
 * Drops candidates that `not` or multipleOf rule out, checked by the field's own schema (so by
 * Ajv's rules). Only fields with those keywords pay for a compile. When nothing is left the list
 * is kept, so the filler still produces a value and reports it invalid.
 */
function acceptable(node: JsonSchema, candidates: unknown[]): unknown[] {
  if (node.not === undefined && node.multipleOf === undefined) return candidates;
  const kept = candidates.filter((candidate) => schemaAccepts(node, candidate));
  return kept.length > 0 ? kept : candidates;
}

/** `count` different values for the items of a uniqueItems array, when the item schema allows that many. */
export function distinctCandidates(node: JsonSchema, name: string, count: number): unknown[] {
  const seen = new Set<string>();
  const out: unknown[] = [];
  const add = (value: unknown) => {
    const key = JSON.stringify(value);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(value);
    }
  };
  candidatesFor(node, name).forEach(add);
  const closed = fixedValue(node) !== undefined || Array.isArray(node.enum);
  for (let index = 0; out.length < count && !closed && index < count * 4; index++) {
    const type = typeOf(node);
    if (type === "string") acceptable(node, [`example-${name}-${index + 1}`]).forEach(add);
    else if (type === "integer" || type === "number") {
      const step = typeof node.multipleOf === "number" && node.multipleOf > 0 ? node.multipleOf : 1;
      const low = typeof node.minimum === "number" ? node.minimum : 0;
      add(Math.ceil(low / step) * step + index * step);
    } else break;
  }
  return out;
}
