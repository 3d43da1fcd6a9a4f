// The OAuth client API (credentials per definition and workspace, or organization-wide, secret
// kept in the secret store and masked in every answer; errors in the one envelope) and
// /oauth/start's refusals before any provider is involved.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECRET_MASK } from "../../specs/types.ts";
import { createApplicationToken } from "../auth/tokens.ts";
import { createSession, RestSession, WsSession } from "../sessions/testing/session-client.ts";
import { resolveOAuthClient, type OAuthClientConfig } from "./oauth-clients.ts";
import { startOAuthTestEnv, type OAuthTestEnv } from "./testing/oauth-test-env.ts";

const TASKBOARD_ID = "a3df1d39-510d-492c-bf9c-0334108bf471";
let env: OAuthTestEnv;

beforeAll(async () => {
  env = await startOAuthTestEnv();
}, 60_000);

afterAll(async () => {
  await env?.close();
});

function put(definition: string, body: unknown, token: string | null = env.apiToken) {
  return fetch(`${env.baseUrl}/api/v1/oauth/clients/${definition}`, {
    method: "PUT",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

describe("/oauth/start refusals", () => {
  it("an unknown session gets a failure page and no redirect", async () => {
    const response = await fetch(`${env.baseUrl}/oauth/start?session=00000000-0000-0000-0000-000000000000&path=%2Fcredentials`, { redirect: "manual" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("session_unavailable");
    expect(response.headers.get("content-security-policy")).toContain("script-src 'nonce-");
  });

  it("without a client the OAuth option is not offered (no popup that would fail), and a start link is refused", async () => {
    const created = await createSession(env.baseUrl, env.apiToken, { definition_id: TASKBOARD_ID });
    const rest = new RestSession(env.baseUrl, created.session_id, created.session_token);
    const ws = await WsSession.open(env.wsUrl, created.session_id, created.session_token);
    try {
      const notChosen = await fetch(`${env.baseUrl}/oauth/start?session=${created.session_id}&path=%2Fcredentials`, { redirect: "manual" });
      expect(notChosen.status).toBe(400);
      expect(await notChosen.text()).toContain("not_selected");

      // The form view's spec and the agent's question both lack the OAuth option.
      const snapshot = (await rest.snapshot()).body as any;
      const titles = snapshot.spec.properties.credentials.oneOf.map((option: any) => option.title);
      expect(titles).toEqual(["Personal API token"]);
      const events = await rest.say("Sign in with Taskboard (OAuth)");
      expect(events.some((event) => event.type === "oauth.request")).toBe(false);
      const asks = events.filter((event) => event.type === "field.ask") as any[];
      expect(JSON.stringify(asks)).not.toContain("OAuth");
    } finally {
      await ws.close();
    }
  });
});

describe("PUT/GET /api/v1/oauth/clients/:definitionId", () => {
  it("refuses a missing token, an unknown definition, one without OAuth, and bad settings", async () => {
    expect((await put(TASKBOARD_ID, { client_id: "a" }, null)).status).toBe(401);
    expect((await put(TASKBOARD_ID, { client_id: "a" }, "onr_wrong")).status).toBe(401);
    expect((await put("no-such-definition", { workspace_name: "default", client_id: "a" })).status).toBe(404);
    expect((await put("source-postgres", { workspace_name: "default", client_id: "a" })).status).toBe(422);
    const bad = await put(TASKBOARD_ID, { workspace_name: "default", client_id: "", authorize_url: "javascript:alert(1)" });
    expect(bad.status).toBe(422);
    const body = await bad.json();
    expect(body.errors.map((error: { field: string }) => error.field).sort()).toEqual(["authorize_url", "client_id"]);
    expect((await put(TASKBOARD_ID, { workspace_name: "nope", client_id: "a" })).status).toBe(404);
  });

  it("stores the client secret in the secret store and never answers with it", async () => {
    const secret = `canary-${Math.random().toString(36).slice(2)}-client-secret`;
    const response = await put(TASKBOARD_ID, { workspace_name: "default", client_id: "taskboard-app", client_secret: secret, scopes: "tasks:read offline_access" });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    expect(text).not.toContain(secret);
    const { client } = JSON.parse(text);
    expect(client).toMatchObject({ client_id: "taskboard-app", client_secret: SECRET_MASK, scopes: ["tasks:read", "offline_access"], authorize_url: null });

    const got = await fetch(`${env.baseUrl}/api/v1/oauth/clients/${TASKBOARD_ID}?workspace_name=default`, { headers: { authorization: `Bearer ${env.apiToken}` } });
    const gotText = await got.text();
    expect(got.status).toBe(200);
    expect(gotText).not.toContain(secret);
    expect(JSON.parse(gotText).client.id).toBe(client.id);

    const workspace = await env.deps.store.findWorkspaceByName("org_default", "default");
    const record = (await env.deps.store.findOAuthClient(TASKBOARD_ID, workspace!.id, "org_default")) as OAuthClientConfig;
    expect(record.clientSecretRef).toMatch(/^sec_/);
    expect(await env.deps.secrets.get(record.clientSecretRef!)).toBe(secret);

    // Sending the mask back keeps the stored secret; a new value replaces (and deletes) the old one.
    expect((await put(TASKBOARD_ID, { workspace_name: "default", client_id: "taskboard-app", client_secret: SECRET_MASK })).status).toBe(200);
    const kept = (await env.deps.store.findOAuthClient(TASKBOARD_ID, workspace!.id, "org_default")) as OAuthClientConfig;
    expect(kept.id).toBe(record.id);
    expect(kept.clientSecretRef).toBe(record.clientSecretRef);
    expect((await put(TASKBOARD_ID, { workspace_name: "default", client_id: "taskboard-app", client_secret: "another-secret" })).status).toBe(200);
    const replaced = (await env.deps.store.findOAuthClient(TASKBOARD_ID, workspace!.id, "org_default")) as OAuthClientConfig;
    expect(replaced.clientSecretRef).not.toBe(record.clientSecretRef);
    expect(await env.deps.secrets.get(record.clientSecretRef!)).toBeUndefined();
    expect(env.logLines.join("\n")).not.toContain(secret);
  });
});

/** Every 4xx/5xx answers the envelope { message, errors: [{ field, message, error_code }] }, never an empty list. */
async function expectEnvelope(response: Response, status: number): Promise<{ message: string; errors: Array<Record<string, unknown>> }> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  const body = JSON.parse(text);
  expect(typeof body.message).toBe("string");
  expect(body.errors.length, text).toBeGreaterThan(0);
  for (const error of body.errors) {
    expect(Object.keys(error).sort()).toEqual(["error_code", "field", "message"]);
    expect(typeof error.message).toBe("string");
    expect(typeof error.error_code).toBe("string");
  }
  return body;
}

describe("error envelopes of the client API", () => {
  const get = (path: string, token = env.apiToken) => fetch(`${env.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const raw = (body: string, contentType: string) =>
    fetch(`${env.baseUrl}/api/v1/oauth/clients/${TASKBOARD_ID}`, { method: "PUT", headers: { authorization: `Bearer ${env.apiToken}`, "content-type": contentType }, body });

  it("answers every refusal with at least one error item", async () => {
    await expectEnvelope(await get("/api/v1/oauth/clients/no-such-definition?workspace_name=default"), 404);
    // A workspace with no client of its own, and no organization-wide one yet.
    const workspace = await fetch(`${env.baseUrl}/api/v1/workspaces`, {
      method: "POST",
      headers: { authorization: `Bearer ${env.apiToken}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "without-client" }),
    });
    expect(workspace.status).toBe(201);
    const missing = await expectEnvelope(await get(`/api/v1/oauth/clients/${TASKBOARD_ID}?workspace_name=without-client`), 404);
    expect(missing.message).toMatch(/No OAuth client/);
    await expectEnvelope(await put("no-such-definition", { workspace_name: "default", client_id: "a" }), 404);
    await expectEnvelope(await put("source-postgres", { workspace_name: "default", client_id: "a" }), 422);
    await expectEnvelope(await put(TASKBOARD_ID, { workspace_name: "default", client_id: "a" }, null), 401);
    await expectEnvelope(await put(TASKBOARD_ID, { workspace_name: "nope", client_id: "a" }), 404);
  });

  it("reads the body with the shared JSON reader: text/plain is 415, broken JSON and a non-object are 400", async () => {
    const plain = await expectEnvelope(await raw(JSON.stringify({ workspace_name: "default", client_id: "a" }), "text/plain"), 415);
    expect(plain.errors[0].error_code).toBe("unsupported_media_type");
    expect((await expectEnvelope(await raw("{not json", "application/json"), 400)).errors[0].error_code).toBe("invalid_json");
    expect((await expectEnvelope(await raw("[1, 2]", "application/json"), 400)).errors[0].error_code).toBe("invalid_json");
    expect((await expectEnvelope(await raw("", "application/json"), 400)).errors[0].error_code).toBe("invalid_json");
  });
});

