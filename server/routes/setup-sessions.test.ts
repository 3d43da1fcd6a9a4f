// The setup-session routes in-process (app.request), with a scripted agent: who may call what,
// the { events } answers, the 409 on a stale edit, Copy JSON, CORS for allowed_origin.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { SECRET_MASK } from "../../specs/index.ts";
import { createApp } from "../app.ts";
import { buildDeps } from "../bootstrap.ts";
import { loadConfig } from "../config.ts";
import { memoryLogger } from "../log.ts";
import { createSessionManager } from "../sessions/index.ts";
import { catalog, definition, scriptedAgent } from "../sessions/testing/toy-session.ts";
import type { AgentInput } from "../../agent/session-port.ts";

const dataDirs: string[] = [];
afterAll(async () => {
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true, maxRetries: 3 });
});

async function setup(inputs: AgentInput[] = []) {
  const apiToken = `onr_${randomBytes(16).toString("hex")}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "onramp-routes-"));
  dataDirs.push(dataDir);
  const config = loadConfig({ ONRAMP_DATA_DIR: dataDir, ONRAMP_API_TOKEN: apiToken });
  const log = memoryLogger();
  const deps = await buildDeps(config, {
    log,
    catalog,
    sessions: (base) => createSessionManager({ ...base, agent: scriptedAgent(inputs) }),
  });
  const app = createApp(deps);
  const call = (method: string, url: string, token?: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(url, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const create = async (body: Record<string, unknown> = {}) => {
    const response = await call("POST", "/api/v1/setup-sessions", apiToken, { workspace_name: "default", definition_id: definition.id, ...body });
    expect(response.status).toBe(201);
    return (await response.json()) as { session_id: string; session_token: string; expires_at: string };
  };
  return { app, deps, apiToken, call, create, log };
}

describe("setup-session routes", () => {
  it("creates a session with an application token only", async () => {
    const { call, create, apiToken } = await setup();
    expect((await call("POST", "/api/v1/setup-sessions", undefined, { workspace_name: "default", definition_id: definition.id })).status).toBe(401);
    const created = await create();
    expect(created.session_token).toMatch(/^oss_/);
    expect(Date.parse(created.expires_at)).toBeGreaterThan(Date.now());
    // A session token is not an application token.
    expect((await call("POST", "/api/v1/setup-sessions", created.session_token, { workspace_name: "default", definition_id: definition.id })).status).toBe(401);
    const unknown = await call("POST", "/api/v1/setup-sessions", apiToken, { workspace_name: "default", definition_id: "nope" });
    expect(unknown.status).toBe(404);
    const both = await call("POST", "/api/v1/setup-sessions", apiToken, { workspace_name: "default", definition_id: definition.id, connector_type: "toy" });
    expect(both.status).toBe(422);
    expect((await call("POST", "/api/v1/setup-sessions", apiToken, { workspace_name: "nowhere", definition_id: definition.id })).status).toBe(404);
    const byType = await call("POST", "/api/v1/setup-sessions", apiToken, { workspace_name: "default", connector_type: "source-toy" });
    expect(byType.status).toBe(201);
  });

  it("opens a session's endpoints with its own session token only", async () => {
    const { call, create, apiToken } = await setup();
    const first = await create();
    const second = await create();
    const url = `/api/v1/setup-sessions/${first.session_id}`;
    expect((await call("GET", url, first.session_token)).status).toBe(200);
    expect((await call("GET", url)).status).toBe(401);
    expect((await call("GET", url, apiToken)).status).toBe(401);
    expect((await call("GET", url, second.session_token)).status).toBe(401);
    const unknown = await call("GET", `/api/v1/setup-sessions/unknown`, first.session_token);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ message: expect.any(String), errors: [{ field: "session_id", error_code: "not_found" }] });
    // ...and never the management API.
    const management = await call("GET", "/api/v1/integrations/connectors?workspace_name=default", first.session_token);
    expect(management.status).toBe(401);
    const body = await management.json();
    expect(body).toMatchObject({ message: expect.any(String), errors: [expect.objectContaining({ error_code: expect.any(String) })] });
  });

  it("drives a turn over REST and answers { events } ending with the next question", async () => {
    const { call, create } = await setup();
    const { session_id, session_token } = await create();
    const snapshot = await (await call("GET", `/api/v1/setup-sessions/${session_id}`, session_token)).json();
    expect(snapshot.pending).toMatchObject({ path: "/host" });
    const patched = await call("PATCH", `/api/v1/setup-sessions/${session_id}/form`, session_token, {
      base_version: 0,
      ops: [{ op: "set", path: "/host", value: "db.internal" }],
    });
    expect(patched.status).toBe(200);
    const { events } = await patched.json();
    expect(events[0]).toMatchObject({ type: "form.patch", version: 1, by: "form" });
    expect(events.at(-1)).toMatchObject({ type: "field.ask", path: "/port" });
    const said = await call("POST", `/api/v1/setup-sessions/${session_id}/messages`, session_token, { text: "hi" });
    expect((await said.json()).events.at(-1)).toMatchObject({ type: "field.ask" });
    const bad = await call("POST", `/api/v1/setup-sessions/${session_id}/messages`, session_token, { text: 42 });
    expect(bad.status).toBe(422);
  });

  it("has REST twins for the widget's Cancel buttons (setup and sign-in), session token only", async () => {
    const inputs: AgentInput[] = [];
    const { call, create, apiToken } = await setup(inputs);
    const { session_id, session_token } = await create();
    expect((await call("POST", `/api/v1/setup-sessions/${session_id}/oauth-cancel`, apiToken)).status).toBe(401);
    expect((await call("POST", `/api/v1/setup-sessions/${session_id}/oauth-cancel`, session_token)).status).toBe(200);
    expect((await call("POST", `/api/v1/setup-sessions/${session_id}/cancel`, session_token)).status).toBe(200);
    expect(inputs.map((input) => input.kind)).toEqual(["start", "oauth.cancel", "cancel"]);
  });

  it("answers a stale form edit with a 409 envelope and loses nothing", async () => {
    const { call, create } = await setup();
    const { session_id, session_token } = await create();
    const url = `/api/v1/setup-sessions/${session_id}/form`;
    await call("PATCH", url, session_token, { base_version: 0, ops: [{ op: "set", path: "/host", value: "first" }] });
    const stale = await call("PATCH", url, session_token, { base_version: 0, ops: [{ op: "set", path: "/host", value: "second" }] });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ errors: [{ field: "/host", error_code: "conflict" }] });
    const snapshot = await (await call("GET", `/api/v1/setup-sessions/${session_id}`, session_token)).json();
    expect(snapshot.form.values.host).toBe("first");
  });

  it("stores a secret by POST .../secrets and shows only the mask in Copy JSON", async () => {
    const { call, create, deps, log } = await setup();
    const { session_id, session_token } = await create();
    const canary = `canary_${randomBytes(12).toString("hex")}`;
    await call("PATCH", `/api/v1/setup-sessions/${session_id}/form`, session_token, { base_version: 0, ops: [{ op: "set", path: "/host", value: "h" }, { op: "set", path: "/port", value: 1 }] });
    const stored = await call("POST", `/api/v1/setup-sessions/${session_id}/secrets`, session_token, { path: "/password", value: canary });
    const text = await stored.text();
    expect(stored.status).toBe(200);
    expect(text).not.toContain(canary);
    expect(JSON.parse(text).events.map((event: { type: string }) => event.type)).toContain("secret.stored");
    const copied = await (await call("GET", `/api/v1/setup-sessions/${session_id}/config`, session_token)).json();
    expect(copied).toMatchObject({ name: "Toy", definition: { id: definition.id }, config: { host: "h", port: 1, password: SECRET_MASK } });
    const record = await deps.store.getSession(session_id);
    expect(await deps.secrets.get(record!.form.secrets["/password"]!)).toBe(canary);
    expect(log.lines.join("\n")).not.toContain(canary);
    const notSecret = await call("POST", `/api/v1/setup-sessions/${session_id}/secrets`, session_token, { path: "/host", value: "x" });
    expect(notSecret.status).toBe(422);
  });

  it("allows the session's allowed_origin (CORS) and refuses other origins", async () => {
    const { call, create } = await setup();
    const { session_id, session_token } = await create({ allowed_origin: "https://app.example.com" });
    const url = `/api/v1/setup-sessions/${session_id}`;
    const preflight = await call("OPTIONS", `${url}/messages`, undefined, undefined, {
      origin: "https://app.example.com",
      "access-control-request-method": "POST",
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    const allowed = await call("GET", url, session_token, undefined, { origin: "https://app.example.com" });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    // Another origin is refused in words the page can read (CORS headers on the refusal too), so
    // the widget says what is wrong instead of retrying as if the network failed.
    const evil = await call("GET", url, session_token, undefined, { origin: "https://evil.example.com" });
    expect(evil.status).toBe(403);
    expect(evil.headers.get("access-control-allow-origin")).toBe("https://evil.example.com");
    expect(await evil.json()).toEqual({
      message: "This setup session may only be embedded on https://app.example.com (its allowed_origin), not on https://evil.example.com.",
      errors: [{ field: "allowed_origin", message: expect.stringContaining("allowed_origin"), error_code: "forbidden_origin" }],
    });
    // Its preflight passes, so that refusal is what the page sees; the request itself decides.
    const evilPreflight = await call("OPTIONS", `${url}/form`, undefined, undefined, { origin: "https://evil.example.com", "access-control-request-method": "PATCH" });
    expect(evilPreflight.status).toBe(204);
    expect((await call("PATCH", `${url}/form`, session_token, { base_version: 0, ops: [{ op: "set", path: "/host", value: "x" }] }, { origin: "https://evil.example.com" })).status).toBe(403);
    const noOrigin = await create({});
    const unlisted = await call("GET", `/api/v1/setup-sessions/${noOrigin.session_id}`, noOrigin.session_token, undefined, { origin: "https://app.example.com" });
    expect((await unlisted.json()).message).toMatch(/has no allowed_origin.*"allowed_origin": "https:\/\/app\.example\.com"/);
    // Refused preflights answer the envelope too: no Origin, or a session that does not exist.
    for (const [target, headers] of [
      [`${url}/form`, {}],
      ["/api/v1/setup-sessions/unknown/messages", { origin: "https://app.example.com" }],
    ] as const) {
      const refused = await call("OPTIONS", target, undefined, undefined, headers);
      expect(refused.status, target).toBe(403);
      expect(await refused.json()).toMatchObject({ message: expect.any(String), errors: [{ field: null, error_code: "forbidden_origin" }] });
    }
    expect((await call("OPTIONS", url, undefined, undefined, { origin: "https://app.example.com" })).status).toBe(204);
  });
});
