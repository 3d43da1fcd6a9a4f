// /api/v1/integrations/definitions/imports: a connector generated from an API description.
// POST (document or url) → a draft; GET/PATCH it (the review); POST .../publish → a declarative
// definition in the catalog; GET .../manifest → the manifest as YAML, as Airbyte takes it.
import { Hono } from "hono";
import { dump } from "js-yaml";
import type { AppDeps } from "../deps.ts";
import { authorizeInWorkspace, resolveWorkspace, type AuthEnv } from "../auth/index.ts";
import { ApiError } from "../http-error.ts";
import { readJsonObject } from "../json-body.ts";
import { ImportError } from "../../specs/import/index.ts";
import { publishImport, reviewImport, startImport } from "../imports/import-service.ts";
import { editFromBody, importView } from "../imports/import-view.ts";
import { definitionDetail } from "./serializers.ts";

const STATUS_BY_CODE: Record<string, number> = { document_too_large: 413, host_not_allowed: 403, fetch_failed: 422 };

/** Import faults → the API's envelope; anything else goes on to the app's handler. */
async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ImportError) {
      throw new ApiError(STATUS_BY_CODE[error.code] ?? 422, error.message, [{ field: error.field, message: error.message, error_code: error.code }]);
    }
    throw error;
  }
}

export function importRoutes(deps: AppDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const base = "/api/v1/integrations/definitions/imports";
  const load = async (auth: Parameters<typeof authorizeInWorkspace>[1], id: string) => authorizeInWorkspace(deps.store, auth, await deps.store.getImport(id), "import", id);

  app.post(base, async (c) => {
    const auth = c.get("auth");
    const body = await readJsonObject(c);
    const workspace = await resolveWorkspace(deps.store, auth, body);
    const document = body.document;
    const url = body.url;
    if (document !== undefined && url !== undefined) {
      throw new ApiError(422, "Send either `document` or `url`, not both", [{ field: "document", message: "Both given", error_code: "invalid" }]);
    }
    if (url !== undefined && typeof url !== "string") throw new ApiError(422, "`url` must be a string", [{ field: "url", message: "Not a string", error_code: "invalid" }]);
    if (document !== undefined && (document === null || (typeof document !== "string" && typeof document !== "object"))) {
      throw new ApiError(422, "`document` must be the description's text or its JSON", [{ field: "document", message: "Not a document", error_code: "invalid" }]);
    }
    const text = typeof document === "string" ? document : document !== undefined ? JSON.stringify(document) : undefined;
    const record = await translated(() => startImport(deps, workspace.id, { text, url: url as string | undefined }));
    return c.json(importView(record), 201);
  });

  app.get(base, async (c) => {
    const auth = c.get("auth");
    const workspace = await resolveWorkspace(deps.store, auth, { workspace_id: c.req.query("workspace_id"), workspace_name: c.req.query("workspace_name") });
    const records = await deps.store.listImports({ workspaceId: workspace.id });
    return c.json({ imports: records.map(importView) });
  });

  app.get(`${base}/:id`, async (c) => c.json(importView(await load(c.get("auth"), c.req.param("id")))));

  app.patch(`${base}/:id`, async (c) => {
    const record = await load(c.get("auth"), c.req.param("id"));
    const body = await readJsonObject(c);
    if (body.entities !== undefined && !Array.isArray(body.entities)) {
      throw new ApiError(422, "`entities` must be a list of entity edits", [{ field: "entities", message: "Not a list", error_code: "invalid_edit" }]);
    }
    const updated = await translated(() => reviewImport(deps, record, editFromBody(body)));
    return c.json(importView(updated));
  });

  app.post(`${base}/:id/publish`, async (c) => {
    // Publishing takes no options, but a body that is sent must be a JSON object (as on /check).
    await readJsonObject(c, { optional: true });
    const record = await load(c.get("auth"), c.req.param("id"));
    const { record: published, definition } = await translated(() => publishImport(deps, record));
    return c.json({ import: importView(published), definition: definitionDetail(definition) }, 201);
  });

  app.get(`${base}/:id/manifest`, async (c) => {
    const record = await load(c.get("auth"), c.req.param("id"));
    if (!record.manifest) throw new ApiError(409, "The import is not published yet", [{ field: null, message: "Not published", error_code: "not_published" }]);
    return c.body(dump(record.manifest, { lineWidth: 120, noRefs: true }), 200, { "content-type": "application/yaml; charset=utf-8" });
  });

  return app;
}
