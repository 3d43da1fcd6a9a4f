// Session behaviour the console journey relies on, with the real offline agent over the REST twin:
// "skip" typed into secret mode is never stored as a secret, a chat message is echoed as kept
// (screened), an over-long message is refused in words, the connector name is the form's first
// field (unique by default, renamable), and a connector without a live check says so.
import { optionalSecretDefinition, requiredSecretDefinition } from "./testing/secret-definitions.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Catalog, type Definition } from "../../specs/index.ts";
import { startTestApp, type TestApp } from "../testing/test-app.ts";

const requiredSecret: Definition = { ...requiredSecretDefinition, id: "0b7e6d1c-5a4f-4e3d-9c2b-1a0f9e8d7c6b", origin: "test" };
const optionalSecret: Definition = { ...optionalSecretDefinition, id: "5c1d7e2a-8b3f-4a6e-9d0c-2f4b6a8c0e13", origin: "test" };

// Signing in is the only way: no oneOf to take the OAuth option out of.
const oauthOnly: Definition = {
  id: "4c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
  name: "source-oauth-only",
  kind: "source",
  displayName: "OAuth only (test)",
  origin: "test",
  check: "none",
  oauth: { authorizeUrl: "http://127.0.0.1:9/authorize", tokenUrl: "http://127.0.0.1:9/token" },
  connectionSpecification: {
    type: "object",
    required: ["credentials"],
    properties: {
      credentials: {
        type: "object",
        title: "Sign in",
        required: ["auth_type", "access_token"],
        properties: {
          auth_type: { type: "string", const: "oauth2.0" },
          access_token: { type: "string", title: "Access token", airbyte_secret: true },
        },
      },
    },
  },
  advanced_auth: {
    auth_flow_type: "oauth2.0",
    predicate_key: ["credentials", "auth_type"],
    predicate_value: "oauth2.0",
    oauth_config_specification: {
      complete_oauth_output_specification: { type: "object", properties: { access_token: { type: "string", path_in_connector_config: ["credentials", "access_token"] } } },
    },
  },
};

