// The person's review of a draft: deselect, rename, correct a record path, a primary key or the
// pagination. Every edit is checked before anything changes; a bad one is an ImportError naming
// the entity field, and the draft stays as it was.
import { ImportError } from "./import-error.ts";
import { snakeCase } from "./names.ts";
import type { DraftEdit, ImportDraft, PaginationGuess } from "./types.ts";

const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

function stringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string" || item === "")) {
    throw new ImportError("invalid_edit", `${field} must be a list of non-empty field names.`, field);
  }
  return value as string[];
}

function pagination(value: unknown, field: string): PaginationGuess {
  const candidate = value as Record<string, unknown>;
  const fail = (why: string): never => {
    throw new ImportError("invalid_edit", `${field}: ${why}`, field);
  };
  if (!candidate || typeof candidate !== "object") return fail("must be an object with a kind");
  const text = (key: string) => (typeof candidate[key] === "string" && candidate[key] !== "" ? (candidate[key] as string) : fail(`"${key}" must be a non-empty string`));
  const size = (key: string, fallback: number) => {
    const raw = candidate[key] ?? fallback;
    return Number.isInteger(raw) && (raw as number) > 0 && (raw as number) <= 10_000 ? (raw as number) : fail(`"${key}" must be a whole number from 1 to 10000`);
  };
  const optionalText = (key: string) => (candidate[key] === undefined ? undefined : text(key));
  switch (candidate.kind) {
    case "none":
    case "link_header":
      return { kind: candidate.kind };
    case "page":
      return { kind: "page", pageParam: text("pageParam"), sizeParam: optionalText("sizeParam"), pageSize: size("pageSize", 100), startFrom: candidate.startFrom === 0 ? 0 : 1 };
    case "offset":
      return { kind: "offset", offsetParam: text("offsetParam"), limitParam: optionalText("limitParam"), pageSize: size("pageSize", 100) };
    case "cursor":
      return { kind: "cursor", cursorParam: text("cursorParam"), cursorPath: stringList(candidate.cursorPath, `${field}.cursorPath`), sizeParam: optionalText("sizeParam"), pageSize: candidate.pageSize === undefined ? undefined : size("pageSize", 100) };
    case "next_url":
      return { kind: "next_url", nextPath: stringList(candidate.nextPath, `${field}.nextPath`) };
    case "header_token":
      return { kind: "header_token", header: text("header").toLowerCase(), tokenParam: optionalText("tokenParam") };
    default:
      return fail(`unknown kind ${JSON.stringify(candidate.kind)} (none, page, offset, cursor, next_url, link_header, header_token)`);
  }
}

/** A new draft with the edits applied; the given one is left untouched. */
export function reviewDraft(draft: ImportDraft, edit: DraftEdit): ImportDraft {
  const next: ImportDraft = structuredClone(draft);
  if (edit.name !== undefined) {
    const slug = snakeCase(String(edit.name)).replace(/_/g, "-");
    if (!slug) throw new ImportError("invalid_edit", "The connector name needs letters or digits.", "name");
    next.name = slug.startsWith("source-") ? slug : `source-${slug}`;
  }
  for (const [index, change] of (edit.entities ?? []).entries()) {
    const at = `entities[${index}]`;
    const entity = next.entities.find((candidate) => candidate.id === change.id);
    if (!entity) throw new ImportError("invalid_edit", `No entity ${JSON.stringify(change.id)} in this draft.`, `${at}.id`);
    if (change.selected !== undefined) {
      if (typeof change.selected !== "boolean") throw new ImportError("invalid_edit", "selected must be true or false.", `${at}.selected`);
      entity.selected = change.selected;
    }
    if (change.name !== undefined) {
      if (typeof change.name !== "string" || !TABLE_NAME.test(change.name)) {
        throw new ImportError("invalid_edit", "A table name starts with a letter or _, then letters, digits or _ (at most 63).", `${at}.name`);
      }
      entity.name = change.name;
      entity.reasons.name = "name: set at review";
    }
    if (change.recordPath !== undefined) {
      if (!Array.isArray(change.recordPath) || change.recordPath.some((key) => typeof key !== "string" || key === "")) {
        throw new ImportError("invalid_edit", "record_path must be a list of keys ([] for the top level).", `${at}.record_path`);
      }
      entity.recordPath = change.recordPath;
      entity.reasons.recordPath = "record path: set at review";
    }
    if (change.primaryKey !== undefined) {
      entity.primaryKey = Array.isArray(change.primaryKey) && change.primaryKey.length === 0 ? [] : stringList(change.primaryKey, `${at}.primary_key`);
      entity.reasons.primaryKey = "primary key: set at review";
    }
    if (change.pagination !== undefined) {
      entity.pagination = pagination(change.pagination, `${at}.pagination`);
      entity.reasons.pagination = `pagination: ${entity.pagination.kind}, set at review`;
    }
  }
  const names = new Set<string>();
  for (const entity of next.entities.filter((candidate) => candidate.selected)) {
    if (names.has(entity.name)) throw new ImportError("invalid_edit", `Two selected entities are named "${entity.name}".`, "entities");
    names.add(entity.name);
  }
  return next;
}
