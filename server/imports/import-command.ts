// `onramp import FILE|URL [--out manifest.yaml]`: the import without questions. Every entity
// selected, every guess taken; each step printed as it is done (to stderr when the manifest goes
// to stdout), then the manifest written as YAML, as Airbyte takes it.
import { readFile, stat, writeFile } from "node:fs/promises";
import { dump } from "js-yaml";
import { buildManifest, createDraft, fetchDocument, ImportError, assertPublishable, type ImportDraft } from "../../specs/import/index.ts";
import { prepareManifest } from "../../specs/declarative/manifest-cache.ts";
import type { Config } from "../config.ts";
import { importLimits } from "./import-service.ts";

export interface ImportCommandIo {
  out(line: string): void;
  err(line: string): void;
}

function describeDraft(draft: ImportDraft, step: (line: string) => void): void {
  step(`Read ${draft.format} description "${draft.title}"`);
  for (const warning of draft.warnings.slice(0, 5)) step(`  warning: ${warning}`);
  step(`Base URL: ${draft.baseUrl.reason.replace(/^base URL: /, "")}`);
  if (draft.auth.length === 0) step("Auth: none declared or implied");
  for (const guess of draft.auth) step(`Auth: ${guess.title} (${guess.reason})`);
  for (const field of draft.fields.filter((one) => one.key !== "base_url")) step(`Setting: ${field.key} (${field.reason})`);
  step(`Entities: ${draft.entities.length}`);
  for (const entity of draft.entities) {
    const parts = [
      entity.name.padEnd(24),
      `GET ${entity.path}`,
      `records at ${entity.recordPath.length ? entity.recordPath.join(".") : "top level"}`,
      `key ${entity.primaryKey.join("+") || "none"}`,
      `pagination ${entity.pagination.kind}`,
      ...(entity.parent ? [`child of ${entity.parent.entityId}`] : []),
    ];
    step(`  ${parts.join("  ")}`);
  }
}

export async function runImportCommand(target: string, options: { out?: string; config: Config; io: ImportCommandIo }): Promise<number> {
  const { io, config } = options;
  // The manifest owns stdout when no file is named; the steps then go to stderr.
  const step = options.out ? io.out : io.err;
  const limits = importLimits(config);
  let text: string;
  if (/^https?:\/\//i.test(target)) {
    step(`Fetching ${target}`);
    text = await fetchDocument(target, limits);
  } else {
    const size = (await stat(target).catch(() => undefined))?.size;
    if (size === undefined) throw new ImportError("unreadable_document", `No file "${target}"`);
    if (size > limits.maxBytes) throw new ImportError("document_too_large", `${target} is larger than ${limits.maxBytes} bytes`);
    step(`Reading ${target} (${size} bytes)`);
    text = await readFile(target, "utf8");
  }
  const draft = await createDraft(text, { sourceUrl: /^https?:\/\//i.test(target) ? target : undefined });
  describeDraft(draft, step);
  assertPublishable(draft);
  const manifest = buildManifest(draft);
  const loaded = prepareManifest(manifest);
  if (loaded.error || loaded.issues.length) {
    io.err(`The manifest does not validate: ${loaded.error ?? loaded.issues.slice(0, 3).map((issue) => `${issue.path || "/"} ${issue.message}`).join("; ")}`);
    return 1;
  }
  const check = (manifest.check as { stream_names: string[] }).stream_names[0];
  step(`Manifest validates against the declarative schema; its check reads "${check}"`);
  const yaml = dump(manifest, { lineWidth: 120, noRefs: true });
  if (options.out) {
    await writeFile(options.out, yaml);
    step(`Wrote ${options.out}`);
  } else {
    io.out(yaml.trimEnd());
  }
  return 0;
}
