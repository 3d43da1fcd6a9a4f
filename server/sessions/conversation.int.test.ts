// Whole setups through a real server on 127.0.0.1 (REST twin and ws) with the offline agent,
// against the machine's PostgreSQL and MariaDB. Every secret is a random canary; after each test
// the canary must appear nowhere: gateway log, events and responses, logs, data dir files.
import { rm } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import type { ServerEvent } from "../../agent/protocol.ts";
import { SECRET_MASK } from "../../specs/index.ts";
import { services } from "../testing/service-gate.ts";
import { canary, mysqlLogin, postgresLogin, type TestLogin } from "./testing/databases.ts";
import { findLeaks } from "./testing/leak-check.ts";
import { createSession, RestSession, WsSession } from "./testing/session-client.ts";
import { startTestServer, type TestServer } from "./testing/test-server.ts";

const postgresUp = await services.postgres();
const mysqlUp = await services.mysql();

interface Harness {
  server: TestServer;
  canaries: string[];
  logins: TestLogin[];
  rests: RestSession[];
  sockets: WsSession[];
  /** Every event the session layer broadcast, as sent. */
  broadcast: string[];
}

let current: Harness | undefined;

async function harness(): Promise<Harness> {
  current = { server: await startTestServer(), canaries: [], logins: [], rests: [], sockets: [], broadcast: [] };
  return current;
}

async function open(h: Harness, body: Record<string, unknown>) {
  const created = await createSession(h.server.baseUrl, h.server.apiToken, body);
  h.server.deps.sessions.subscribe(created.session_id, (event) => h.broadcast.push(JSON.stringify(event)));
  const rest = new RestSession(h.server.baseUrl, created.session_id, created.session_token);
  h.rests.push(rest);
  return { created, rest };
}

async function socket(h: Harness, sessionId: string, token: string) {
  const ws = await WsSession.open(h.server.wsUrl, sessionId, token);
  h.sockets.push(ws);
  await ws.next((event) => event.type === "session.snapshot", 5000, 0);
  return ws;
}

