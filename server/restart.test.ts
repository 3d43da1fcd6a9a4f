// A restart (new deps, new app, same data dir) keeps workspaces, connectors and setup sessions;
// a real setup-session token never opens the management API.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startTestApp } from "./testing/test-app.ts";

describe("restart over the same data dir", () => {
  let dataDir: string;
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("keeps workspaces, connectors (with their secrets) and sessions", async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "onramp-restart-"));
    const first = await startTestApp({ dataDir });
    expect((await first.call("POST", "/api/v1/workspaces", { name: "kept" })).status).toBe(201);
    const connector = await first.call("POST", "/api/v1/integrations/connectors", {
      workspace_name: "kept",
      connector_type: "postgres",
      configuration: { host: "127.0.0.1", port: 5432, database: "test", username: "postgres", password: "restart-secret" },
    });
    expect(connector.status).toBe(201);
    const session = await first.call("POST", "/api/v1/setup-sessions", { workspace_name: "kept", connector_type: "postgres" });
    expect(session.status).toBe(201);
    const { session_id, session_token } = session.body;
    expect(typeof session_token).toBe("string");

    // A session token is not an application token.
    for (const url of ["/api/v1/workspaces", `/api/v1/integrations/connectors/${connector.body.id}`, "/api/v1/integrations/connectors?workspace_name=kept"]) {
      expect((await first.call("GET", url, undefined, session_token)).status).toBe(401);
    }
    expect((await first.call("POST", "/api/v1/workspaces", { name: "evil" }, session_token)).status).toBe(401);
    await first.close({ keepData: true });

    const second = await startTestApp({ dataDir, token: first.token });
    expect((await second.call("GET", "/api/v1/workspaces/kept")).status).toBe(200);
    const reread = await second.call("GET", `/api/v1/integrations/connectors/${connector.body.id}`);
    expect(reread.status).toBe(200);
    expect(reread.body.configuration.password).toBe("**********");
    const record = (await second.deps.store.getConnector(connector.body.id))!;
    expect(await second.deps.secrets.get(record.secretRefs["/password"]!)).toBe("restart-secret");
    const snapshot = await second.call("GET", `/api/v1/setup-sessions/${session_id}`, undefined, session_token);
    expect(snapshot.status).toBe(200);
    expect(JSON.stringify(snapshot.body)).toContain(session_id);
    // The default workspace and the token were not duplicated by the second start.
    expect((await second.call("GET", "/api/v1/workspaces")).body.data.filter((workspace: { name: string }) => workspace.name === "default")).toHaveLength(1);
    expect(await second.deps.store.listTokens()).toHaveLength(1);
    await second.close({ keepData: true });
  });
});

describe("a deletion interrupted by a crash", () => {
  it("is finished at the next start", async () => {
    const { resumeConnectorDeletions } = await import("./routes/connectors.ts");
    const t = await startTestApp();
    const created = await t.call("POST", "/api/v1/integrations/connectors", {
      workspace_name: "default",
      connector_type: "postgres",
      configuration: { host: "127.0.0.1", port: 5432, database: "test", username: "postgres", password: "crash-secret" },
    });
    const connection = await t.call("POST", "/api/v1/connections", {
      source_id: created.body.id,
      destination_id: (await t.call("POST", "/api/v1/integrations/connectors", { workspace_name: "default", connector_type: "destination-dev-null", configuration: { test_destination: { test_destination_type: "SILENT" } } })).body.id,
    });
    const record = (await t.deps.store.getConnector(created.body.id))!;
    // What the crash left: the 202 was answered, the job stored as running, nothing removed yet.
    const now = new Date().toISOString();
    await t.deps.store.putJob({ id: "job_crashed", kind: "connector.delete", workspaceId: record.workspaceId, targetId: record.id, status: "running", error: null, created_at: now, updated_at: now });
    expect(await resumeConnectorDeletions(t.deps, t.jobs)).toBe(1);
    await t.jobs.idle();
    expect((await t.call("GET", "/api/v1/jobs/job_crashed")).body.status).toBe("succeeded");
    expect((await t.call("GET", `/api/v1/integrations/connectors/${record.id}`)).status).toBe(404);
    expect((await t.call("GET", `/api/v1/connections/${connection.body.id}`)).status).toBe(404);
    expect(await t.deps.secrets.get(record.secretRefs["/password"]!)).toBeUndefined();
    expect(await resumeConnectorDeletions(t.deps, t.jobs)).toBe(0);
    await t.close();
  });
});
