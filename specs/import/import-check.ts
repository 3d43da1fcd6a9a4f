// `npm run specs -- import-check DIR`: every description of DIR imported, its manifest built and
// validated against the declarative schema. One line per file (entities, auth, pagination found),
// then `N passed, M failed`. A file passes when it imports, its manifest validates, and it yields
// an entity wherever the folder's INDEX.md (when there is one) counts list-like GETs for it.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { prepareManifest } from "../declarative/manifest-cache.ts";
import { buildManifest } from "./build-manifest.ts";
import { createDraft } from "./create-draft.ts";
import type { ImportDraft } from "./types.ts";

export interface ImportReport {
  file: string;
  ok: boolean;
  draft?: ImportDraft;
  /** List-like GETs the index counts (undefined: no index row). */
  expectedLists?: number;
  error?: string;
}

/** `N / M` (OpenAPI rows) or `N GET w/o trailing var` (Postman rows) of INDEX.md, by file. */
export function listCountsFromIndex(markdown: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of markdown.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    const file = /^`([^`]+)`$/.exec(cells[1] ?? "")?.[1];
    if (!file) continue;
    const column = cells[6] ?? "";
    const count = /^(\d+)\s*(\/|GET)/.exec(column)?.[1];
    if (count !== undefined) counts.set(file, Number(count));
  }
  return counts;
}

export async function importFile(file: string, expectedLists?: number): Promise<ImportReport> {
  try {
    const draft = await createDraft(await readFile(file, "utf8"));
    const loaded = prepareManifest(buildManifest(draft));
    if (loaded.error) return { file, ok: false, draft, expectedLists, error: loaded.error };
    if (loaded.issues.length) {
      return { file, ok: false, draft, expectedLists, error: `manifest does not validate: ${loaded.issues.slice(0, 3).map((issue) => `${issue.path || "/"} ${issue.message}`).join("; ")}` };
    }
    if (expectedLists && draft.entities.length === 0) return { file, ok: false, draft, expectedLists, error: `no entity, where the index counts ${expectedLists} list-like GET(s)` };
    return { file, ok: true, draft, expectedLists };
  } catch (error) {
    return { file, ok: false, expectedLists, error: (error as Error).message };
  }
}

function summary(report: ImportReport): string {
  const draft = report.draft;
  if (!draft) return report.error ?? "";
  const kinds = (values: string[]) => {
    const counts = new Map<string, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    return [...counts.entries()].map(([value, count]) => (count > 1 ? `${value}×${count}` : value)).join(", ") || "none";
  };
  const names = draft.entities.map((entity) => entity.name);
  const shown = names.length > 6 ? `${names.slice(0, 6).join(", ")}, … (${names.length})` : names.join(", ") || "none";
  const parts = [
    `${draft.format}`,
    `entities: ${shown}`,
    `auth: ${kinds(draft.auth.map((guess) => (guess.kind === "api_key" ? `api_key(${guess.inject?.in})` : guess.kind === "oauth2" ? `oauth2(${guess.oauth?.flow})` : guess.kind)))}`,
    `pagination: ${kinds(draft.entities.map((entity) => entity.pagination.kind))}`,
  ];
  if (draft.entities.some((entity) => entity.parent)) parts.push(`substreams: ${draft.entities.filter((entity) => entity.parent).length}`);
  if (!report.ok) parts.push(`error: ${report.error}`);
  return parts.join("; ");
}

export async function importCheck(dirs: string[], write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<{ passed: number; failed: number; reports: ImportReport[] }> {
  const reports: ImportReport[] = [];
  for (const dir of dirs) {
    const names = (await readdir(dir)).filter((name) => /\.(json|ya?ml)$/i.test(name)).sort();
    const index = await readFile(path.join(dir, "INDEX.md"), "utf8").then(listCountsFromIndex, () => new Map<string, number>());
    for (const name of names) {
      const report = await importFile(path.join(dir, name), index.get(name));
      reports.push(report);
      write(`${report.ok ? "ok  " : "FAIL"} ${name}: ${summary(report)}`);
    }
  }
  const passed = reports.filter((report) => report.ok).length;
  write(`${passed} passed, ${reports.length - passed} failed`);
  return { passed, failed: reports.length - passed, reports };
}
