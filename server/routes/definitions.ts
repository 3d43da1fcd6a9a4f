// GET /api/v1/integrations/definitions/sources|destinations[/:id][?name=]
import { Hono } from "hono";
import type { AppDeps } from "../deps.ts";
import type { AuthEnv } from "../auth/index.ts";
import { ApiError } from "../http-error.ts";
import type { ConnectorKind, Definition } from "../../specs/types.ts";
import { definitionDetail, definitionSummary } from "./serializers.ts";

function matchesName(definition: Definition, name: string): boolean {
  const needle = name.trim().toLowerCase();
  return definition.name.toLowerCase().includes(needle) || definition.displayName.toLowerCase().includes(needle);
}

export function definitionRoutes(deps: AppDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const kinds: Array<[string, ConnectorKind]> = [
    ["sources", "source"],
    ["destinations", "destination"],
  ];
  for (const [segment, kind] of kinds) {
    app.get(`/api/v1/integrations/definitions/${segment}`, (c) => {
      const name = c.req.query("name");
      const definitions = deps.catalog
        .list(kind)
        .filter((definition) => !name || matchesName(definition, name))
        .sort((a, b) => a.displayName.localeCompare(b.displayName));
      return c.json({ definitions: definitions.map(definitionSummary) });
    });
    app.get(`/api/v1/integrations/definitions/${segment}/:id`, (c) => {
      const id = c.req.param("id");
      const definition = deps.catalog.get(id);
      if (!definition || definition.kind !== kind) {
        throw new ApiError(404, `Unknown ${kind} definition "${id}"`, [{ field: "id", message: "Not found", error_code: "not_found" }]);
      }
      return c.json(definitionDetail(definition));
    });
  }
  return app;
}
