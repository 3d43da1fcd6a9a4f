// Names suggested for new connectors, the definition filter by name, and the API's wording for a
// missing required property.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../testing/test-app.ts";
import { unavailableSessions } from "../bootstrap.ts";

describe("connector names and filters", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ overrides: { sessions: () => unavailableSessions() } });
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>) => t.call("POST", "/api/v1/integrations/connectors", { workspace_name: "default", ...body });

  it("names a connector after its definition, numbered when the name is taken", async () => {
    const first = await create({ connector_type: "source-sample-data", configuration: { dataset: "users" } });
    const second = await create({ connector_type: "source-sample-data", configuration: { dataset: "users" } });
    const chosen = await create({ connector_type: "source-sample-data", name: "  Demo data ", configuration: { dataset: "users" } });
    expect([first.body.name, second.body.name, chosen.body.name]).toEqual(["Sample Data", "Sample Data 2", "Demo data"]);
    const renamed = await t.call("PATCH", `/api/v1/integrations/connectors/${first.body.id}`, { name: "Users demo" });
    expect(renamed.body.name).toBe("Users demo");
    expect(renamed.body.configuration).toEqual({ dataset: "users" });
    // The first free number is used again once a name is free.
    expect((await create({ connector_type: "source-sample-data", configuration: { dataset: "users" } })).body.name).toBe("Sample Data");
  });

  it("filters the list by definition id or by name", async () => {
    const byName = await t.call("GET", "/api/v1/integrations/connectors?workspace_name=default&definition_id=source-sample-data");
    expect(byName.status).toBe(200);
    expect(byName.body.data.length).toBeGreaterThanOrEqual(3);
    const id = byName.body.data[0].summarized_source_template.actor_definition_id;
    const byId = await t.call("GET", `/api/v1/integrations/connectors?workspace_name=default&definition_id=${id}`);
    expect(byId.body.data.map((item: any) => item.id)).toEqual(byName.body.data.map((item: any) => item.id));
    expect((await t.call("GET", "/api/v1/integrations/connectors?workspace_name=default&definition_id=source-postgres")).body.data).toEqual([]);
    expect((await t.call("GET", "/api/v1/integrations/connectors?workspace_name=default&definition_id=nothing-like-it")).body.data).toEqual([]);
  });

  it("says a missing required property the way the seeds do, with the field's path", async () => {
    const missing = await create({ connector_type: "source-postgres", configuration: { host: "h", port: 5432, username: "u" } });
    expect(missing.status).toBe(422);
    expect(missing.body.message).toBe("required property 'database' not found");
    expect(missing.body.errors).toEqual([{ field: "/database", message: "required property 'database' not found", error_code: "required" }]);
    const nested = await create({ connector_type: "source-postgres", configuration: { host: "h", port: 5432, username: "u" , database: "d", replication_method: { method: "CDC" } } });
    expect(nested.body.errors.map((error: any) => [error.field, error.message])).toEqual([
      ["/replication_method/replication_slot", "required property 'replication_slot' not found"],
      ["/replication_method/publication", "required property 'publication' not found"],
    ]);
    expect(nested.body.message).toBe("required property 'replication_slot' not found (and 1 more)");
    // Other rules keep their words.
    const wrong = await create({ connector_type: "source-postgres", configuration: { host: "h", port: 99999, username: "u", database: "d" } });
    expect(wrong.body.message).toBe("Invalid configuration: Port must be at most 65535.");
  });
});
