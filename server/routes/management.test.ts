// Workspaces, definitions, source templates, connections and jobs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../testing/test-app.ts";
import { createApplicationToken } from "../auth/index.ts";

describe("workspaces", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("has `default` from the first start; creates, lists, gets (by id or name), deletes", async () => {
    const list = await t.call("GET", "/api/v1/workspaces");
    expect(list.body.data.map((workspace: { name: string }) => workspace.name)).toEqual(["default"]);
    const created = await t.call("POST", "/api/v1/workspaces", { name: "team-a" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "team-a", organization_id: "org_default" });
    expect((await t.call("GET", `/api/v1/workspaces/${created.body.id}`)).body.name).toBe("team-a");
    expect((await t.call("GET", "/api/v1/workspaces/team-a")).body.id).toBe(created.body.id);
    expect((await t.call("POST", "/api/v1/workspaces", { name: "team-a" })).status).toBe(409);
    expect((await t.call("POST", "/api/v1/workspaces", { name: "../bad" })).status).toBe(422);
    expect((await t.call("POST", "/api/v1/workspaces", {})).status).toBe(422);
    expect((await t.call("DELETE", "/api/v1/workspaces/team-a")).status).toBe(204);
    expect((await t.call("GET", "/api/v1/workspaces/team-a")).status).toBe(404);
    expect((await t.call("DELETE", "/api/v1/workspaces/team-a")).status).toBe(404);
  });

  it("gives one 201 and 409s when the same name is created at once", async () => {
    const responses = await Promise.all(Array.from({ length: 5 }, () => t.call("POST", "/api/v1/workspaces", { name: "racing" })));
    expect(responses.map((response) => response.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const named = (await t.call("GET", "/api/v1/workspaces")).body.data.filter((workspace: { name: string }) => workspace.name === "racing");
    expect(named).toHaveLength(1);
    expect(responses.find((response) => response.status === 201)!.body.id).toBe(named[0].id);
  });

  it("409 when deleting a workspace that still has connectors", async () => {
    await t.call("POST", "/api/v1/workspaces", { name: "busy" });
    const connector = await t.call("POST", "/api/v1/integrations/connectors", { workspace_name: "busy", connector_type: "sample-data", configuration: { dataset: "users" } });
    expect(connector.status).toBe(201);
    const response = await t.call("DELETE", "/api/v1/workspaces/busy");
    expect(response.status).toBe(409);
    expect(response.body.errors[0].error_code).toBe("conflict");
  });

  it("a workspace-scoped token sees only its workspace and cannot create or delete workspaces", async () => {
    const scoped = await t.call("POST", "/api/v1/workspaces", { name: "scoped" });
    const token = (await createApplicationToken(t.deps.store, { workspaceId: scoped.body.id })).token;
    const list = await t.call("GET", "/api/v1/workspaces", undefined, token);
    expect(list.body.data.map((workspace: { name: string }) => workspace.name)).toEqual(["scoped"]);
    expect((await t.call("POST", "/api/v1/workspaces", { name: "mine" }, token)).status).toBe(403);
    expect((await t.call("DELETE", "/api/v1/workspaces/scoped", undefined, token)).status).toBe(403);
    expect((await t.call("GET", "/api/v1/workspaces/default", undefined, token)).status).toBe(403);
  });
});

describe("definitions", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("lists sources and destinations with their id keys, filters by name, gets by id", async () => {
    const sources = await t.call("GET", "/api/v1/integrations/definitions/sources");
    expect(sources.status).toBe(200);
    expect(sources.body.definitions.length).toBeGreaterThan(3);
    for (const definition of sources.body.definitions) {
      expect(definition.sourceDefinitionId).toBe(definition.id);
      expect(definition.kind).toBe("source");
      expect(definition).toHaveProperty("documentationUrl");
    }
    const filtered = await t.call("GET", "/api/v1/integrations/definitions/sources?name=postgres");
    expect(filtered.body.definitions.map((definition: { name: string }) => definition.name)).toEqual(["source-postgres"]);
    const destinations = await t.call("GET", "/api/v1/integrations/definitions/destinations");
    expect(destinations.body.definitions.every((definition: { destinationDefinitionId: string }) => definition.destinationDefinitionId)).toBe(true);
    const one = await t.call("GET", `/api/v1/integrations/definitions/sources/${filtered.body.definitions[0].id}`);
    expect(one.body.connectionSpecification.type).toBe("object");
    expect((await t.call("GET", `/api/v1/integrations/definitions/destinations/${filtered.body.definitions[0].id}`)).status).toBe(404);
    expect((await t.call("GET", "/api/v1/integrations/definitions/sources", undefined, null)).status).toBe(401);
  });
});

