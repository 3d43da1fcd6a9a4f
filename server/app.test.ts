import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./testing/test-app.ts";
import { createApplicationToken } from "./auth/index.ts";
import { ApiError } from "./http-error.ts";
import { createMemoryStore } from "./store/memory-store.ts";

function expectEnvelope(body: any) {
  expect(typeof body.message).toBe("string");
  expect(Array.isArray(body.errors)).toBe(true);
  expect(body.errors.length).toBeGreaterThan(0);
  for (const item of body.errors) {
    expect(item).toHaveProperty("field");
    expect(typeof item.message).toBe("string");
    expect(typeof item.error_code).toBe("string");
  }
  expect(JSON.stringify(body)).not.toMatch(/\n\s+at /);
}

describe("the HTTP edge", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ONRAMP_MAX_BODY_BYTES: "2048" } });
  });
  afterAll(() => t.close());

  it("serves /healthz without a token", async () => {
    const response = await t.call("GET", "/healthz", undefined, null);
    expect(response.status).toBe(200);
    expect(response.body.status).toBe("ok");
    expect(response.body.definitions).toBeGreaterThan(0);
  });

  it("answers unknown routes with a 404 envelope", async () => {
    const response = await t.call("GET", "/nope");
    expect(response.status).toBe(404);
    expectEnvelope(response.body);
  });

  it("401 without a token, with a bad token, and with a non-Bearer scheme", async () => {
    for (const token of [null, "onr_not-a-real-token"]) {
      const response = await t.call("GET", "/api/v1/workspaces", undefined, token);
      expect(response.status).toBe(401);
      expectEnvelope(response.body);
    }
    const basic = await t.app.request("/api/v1/workspaces", { headers: { authorization: `Basic ${t.token}` } });
    expect(basic.status).toBe(401);
    expect(basic.headers.get("www-authenticate")).toMatch(/^Bearer/);
    // The access log keeps the path, never a query string (it may carry a token) or a header.
    await t.call("GET", "/api/v1/workspaces?token=query-token-canary");
    const log = t.logLines.join("\n");
    expect(log).toContain('"path":"/api/v1/workspaces"');
    expect(log).not.toContain("query-token-canary");
    expect(log).not.toContain(t.token);
  });

  it("400 for malformed JSON, 415 for a non-JSON body, 413 for a body over the limit", async () => {
    const malformed = await t.app.request("/api/v1/workspaces", {
      method: "POST",
      headers: { authorization: `Bearer ${t.token}`, "content-type": "application/json" },
      body: "{ not json",
    });
    expect(malformed.status).toBe(400);
    expectEnvelope(await malformed.json());

    const form = await t.app.request("/api/v1/workspaces", {
      method: "POST",
      headers: { authorization: `Bearer ${t.token}`, "content-type": "application/x-www-form-urlencoded" },
      body: "name=x",
    });
    expect(form.status).toBe(415);
    expectEnvelope(await form.json());

    const array = await t.call("POST", "/api/v1/workspaces", [1, 2]);
    expect(array.status).toBe(400);

    const big = await t.app.request("/api/v1/workspaces", {
      method: "POST",
      headers: { authorization: `Bearer ${t.token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "x".repeat(5000) }),
    });
    expect(big.status).toBe(413);
    expectEnvelope(await big.json());
  });

  it("turns an unexpected error into a 500 envelope without a stack, and logs it", async () => {
    const store = createMemoryStore();
    const broken = await startTestApp({ overrides: { store } });
    store.listWorkspaces = async () => {
      throw new Error("kaboom");
    };
    const response = await broken.call("GET", "/api/v1/workspaces");
    expect(response.status).toBe(500);
    expectEnvelope(response.body);
    expect(JSON.stringify(response.body)).not.toContain("kaboom");
    expect(broken.logLines.some((line) => line.includes("kaboom"))).toBe(true);
    await broken.close();
  });

  it("rejects a real setup-session token on the management API", async () => {
    const created = await t.call("POST", "/api/v1/setup-sessions", { workspace_name: "default", connector_type: "postgres" });
    expect(created.status).toBe(201);
    const sessionToken: string = created.body.session_token;
    // The token is live: it opens its own session...
    expect((await t.call("GET", `/api/v1/setup-sessions/${created.body.session_id}`, undefined, sessionToken)).status).toBe(200);
    // ...and nothing of the management API, reads and writes alike.
    for (const [method, url, body] of [
      ["GET", "/api/v1/workspaces", undefined],
      ["GET", "/api/v1/integrations/connectors?workspace_name=default", undefined],
      ["GET", "/api/v1/integrations/definitions/sources", undefined],
      ["POST", "/api/v1/workspaces", { name: "by-session" }],
      ["POST", "/api/v1/setup-sessions", { workspace_name: "default", connector_type: "postgres" }],
    ] as const) {
      const response = await t.call(method, url, body, sessionToken);
      expect(response.status, `${method} ${url}`).toBe(401);
      expectEnvelope(response.body);
    }
    expect((await t.call("GET", "/api/v1/workspaces/by-session")).status).toBe(404);
  });

  it("400 for a body nested deeper than the limit, before anything walks it", async () => {
    // This suite's body limit (2 KiB) would refuse the deep body for its size first.
    const roomy = await startTestApp();
    let deep: unknown = "x";
    for (let level = 0; level < 3000; level++) deep = { a: deep };
    const response = await roomy.app.request("/api/v1/integrations/connectors", {
      method: "POST",
      headers: { authorization: `Bearer ${roomy.token}`, "content-type": "application/json" },
      body: JSON.stringify({ workspace_name: "default", connector_type: "postgres", configuration: { host: deep } }),
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expectEnvelope(body);
    expect(body.errors[0].error_code).toBe("invalid_json");
    expect(body.message).toMatch(/more than 64 levels/);
    // 64 levels is fine: the answer is about the config, not the JSON.
    let allowed: unknown = "x";
    for (let level = 0; level < 60; level++) allowed = { a: allowed };
    const shallow = await roomy.call("POST", "/api/v1/integrations/connectors", { workspace_name: "default", connector_type: "postgres", configuration: { host: allowed } });
    expect(shallow.status).toBe(422);
    await roomy.close();
  });

  it("answers a RangeError (input past what the code can take) with a 400, never a 500", async () => {
    const store = createMemoryStore();
    const broken = await startTestApp({ overrides: { store } });
    store.listWorkspaces = async () => {
      throw new RangeError("Maximum call stack size exceeded");
    };
    const response = await broken.call("GET", "/api/v1/workspaces");
    expect(response.status).toBe(400);
    expectEnvelope(response.body);
    expect(response.body.errors[0].error_code).toBe("invalid_input");
    await broken.close();
  });

  it("every ApiError carries at least one error item", () => {
    const bare = new ApiError(404, "Gone");
    expect(bare.toEnvelope()).toEqual({ message: "Gone", errors: [{ field: null, message: "Gone", error_code: "not_found" }] });
  });

  it("a token of another organization gets 403 on this organization's workspace", async () => {
    const other = await createApplicationToken(t.deps.store, { organizationId: "org_other" });
    const workspace = (await t.call("GET", "/api/v1/workspaces/default")).body;
    const response = await t.call("GET", `/api/v1/workspaces/${workspace.id}`, undefined, other.token);
    expect(response.status).toBe(403);
    expectEnvelope(response.body);
  });
});
