import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../testing/test-app.ts";
import { Onramp, OnrampError, type OnrampClient } from "./index.ts";

describe("SDK", () => {
  let t: TestApp;
  let onramp: OnrampClient;
  beforeAll(async () => {
    t = await startTestApp();
    // The SDK's own transport, answered in-process by the app.
    onramp = Onramp({ baseUrl: "http://onramp.test/", token: t.token, fetch: (url, init) => Promise.resolve(t.app.request(url, init)) });
  });
  afterAll(() => t.close());

  it("creates, lists, gets, updates and deletes connectors in a workspace", async () => {
    await onramp.createWorkspace("sdk");
    const ws = onramp.workspace("sdk");
    const created = await ws.createConnector({ connectorType: "sample-data", name: "Demo", configuration: { dataset: "users" } });
    expect(created).toMatchObject({ name: "Demo", connector_type: "source-sample-data", kind: "source" });
    expect((await ws.listConnectors()).map((connector) => connector.id)).toEqual([created.id]);
    expect((await ws.listConnectors({ definitionId: "nope" }))).toEqual([]);
    expect((await ws.getConnector(created.id)).configuration).toMatchObject({ dataset: "users" });
    expect((await ws.updateConnector(created.id, { name: "Renamed" })).name).toBe("Renamed");
    const job = await ws.deleteConnector(created.id, { wait: true });
    expect(job.status).toBe("succeeded");
    expect(await ws.listConnectors()).toEqual([]);
    expect((await onramp.listWorkspaces()).map((workspace) => workspace.name)).toContain("sdk");
    expect((await onramp.definitions("source", { name: "postgres" }))[0]!.name).toBe("source-postgres");
  });

  it("raises OnrampError carrying the envelope", async () => {
    const ws = onramp.workspace("default");
    const error = await ws.createConnector({ configuration: {} }).catch((caught) => caught);
    expect(error).toBeInstanceOf(OnrampError);
    expect(error.status).toBe(422);
    expect(error.envelope.message).toBe("One of connector_type, definition_id, or source_template_id must be provided");
    expect(error.code).toBe("invalid_identifier");
    const missing = await onramp.workspace("nowhere").listConnectors().catch((caught) => caught);
    expect(missing).toBeInstanceOf(OnrampError);
    expect(missing.status).toBe(404);
    const bad = Onramp({ baseUrl: "http://onramp.test", token: "onr_wrong", fetch: (url, init) => Promise.resolve(t.app.request(url, init)) });
    const unauthorized = await bad.listWorkspaces().catch((caught) => caught);
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.envelope.errors[0].error_code).toBe("unauthorized");
  });

  it("connect(slug) and openSetupSession(slug) resolve the one connector of that type, and say so when there are none or several", async () => {
    await onramp.createWorkspace("connect");
    const ws = onramp.workspace("connect");
    const none = await ws.connect("postgres").catch((caught) => caught);
    expect(none).toBeInstanceOf(OnrampError);
    expect(none.code).toBe("connector_not_found");
    expect(none.message).toMatch(/no "postgres" connector/);
    const unknownType = await ws.connect("not-a-connector").catch((caught) => caught);
    expect(unknownType.code).toBe("unknown_connector_type");

    const config = { host: "127.0.0.1", port: 5432, database: "test", username: "postgres", password: "pw" };
    const first = await ws.createConnector({ connectorType: "postgres", configuration: config });
    await ws.createConnector({ connectorType: "sample-data", configuration: { dataset: "users" } });
    expect((await ws.connect("postgres")).id).toBe(first.id);
    const session = await ws.openSetupSession("postgres");
    expect(session.connector.id).toBe(first.id);
    expect(session.sessionId).toBeTruthy();
    expect(session.sessionToken).toBeTruthy();
    expect(session.expiresAt).toBeTruthy();

    const second = await ws.createConnector({ connectorType: "source-postgres", name: "Second", configuration: config });
    const several = await ws.connect("postgres").catch((caught) => caught);
    expect(several.code).toBe("connector_ambiguous");
    expect(several.message).toContain(first.id);
    expect(several.message).toContain(second.id);
    expect((await ws.connect("postgres", { connectorId: second.id })).id).toBe(second.id);
    expect((await ws.openSetupSession("postgres", { connectorId: second.id })).connector.id).toBe(second.id);
    expect((await ws.openSetupSession("postgres").catch((caught) => caught)).code).toBe("connector_ambiguous");
    const wrongType = await ws.connect("sample-data", { connectorId: second.id }).catch((caught) => caught);
    expect(wrongType.code).toBe("connector_type_mismatch");
  });

  it("opens a setup session for a new connector", async () => {
    const session = await onramp.workspace("default").createSetupSession({ connectorType: "postgres" });
    expect(session.sessionId).toBeTruthy();
    expect(session.sessionToken).not.toBe(t.token);
  });

  it("refuses to build without baseUrl or token", () => {
    expect(() => Onramp({ baseUrl: "", token: "x" })).toThrow(/baseUrl/);
    expect(() => Onramp({ baseUrl: "http://x", token: "" })).toThrow(/token/);
  });
});
