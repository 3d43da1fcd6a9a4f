// /api/v1/connections: a source connector → a destination connector. One connector may serve
// any number of connections.
import { Hono } from "hono";
import type { AppDeps } from "../deps.ts";
import { authorizeInWorkspace, newId, resolveWorkspace, type AuthEnv } from "../auth/index.ts";
import type { ConnectionRecord } from "../store/types.ts";
import { TEXT_LIMITS, invalidField, optionalString, optionalStringArray, readJsonObject, requiredString } from "../json-body.ts";
import { connectionView } from "./serializers.ts";
import { definitionStreams } from "../../specs/streams.ts";

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** `Stripe (live)` → `stripe_live`: the default schema a connection's destination writes into. */
export function schemaNameFrom(name: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 63);
  return /^[a-z_]/.test(words) ? words : `s_${words}`.slice(0, 63);
}

export function connectionRoutes(deps: AppDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const { store } = deps;
  const base = "/api/v1/connections";

  app.post(base, async (c) => {
    const auth = c.get("auth");
    const body = await readJsonObject(c);
    const sourceId = requiredString(body, "source_id");
    const destinationId = requiredString(body, "destination_id");
    const source = await authorizeInWorkspace(store, auth, await store.getConnector(sourceId), "connector", sourceId);
    const destination = await authorizeInWorkspace(store, auth, await store.getConnector(destinationId), "connector", destinationId);
    const named = body.workspace_id || body.workspace_name ? await resolveWorkspace(store, auth, body) : undefined;
    const workspaceId = named?.id ?? source.workspaceId;
    if (source.kind !== "source") throw invalidField("source_id", `"${sourceId}" is a destination, not a source`, "wrong_kind");
    if (destination.kind !== "destination") throw invalidField("destination_id", `"${destinationId}" is a source, not a destination`, "wrong_kind");
    if (source.workspaceId !== workspaceId || destination.workspaceId !== workspaceId) {
      throw invalidField("destination_id", "The source and destination must be in the same workspace as the connection", "workspace_mismatch");
    }
    const streams = optionalStringArray(body, "streams");
    const definition = deps.catalog.get(source.definitionId);
    const offered = definition ? definitionStreams(definition, source.configuration) : undefined;
    const unknown = offered && streams ? streams.filter((stream) => !offered.includes(stream)) : [];
    if (unknown.length > 0) {
      throw invalidField("streams", `${source.name} has no stream ${unknown.map((stream) => `"${stream}"`).join(", ")}; it offers ${offered!.join(", ")}`, "unknown_stream");
    }
    const schema = optionalString(body, "destination_schema")?.trim();
    if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
      throw invalidField("destination_schema", "A schema name is lower-case letters, digits and _ (at most 63), starting with a letter or _", "invalid_schema_name");
    }
    const now = new Date().toISOString();
    const connection: ConnectionRecord = {
      id: newId("cxn"),
      workspaceId,
      name: optionalString(body, "name", TEXT_LIMITS.name)?.trim() || `${source.name} → ${destination.name}`,
      sourceId,
      destinationId,
      // Left out, a connection replicates the streams its source selected (a template's, say).
      streams: streams ?? source.streams ?? [],
      destinationSchema: schema || schemaNameFrom(source.name),
      created_at: now,
      updated_at: now,
    };
    await store.putConnection(connection);
    return c.json(connectionView(connection), 201);
  });

  app.get(base, async (c) => {
    const auth = c.get("auth");
    const workspace = await resolveWorkspace(store, auth, { workspace_id: c.req.query("workspace_id"), workspace_name: c.req.query("workspace_name") });
    const connectorId = c.req.query("connector_id") || undefined;
    const connections = await store.listConnections({ workspaceId: workspace.id, connectorId });
    return c.json({ data: connections.map(connectionView) });
  });

  app.get(`${base}/:id`, async (c) => {
    const id = c.req.param("id");
    return c.json(connectionView(await authorizeInWorkspace(store, c.get("auth"), await store.getConnection(id), "connection", id)));
  });

  app.delete(`${base}/:id`, async (c) => {
    const id = c.req.param("id");
    await authorizeInWorkspace(store, c.get("auth"), await store.getConnection(id), "connection", id);
    await store.deleteConnection(id);
    return c.body(null, 204);
  });

  return app;
}