describe("source templates", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("creates, lists and gets templates; a connector made from one inherits its defaults", async () => {
    const template = await t.call("POST", "/api/v1/integrations/templates/sources", {
      name: "Shared warehouse",
      connector_type: "postgres",
      default_config: { host: "127.0.0.1", port: 5432, database: "test" },
      streams: ["public.users"],
    });
    expect(template.status).toBe(201);
    expect(template.body).toMatchObject({ name: "Shared warehouse", connector_type: "source-postgres", streams: ["public.users"] });
    expect((await t.call("GET", "/api/v1/integrations/templates/sources")).body.data).toHaveLength(1);
    expect((await t.call("GET", `/api/v1/integrations/templates/sources/${template.body.id}`)).body.id).toBe(template.body.id);
    expect((await t.call("GET", "/api/v1/integrations/templates/sources/tpl_nope")).status).toBe(404);

    const connector = await t.call("POST", "/api/v1/integrations/connectors", {
      workspace_name: "default",
      source_template_id: template.body.id,
      configuration: { username: "postgres", password: "pw-from-user" },
    });
    expect(connector.status).toBe(201);
    expect(connector.body.configuration).toMatchObject({ host: "127.0.0.1", database: "test", username: "postgres", password: "**********" });
    expect(connector.body.source_template_id).toBe(template.body.id);
    expect(connector.body.summarized_source_template).toMatchObject({ id: template.body.id, name: "Shared warehouse", mode: "template" });

    const list = await t.call("GET", "/api/v1/integrations/connectors?workspace_name=default");
    expect(list.body.data[0].summarized_source_template.id).toBe(template.body.id);
  });

  it("carries a template's stream selection to the connector, and from there to its connections", async () => {
    const template = await t.call("POST", "/api/v1/integrations/templates/sources", {
      name: "Users and orders",
      connector_type: "sample-data",
      default_config: { dataset: "ecommerce" },
      streams: ["customers", "orders"],
    });
    expect(template.status).toBe(201);
    const fromTemplate = await t.call("POST", "/api/v1/integrations/connectors", { workspace_name: "default", source_template_id: template.body.id });
    expect(fromTemplate.status).toBe(201);
    expect(fromTemplate.body.streams).toEqual(["customers", "orders"]);
    expect((await t.call("GET", `/api/v1/integrations/connectors/${fromTemplate.body.id}`)).body.streams).toEqual(["customers", "orders"]);
    // The caller's own selection wins over the template's, at create and by PATCH.
    const own = await t.call("POST", "/api/v1/integrations/connectors", { workspace_name: "default", source_template_id: template.body.id, streams: ["customers"] });
    expect(own.body.streams).toEqual(["customers"]);
    const patched = await t.call("PATCH", `/api/v1/integrations/connectors/${own.body.id}`, { streams: ["orders"] });
    expect(patched.body.streams).toEqual(["orders"]);
    expect((await t.call("PATCH", `/api/v1/integrations/connectors/${own.body.id}`, { name: "Renamed" })).body.streams).toEqual(["orders"]);
    expect((await t.call("PATCH", `/api/v1/integrations/connectors/${own.body.id}`, { streams: "customers" })).status).toBe(422);

    const destination = await t.call("POST", "/api/v1/integrations/connectors", {
      workspace_name: "default",
      connector_type: "destination-dev-null",
      configuration: { test_destination: { test_destination_type: "SILENT" } },
    });
    const inherited = await t.call("POST", "/api/v1/connections", { source_id: fromTemplate.body.id, destination_id: destination.body.id });
    expect(inherited.body.streams).toEqual(["customers", "orders"]);
    const chosen = await t.call("POST", "/api/v1/connections", { source_id: fromTemplate.body.id, destination_id: destination.body.id, streams: ["orders"] });
    expect(chosen.body.streams).toEqual(["orders"]);
  });

  it("refuses secrets in a template and a destination definition", async () => {
    const withSecret = await t.call("POST", "/api/v1/integrations/templates/sources", { name: "x", connector_type: "postgres", default_config: { password: "nope" } });
    expect(withSecret.status).toBe(422);
    expect(withSecret.body.errors[0].field).toBe("/password");
    expect((await t.call("POST", "/api/v1/integrations/templates/sources", { name: "x", connector_type: "destination-dev-null" })).status).toBe(422);
    expect((await t.call("POST", "/api/v1/integrations/templates/sources", { name: "x" })).status).toBe(422);
  });
});

