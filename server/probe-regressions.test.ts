// The bad requests issue 14's probe found answered wrongly, each as it was sent: in the error
// envelope now, and nothing changed. (The store, check and ws halves are tested beside their code:
// store/lowdb-store.test.ts, specs/checks/closed-connection.test.ts, routes/setup-sessions.ws.int.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalog, definition, scriptedAgent } from "./sessions/testing/toy-session.ts";
import { createSessionManager } from "./sessions/index.ts";
import { startTestApp, type TestApp } from "./testing/test-app.ts";

let t: TestApp;
let session: { session_id: string; session_token: string };

beforeAll(async () => {
  t = await startTestApp({ overrides: { catalog, sessions: (base) => createSessionManager({ ...base, agent: scriptedAgent([]) }) } });
  session = (await t.call("POST", "/api/v1/setup-sessions", { workspace_name: "default", definition_id: definition.id })).body;
});
afterAll(async () => {
  await t?.close();
});

async function raw(method: string, url: string, init: { token?: string | null; body?: BodyInit; headers?: Record<string, string> } = {}) {
  const bearer = init.token === undefined ? t.token : init.token;
  const response = await t.app.request(url, {
    method,
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...init.headers },
    body: init.body,
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get("content-type") ?? "", text, json: (() => { try { return JSON.parse(text); } catch { return undefined; } })() };
}

function expectEnvelope(answer: { status: number; json: any; text: string }, status: number, code?: string) {
  expect(answer.status, answer.text.slice(0, 300)).toBe(status);
  expect(answer.json).toMatchObject({ message: expect.any(String), errors: [expect.objectContaining({ error_code: code ?? expect.any(String) })] });
}

describe("ids too long to be ids", () => {
  const long = "a".repeat(187);
  const sessionPaths = ["", "/config", "/messages", "/secrets", "/secret-cancel", "/form", "/test", "/oauth-cancel", "/cancel", "/ws"];

  it("are 404 in the envelope on every route that takes one, the unauthenticated preflight included", async () => {
    for (const length of [187, 300, 5000]) {
      const id = "a".repeat(length);
      expectEnvelope(await raw("GET", `/api/v1/jobs/${id}`), 404, "not_found");
      expectEnvelope(await raw("GET", `/api/v1/integrations/connectors/${id}`), 404, "not_found");
      expectEnvelope(await raw("GET", `/api/v1/workspaces/${id}`), 404, "not_found");
      for (const suffix of sessionPaths) {
        expectEnvelope(await raw("POST", `/api/v1/setup-sessions/${id}${suffix}`, { token: session.session_token, body: "{}", headers: { "content-type": "application/json" } }), 404, "not_found");
      }
      expectEnvelope(await raw("OPTIONS", `/api/v1/setup-sessions/${id}/form`, { token: null, headers: { origin: "https://app.example.com", "access-control-request-method": "PATCH" } }), 404, "not_found");
    }
  });

  it("in /oauth/start?session= and an unknown state on the callback answer the failure page, not a 500", async () => {
    const start = await raw("GET", `/oauth/start?session=${long}&path=/credentials`, { token: null, headers: { accept: "text/html" } });
    expect(start.status).toBe(400);
    expect(start.type).toMatch(/text\/html/);
    const callback = await raw("GET", `/oauth/callback?state=${"s".repeat(400)}&code=x`, { token: null, headers: { accept: "text/html" } });
    expect(callback.status).toBe(400);
  });

  it("in a body (connector_id) is a 404, not a 500", async () => {
    expectEnvelope(await raw("POST", "/api/v1/setup-sessions", { body: JSON.stringify({ workspace_name: "default", connector_id: long.repeat(2) }), headers: { "content-type": "application/json" } }), 404, "not_found");
  });
});

