// Text of a description → a draft: read, dereferenced, its auth, base URL and entities guessed,
// each with a reason. Pure apart from the parser; fetching a URL is the caller's (fetch-document.ts).
import { createHash } from "node:crypto";
import { detectAuth } from "./detect-auth.ts";
import { detectEntities } from "./detect-entities.ts";
import { ImportError } from "./import-error.ts";
import { sourceName, snakeCase, titleCase } from "./names.ts";
import { openApiModel } from "./openapi-model.ts";
import { postmanModel } from "./postman-model.ts";
import { readDocument } from "./read-document.ts";
import type { ApiModel, ConfigFieldGuess, ImportDraft } from "./types.ts";

export interface CreateDraftOptions {
  /** Where the document came from, to resolve relative server URLs. */
  sourceUrl?: string;
  /** The draft's id; default: derived from the document's text (the same text, the same id). */
  id?: string;
}

export async function readModel(text: string, options: CreateDraftOptions = {}): Promise<ApiModel> {
  const { document, format, warnings } = readDocument(text);
  const model = format.startsWith("postman") ? postmanModel(document, format) : await openApiModel(document, format, { sourceUrl: options.sourceUrl });
  model.warnings.unshift(...warnings);
  return model;
}

function baseUrlOf(model: ApiModel): { template: string; fields: ConfigFieldGuess[]; reason: string } {
  const server = model.servers.find((candidate) => /^https?:\/\//i.test(candidate.url)) ?? model.servers[0];
  const absolute = server && /^https?:\/\//i.test(server.url.replace(/\{[^}]+\}/g, "x"));
  if (server && absolute && Object.keys(server.variables).length > 0) {
    const fields: ConfigFieldGuess[] = [];
    const template = server.url.replace(/\/+$/, "").replace(/\{([^}]+)\}/g, (_all, name: string) => {
      const variable = server.variables[name] ?? {};
      const key = snakeCase(name) || name;
      fields.push({
        key,
        title: titleCase(name),
        description: variable.description,
        type: "string",
        required: true,
        secret: false,
        ...(variable.default !== undefined ? { default: variable.default } : {}),
        ...(variable.enum?.length ? { enum: variable.enum } : {}),
        reason: `the server URL ${server.url} has the variable {${name}}`,
      });
      return `{{ config['${key}'] }}`;
    });
    return { template, fields, reason: `base URL: ${server.url}, its variables asked as settings` };
  }
  const url = server && absolute ? server.url.replace(/\/+$/, "") : undefined;
  const field: ConfigFieldGuess = {
    key: "base_url",
    title: "Base URL",
    description: "The API's base URL.",
    type: "string",
    required: true,
    secret: false,
    ...(url ? { default: url } : {}),
    reason: url ? `the description's server is ${url}` : "the description names no absolute server URL, so it is asked",
  };
  return { template: "{{ config['base_url'] }}", fields: [field], reason: url ? `base URL: ${url} (a setting, default from the description)` : "base URL: not in the description; asked as a setting" };
}

export async function createDraft(text: string, options: CreateDraftOptions = {}): Promise<ImportDraft> {
  const model = await readModel(text, options);
  const auth = detectAuth(model);
  const base = baseUrlOf(model);
  const found = detectEntities(model, auth);
  const fields = [...base.fields];
  for (const field of found.fields) if (!fields.some((known) => known.key === field.key)) fields.push(field);
  // A setting named as a credential field (a `username` query parameter beside basic auth's
  // username) would share its config key: the setting gives way.
  const authKeys = new Set(auth.length === 1 ? auth[0].fields.map((field) => field.key) : ["credentials"]);
  for (const field of fields) {
    if (!authKeys.has(field.key)) continue;
    const renamed = `${field.key}_parameter`;
    for (const entity of found.entities) {
      for (const list of [entity.pathFields, entity.queryFields, entity.headerFields] as Array<Array<{ field?: string }>>) {
        for (const item of list) if (item.field === field.key) item.field = renamed;
      }
    }
    field.key = renamed;
  }
  return {
    id: options.id ?? `imp_${createHash("sha256").update(text).digest("hex").slice(0, 20)}`,
    format: model.format,
    title: model.title,
    name: sourceName(model.title),
    baseUrl: { template: base.template, reason: base.reason },
    fields,
    auth,
    entities: found.entities,
    warnings: [...model.warnings, ...found.skipped.map((skip) => `skipped ${skip}`)],
  };
}

/** Throws when a draft cannot be published: no entity selected. */
export function assertPublishable(draft: ImportDraft): void {
  if (!draft.entities.some((entity) => entity.selected)) {
    throw new ImportError("no_entities", draft.entities.length ? "Select at least one entity to publish." : "The description has no list-like GET endpoint to make a table of.", "entities");
  }
}