describe("connections", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("connects a source to a destination, one source in many connections; validates kinds", async () => {
    const make = (body: Record<string, unknown>) => t.call("POST", "/api/v1/integrations/connectors", { workspace_name: "default", ...body });
    const source = (await make({ connector_type: "sample-data", configuration: { dataset: "users" } })).body;
    const first = (await make({ connector_type: "destination-dev-null", configuration: { test_destination: { test_destination_type: "SILENT" } } })).body;
    const second = (await make({ connector_type: "destination-dev-null", name: "Second", configuration: { test_destination: { test_destination_type: "SILENT" } } })).body;
    const a = await t.call("POST", "/api/v1/connections", { source_id: source.id, destination_id: first.id });
    const b = await t.call("POST", "/api/v1/connections", { source_id: source.id, destination_id: second.id, name: "To second" });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body).toMatchObject({ name: "To second", source_id: source.id, destination_id: second.id });
    expect((await t.call("GET", `/api/v1/connections?workspace_name=default&connector_id=${source.id}`)).body.data).toHaveLength(2);
    expect((await t.call("GET", "/api/v1/connections?workspace_name=default")).body.data).toHaveLength(2);
    expect((await t.call("POST", "/api/v1/connections", { source_id: first.id, destination_id: second.id })).status).toBe(422);
    expect((await t.call("POST", "/api/v1/connections", { source_id: source.id })).status).toBe(422);
    expect((await t.call("POST", "/api/v1/connections", { source_id: "src_nope", destination_id: first.id })).status).toBe(404);
    expect((await t.call("DELETE", `/api/v1/connections/${a.body.id}`)).status).toBe(204);
    expect((await t.call("GET", `/api/v1/connections/${a.body.id}`)).status).toBe(404);
  });

  it("404 for an unknown job, 403 for another workspace's job", async () => {
    expect((await t.call("GET", "/api/v1/jobs/job_nope")).status).toBe(404);
    const source = (await t.call("POST", "/api/v1/integrations/connectors", { workspace_name: "default", connector_type: "sample-data", configuration: { dataset: "users" } })).body;
    const { job_id } = (await t.call("DELETE", `/api/v1/integrations/connectors/${source.id}`)).body;
    const other = (await t.call("POST", "/api/v1/workspaces", { name: "other" })).body;
    const token = (await createApplicationToken(t.deps.store, { workspaceId: other.id })).token;
    expect((await t.call("GET", `/api/v1/jobs/${job_id}`, undefined, token)).status).toBe(403);
    await t.jobs.idle();
    expect((await t.call("GET", `/api/v1/jobs/${job_id}`)).body.status).toBe("succeeded");
  });
});
