// An import as the API shows it (snake_case keys, as the rest of the API), and a review body
// read back into a DraftEdit. The record schema of each entity stays server-side (it is large and
// lands in the manifest anyway).
import type { DraftEdit } from "../../specs/import/index.ts";
import { definitionOfImport } from "./import-service.ts";
import type { ImportRecord } from "../store/types.ts";

const snake = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_all, letter: string) => letter.toUpperCase());

function convertKeys(value: unknown, convert: (key: string) => string, skip: Set<string> = new Set()): unknown {
  if (Array.isArray(value)) return value.map((item) => convertKeys(item, convert, skip));
  if (!value || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (skip.has(key)) continue;
    out[convert(key)] = convertKeys(inner, convert, skip);
  }
  return out;
}

export function importView(record: ImportRecord): Record<string, unknown> {
  const definition = definitionOfImport(record);
  return {
    id: record.id,
    workspace_id: record.workspaceId,
    status: record.status,
    source: record.source,
    definition_id: record.definitionId,
    definition_name: record.definitionName,
    draft: convertKeys(record.draft, snake, new Set(["recordSchema"])),
    ...(definition ? { check_stream: (record.manifest?.check as { stream_names?: string[] } | undefined)?.stream_names?.[0] ?? null } : {}),
    created_at: record.created_at,
    updated_at: record.updated_at,
  };
}

/** A PATCH body (`name`, `entities[]` with `record_path`, `primary_key`, `pagination`) → DraftEdit. */
export function editFromBody(body: Record<string, unknown>): DraftEdit {
  return convertKeys(body, camel) as DraftEdit;
}
