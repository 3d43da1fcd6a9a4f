// The server's side of an import: a draft is made from a document (given, or fetched from an
// allowed host), stored per workspace, reviewed, and published as a declarative definition that
// joins the catalog under an id fixed by the import. Published imports rejoin the catalog at
// start (`rejoinImports`).
import {
  assertPublishable,
  buildManifest,
  createDraft,
  fetchDocument,
  ImportError,
  publishedDefinition,
  reviewDraft,
  type DraftEdit,
} from "../../specs/import/index.ts";
import { prepareManifest } from "../../specs/declarative/manifest-cache.ts";
import type { CatalogLookup, Definition } from "../../specs/types.ts";
import type { Config } from "../config.ts";
import { newId } from "../auth/index.ts";
import type { ImportRecord, Store } from "../store/types.ts";

export interface ImportDeps {
  config: Config;
  store: Store;
  catalog: CatalogLookup;
}

export interface ImportInput {
  /** The document's text (JSON or YAML). */
  text?: string;
  /** Or a URL to fetch it from (allowed hosts only). */
  url?: string;
}

export function importLimits(config: Config): { allowedHosts: string[]; maxBytes: number } {
  return { allowedHosts: config.importAllowedHosts ?? [], maxBytes: config.importMaxBytes ?? 5 * 1024 * 1024 };
}

/** The document's text from an import's input, within the size limit. */
export async function documentText(config: Config, input: ImportInput): Promise<{ text: string; source: string }> {
  const limits = importLimits(config);
  if (input.url !== undefined) return { text: await fetchDocument(input.url, limits), source: input.url };
  if (input.text === undefined) throw new ImportError("unreadable_document", "Send the description as `document` (its text or JSON) or `url`.", "document");
  if (Buffer.byteLength(input.text) > limits.maxBytes) throw new ImportError("document_too_large", `The document is larger than ${limits.maxBytes} bytes.`, "document");
  return { text: input.text, source: "upload" };
}

export async function startImport(deps: ImportDeps, workspaceId: string, input: ImportInput): Promise<ImportRecord> {
  const { text, source } = await documentText(deps.config, input);
  const id = newId("imp");
  const draft = await createDraft(text, { id, sourceUrl: source === "upload" ? undefined : source });
  const now = new Date().toISOString();
  const record: ImportRecord = { id, workspaceId, status: "draft", draft, source, definitionId: null, definitionName: null, manifest: null, created_at: now, updated_at: now };
  await deps.store.putImport(record);
  return record;
}

export async function reviewImport(deps: ImportDeps, record: ImportRecord, edit: DraftEdit): Promise<ImportRecord> {
  const updated: ImportRecord = { ...record, draft: reviewDraft(record.draft, edit), updated_at: new Date().toISOString() };
  await deps.store.putImport(updated);
  return updated;
}

/** The name a publication takes: the draft's, unless another definition holds it already. */
function definitionName(catalog: CatalogLookup, record: ImportRecord, id: string): string {
  const wanted = record.definitionName ?? record.draft.name;
  const holder = catalog.get(wanted);
  if (!holder || holder.id === id) return wanted;
  return `${record.draft.name}-${record.id.replace(/^imp_?/, "").slice(-6).toLowerCase()}`;
}

export async function publishImport(deps: ImportDeps, record: ImportRecord): Promise<{ record: ImportRecord; definition: Definition }> {
  assertPublishable(record.draft);
  const manifest = buildManifest(record.draft);
  const loaded = prepareManifest(manifest);
  if (loaded.error || loaded.issues.length) {
    const why = loaded.error ?? loaded.issues.slice(0, 3).map((issue) => `${issue.path || "/"} ${issue.message}`).join("; ");
    throw new ImportError("invalid_edit", `The manifest would not validate: ${why}`, "entities");
  }
  const probe = publishedDefinition({ importId: record.id, name: record.draft.name, title: record.draft.title, manifest });
  const name = definitionName(deps.catalog, record, probe.id);
  const definition = name === probe.name ? probe : publishedDefinition({ importId: record.id, name, title: record.draft.title, manifest });
  const published: ImportRecord = { ...record, status: "published", definitionId: definition.id, definitionName: name, manifest, updated_at: new Date().toISOString() };
  await deps.store.putImport(published);
  deps.catalog.add(definition);
  return { record: published, definition };
}

export function definitionOfImport(record: ImportRecord): Definition | undefined {
  if (record.status !== "published" || !record.manifest || !record.definitionName) return undefined;
  return publishedDefinition({ importId: record.id, name: record.definitionName, title: record.draft.title, manifest: record.manifest });
}

/** Published imports back into the catalog (at start). Returns how many joined. */
export async function rejoinImports(store: Store, catalog: CatalogLookup): Promise<number> {
  let count = 0;
  for (const record of await store.listImports()) {
    const definition = definitionOfImport(record);
    if (definition) {
      catalog.add(definition);
      count++;
    }
  }
  return count;
}
