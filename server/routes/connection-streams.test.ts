// A connection chooses among the streams its source's definition lists (Sample Data's depend on
// the dataset); a stream the source does not offer is refused with the ones it does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../testing/test-app.ts";
import { unavailableSessions } from "../bootstrap.ts";

describe("connection streams", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ overrides: { sessions: () => unavailableSessions() } });
  });
  afterAll(() => t.close());

  it("offers the definition's streams and refuses others", async () => {
    const create = (body: Record<string, unknown>) => t.call("POST", "/api/v1/integrations/connectors", { workspace_name: "default", ...body });
    const source = (await create({ connector_type: "source-sample-data", configuration: { dataset: "ecommerce" } })).body;
    const destination = (await create({ connector_type: "destination-dev-null", configuration: { test_destination: { test_destination_type: "SILENT" } } })).body;
    expect(source.available_streams).toEqual(["customers", "products", "orders"]);
    expect(destination.available_streams).toBeNull();
    const definition = await t.call("GET", `/api/v1/integrations/definitions/sources/${source.definition_id}`);
    // Sample Data's streams depend on the dataset, so the definition alone lists none.
    expect(definition.body.streams).toBeNull();

    const made = await t.call("POST", "/api/v1/connections", { source_id: source.id, destination_id: destination.id, streams: ["orders", "customers"] });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: "Sample Data → End-to-End Testing (/dev/null)", streams: ["orders", "customers"] });

    const wrong = await t.call("POST", "/api/v1/connections", { source_id: source.id, destination_id: destination.id, streams: ["users"] });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0]).toMatchObject({ field: "streams", error_code: "unknown_stream" });
    expect(wrong.body.message).toBe('Sample Data has no stream "users"; it offers customers, products, orders');
    const listed = await t.call("GET", `/api/v1/connections?workspace_name=default&connector_id=${destination.id}`);
    expect(listed.body.data).toHaveLength(1);
  });
});