describe("bodies that are not JSON objects", () => {
  const sessionPost = (suffix: string, body: BodyInit) =>
    raw("POST", `/api/v1/setup-sessions/${session.session_id}${suffix}`, { token: session.session_token, body, headers: { "content-type": "application/json" } });

  it("whitespace or a byte-order mark alone is malformed on /check, /test, /cancel; an empty body is {}", async () => {
    const created = await t.call("POST", "/api/v1/integrations/connectors", { workspace_name: "default", definition_id: definition.id, configuration: { host: "db.internal", port: 5432, password: "pw" } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const stored = JSON.stringify(await t.deps.store.getConnector(created.body.id));
    for (const body of [" ", "\n\t ", "\uFEFF", "\uFEFF "]) {
      expectEnvelope(await raw("POST", `/api/v1/integrations/connectors/${created.body.id}/check`, { body, headers: { "content-type": "application/json" } }), 400, "invalid_json");
      expectEnvelope(await sessionPost("/test", body), 400, "invalid_json");
      expectEnvelope(await sessionPost("/cancel", body), 400, "invalid_json");
    }
    // Nothing ran: the session is still active, and no check was recorded on the connector.
    expect((await raw("GET", `/api/v1/setup-sessions/${session.session_id}`, { token: session.session_token })).json).toMatchObject({ status: "active" });
    expect(JSON.stringify(await t.deps.store.getConnector(created.body.id))).toBe(stored);
    expect((await sessionPost("/secret-cancel", "")).status).not.toBe(400);
  });

  it("invalid UTF-8 is refused as invalid_json and stores nothing", async () => {
    const before = (await t.call("GET", "/api/v1/workspaces")).body.data.length;
    const bytes = Buffer.concat([Buffer.from('{"name":"bad'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
    expectEnvelope(await raw("POST", "/api/v1/workspaces", { body: bytes, headers: { "content-type": "application/json" } }), 400, "invalid_json");
    expectEnvelope(await sessionPost("/messages", Buffer.concat([Buffer.from('{"text":"host is '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')])), 400, "invalid_json");
    expect((await t.call("GET", "/api/v1/workspaces")).body.data.length).toBe(before);
    const transcript = (await t.deps.store.getSession(session.session_id))!.transcript;
    expect(JSON.stringify(transcript)).not.toContain("\uFFFD");
  });
});

describe("free-text fields have limits", () => {
  it("a connector, connection or template name over 200 characters, or an OAuth client id over 512, is a 422 and stores nothing", async () => {
    const long = "n".repeat(201);
    const created = await t.call("POST", "/api/v1/integrations/connectors", { workspace_name: "default", definition_id: definition.id, name: long, configuration: { host: "db.internal", port: 5432, password: "pw" } });
    expectEnvelope({ ...created, json: created.body, text: JSON.stringify(created.body) }, 422, "too_long");
    const kept = await t.call("POST", "/api/v1/integrations/connectors", { workspace_name: "default", definition_id: definition.id, name: "n".repeat(200), configuration: { host: "db.internal", port: 5432, password: "pw" } });
    expect(kept.status).toBe(201);
    const renamed = await t.call("PATCH", `/api/v1/integrations/connectors/${kept.body.id}`, { name: "m".repeat(1024 * 1024 - 100) });
    expect([413, 422]).toContain(renamed.status);
    expect((await t.deps.store.getConnector(kept.body.id))!.name).toBe("n".repeat(200));
    const template = await t.call("POST", "/api/v1/integrations/templates/sources", { definition_id: definition.id, name: long });
    expect(template.status).toBe(422);
    const oauthDefinition = catalog.list().find((item) => item.advanced_auth || item.oauth);
    if (oauthDefinition) {
      const client = await t.call("PUT", `/api/v1/oauth/clients/${oauthDefinition.id}`, { client_id: "c".repeat(513) });
      expect(client.status).toBe(422);
      expect(client.body.errors[0]).toMatchObject({ field: "client_id", error_code: "too_long" });
    }
    const origin = await t.call("POST", "/api/v1/setup-sessions", { workspace_name: "default", definition_id: definition.id, allowed_origin: `https://${"o".repeat(3000)}.example` });
    expect(origin.body.errors[0]).toMatchObject({ field: "allowed_origin", error_code: "too_long" });
    const streams = await t.call("PATCH", `/api/v1/integrations/connectors/${kept.body.id}`, { streams: ["s".repeat(1001)] });
    expect(streams.body.errors[0]).toMatchObject({ field: "streams", error_code: "too_long" });
    const list = await t.call("GET", "/api/v1/integrations/connectors?workspace_name=default");
    expect(JSON.stringify(list.body).length).toBeLessThan(10_000);
  });
});

describe("the OAuth popup routes", () => {
  it("answer a malformed request with the error envelope when the client asks for JSON, the page otherwise", async () => {
    const asJson = await raw("GET", "/oauth/start?session=&path=", { token: null, headers: { accept: "application/json" } });
    expectEnvelope(asJson, 400);
    expect(asJson.type).toMatch(/application\/json/);
    const callback = await raw("GET", "/oauth/callback?code=x", { token: null, headers: { accept: "application/json" } });
    expectEnvelope(callback, 400, "state_unknown");
    const page = await raw("GET", "/oauth/callback?code=x", { token: null, headers: { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" } });
    expect(page.status).toBe(400);
    expect(page.type).toMatch(/text\/html/);
  });
});

describe("found by the reliability suite's isolation run", () => {
  it("a start link for a session that is not waiting for OAuth tells that session nothing", async () => {
    const before = JSON.stringify(await t.deps.store.getSession(session.session_id));
    const answer = await raw("GET", `/oauth/start?session=${session.session_id}&path=/credentials`, { token: null, headers: { accept: "text/html" } });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(await t.deps.store.getSession(session.session_id))).toBe(before);
  });

  it("a workspace-scoped token refused on another workspace is not told that workspace's name", async () => {
    const { createApplicationToken } = await import("./auth/index.ts");
    const secretName = `hidden-${Date.now()}`;
    const other = await t.call("POST", "/api/v1/workspaces", { name: secretName });
    const mine = await t.call("POST", "/api/v1/workspaces", { name: `mine-${Date.now()}` });
    const scoped = await createApplicationToken(t.deps.store, { workspaceId: mine.body.id });
    const refused = await raw("GET", `/api/v1/workspaces/${other.body.id}`, { token: scoped.token });
    expectEnvelope(refused, 403, "forbidden");
    expect(refused.text).not.toContain(secretName);
  });
});

describe("found by the reliability suite's memory run", () => {
  it("an ended session is not kept in the in-memory cache: it is read from the store", async () => {
    const real = await startTestApp();
    try {
      const created = (await real.call("POST", "/api/v1/setup-sessions", { workspace_name: "default", connector_type: "source-postgres" })).body;
      const cancelled = await real.call("POST", `/api/v1/setup-sessions/${created.session_id}/cancel`, undefined, created.session_token);
      expect(cancelled.status).toBe(200);
      const record = (await real.deps.store.getSession(created.session_id))!;
      expect(record.status).toBe("cancelled");
      // Changed underneath (as the CLI or a sweep would): only an uncached record shows it.
      await real.deps.store.putSession({ ...record, form: { ...record.form, name: "changed in the store" } });
      const snapshot = await real.call("GET", `/api/v1/setup-sessions/${created.session_id}`, undefined, created.session_token);
      expect(snapshot.body.form.name).toBe("changed in the store");
    } finally {
      await real.close();
    }
  });
});