describe("organization-wide clients belong to one organization", () => {
  it("an organization-wide client serves only its own organization's workspaces, and another organization's PUT creates its own", async () => {
    const other = await createApplicationToken(env.deps.store, { organizationId: "org_other", name: "other organization" });
    const createWorkspace = async (token: string, name: string) => {
      const response = await fetch(`${env.baseUrl}/api/v1/workspaces`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ name }),
      });
      expect(response.status).toBe(201);
      return (await response.json()) as { id: string };
    };
    const ownSecond = await createWorkspace(env.apiToken, "second");
    const foreign = await createWorkspace(other.token, "foreign");

    // Organization-wide (no workspace named, organization token) in the first organization.
    const first = await put(TASKBOARD_ID, { client_id: "first-org-app", client_secret: "first-org-secret" });
    expect(first.status, await first.clone().text()).toBe(200);
    const firstClient = (await first.json()).client;
    expect(firstClient.workspace_id).toBeNull();
    expect((await resolveOAuthClient(env.deps, TASKBOARD_ID, ownSecond.id))?.record.clientId).toBe("first-org-app");
    // The other organization's workspace does not get it: not in a session, not through the API.
    expect(await resolveOAuthClient(env.deps, TASKBOARD_ID, foreign.id)).toBeUndefined();
    await expectEnvelope(await fetch(`${env.baseUrl}/api/v1/oauth/clients/${TASKBOARD_ID}?workspace_name=foreign`, { headers: { authorization: `Bearer ${other.token}` } }), 404);
    const created = await createSession(env.baseUrl, other.token, { workspace_name: "foreign", definition_id: TASKBOARD_ID });
    const rest = new RestSession(env.baseUrl, created.session_id, created.session_token);
    const events = await rest.say("Sign in with Taskboard (OAuth)");
    expect(events.some((event) => event.type === "oauth.request")).toBe(false);
    const foreignSpec = ((await rest.snapshot()).body as any).spec.properties.credentials.oneOf;
    expect(foreignSpec.map((option: any) => option.title)).toEqual(["Personal API token"]);
    // Meanwhile a session in the first organization is offered OAuth.
    const own = await createSession(env.baseUrl, env.apiToken, { workspace_name: "second", definition_id: TASKBOARD_ID });
    const ownRest = new RestSession(env.baseUrl, own.session_id, own.session_token);
    expect((await ownRest.say("Sign in with Taskboard (OAuth)")).some((event) => event.type === "oauth.request")).toBe(true);

    // The other organization's own organization-wide PUT makes a second record; the first stays.
    const second = await fetch(`${env.baseUrl}/api/v1/oauth/clients/${TASKBOARD_ID}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${other.token}`, "content-type": "application/json" },
      body: JSON.stringify({ client_id: "other-org-app", client_secret: "other-org-secret" }),
    });
    expect(second.status).toBe(200);
    const secondClient = (await second.json()).client;
    expect(secondClient.id).not.toBe(firstClient.id);
    expect((await resolveOAuthClient(env.deps, TASKBOARD_ID, foreign.id))?.record.clientId).toBe("other-org-app");
    const firstAgain = await resolveOAuthClient(env.deps, TASKBOARD_ID, ownSecond.id);
    expect(firstAgain?.record.clientId).toBe("first-org-app");
    expect(firstAgain?.clientSecret).toBe("first-org-secret");
    const listed = await fetch(`${env.baseUrl}/api/v1/oauth/clients/${TASKBOARD_ID}`, { headers: { authorization: `Bearer ${env.apiToken}` } });
    expect((await listed.json()).client.client_id).toBe("first-org-app");
  });
});

