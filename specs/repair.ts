// Harmless faults found in real upstream specs, mended instead of refusing the connector:
// duplicate `enum` items, duplicate `required` entries, patterns the unicode flag rejects, and a
// `$schema` naming draft-07 by an address Ajv does not know (https instead of http).
import type { JsonSchema } from "./types.ts";
import { sampleForPattern } from "./regex-sample.ts";
import { needsUnicodeRelax } from "./lenient-regexp.ts";

export interface RepairOptions {
  /** Whether a string satisfies a format; given, a format no string of the pattern can meet is dropped. */
  formatAccepts?: (format: string, value: string) => boolean;
}

// Strings a date/URL-ish pattern is likely to accept; used to tell a pattern/format conflict.
const PROBES = ["2024-01-01T00:00:00Z", "2024-01-01T00:00:00.000Z", "2024-01-01", "2024-01-01T00:00:00", "01-01-2024", "https://example.com"];

const DRAFT_07 = "http://json-schema.org/draft-07/schema#";

function dedupe(values: unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = JSON.stringify(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function patternNeedsRepair(pattern: string): boolean {
  let verdict = patternVerdicts.get(pattern);
  if (verdict === undefined) {
    verdict = needsUnicodeRelax(pattern);
    patternVerdicts.set(pattern, verdict);
  }
  return verdict;
}

const SYNTAX = new Set("^$\\.*+?()[]{}|/".split(""));

/**
 * The same pattern without identity escapes of non-syntax characters (`\-`, `\_`, `\:`), which
 * mean the character itself without the unicode flag and are errors with it. A `\-` inside a
 * class stays, since there it is legal and keeps the hyphen from forming a range.
 */
function unicodeSafePattern(pattern: string): string | undefined {
  let out = "";
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === "\\" && index + 1 < pattern.length) {
      const next = pattern[index + 1];
      const identity = !/[A-Za-z0-9]/.test(next) && !SYNTAX.has(next) && !(inClass && next === "-");
      out += identity ? next : char + next;
      index++;
      continue;
    }
    if (char === "[" && !inClass) inClass = true;
    else if (char === "]" && inClass) inClass = false;
    out += char;
  }
  try {
    new RegExp(out, "u");
    return out;
  } catch {
    return undefined;
  }
}

function hasDuplicates(values: unknown[]): boolean {
  if (values.every((value) => typeof value === "string")) return new Set(values).size !== values.length;
  return dedupe(values).length !== values.length;
}

function formatConflict(node: Record<string, unknown>, options: RepairOptions): boolean {
  const { formatAccepts } = options;
  if (!formatAccepts || typeof node.pattern !== "string" || typeof node.format !== "string") return false;
  let regex: RegExp;
  try {
    regex = new RegExp(node.pattern);
  } catch {
    return false;
  }
  const sample = sampleForPattern(node.pattern);
  const examples = Array.isArray(node.examples) ? node.examples.filter((example): example is string => typeof example === "string") : [];
  const matching = [...PROBES, ...examples, ...(sample ? [sample] : [])].filter((probe) => regex.test(probe));
  return matching.length > 0 && !matching.some((probe) => formatAccepts(node.format as string, probe));
}

/** A quick look, allocating nothing, for anything repairSchema would mend. */
function needsRepair(node: unknown, options: RepairOptions, inMap = false): boolean {
  if (Array.isArray(node)) return node.some((item) => needsRepair(item, options));
  if (node === null || typeof node !== "object") return false;
  const record = node as Record<string, unknown>;
  if (!inMap) {
    if (Array.isArray(record.enum) && hasDuplicates(record.enum)) return true;
    if (Array.isArray(record.required) && hasDuplicates(record.required)) return true;
    if (typeof record.pattern === "string" && patternNeedsRepair(record.pattern)) return true;
    if (formatConflict(record, options)) return true;
  }
  for (const [key, value] of Object.entries(record)) {
    if (value !== null && typeof value === "object" && needsRepair(value, options, !inMap && (key === "properties" || key === "definitions"))) return true;
  }
  return false;
}

const patternVerdicts = new Map<string, boolean>();

/** Returns a mended copy and what was mended; the input is left untouched (and returned as is when sound). */
export function repairSchema(schema: JsonSchema, options: RepairOptions = {}): { schema: JsonSchema; repairs: string[] } {
  const markerFault = typeof schema.$schema === "string" && schema.$schema !== DRAFT_07;
  if (!markerFault && !needsRepair(schema, options)) return { schema, repairs: [] };
  const repairs: string[] = [];
  const visit = (node: unknown, where: string): unknown => {
    if (Array.isArray(node)) return node.map((item, index) => visit(item, `${where}/${index}`));
    if (node === null || typeof node !== "object") return node;
    const out: Record<string, unknown> = {};
    const dropFormat = formatConflict(node as Record<string, unknown>, options);
    if (dropFormat) repairs.push(`${where}/format: "${(node as any).format}" contradicts the field's pattern; the format is ignored`);
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const at = `${where}/${key}`;
      if (key === "format" && dropFormat) continue;
      if ((key === "enum" || key === "required") && Array.isArray(value)) {
        const unique = dedupe(value);
        if (unique.length !== value.length) {
          repairs.push(`${at}: removed ${value.length - unique.length} duplicate ${key === "enum" ? "enum item" : "required entry"}(s)`);
        }
        out[key] = unique;
        continue;
      }
      if (key === "pattern" && typeof value === "string" && patternNeedsRepair(value)) {
        const rewritten = unicodeSafePattern(value);
        if (rewritten !== undefined) {
          repairs.push(`${at}: pattern has escapes the unicode flag rejects (such as \\-); rewritten without them`);
          out[key] = rewritten;
        } else {
          repairs.push(`${at}: pattern is invalid under the unicode flag; compiled without it`);
          out[key] = value;
        }
        continue;
      }
      // Under `properties` the keys are field names, not keywords: walk them without matching.
      out[key] = key === "properties" || key === "definitions" ? visitMap(value, at) : visit(value, at);
    }
    return out;
  };
  const visitMap = (node: unknown, where: string): unknown => {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return visit(node, where);
    const out: Record<string, unknown> = {};
    for (const [name, child] of Object.entries(node as Record<string, unknown>)) out[name] = visit(child, `${where}/${name}`);
    return out;
  };
  const repaired = visit(schema, "") as JsonSchema;
  if (typeof repaired.$schema === "string" && repaired.$schema !== DRAFT_07) {
    repairs.push(`/$schema: "${repaired.$schema}" is not a known meta-schema; validated as draft-07`);
    repaired.$schema = DRAFT_07;
  }
  return { schema: repaired, repairs };
}
