// Every connector Onramp knows: our built-ins, folders of Airbyte-format definition files and
// imports. Look-up by id, by name, and fuzzily by what a person would type ("Google sheets").
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { distance } from "fastest-levenshtein";
import { parse as parseYaml } from "yaml";
import type { CatalogLookup, ConnectorKind, Definition } from "./types.ts";
import { definitionFromObject } from "./definition-file.ts";
import { builtinDefinitions } from "./builtins/index.ts";
import { declarativeDefinitionFromText, isDeclarativeText } from "./declarative/load-manifest.ts";

export interface LoadReport {
  dir: string;
  loaded: string[];
  failed: Array<{ file: string; error: string }>;
  repaired: Array<{ file: string; name: string; repairs: string[] }>;
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/([a-z])([0-9])/g, "$1 $2")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

// Short names people type that no spec spells out.
const ALIASES: Record<string, string[]> = {
  pg: ["postgres"],
  psql: ["postgres"],
  postgresql: ["postgres"],
  gsheets: ["google", "sheets"],
  ga4: ["google", "analytics"],
};

const KIND_WORDS: Record<string, ConnectorKind> = { source: "source", destination: "destination", dest: "destination" };

function similarity(a: string, b: string): number {
  if (!a || !b) return 0;
  return 1 - distance(a, b) / Math.max(a.length, b.length);
}

export class Catalog implements CatalogLookup {
  private byName = new Map<string, Definition>();
  private byId = new Map<string, Definition>();
  #revision = 0;
  /** What each loadDir found (loaded, failed, repaired), for the server to log at start. */
  readonly reports: LoadReport[] = [];

  constructor(definitions: Definition[] = []) {
    for (const definition of definitions) this.add(definition);
  }

  /** Built-ins first (unless `builtins: false`), then each folder; a folder's definition replaces one of the same name. */
  static async load(opts: { dirs?: string[]; builtins?: boolean } = {}): Promise<Catalog> {
    const catalog = new Catalog(opts.builtins === false ? [] : builtinDefinitions());
    for (const dir of opts.dirs ?? []) await catalog.loadDir(dir);
    return catalog;
  }

  /**
   * Loads every .json/.yaml file of `dir`, and the `manifest.yaml` of each `source-<name>/`
   * folder in it (Airbyte's connector folder layout); a broken file is reported, never fatal. A
   * YAML file with `type: DeclarativeSource` is a low-code manifest (specs/declarative/).
   */
  async loadDir(dir: string): Promise<LoadReport> {
    const report: LoadReport = { dir, loaded: [], failed: [], repaired: [] };
    const entries = await readdir(dir, { withFileTypes: true });
    const files = entries.filter((entry) => entry.isFile() && /\.(json|ya?ml)$/i.test(entry.name)).map((entry) => entry.name);
    for (const folder of entries.filter((entry) => entry.isDirectory() && /^(source|destination)-/.test(entry.name))) {
      const inner = await readdir(path.join(dir, folder.name)).catch(() => [] as string[]);
      const manifest = inner.find((name) => /^manifest\.ya?ml$/i.test(name));
      if (manifest) files.push(path.join(folder.name, manifest));
    }
    for (const file of files.sort()) {
      try {
        const text = await readFile(path.join(dir, file), "utf8");
        const isYaml = !/\.json$/i.test(file);
        const definition =
          isYaml && isDeclarativeText(text)
            ? declarativeDefinitionFromText(text, path.join(dir, file), dir)
            : definitionFromObject(isYaml ? parseYaml(text) : JSON.parse(text), dir, file);
        this.add(definition);
        report.loaded.push(definition.name);
        if (definition.repairs?.length) report.repaired.push({ file, name: definition.name, repairs: definition.repairs });
      } catch (error) {
        report.failed.push({ file, error: (error as Error).message });
      }
    }
    this.reports.push(report);
    return report;
  }

  /** Moves on every add: a copy of this catalog elsewhere (an agent worker's) knows when it is behind. */
  get revision(): number {
    return this.#revision;
  }

  /** Lets `id` find `definition` too (a copy of a catalog that gave it an id it no longer holds). */
  alias(id: string, definition: Definition): void {
    this.byId.set(id, definition);
  }

  list(kind?: ConnectorKind): Definition[] {
    const all = [...this.byName.values()];
    return kind ? all.filter((definition) => definition.kind === kind) : all;
  }

  get(idOrName: string): Definition | undefined {
    return this.byId.get(idOrName) ?? this.byName.get(idOrName) ?? this.byName.get(idOrName.toLowerCase());
  }

  /**
   * Adds a definition, replacing one of the same name. Connectors saved earlier name the replaced
   * definition by its id, so every id that led to it (its own and the aliases it inherited) now
   * leads to the replacement instead of nowhere.
   */
  add(definition: Definition): void {
    this.#revision++;
    const previous = this.byName.get(definition.name);
    if (previous) {
      for (const [id, known] of this.byId) if (known === previous) this.byId.set(id, definition);
    }
    this.byName.set(definition.name, definition);
    this.byId.set(definition.id, definition);
  }

  /**
   * Best matches first. Every word of the query found among a definition's words scores high
   * (prefixes count, so "postg" finds Postgres); otherwise edit distance on the whole name.
   * "source"/"destination" in the query narrows the kind.
   */
  search(query: string, limit = 10): Array<{ definition: Definition; score: number }> {
    const queryWords = words(query).flatMap((word) => ALIASES[word] ?? [word]);
    const kind = queryWords.map((word) => KIND_WORDS[word]).find(Boolean);
    const content = queryWords.filter((word) => !KIND_WORDS[word]);
    if (content.length === 0) return [];
    const joined = content.join(" ");
    const results: Array<{ definition: Definition; score: number }> = [];
    for (const definition of this.byName.values()) {
      if (kind && definition.kind !== kind) continue;
      const bare = definition.name.replace(/^(source|destination)-/, "");
      const candidates = [words(definition.displayName), words(bare)];
      let score = 0;
      for (const candidate of candidates) {
        const text = candidate.join(" ");
        if (text === joined) score = Math.max(score, 1);
        const hits = content.filter((word) => candidate.includes(word)).length;
        const prefixHits = content.filter((word) => candidate.some((have) => have.startsWith(word) || word.startsWith(have) && have.length >= 3)).length;
        if (hits === content.length) score = Math.max(score, 0.9 - 0.02 * (candidate.length - content.length));
        else if (prefixHits === content.length) score = Math.max(score, 0.75 - 0.02 * (candidate.length - content.length));
        score = Math.max(score, 0.8 * similarity(joined, text));
      }
      if (score >= 0.5) results.push({ definition, score: Math.round(score * 1000) / 1000 });
    }
    return results
      .sort(
        (a, b) =>
          b.score - a.score ||
          Number(b.definition.origin === "builtin") - Number(a.definition.origin === "builtin") ||
          Number(b.definition.kind === "source") - Number(a.definition.kind === "source") ||
          a.definition.name.localeCompare(b.definition.name),
      )
      .slice(0, limit);
  }
}
