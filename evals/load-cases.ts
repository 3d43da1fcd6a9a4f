// Finds and validates every case under a folder. Definition folders named by cases, cassettes
// and files that are connector definitions (not cases) are left out.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import YAML from "yaml";
import { caseErrors, unknownCaseKeys } from "./case-schema.ts";
import type { EvalCase } from "./types.ts";

export class CaseFileError extends Error {
  readonly code = "case_invalid";
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: malformed case:\n  - ${problems.join("\n  - ")}`);
  }
}

const CASE_FILE = /\.(ya?ml|json)$/i;
export const CASSETTE_SUFFIX = ".cassette.json";

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(full)));
    else if (CASE_FILE.test(entry.name) && !entry.name.endsWith(CASSETTE_SUFFIX)) files.push(full);
  }
  return files;
}

function looksLikeDefinition(data: unknown): boolean {
  if (!data || typeof data !== "object" || Array.isArray(data)) return false;
  const record = data as Record<string, unknown>;
  return "connectionSpecification" in record || ("spec" in record && !("expect" in record));
}

const CASE_KEYS = ["id", "connector", "expect", "opening", "facts", "turns"];

/** Files that share the folder but are not cases (a JSON report, notes) are left alone. */
function looksLikeCase(data: unknown): boolean {
  if (!data || typeof data !== "object" || Array.isArray(data)) return data !== null && data !== undefined;
  return CASE_KEYS.some((key) => key in (data as Record<string, unknown>));
}

export function parseCaseText(text: string, file: string): unknown {
  try {
    return file.toLowerCase().endsWith(".json") ? JSON.parse(text) : YAML.parse(text);
  } catch (error) {
    throw new CaseFileError(file, [`cannot be parsed: ${(error as Error).message}`]);
  }
}

export interface LoadOptions {
  /** Told about what is accepted but ignored (a top-level key the format does not know). */
  onWarning?: (message: string) => void;
}

/** Validates one parsed case; resolves `definitions` against the case file's folder. */
export function toCase(data: unknown, file: string, opts: LoadOptions = {}): EvalCase {
  const problems = caseErrors(data);
  if (problems.length) throw new CaseFileError(file, problems);
  const unknown = unknownCaseKeys(data);
  for (const key of unknown) opts.onWarning?.(`${file}: ignoring top-level key "${key}" (not part of the case format)`);
  const parsed = Object.fromEntries(Object.entries(data as object).filter(([key]) => !unknown.includes(key))) as Omit<EvalCase, "file">;
  return {
    ...parsed,
    definitions: parsed.definitions ? path.resolve(path.dirname(file), parsed.definitions) : undefined,
    file,
  };
}

export function globToRegExp(glob: string): RegExp {
  const source = glob
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`);
}

export async function loadCases(dir: string, opts: { only?: string } & LoadOptions = {}): Promise<EvalCase[]> {
  const root = path.resolve(dir);
  const parsed: Array<{ file: string; data: unknown }> = [];
  for (const file of await walk(root)) {
    const data = parseCaseText(await readFile(file, "utf8"), file);
    if (looksLikeDefinition(data) || !looksLikeCase(data)) continue;
    parsed.push({ file, data });
  }
  const skipDirs = new Set<string>();
  for (const { file, data } of parsed) {
    const definitions = (data as any)?.definitions;
    if (typeof definitions === "string") skipDirs.add(path.resolve(path.dirname(file), definitions) + path.sep);
  }
  const cases = parsed
    .filter(({ file }) => ![...skipDirs].some((skip) => file.startsWith(skip)))
    .map(({ file, data }) => toCase(data, file, opts));
  const seen = new Map<string, string>();
  for (const one of cases) {
    const previous = seen.get(one.id);
    if (previous) throw new CaseFileError(one.file, [`id "${one.id}" is also used by ${previous}`]);
    seen.set(one.id, one.file);
  }
  const only = opts.only ? globToRegExp(opts.only) : null;
  return only ? cases.filter((one) => only.test(one.id)) : cases;
}
