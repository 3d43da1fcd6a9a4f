// A connection's destination schema: default from the source's name, chosen on create, fixed
// afterwards (there is no way to change it once the connection exists).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../testing/test-app.ts";
import { unavailableSessions } from "../bootstrap.ts";
import { schemaNameFrom } from "./connections.ts";

describe("connection destination schema", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ overrides: { sessions: () => unavailableSessions() } });
  });
  afterAll(() => t.close());

  it("defaults from the source's name, takes a valid name, refuses a bad one", async () => {
    const create = (body: Record<string, unknown>) => t.call("POST", "/api/v1/integrations/connectors", { workspace_name: "default", ...body });
    const source = (await create({ connector_type: "source-sample-data", name: "Shop Orders (EU)", configuration: { dataset: "ecommerce" } })).body;
    const destination = (await create({ connector_type: "destination-dev-null", configuration: { test_destination: { test_destination_type: "SILENT" } } })).body;
    const made = await t.call("POST", "/api/v1/connections", { source_id: source.id, destination_id: destination.id });
    expect(made.body.destination_schema).toBe("shop_orders_eu");
    const chosen = await t.call("POST", "/api/v1/connections", { source_id: source.id, destination_id: destination.id, destination_schema: "eu_orders" });
    expect(chosen.body.destination_schema).toBe("eu_orders");
    expect((await t.call("GET", `/api/v1/connections/${chosen.body.id}`)).body.destination_schema).toBe("eu_orders");
    const bad = await t.call("POST", "/api/v1/connections", { source_id: source.id, destination_id: destination.id, destination_schema: "Drop Table;" });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ field: "destination_schema", error_code: "invalid_schema_name" });
    // No route changes a connection: the schema stays as created.
    expect((await t.call("PATCH", `/api/v1/connections/${chosen.body.id}`, { destination_schema: "other" })).status).toBeGreaterThanOrEqual(404);
  });

  it("makes a schema name of any source name", () => {
    expect(schemaNameFrom("Twilio - Studio")).toBe("twilio_studio");
    expect(schemaNameFrom("HubSpot")).toBe("hub_spot");
    expect(schemaNameFrom("3D Prints")).toBe("s_3_d_prints");
    expect(schemaNameFrom("Café Müller")).toBe("cafe_muller");
  });
});
