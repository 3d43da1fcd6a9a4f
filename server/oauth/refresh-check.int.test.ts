// A connection check after the access token expired for real at the provider: the session renews
// it from the stored refresh token, the API (which asks the provider about every token) accepts
// the new one, and the form's secret is replaced. No step knows it talks to a test server.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerEvent } from "../../agent/protocol.ts";
import { createSession, RestSession, WsSession } from "../sessions/testing/session-client.ts";
import { authorizeWithoutBrowser } from "./testing/authorize-without-browser.ts";
import { startOAuthTestEnv, type OAuthTestEnv } from "./testing/oauth-test-env.ts";

const TTL_SECONDS = 2;
let env: OAuthTestEnv;
let api: http.Server;
let apiUrl: string;
const presented: Array<{ token: string; active: boolean }> = [];
let connectorId: string | undefined;

beforeAll(async () => {
  env = await startOAuthTestEnv({ oidc: { accessTokenTtlSeconds: TTL_SECONDS } });
  expect((await env.configureClient("source-taskboard")).status).toBe(200);
  // Taskboard's API stand-in: GET /v2/me answers 200 only for a token the provider calls active.
  api = http.createServer(async (request, response) => {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1] ?? "";
    const active = token !== "" && (await env.oidc.introspect(token));
    presented.push({ token, active });
    response.writeHead(active ? 200 : 401, { "content-type": "application/json" }).end(active ? '{"id":"me"}' : '{"error":"invalid_token"}');
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/v2`;
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (api ? api.close(() => resolve()) : resolve()));
  await env?.close();
});

describe("refresh when a check needs a fresh access token", () => {
  it("renews the expired token before the check, and the check passes with the new one", async () => {
    const created = await createSession(env.baseUrl, env.apiToken, { definition_id: "source-taskboard" });
    const rest = new RestSession(env.baseUrl, created.session_id, created.session_token);
    const ws = await WsSession.open(env.wsUrl, created.session_id, created.session_token);
    try {
      const events = await rest.say("Sign in with Taskboard (OAuth)");
      const request = events.find((event) => event.type === "oauth.request") as { startUrl: string };
      const result = await authorizeWithoutBrowser(request.startUrl, { decision: "approve" });
      expect(result.status).toBe(200);
      await ws.next((event) => event.type === "field.ask" && event.path === "/start_date");

      const before = (await rest.snapshot()).body.form;
      const firstToken = (await env.deps.secrets.get(before.secrets["/credentials/access_token"]))!;
      const patched = await rest.call("PATCH", "/form", { base_version: before.version, ops: [{ op: "set", path: "/api_url", value: apiUrl }] });
      expect(patched.status).toBe(200);
      // Let the first access token expire at the provider itself.
      await new Promise((resolve) => setTimeout(resolve, TTL_SECONDS * 1000 + 1500));
      expect(await env.oidc.introspect(firstToken)).toBe(false);

      const refreshesBefore = env.oidc.tokenRequests.refresh_token ?? 0;
      const from = ws.events.length;
      await rest.say("2024-01-01");
      const outcome = (await ws.next((event) => event.type === "test.result", 20_000, from)) as ServerEvent & { type: "test.result" };
      expect(outcome.status, outcome.message).toBe("succeeded");
      expect(env.oidc.tokenRequests.refresh_token).toBe(refreshesBefore + 1);
      expect(presented.length).toBeGreaterThan(0);
      expect(presented.every((entry) => entry.active && entry.token !== firstToken)).toBe(true);

      const after = (await rest.snapshot()).body;
      connectorId = after.connectorId ?? undefined;
      const secretId = after.form.secrets["/credentials/access_token"] ?? (await env.deps.store.getConnector(after.connectorId))?.secretRefs["/credentials/access_token"];
      expect(secretId).toBeDefined();
      expect(secretId).not.toBe(before.secrets["/credentials/access_token"]);
      expect(await env.deps.secrets.get(secretId)).toBe(presented[presented.length - 1].token);
      // The renewed token is a secret like the first: never in an event.
      expect(ws.frames.join("\n")).not.toContain(presented[presented.length - 1].token);
    } finally {
      await ws.close();
    }
  }, 60_000);

  it("renews it for a saved connector's test-and-save too, and saves the new token in place of the old", async () => {
    expect(connectorId).toBeDefined();
    const before = (await env.deps.store.getConnector(connectorId!))!;
    const oldRef = before.secretRefs["/credentials/access_token"];
    const oldToken = (await env.deps.secrets.get(oldRef))!;
    await new Promise((resolve) => setTimeout(resolve, TTL_SECONDS * 1000 + 1500));
    expect(await env.oidc.introspect(oldToken)).toBe(false);

    const seenBefore = presented.length;
    const response = await fetch(`${env.baseUrl}/api/v1/integrations/connectors/${connectorId}/check`, {
      method: "POST",
      headers: { authorization: `Bearer ${env.apiToken}`, "content-type": "application/json" },
      body: "{}",
    });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ status: "succeeded", saved: true });
    const used = presented.slice(seenBefore);
    expect(used.length).toBeGreaterThan(0);
    expect(used.every((entry) => entry.active && entry.token !== oldToken)).toBe(true);
    expect(text).not.toContain(used[0].token);

    const after = (await env.deps.store.getConnector(connectorId!))!;
    const newRef = after.secretRefs["/credentials/access_token"];
    expect(newRef).not.toBe(oldRef);
    expect(await env.deps.secrets.get(newRef)).toBe(used[used.length - 1].token);
    expect(await env.deps.secrets.get(oldRef)).toBeUndefined();
    expect(Date.parse((after.configuration as any).credentials.token_expiry_date)).toBeGreaterThan(Date.now());
  }, 60_000);
});
