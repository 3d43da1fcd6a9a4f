// The setup agent on worker threads (ONRAMP_AGENT_WORKERS=2) behind a real server on 127.0.0.1:
// whole setups against the machine's PostgreSQL, a session's messages in order, catalog
// additions after start, a restart on the same data dir, and OAuth offered only where a client
// is registered, all with the turns run off the main thread.
import { rm } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import type { ServerEvent } from "../../agent/protocol.ts";
import { SECRET_MASK, type Definition } from "../../specs/index.ts";
import { services } from "../testing/service-gate.ts";
import { postgresLogin, type TestLogin } from "../sessions/testing/databases.ts";
import { findLeaks } from "../sessions/testing/leak-check.ts";
import { createSession, RestSession, WsSession } from "../sessions/testing/session-client.ts";
import { startTestServer, type TestServer } from "../sessions/testing/test-server.ts";

const postgresUp = await services.postgres();
const WORKERS = { ONRAMP_AGENT_WORKERS: "2" };

const servers: TestServer[] = [];
const sockets: WsSession[] = [];
const logins: TestLogin[] = [];

async function server(options: { dataDir?: string; apiToken?: string; env?: Record<string, string> } = {}): Promise<TestServer> {
  const started = await startTestServer({ ...options, env: { ...WORKERS, ...options.env }, logLevel: "info" });
  servers.push(started);
  return started;
}

async function open(server: TestServer, body: Record<string, unknown>) {
  const created = await createSession(server.baseUrl, server.apiToken, body);
  const ws = await WsSession.open(server.wsUrl, created.session_id, created.session_token);
  sockets.push(ws);
  await ws.next((event) => event.type === "session.snapshot", 5000, 0);
  return { created, ws, rest: new RestSession(server.baseUrl, created.session_id, created.session_token) };
}

afterEach(async () => {
  for (const ws of sockets.splice(0)) await ws.close();
  for (const started of servers.splice(0)) await started.close().catch(() => undefined);
  for (const login of logins.splice(0)) await login.drop().catch(() => undefined);
});

const transcriptOf = async (rest: RestSession) => (await rest.snapshot()).body.transcript as Array<{ role: string; text: string }>;

