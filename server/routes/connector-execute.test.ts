// POST /connectors/:id/execute and GET /connectors/:id/entities in-process: Sample Data pages,
// every refusal in the envelope with nothing changed, and a credential renewed by a reader
// (registered by this test only) stored as the connector's encrypted secret and shown nowhere.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { BUILTIN_READERS, Catalog, SECRET_MASK, createDispatcher, declarativeDefinition, sampleRecords, type Definition, type EntityReader } from "../../specs/index.ts";
import { startTestApp, type TestApp } from "../testing/test-app.ts";
import { createApplicationToken } from "../auth/index.ts";
import { findLeaks } from "../sessions/testing/leak-check.ts";

const CONNECTORS = "/api/v1/integrations/connectors";

// A reader standing in for an OAuth API: the first read of a connector renews its access token.
const oauthDefinition: Definition = {
  id: "0c6a3f0e-6f8e-4d8b-9c57-2f3f1b7f4a21",
  name: "source-renewing-api",
  kind: "source",
  displayName: "Renewing API (test)",
  origin: "test",
  check: "none",
  reader: "renewing",
  connectionSpecification: {
    type: "object",
    required: ["credentials"],
    properties: {
      credentials: {
        type: "object",
        properties: { access_token: { type: "string", airbyte_secret: true }, refresh_token: { type: "string", airbyte_secret: true } },
      },
    },
  },
};

// A manifest off Airbyte's declarative schema (stream_names must be a list): it loads for setup only.
const blockedManifest = declarativeDefinition(
  {
    version: "6.0.0",
    type: "DeclarativeSource",
    check: { type: "CheckStream", stream_names: "items" },
    streams: [],
    spec: { type: "Spec", connection_specification: { type: "object", required: ["api_key"], properties: { api_key: { type: "string", airbyte_secret: true } } } },
  },
  "source-blocked-manifest",
);

