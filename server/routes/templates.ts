// /api/v1/integrations/templates/sources: a definition + default config + stream selection that
// connectors can be created from (source_template_id). Organization-wide.
import { Hono } from "hono";
import { secretPaths, getAt, SECRET_MASK } from "../../specs/index.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError } from "../http-error.ts";
import { assertOrganizationWide, newId, type AuthEnv } from "../auth/index.ts";
import type { SourceTemplateRecord } from "../store/types.ts";
import { findDefinition } from "../connectors/connector-config.ts";
import { TEXT_LIMITS, invalidField, optionalObject, optionalString, optionalStringArray, readJsonObject, requiredString } from "../json-body.ts";
import { templateView } from "./serializers.ts";

export function templateRoutes(deps: AppDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const { store, catalog } = deps;
  const base = "/api/v1/integrations/templates/sources";

  app.post(base, async (c) => {
    const auth = c.get("auth");
    assertOrganizationWide(auth, "create source templates");
    const body = await readJsonObject(c);
    const definitionRef = optionalString(body, "definition_id") ?? optionalString(body, "connector_type");
    if (!definitionRef) throw invalidField("definition_id", "definition_id or connector_type is required", "required");
    const definition = findDefinition(catalog, definitionRef);
    if (!definition) {
      throw new ApiError(404, `Unknown definition "${definitionRef}"`, [{ field: "definition_id", message: "Not found", error_code: "not_found" }]);
    }
    if (definition.kind !== "source") throw invalidField("definition_id", "A source template needs a source definition", "wrong_kind");
    const defaultConfig = optionalObject(body, "default_config") ?? optionalObject(body, "configuration") ?? {};
    // A template is shared by every workspace: it must not carry anyone's secret.
    const withSecrets = secretPaths(definition.connectionSpecification, defaultConfig).filter((path) => {
      const value = getAt(defaultConfig, path);
      return value !== undefined && value !== null && value !== SECRET_MASK;
    });
    if (withSecrets.length) {
      throw new ApiError(422, "A source template cannot hold secret values", withSecrets.map((path) => ({ field: path, message: "Leave secret fields out of a template", error_code: "secret_in_template" })));
    }
    const template: SourceTemplateRecord = {
      id: newId("tpl"),
      organizationId: auth.organizationId,
      name: requiredString(body, "name", TEXT_LIMITS.name),
      definitionId: definition.id,
      defaultConfig,
      streams: optionalStringArray(body, "streams") ?? [],
      created_at: new Date().toISOString(),
    };
    await store.putTemplate(template);
    return c.json(templateView(template, definition), 201);
  });

  app.get(base, async (c) => {
    const templates = await store.listTemplates(c.get("auth").organizationId);
    return c.json({ data: templates.map((template) => templateView(template, catalog.get(template.definitionId))) });
  });

  app.get(`${base}/:id`, async (c) => {
    const id = c.req.param("id");
    const template = await store.getTemplate(id);
    if (!template || template.organizationId !== c.get("auth").organizationId) {
      throw new ApiError(404, `Unknown source template "${id}"`, [{ field: "id", message: "Not found", error_code: "not_found" }]);
    }
    return c.json(templateView(template, catalog.get(template.definitionId)));
  });

  return app;
}
