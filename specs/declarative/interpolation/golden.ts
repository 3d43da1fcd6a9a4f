// Compares this engine with the CDK's own renders recorded in interpolation-golden.jsonl (see
// ../shared/airbyte-manifests/INDEX.md): each line's template, context, kind, and the Python
// result (`output` with `output_type`) or exception class (`error`). Used by golden.test.ts and
// `npm run specs -- interpolation-check FILE`.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { InterpolationError } from "./errors.ts";
import { evalBoolean, evalString } from "./interpolate.ts";
import { isDict, isFloat, PyFloat, StreamSlice, typeName } from "./values.ts";

export interface GoldenLine {
  manifest: string;
  template: string;
  kind: "string" | "boolean";
  context: Record<string, unknown> & { config: Record<string, unknown> };
  output: unknown;
  output_type: string | null;
  error: string | null;
}

export interface LineResult {
  line: GoldenLine;
  identical: boolean;
  /** Both raised, but not the same exception class. */
  otherError?: boolean;
  actual?: unknown;
  actualType?: string;
  actualError?: string;
}

/** Where the corpus sits when ../shared is beside the repository. */
export const GOLDEN_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../shared/airbyte-manifests/interpolation-golden.jsonl");

export const FROZEN_NOW = new Date("2025-01-15T12:34:56Z");
export const FROZEN_UUID = "00000000-0000-4000-8000-000000000000";

export function readGolden(file: string): GoldenLine[] {
  return readFileSync(file, "utf8").split("\n").filter((line) => line.trim()).map((line) => JSON.parse(line) as GoldenLine);
}

/** The corpus records stream_slice as StreamSlice(partition=…, cursor_slice=…, extra_fields=…). */
function contextOf(line: GoldenLine): Record<string, unknown> & { config: Record<string, unknown> } {
  const context = { ...line.context };
  const slice = context.stream_slice;
  if (isDict(slice) && isDict(slice.partition) && isDict(slice.cursor_slice)) {
    context.stream_slice = new StreamSlice(slice.partition, slice.cursor_slice, isDict(slice.extra_fields) ? slice.extra_fields : undefined);
  }
  return context;
}

/** Same JSON value, and a float where Python had a float (1.0 vs 1). */
function sameValue(actual: unknown, expected: unknown): boolean {
  if (actual instanceof PyFloat) return typeof expected === "number" && actual.value === expected;
  if (actual === undefined) actual = null;
  if (Array.isArray(actual)) return Array.isArray(expected) && actual.length === expected.length && actual.every((item, index) => sameValue(item, expected[index]));
  if (isDict(actual)) {
    if (!isDict(expected)) return false;
    const keys = Object.keys(actual);
    return keys.length === Object.keys(expected).length && keys.every((key) => key in expected && sameValue(actual[key], expected[key]));
  }
  if (typeof actual === "number" && Number.isNaN(actual)) return expected === "NaN";
  return actual === expected;
}

const pythonType = (value: unknown) => (value instanceof PyFloat || isFloat(value) ? "float" : typeName(value));

const FROZEN = { now: () => FROZEN_NOW, uuid: () => FROZEN_UUID };

export function runLine(line: GoldenLine): LineResult {
  const options = FROZEN;
  let actual: unknown;
  try {
    actual = line.kind === "boolean" ? evalBoolean(line.template, contextOf(line), options) : evalString(line.template, contextOf(line), options);
  } catch (error) {
    const kind = error instanceof InterpolationError ? error.kind : `JS ${(error as Error).name}: ${(error as Error).message}`;
    return { line, identical: line.error === kind, otherError: line.error !== null && line.error !== kind, actualError: kind };
  }
  if (line.error) return { line, identical: false, actual, actualType: pythonType(actual) };
  const typeMatches = line.output_type === null || (line.output_type === "float") === (pythonType(actual) === "float");
  return { line, identical: typeMatches && sameValue(actual, line.output), actual, actualType: pythonType(actual) };
}

const CONSTRUCTS: Array<[string, RegExp]> = [
  ["{% for %}", /\{%-?\s*for\b/], ["{% set %}", /\{%-?\s*set\b/], ["{% if %}", /\{%-?\s*if\b/],
  ["format_datetime", /format_datetime\(/], ["str_to_datetime", /str_to_datetime\(/], ["now_utc/today_utc", /(now|today)_utc\(/],
  ["day_delta", /day_delta\(/], ["duration", /duration\(/], ["timestamp", /timestamp\(/], [".strftime", /\.strftime\(/],
  ["| map/select", /\|\s*(map|select|selectattr|reject|rejectattr)\b/], ["| string", /\|\s*string\b/], ["| tojson", /\|\s*tojson\b/],
  ["| int/float", /\|\s*(int|float)\b/], ["| default", /\|\s*(default|d)\b/], ["| hash/base64", /\|\s*(hash|base64\w*)\b/],
  ["| regex_search", /regex_search/], ["other filter", /\|\s*\w+/], ["is test", /\bis\s+(not\s+)?\w+/],
  ["inline if", /\bif\b[^%]*\belse\b/], [".get()", /\.get\(/], ["str method", /\.(split|replace|strip|lower|upper|startswith|format|join)\(/],
  ["slice", /\[[^\]]*:[^\]]*\]/], ["literal", /\{\{\s*[[{]/],
];

/** The construct a differing template is grouped under: its first match in CONSTRUCTS. */
export function constructOf(template: string): string {
  return CONSTRUCTS.find(([, pattern]) => pattern.test(template))?.[0] ?? "plain lookup";
}

export interface GoldenReport {
  total: number;
  /** Same value (and float/int type), or both raised the same exception class. */
  identical: number;
  /** Both raised, different classes: counts as a pass, reported apart. */
  bothRaisedOtherClass: number;
  differing: LineResult[];
  byConstruct: Array<[string, number]>;
}

export function runGolden(lines: GoldenLine[]): GoldenReport {
  const results = lines.map(runLine);
  const differing = results.filter((result) => !result.identical && !result.otherError);
  const counts = new Map<string, number>();
  for (const result of differing) counts.set(constructOf(result.line.template), (counts.get(constructOf(result.line.template)) ?? 0) + 1);
  return {
    total: results.length,
    identical: results.filter((result) => result.identical).length,
    bothRaisedOtherClass: results.filter((result) => result.otherError).length,
    differing,
    byConstruct: [...counts.entries()].sort((a, b) => b[1] - a[1]),
  };
}

/** `N identical, M differ`, then the differing constructs with an example each. */
export function formatReport(report: GoldenReport, examples = 3): string[] {
  const passed = report.identical + report.bothRaisedOtherClass;
  const lines = [
    `${passed} identical, ${report.differing.length} differ (of ${report.total}: ${((100 * passed) / report.total).toFixed(2)}%` +
      `${report.bothRaisedOtherClass ? `; ${report.bothRaisedOtherClass} raise another exception class` : ""})`,
  ];
  for (const [construct, count] of report.byConstruct) {
    lines.push(`  ${construct}: ${count}`);
    for (const result of report.differing.filter((item) => constructOf(item.line.template) === construct).slice(0, examples)) {
      const expected = result.line.error ?? `${JSON.stringify(result.line.output)} (${result.line.output_type})`;
      const actual = result.actualError ?? `${JSON.stringify(result.actual)} (${result.actualType})`;
      lines.push(`    ${result.line.manifest}: ${JSON.stringify(result.line.template).slice(0, 120)} expected ${expected.slice(0, 80)}, got ${actual.slice(0, 80)}`);
    }
  }
  return lines;
}
