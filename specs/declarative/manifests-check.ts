// `npm run specs -- manifests-check DIR`: every manifest of DIR resolved, validated and its
// check's first request built from an example config, without network. One line per manifest
// (`ok` with the request line, or the reason it cannot run), then the blocking component types
// by count and `N passed, M failed`.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { exampleConfig } from "../example-config.ts";
import { declarativeDefinitionFromText, isDeclarativeText } from "./load-manifest.ts";
import { loadedManifest } from "./manifest-cache.ts";
import { previewCheckRequest, type RequestPreview } from "./blocker.ts";

export interface ManifestReport {
  file: string;
  name?: string;
  ok: boolean;
  request?: RequestPreview;
  /** Why it fails: the blocking component type, or a category ("schema", "settings", "manifest"). */
  blocker?: string;
  reason?: string;
}

/** Manifest files of a folder: source-*.yaml and source-*\/manifest.yaml. */
export async function manifestFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) files.push(path.join(dir, entry.name));
    if (entry.isDirectory()) {
      const inner = await readdir(path.join(dir, entry.name)).catch(() => [] as string[]);
      const manifest = inner.find((name) => /^manifest\.ya?ml$/i.test(name));
      if (manifest) files.push(path.join(dir, entry.name, manifest));
    }
  }
  return files.sort();
}

export async function checkManifestFile(file: string, now?: () => Date): Promise<ManifestReport | undefined> {
  const text = await readFile(file, "utf8");
  if (!isDeclarativeText(text)) return undefined;
  let definition;
  try {
    definition = declarativeDefinitionFromText(text, file);
  } catch (error) {
    return { file, ok: false, blocker: "manifest", reason: `cannot load: ${(error as Error).message}` };
  }
  const loaded = loadedManifest(definition)!;
  if (loaded.error) return { file, name: definition.name, ok: false, blocker: "manifest", reason: loaded.error };
  if (loaded.issues.length > 0) {
    return { file, name: definition.name, ok: false, blocker: "schema", reason: `does not validate: ${loaded.issues.map((issue) => `${issue.path || "/"} ${issue.message}`).join("; ")}` };
  }
  const outcome = await previewCheckRequest(definition, exampleConfig(definition), now);
  if (outcome.ok) return { file, name: definition.name, ok: true, request: outcome.request };
  return { file, name: definition.name, ok: false, blocker: outcome.component ?? (outcome.structural ? "manifest" : "settings"), reason: outcome.reason };
}

export function requestLine(request: RequestPreview): string {
  const headers = Object.entries(request.headers)
    .filter(([name]) => !/^(accept|user-agent)$/i.test(name))
    .map(([name, value]) => `${name}: ${value}`)
    .join(", ");
  return `${request.method} ${request.url}${headers ? ` [${headers}]` : ""}${request.body ? ` body ${request.body.slice(0, 200)}` : ""}`;
}

export async function manifestsCheck(dirs: string[], out: NodeJS.WritableStream = process.stdout): Promise<{ passed: number; failed: number; reports: ManifestReport[] }> {
  const reports: ManifestReport[] = [];
  for (const dir of dirs) {
    for (const file of await manifestFiles(dir)) {
      const report = await checkManifestFile(file);
      if (!report) continue;
      reports.push(report);
      const label = report.name ?? path.basename(file);
      out.write(report.ok ? `ok   ${label} (${report.request!.stream}): ${requestLine(report.request!)}\n` : `FAIL ${label}: [${report.blocker}] ${report.reason}\n`);
    }
  }
  const passed = reports.filter((report) => report.ok).length;
  const failed = reports.length - passed;
  const blockers = new Map<string, number>();
  for (const report of reports) if (!report.ok) blockers.set(report.blocker!, (blockers.get(report.blocker!) ?? 0) + 1);
  const top = [...blockers].sort((a, b) => b[1] - a[1]);
  if (top.length > 0) out.write(`blocking: ${top.map(([blocker, count]) => `${blocker} ${count}`).join(", ")}\n`);
  if (reports.length > 0) out.write(`coverage: ${((100 * passed) / reports.length).toFixed(1)}% of ${reports.length} manifests\n`);
  out.write(`${passed} passed, ${failed} failed\n`);
  return { passed, failed, reports };
}