async function management(h: Harness, method: string, url: string, body?: unknown) {
  const response = await fetch(`${h.server.baseUrl}${url}`, {
    method,
    headers: { authorization: `Bearer ${h.server.apiToken}`, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  h.rests[0]?.received.push(text);
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const types = (events: ServerEvent[]) => events.map((event) => event.type);
const last = <T extends ServerEvent["type"]>(events: ServerEvent[], type: T) =>
  events.filter((event): event is Extract<ServerEvent, { type: T }> => event.type === type).at(-1);

afterEach(async () => {
  const h = current;
  current = undefined;
  if (!h) return;
  for (const ws of h.sockets) await ws.close();
  await h.server.close();
  for (const login of h.logins) await login.drop().catch(() => undefined);
  const leaks = await findLeaks(
    h.canaries,
    [
      { label: "gateway log", text: JSON.stringify(h.server.gatewaySent()) },
      { label: "broadcast events", text: h.broadcast.join("\n") },
      { label: "REST responses", text: h.rests.flatMap((rest) => rest.received).join("\n") },
      { label: "ws frames", text: h.sockets.flatMap((ws) => ws.frames).join("\n") },
      { label: "server log", text: h.server.logLines.join("\n") },
    ],
    [h.server.dataDir],
  );
  await rm(h.server.dataDir, { recursive: true, force: true, maxRetries: 3 });
  expect(leaks).toEqual([]);
});

describe.skipIf(!postgresUp)("Postgres setups", () => {
  it("sets up a Postgres source in one message plus the password in secret mode (REST twin)", async () => {
    const h = await harness();
    const login = await postgresLogin();
    h.logins.push(login);
    h.canaries.push(login.password);
    const { rest } = await open(h, { connector_type: "source-postgres" });
    const first = await rest.say(`host 127.0.0.1 port 5432 database test user ${login.user}`);
    expect(first.at(-1)).toMatchObject({ type: "secret.request", path: "/password" });
    const snapshot = (await rest.snapshot()).body;
    expect(snapshot.secretMode).toEqual({ path: "/password" });
    expect(snapshot.pending).toMatchObject({ path: "/password", secret: true });

    const second = await rest.secret("/password", login.password);
    expect(types(second)).toEqual(expect.arrayContaining(["secret.stored", "test.started", "test.result", "session.completed"]));
    expect(last(second, "test.result")).toMatchObject({ status: "succeeded" });
    const connectorId = last(second, "session.completed")!.connectorId;

    const saved = await management(h, "GET", `/api/v1/integrations/connectors/${connectorId}`);
    expect(saved.status).toBe(200);
    expect(JSON.stringify(saved.body)).toContain(SECRET_MASK);
    const record = await h.server.deps.store.getConnector(connectorId);
    expect(record).toMatchObject({ configuration: { host: "127.0.0.1", port: 5432, database: "test", username: login.user, password: SECRET_MASK } });
    expect(await h.server.deps.secrets.get(record!.secretRefs["/password"]!)).toBe(login.password);
  });

  it("explains a failed test (wrong port), takes the fix in one reply and saves (ws)", async () => {
    const h = await harness();
    const login = await postgresLogin();
    h.logins.push(login);
    h.canaries.push(login.password);
    const { created } = await open(h, { connector_type: "source-postgres" });
    const ws = await socket(h, created.session_id, created.session_token);
    ws.send({ type: "user.message", text: `host 127.0.0.1 port 5439 database test user ${login.user}` });
    await ws.next((event) => event.type === "secret.request");
    ws.send({ type: "secret.submit", path: "/password", value: login.password });
    const failed = await ws.next((event) => event.type === "test.result");
    expect(failed).toMatchObject({ status: "failed", reason: "unreachable" });
    expect((failed as { fields?: string[] }).fields).toContain("/port");
    // The agent goes back to a field the check named.
    const asked = await ws.next((event) => event.type === "field.ask", 15_000, ws.events.indexOf(failed));
    expect((failed as { fields?: string[] }).fields).toContain((asked as { path: string }).path);
    const explained = ws.events.filter((event) => event.type === "agent.message").map((event) => (event as { text: string }).text).join(" ");
    expect(explained).toMatch(/5439/);

    const from = ws.events.length;
    ws.send({ type: "user.message", text: "the port is 5432" });
    const done = await ws.next((event) => event.type === "session.completed", 20_000, from);
    expect(ws.events.slice(from).filter((event) => event.type === "test.result")).toEqual([
      expect.objectContaining({ status: "succeeded" }),
    ]);
    const record = await h.server.deps.store.getConnector((done as { connectorId: string }).connectorId);
    expect(record?.configuration.port).toBe(5432);
  });

  it("uses a value and a secret edited in the form view mid-conversation (ws)", async () => {
    const h = await harness();
    const login = await postgresLogin();
    h.logins.push(login);
    h.canaries.push(login.password);
    const { created } = await open(h, { connector_type: "source-postgres" });
    const ws = await socket(h, created.session_id, created.session_token);
    ws.send({ type: "user.message", text: "host 127.0.0.1 port 5432 database test" });
    const asked = await ws.next((event) => event.type === "field.ask");
    expect(asked).toMatchObject({ path: "/username" });
    const snapshot = (await h.rests[0]!.snapshot()).body;

    // The form view fills the user name and the password: the agent must not ask either again.
    const from = ws.events.length;
    ws.send({
      type: "form.patch",
      base_version: snapshot.form.version,
      ops: [
        { op: "set", path: "/username", value: login.user },
        { op: "set", path: "/password", value: login.password },
      ],
    });
    const patch = await ws.next((event) => event.type === "form.patch" && event.by === "form", 10_000, from);
    expect(patch).toMatchObject({ ops: [{ path: "/username", value: login.user }, { path: "/password", value: SECRET_MASK }] });
    // A form edit does not start the test by itself; the form's "Test and save" does.
    await ws.next((event) => event.type === "agent.message" && /Test and save/.test(event.text), 10_000, from);
    expect(ws.events.slice(from).some((event) => event.type === "test.started")).toBe(false);
    ws.send({ type: "test.request" });
    const done = await ws.next((event) => event.type === "session.completed", 20_000, from);
    const after = ws.events.slice(from);
    expect(after.some((event) => event.type === "field.ask" && ["/username", "/password"].includes(event.path))).toBe(false);
    expect(after.some((event) => event.type === "secret.request")).toBe(false);
    const record = await h.server.deps.store.getConnector((done as { connectorId: string }).connectorId);
    expect(record?.configuration.username).toBe(login.user);
    expect(await h.server.deps.secrets.get(record!.secretRefs["/password"]!)).toBe(login.password);
  });

  it("modifies an existing connector: one field changes, no secret is asked again (REST twin)", async () => {
    const h = await harness();
    const login = await postgresLogin();
    h.logins.push(login);
    h.canaries.push(login.password);
    const first = await open(h, { connector_type: "source-postgres" });
    await first.rest.say(`host localhost port 5432 database test user ${login.user}`);
    const saved = await first.rest.secret("/password", login.password);
    const connectorId = last(saved, "session.completed")!.connectorId;
    const before = await h.server.deps.store.getConnector(connectorId);
    const secretId = before!.secretRefs["/password"];

    const { rest } = await open(h, { connector_id: connectorId });
    const snapshot = (await rest.snapshot()).body;
    expect(snapshot.form.values).toMatchObject({ host: "localhost", password: SECRET_MASK });
    expect(snapshot.form.secrets["/password"]).toBe(secretId);
    const events = await rest.say("change host to 127.0.0.1");
    expect(types(events)).not.toContain("secret.request");
    expect(last(events, "test.result")).toMatchObject({ status: "succeeded" });
    expect(last(events, "session.completed")).toMatchObject({ connectorId });
    const after = await h.server.deps.store.getConnector(connectorId);
    expect(after!.configuration).toEqual({ ...before!.configuration, host: "127.0.0.1" });
    expect(after!.secretRefs["/password"]).toBe(secretId);
    expect(await h.server.deps.secrets.get(secretId!)).toBe(login.password);
  });

  it("catches a token pasted into normal chat, and a password pasted while the password is asked", async () => {
    const h = await harness();
    const login = await postgresLogin();
    const token = `ghp_${canary("tok").replace(/_/g, "")}`;
    h.logins.push(login);
    h.canaries.push(login.password, token);
    const { rest } = await open(h, { connector_type: "source-postgres" });
    const pasted = await rest.say(`host 127.0.0.1 and my token is ${token}`);
    expect(JSON.stringify(pasted)).not.toContain(token);
    const transcript = (await rest.snapshot()).body.transcript as Array<{ role: string; text: string }>;
    expect(transcript.filter((entry) => entry.role === "user").at(-1)?.text).toContain("[redacted");
    await rest.say(`port 5432 database test user ${login.user}`);
    // In secret mode even plain chat goes to the secret store as the password.
    const events = await rest.say(login.password);
    expect(types(events)).toContain("secret.stored");
    expect(last(events, "test.result")).toMatchObject({ status: "succeeded" });
    const connectorId = last(events, "session.completed")!.connectorId;
    const record = await h.server.deps.store.getConnector(connectorId);
    expect(await h.server.deps.secrets.get(record!.secretRefs["/password"]!)).toBe(login.password);
  });
});

describe("a session opened with no connector", () => {
  it("lets the agent choose the connector from the first message, and the form follows", async () => {
    const h = await harness();
    const { rest } = await open(h, {});
    expect((await rest.snapshot()).body).toMatchObject({ definition: null, spec: null, form: { definitionId: null } });
    const events = await rest.say("I want to pull data from our Postgres");
    expect(events.find((event) => event.type === "session.snapshot")).toMatchObject({ session: { definition: { name: "source-postgres" } } });
    expect(events.at(-1)).toMatchObject({ type: "field.ask", path: "/host" });
    const snapshot = (await rest.snapshot()).body;
    expect(snapshot.definition).toMatchObject({ name: "source-postgres" });
    expect(snapshot.spec).toMatchObject({ type: "object" });
    expect(snapshot.pending).toMatchObject({ path: "/host", type: "string" });
  });
});

describe("cancelling a whole setup from a view", () => {
  it("ends the session on session.cancel (ws): every view hears it, nothing is saved, later events are refused", async () => {
    const h = await harness();
    const { created, rest } = await open(h, { connector_type: "source-postgres" });
    const ws = await socket(h, created.session_id, created.session_token);
    ws.send({ type: "session.cancel" });
    await ws.next((event) => event.type === "session.cancelled");
    expect((await rest.snapshot()).body).toMatchObject({ status: "cancelled", connectorId: null });
    const refused = await rest.call("POST", "/messages", { text: "host db.internal" });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ errors: [{ error_code: "session_closed" }] });
    expect((await management(h, "GET", "/api/v1/integrations/connectors?workspace_name=default")).body.data).toEqual([]);
  });
});

describe.skipIf(!mysqlUp)("MySQL setup", () => {
  it("sets up a MySQL source against MariaDB (ws)", async () => {
    const h = await harness();
    const login = await mysqlLogin();
    h.logins.push(login);
    h.canaries.push(login.password);
    const { created } = await open(h, { connector_type: "source-mysql" });
    const ws = await socket(h, created.session_id, created.session_token);
    ws.send({ type: "user.message", text: `host 127.0.0.1 port 3306 database test username ${login.user}` });
    await ws.next((event) => event.type === "field.ask" && event.path === "/replication_method");
    ws.send({ type: "user.message", text: "Cursor column" });
    await ws.next((event) => event.type === "secret.request");
    ws.send({ type: "secret.submit", path: "/password", value: login.password });
    const result = await ws.next((event) => event.type === "test.result", 20_000);
    expect(result).toMatchObject({ status: "succeeded" });
    const done = await ws.next((event) => event.type === "session.completed");
    const record = await h.server.deps.store.getConnector((done as { connectorId: string }).connectorId);
    expect(record).toMatchObject({ configuration: { username: login.user, password: SECRET_MASK } });
    expect(await h.server.deps.secrets.get(record!.secretRefs["/password"]!)).toBe(login.password);
  });
});