describe("/oauth/start with a configured client", () => {
  it("redirects to the definition's own provider with the API's client id, state and PKCE", async () => {
    const created = await createSession(env.baseUrl, env.apiToken, { definition_id: TASKBOARD_ID });
    const rest = new RestSession(env.baseUrl, created.session_id, created.session_token);
    const events = await rest.say("Sign in with Taskboard (OAuth)");
    const request = events.find((event) => event.type === "oauth.request") as { startUrl: string } | undefined;
    expect(request).toBeDefined();
    const started = await fetch(request!.startUrl, { redirect: "manual" });
    expect(started.status).toBe(302);
    const location = new URL(started.headers.get("location")!);
    // No endpoint override was configured: the URLs come from the definition itself.
    expect(location.origin + location.pathname).toBe("https://taskboard.example.com/oauth/authorize");
    expect(location.searchParams.get("client_id")).toBe("taskboard-app");
    // The last PUT set no scopes (PUT replaces the settings): the definition's own scopes apply.
    expect(location.searchParams.get("scope")).toBe("tasks:read projects:read offline_access");
    expect(location.searchParams.get("state")).toMatch(/^[\w-]{43}$/);
    expect(location.searchParams.get("code_challenge_method")).toBe("S256");
    const cookie = started.headers.get("set-cookie") ?? "";
    expect(cookie).toContain(`onramp_oauth_${created.session_id}=${location.searchParams.get("state")}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const stored = await env.deps.store.takeOAuthState(location.searchParams.get("state")!);
    expect(stored).toMatchObject({ sessionId: created.session_id, path: "/credentials", redirectUri: `${env.baseUrl}/oauth/callback` });
    expect(Date.parse(stored!.expiresAt)).toBeGreaterThan(Date.now());
  });
});