describe("console journey fixes in the session layer", () => {
  let t: TestApp;
  beforeAll(async () => {
    const catalog = await Catalog.load({ builtins: true });
    catalog.add(requiredSecret);
    catalog.add(optionalSecret);
    catalog.add(oauthOnly);
    t = await startTestApp({ overrides: { catalog } });
  });
  afterAll(() => t.close());

  async function session(definitionId = requiredSecret.id) {
    const created = await t.call("POST", "/api/v1/setup-sessions", { workspace_name: "default", definition_id: definitionId });
    expect(created.status).toBe(201);
    const { session_id: id, session_token: token } = created.body;
    const call = (method: string, suffix: string, body?: unknown) => t.call(method, `/api/v1/setup-sessions/${id}${suffix}`, body, token);
    return { id, call, snapshot: async () => (await call("GET", "")).body };
  }

  it("never stores 'skip' typed into secret mode: an optional secret is skipped, a required one is refused", async () => {
    const { call, snapshot } = await session();
    await call("POST", "/messages", { text: "db.example.com" });
    expect((await snapshot()).secretMode).toEqual({ path: "/api_key" });
    const refused = await call("POST", "/secrets", { path: "/api_key", value: "skip" });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ field: "/api_key", error_code: "secret_required" });
    expect(refused.body.message).toMatch(/API key is required, so it cannot be skipped/);
    expect((await snapshot()).form.secrets).toEqual({});

    await call("POST", "/secrets", { path: "/api_key", value: "a-real-key-123" });
    expect(Object.keys((await snapshot()).form.secrets)).toEqual(["/api_key"]);

    const optional = await session(optionalSecret.id);
    await optional.call("POST", "/messages", { text: "db.example.com" });
    expect((await optional.snapshot()).secretMode).toEqual({ path: "/password" });
    const skipped = await optional.call("POST", "/secrets", { path: "/password", value: " Skip " });
    expect(skipped.status).toBe(200);
    const after = await optional.snapshot();
    expect(Object.keys(after.form.secrets)).toEqual([]);
    expect(after.form.values.password).toBeUndefined();
    expect(after.secretMode).toBeNull();
    // The person said skip, and the transcript says so (as chat, not as a stored secret).
    expect(skipped.body.events.map((event: any) => event.type)).not.toContain("secret.stored");
    expect(after.transcript.filter((entry: any) => entry.role === "user").map((entry: any) => entry.text)).toEqual(["db.example.com", "skip"]);
  });

  it("echoes a chat message as kept: a pasted secret is already cut out of the echo", async () => {
    const { call } = await session();
    const token = "ghp_" + "Zq8".repeat(12);
    const answered = await call("POST", "/messages", { text: `host is db.example.com and my key ${token}` });
    const echo = answered.body.events.find((event: any) => event.type === "message.received");
    expect(echo).toMatchObject({ type: "message.received", redacted: true });
    expect(echo.text).not.toContain(token);
    expect(answered.body.events[0].type).toBe("message.received");
    expect(JSON.stringify(answered.body)).not.toContain(token);
  });

  it("refuses an over-long message in words, and keeps nothing of it", async () => {
    const { call, snapshot } = await session();
    const before = (await snapshot()).transcript.length;
    const long = await call("POST", "/messages", { text: "x".repeat(20_001) });
    expect(long.status).toBe(422);
    expect(long.body.message).toBe("That message is too long to send (the limit is 20,000 characters). Shorten it, or put long values such as keys in the form.");
    expect(long.body.errors[0]).toMatchObject({ field: "/text", error_code: "message_too_long" });
    expect((await snapshot()).transcript).toHaveLength(before);
  });

  it("names the connector after its definition, unique in the workspace, and renames it from the form", async () => {
    const taken = await t.call("POST", "/api/v1/integrations/connectors", { workspace_name: "default", connector_type: "source-sample-data", configuration: { dataset: "users" } });
    expect(taken.body.name).toBe("Sample Data");
    const { call, snapshot } = await session("source-sample-data");
    const first = await snapshot();
    expect(first.form.name).toBe("Sample Data 2");
    const renamed = await call("PATCH", "/form", { base_version: first.form.version, ops: [], name: "  Orders demo " });
    expect(renamed.status).toBe(200);
    expect(renamed.body.events).toEqual([expect.objectContaining({ type: "form.patch", name: "Orders demo", ops: [] })]);
    expect((await snapshot()).form.name).toBe("Orders demo");
    const empty = await call("PATCH", "/form", { base_version: first.form.version, ops: [], name: "   " });
    expect(empty.status).toBe(422);
    expect(empty.body.errors[0]).toMatchObject({ error_code: "invalid_name" });
    const nothing = await call("PATCH", "/form", { base_version: first.form.version, ops: [] });
    expect(nothing.status).toBe(422);
    // Saved under the chosen name.
    await call("POST", "/messages", { text: "users" });
    await call("POST", "/test");
    const saved = await snapshot();
    expect(saved.status).toBe("completed");
    const connector = await t.call("GET", `/api/v1/integrations/connectors/${saved.connectorId}`);
    expect(connector.body.name).toBe("Orders demo");
    // The snapshot says there was no live test to run.
    expect(saved.definition.liveCheck).toBe(false);
    expect(saved.lastTest.status).toBe("succeeded");
  });

  it("says what an administrator must set up instead of opening a popup that would fail, where OAuth is the only way", async () => {
    const oauthRequest = async () => {
      const { call, snapshot } = await session(oauthOnly.id);
      // Its one auth type is offered as the default first.
      if (!(await snapshot()).oauthPending) await call("POST", "/messages", { text: "default" });
      return (await snapshot()).oauthPending;
    };
    const without = await oauthRequest();
    expect(without).toMatchObject({ path: "/credentials", unavailable: expect.stringMatching(/administrator must add its client id and secret in the Onramp console \(OAuth clients\)/) });
    const put = await t.call("PUT", `/api/v1/oauth/clients/${oauthOnly.name}`, { workspace_name: "default", client_id: "app", client_secret: "app-secret" });
    expect(put.status).toBe(200);
    const withClient = await oauthRequest();
    expect(withClient).toEqual({ path: "/credentials", startUrl: expect.stringContaining("/oauth/start?") });
  });

  it("lists every definition that signs in with OAuth, with this workspace's client (secret masked) and the redirect URL", async () => {
    const listed = await t.call("GET", "/api/v1/oauth/clients?workspace_name=default");
    expect(listed.status).toBe(200);
    expect(listed.body.redirect_uri).toMatch(/\/oauth\/callback$/);
    const byName = Object.fromEntries(listed.body.data.map((entry: any) => [entry.name, entry]));
    expect(byName["source-taskboard"]).toMatchObject({ display_name: "Taskboard", client: null });
    expect(byName["source-oauth-only"].client).toMatchObject({ client_id: "app", client_secret: "**********" });
    expect(JSON.stringify(listed.body)).not.toContain("app-secret");
    // Configured ones first.
    expect(listed.body.data[0].client).not.toBeNull();
    expect(byName["source-postgres"]).toBeUndefined();
  });
});