describe("agent turns on worker threads", () => {
  it("runs on the workers: several sessions spread over both, the main thread stays the one writer", async () => {
    const started = await server();
    expect(started.pool?.size).toBe(2);
    // Both workers have loaded and taken their catalog (they answer only then), so the busy time
    // measured from here is the turns'.
    await started.pool!.warmed();
    const before = started.pool!.busyMs();
    const sessions = await Promise.all(Array.from({ length: 8 }, () => open(started, { connector_type: "source-postgres" })));
    await Promise.all(sessions.map(({ rest }, index) => rest.say(`host db-${index}.internal port 5432`)));
    const after = started.pool!.busyMs();
    // Eight ids hash to both workers (odds of all eight on one: 1 in 128) and each worked.
    expect(after.every((busy, index) => busy > before[index]!)).toBe(true);
    for (const [index, { created }] of sessions.entries()) {
      const record = await started.deps.store.getSession(created.session_id);
      expect(record?.form.values).toMatchObject({ host: `db-${index}.internal`, port: 5432 });
      // The worker's checkpoint went through the main thread's store.
      expect(await started.deps.store.getCheckpoint(created.session_id)).toBeDefined();
    }
  });

  it("warms each worker up with in-memory turns that leave nothing in the store", async () => {
    const started = await server({ env: { ONRAMP_AGENT_WARM_UP: "1" } });
    const warmed = await started.pool!.warmed();
    expect(warmed).toHaveLength(2);
    for (const result of warmed) expect(result?.turns).toBeGreaterThan(0);
    expect(await started.deps.store.listSessionsExpiredBefore(new Date(Date.now() + 365 * 24 * 3600_000).toISOString())).toEqual([]);
    const { rest } = await open(started, { connector_type: "source-postgres" });
    expect(await rest.say("host db.internal")).toEqual(expect.arrayContaining([expect.objectContaining({ type: "form.patch" })]));
  });

  it("keeps one session's messages in order when they arrive together", async () => {
    const started = await server();
    const { ws, rest } = await open(started, { connector_type: "source-postgres" });
    const texts = ["host first.internal", "what does the port mean?", "host second.internal", "port 6543"];
    for (const text of texts) ws.send({ type: "user.message", text });
    await ws.next((event) => event.type === "form.patch" && event.ops.some((op) => op.path === "/port"), 20_000, 0);
    const transcript = (await transcriptOf(rest)).filter((entry) => entry.role !== "system");
    const users = transcript.filter((entry) => entry.role === "user").map((entry) => entry.text);
    expect(users).toEqual(texts);
    // Each message was answered before the next one was read.
    for (const text of texts) {
      const at = transcript.findIndex((entry) => entry.role === "user" && entry.text === text);
      expect(transcript[at + 1]?.role).toBe("agent");
    }
    const record = await started.deps.store.getSession(rest.sessionId);
    expect(record?.form.values).toMatchObject({ host: "second.internal", port: 6543 });
  });

  it("sets up a definition added to the catalog after the workers started", async () => {
    const started = await server();
    const definition: Definition = {
      id: "5d2c1a9e-7d0b-4b7e-9a51-2f1c3e4d5a6b",
      name: "source-late-arrival",
      kind: "source",
      displayName: "Late Arrival",
      origin: "test",
      connectionSpecification: {
        type: "object",
        required: ["workspace_slug"],
        properties: { workspace_slug: { type: "string", title: "Workspace slug", description: "The short name in your workspace URL." } },
      },
    };
    started.deps.catalog.add(definition);
    const { ws } = await open(started, { definition_id: definition.id });
    ws.send({ type: "user.message", text: "hello" });
    const ask = await ws.next((event) => event.type === "field.ask", 15_000, 0);
    expect(ask).toMatchObject({ path: "/workspace_slug" });
  });

  it("goes on after a restart on the same data dir from the checkpoint the workers had stored", async () => {
    const first = await server();
    const { created, rest } = await open(first, { connector_type: "source-postgres" });
    await rest.say("host db.internal port 5432 database warehouse");
    for (const ws of sockets.splice(0)) await ws.close();
    await first.close();
    servers.splice(servers.indexOf(first), 1);

    const second = await server({ dataDir: first.dataDir, apiToken: first.apiToken });
    const again = new RestSession(second.baseUrl, created.session_id, created.session_token);
    const events = await again.say("the user is loader");
    const asks = events.filter((event): event is ServerEvent & { type: "field.ask" | "secret.request" } => event.type === "field.ask" || event.type === "secret.request");
    expect(asks.at(-1)).toMatchObject({ path: "/password" });
    const record = await second.deps.store.getSession(created.session_id);
    expect(record?.form.values).toMatchObject({ host: "db.internal", port: 5432, database: "warehouse", username: "loader" });
    await rm(first.dataDir, { recursive: true, force: true, maxRetries: 3 });
  });

  it("offers OAuth in a worker's questions only once a client is registered for the workspace", async () => {
    const started = await server();
    const without = await open(started, { definition_id: "source-taskboard" });
    const refused = await without.rest.say("Sign in with Taskboard (OAuth)");
    expect(refused.some((event) => event.type === "oauth.request")).toBe(false);

    const registered = await fetch(`${started.baseUrl}/api/v1/oauth/clients/source-taskboard`, {
      method: "PUT",
      headers: { authorization: `Bearer ${started.apiToken}`, "content-type": "application/json" },
      body: JSON.stringify({ workspace_name: "default", client_id: "pool-test-client", client_secret: "pool-test-secret" }),
    });
    expect(registered.status, await registered.text()).toBe(200);
    const offered = await open(started, { definition_id: "source-taskboard" });
    const events = await offered.rest.say("Sign in with Taskboard (OAuth)");
    const request = events.find((event) => event.type === "oauth.request") as { path: string; startUrl: string } | undefined;
    expect(request).toMatchObject({ path: "/credentials" });
    // Built on the worker from the server's public URL, as the main thread would.
    expect(request!.startUrl).toBe(`${started.baseUrl}/oauth/start?session=${offered.created.session_id}&path=%2Fcredentials`);
  });
});

describe.skipIf(!postgresUp)("a whole Postgres setup with the agent on workers", () => {
  it("fails the test on a wrong port, takes the fix, saves, and leaks no secret", async () => {
    const started = await server();
    const login = await postgresLogin();
    logins.push(login);
    const { ws, rest } = await open(started, { connector_type: "source-postgres" });
    ws.send({ type: "user.message", text: `host 127.0.0.1 port 5439 database test user ${login.user}` });
    await ws.next((event) => event.type === "secret.request");
    ws.send({ type: "secret.submit", path: "/password", value: login.password });
    const failed = await ws.next((event) => event.type === "test.result", 20_000);
    expect(failed).toMatchObject({ status: "failed", reason: "unreachable" });
    const from = ws.events.length;
    ws.send({ type: "user.message", text: "the port is 5432" });
    const done = (await ws.next((event) => event.type === "session.completed", 20_000, from)) as { connectorId: string };
    const saved = await started.deps.store.getConnector(done.connectorId);
    expect(saved?.configuration).toMatchObject({ host: "127.0.0.1", port: 5432, username: login.user, password: SECRET_MASK });
    expect(await started.deps.secrets.get(saved!.secretRefs["/password"]!)).toBe(login.password);

    const leaks = await findLeaks(
      [login.password],
      [
        { label: "ws frames", text: ws.frames.join("\n") },
        { label: "REST responses", text: rest.received.join("\n") },
        { label: "server log", text: started.logLines.join("\n") },
      ],
      [started.dataDir],
    );
    expect(leaks).toEqual([]);
  });
});