describe("execute through the API", () => {
  let t: TestApp;
  const renewed = `renewed-${randomBytes(12).toString("hex")}`;
  const original = `original-${randomBytes(12).toString("hex")}`;
  const refresh = `refresh-${randomBytes(12).toString("hex")}`;
  const tokensSeen: unknown[] = [];
  const answers: string[] = [];
  const call = async (method: string, url: string, body?: unknown, token?: string | null) => {
    const response = await t.call(method, url, body, token);
    answers.push(JSON.stringify(response.body));
    return response;
  };

  const renewing: EntityReader = {
    entitiesNeedConnection: false,
    async entities() {
      return [{ name: "things" }];
    },
    async list(_definition, config, _entity, options) {
      const token = (config.credentials as { access_token: string }).access_token;
      tokensSeen.push(token);
      if (token !== renewed) await options.onSecretRefreshed("/credentials/access_token", renewed);
      return { data: [{ id: 1, seen_with_renewed_token: token === renewed }], next_cursor: null };
    },
  };

  beforeAll(async () => {
    const catalog = await Catalog.load({ builtins: true });
    catalog.add(oauthDefinition);
    catalog.add(blockedManifest);
    t = await startTestApp({ overrides: { catalog }, app: { dispatcher: createDispatcher({ ...BUILTIN_READERS, renewing }) } });
  });
  afterAll(() => t.close());

  const create = async (body: Record<string, unknown>) => {
    const created = await call("POST", CONNECTORS, { workspace_name: "default", ...body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body;
  };

  it("lists Sample Data records across pages, the same rows a full read gives", async () => {
    const connector = await create({ connector_type: "sample-data", configuration: { dataset: "users", record_count: 12, seed: 3 } });
    const expected = sampleRecords({ dataset: "users", record_count: 12, seed: 3 }, "users");
    const first = await call("POST", `${CONNECTORS}/${connector.id}/execute`, { entity: "users", action: "list", params: { limit: 5 } });
    expect(first.status).toBe(200);
    expect(first.body.data).toEqual(expected.slice(0, 5));
    expect(typeof first.body.next_cursor).toBe("string");
    const second = await call("POST", `${CONNECTORS}/${connector.id}/execute`, { entity: "users", action: "list", params: { limit: 5, cursor: first.body.next_cursor } });
    const third = await call("POST", `${CONNECTORS}/${connector.id}/execute`, { entity: "users", action: "list", params: { limit: 5, cursor: second.body.next_cursor } });
    expect([...second.body.data, ...third.body.data]).toEqual(expected.slice(5));
    expect(third.body.next_cursor).toBeNull();
    // Without params: the default limit.
    expect((await call("POST", `${CONNECTORS}/${connector.id}/execute`, { entity: "users", action: "list" })).body.data).toHaveLength(12);
  });

  it("shows the entities with the connector where they need no connection, and at /entities always", async () => {
    const sample = await create({ connector_type: "sample-data", configuration: { dataset: "ecommerce", record_count: 3 } });
    const fetched = await call("GET", `${CONNECTORS}/${sample.id}`);
    expect(fetched.body).toMatchObject({ executable: true });
    expect(fetched.body.entities.map((entity: { name: string }) => entity.name)).toEqual(["customers", "products", "orders"]);
    expect(fetched.body.entities[0]).toEqual({ name: "customers", kind: "stream", primary_key: ["id"], actions: ["list"] });
    expect((await call("GET", `${CONNECTORS}/${sample.id}/entities`)).body.data).toEqual(fetched.body.entities);

    // A database's tables need a live call: GET leaves them to /entities (and so never waits on
    // a server that is down).
    const postgres = await create({ connector_type: "postgres", configuration: { host: "127.0.0.2", port: 1, database: "x", username: "u", password: "p" } });
    expect((await call("GET", `${CONNECTORS}/${postgres.id}`)).body).toMatchObject({ executable: true, entities: null });
    const unreachable = await call("GET", `${CONNECTORS}/${postgres.id}/entities`);
    expect(unreachable.status).toBe(502);
    expect(unreachable.body.errors[0]).toMatchObject({ error_code: "unreachable" });

    // A definition no reader serves: it can be tested and saved, not executed.
    const http = await create({ connector_type: "http-api", configuration: { base_url: "http://127.0.0.1:1", auth: { auth_type: "none" } } });
    expect((await call("GET", `${CONNECTORS}/${http.id}`)).body).toMatchObject({ executable: false, entities: null });
    const cannot = await call("GET", `${CONNECTORS}/${http.id}/entities`);
    expect(cannot.status).toBe(422);
    expect(cannot.body.errors[0].error_code).toBe("cannot_execute");
  });

  it("a declarative connector whose manifest Onramp cannot run: saved and tested on its settings, not executable", async () => {
    const connector = await create({ definition_id: blockedManifest.id, configuration: { api_key: "k-123456" } });
    expect(connector).toMatchObject({ executable: false, entities: null });
    const refused = await call("POST", `${CONNECTORS}/${connector.id}/execute`, { entity: "items", action: "list" });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].error_code).toBe("cannot_execute");
    expect(refused.body.message).toMatch(/declarative schema/);
    const checked = await call("POST", `${CONNECTORS}/${connector.id}/check`);
    expect(checked.body).toMatchObject({ status: "succeeded", saved: true, message: expect.stringMatching(/not tried/) });
  });

  it("answers every refusal in the envelope and changes nothing", async () => {
    const connector = await create({ connector_type: "sample-data", configuration: { dataset: "users", record_count: 3, seed: 1 } });
    const before = await t.deps.store.getConnector(connector.id);
    const execute = (body: unknown, token?: string | null, id = connector.id) => call("POST", `${CONNECTORS}/${id}/execute`, body, token);
    const cases: Array<[unknown, number, string | null, string]> = [
      [{ action: "list" }, 422, "entity", "required"],
      [{ entity: "users" }, 422, "action", "required"],
      [{ entity: "", action: "list" }, 422, "entity", "minLength"],
      [{ entity: "users", action: "list", params: { limit: 0 } }, 422, "params.limit", "minimum"],
      [{ entity: "users", action: "list", params: { limit: "ten" } }, 422, "params.limit", "type"],
      [{ entity: "users", action: "list", params: { cursor: 5 } }, 422, "params.cursor", "type"],
      [{ entity: "users", action: "list", params: { page: 2 } }, 422, "params.page", "additionalProperties"],
      [{ entity: "users", action: "list", extra: true }, 422, "extra", "additionalProperties"],
      [{ entity: "users", action: "get" }, 422, "action", "action_not_supported"],
      [{ entity: "orders", action: "list" }, 404, "entity", "entity_not_found"],
      [{ entity: "users", action: "list", params: { cursor: "made-up" } }, 422, "params.cursor", "invalid_cursor"],
    ];
    for (const [body, status, field, code] of cases) {
      const response = await execute(body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(typeof response.body.message).toBe("string");
      expect(response.body.errors[0], JSON.stringify(body)).toMatchObject({ field, error_code: code });
    }
    const unknownAction = await execute({ entity: "users", action: "delete" });
    expect(unknownAction.body.message).toMatch(/supported actions: list/);
    expect((await execute({ entity: "orders", action: "list" })).body.message).toContain('"users"');
    expect((await t.call("POST", `${CONNECTORS}/${connector.id}/execute`, undefined)).status).toBe(400);
    expect((await execute({ entity: "users", action: "list" }, null)).status).toBe(401);
    expect((await execute({ entity: "users", action: "list" }, undefined, "src_nope")).status).toBe(404);

    // A token of another workspace is refused; so are its GET and entities.
    const elsewhere = await call("POST", "/api/v1/workspaces", { name: "elsewhere" });
    expect(elsewhere.status).toBe(201);
    const foreign = (await createApplicationToken(t.deps.store, { workspaceId: elsewhere.body.id })).token;
    const refused = await execute({ entity: "users", action: "list" }, foreign);
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].error_code).toBe("forbidden");
    expect((await call("GET", `${CONNECTORS}/${connector.id}/entities`, undefined, foreign)).status).toBe(403);

    const http = await create({ connector_type: "http-api", configuration: { base_url: "http://127.0.0.1:1", auth: { auth_type: "none" } } });
    const cannot = await execute({ entity: "anything", action: "list" }, undefined, http.id);
    expect(cannot.status).toBe(422);
    expect(cannot.body.errors[0].error_code).toBe("cannot_execute");
    expect(cannot.body.message).toMatch(/cannot execute HTTP API connectors/);
    expect(await t.deps.store.getConnector(connector.id)).toEqual(before);
  });

  it("stores a credential the reader renewed as the connector's encrypted secret, never in an answer or a log", async () => {
    const connector = await create({ definition_id: oauthDefinition.id, configuration: { credentials: { access_token: original, refresh_token: refresh } } });
    const before = (await t.deps.store.getConnector(connector.id))!;
    const oldRef = before.secretRefs["/credentials/access_token"]!;

    const executed = await call("POST", `${CONNECTORS}/${connector.id}/execute`, { entity: "things", action: "list", params: { limit: 10 } });
    expect(executed.status).toBe(200);
    expect(executed.body).toEqual({ data: [{ id: 1, seen_with_renewed_token: false }], next_cursor: null });

    const after = (await t.deps.store.getConnector(connector.id))!;
    const newRef = after.secretRefs["/credentials/access_token"]!;
    expect(newRef).not.toBe(oldRef);
    expect(await t.deps.secrets.get(newRef)).toBe(renewed);
    // The old token is gone; the refresh token is untouched.
    expect(await t.deps.secrets.get(oldRef)).toBeUndefined();
    expect(after.secretRefs["/credentials/refresh_token"]).toBe(before.secretRefs["/credentials/refresh_token"]);
    expect(after.configuration).toEqual({ credentials: { access_token: SECRET_MASK, refresh_token: SECRET_MASK } });

    // The next read gets the stored, renewed token.
    const again = await call("POST", `${CONNECTORS}/${connector.id}/execute`, { entity: "things", action: "list" });
    expect(again.body.data[0].seen_with_renewed_token).toBe(true);
    expect(tokensSeen).toEqual([original, renewed]);
    expect((await call("GET", `${CONNECTORS}/${connector.id}`)).body.configuration).toEqual({ credentials: { access_token: SECRET_MASK, refresh_token: SECRET_MASK } });
    expect(t.logLines.some((line) => line.includes("renewed while executing"))).toBe(true);

    await t.jobs.idle();
    const leaks = await findLeaks([renewed, original, refresh], [...answers.map((text, index) => ({ label: `answer ${index}`, text })), { label: "log", text: t.logLines.join("\n") }], [t.dataDir]);
    expect(leaks).toEqual([]);
  });
});
