// A declarative OAuth definition end to end against the real authorization server: no endpoint
// overrides, only the definition's own `oauth_connector_input_specification` (a consent_url with
// `{{ }}` placeholders, one of them the user's subdomain; an access_token_url with
// access_token_params and HTTP Basic access_token_headers; extract_output). The provider accepts
// only Basic client authentication, so the code exchange and the refresh must both send the
// declared header.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAt, setAt, SECRET_MASK } from "../../specs/index.ts";
import { createSession, RestSession, WsSession } from "../sessions/testing/session-client.ts";
import { refreshIfNeeded } from "./refresh.ts";
import { authorizeWithoutBrowser } from "./testing/authorize-without-browser.ts";
import type { OidcTestServer } from "./testing/oidc-server.ts";
import { startOAuthTestEnv, type OAuthTestEnv } from "./testing/oauth-test-env.ts";

const DEFINITION_ID = "5b0c6f0e-7d1a-4c55-9a43-3f2f6c0e9d21";

/** Shaped like the corpus' zendesk and gong definitions, pointed at the test provider. */
function acmeDesk(oidc: OidcTestServer): Record<string, unknown> {
  const secret = { type: "string", airbyte_secret: true };
  return {
    name: "source-acme-desk",
    displayName: "Acme Desk",
    kind: "source",
    definitionId: DEFINITION_ID,
    documentationUrl: "https://docs.example.com/acme-desk",
    connectionSpecification: {
      type: "object",
      required: ["subdomain", "credentials", "start_date"],
      properties: {
        subdomain: { type: "string", title: "Subdomain", description: "Your Acme Desk subdomain, as in https://{subdomain}.acmedesk.example", order: 0 },
        credentials: {
          type: "object",
          title: "Authentication",
          order: 1,
          oneOf: [
            {
              type: "object",
              title: "OAuth2.0",
              required: ["access_token"],
              properties: {
                auth_type: { type: "string", const: "oauth2.0" },
                client_id: { ...secret, title: "Client ID" },
                client_secret: { ...secret, title: "Client Secret" },
                access_token: { ...secret, title: "Access Token" },
                refresh_token: { ...secret, title: "Refresh Token" },
                token_expiry_date: { type: "string", format: "date-time", title: "Token Expiry Date" },
                token_type: { type: "string", title: "Token Type" },
              },
            },
            {
              type: "object",
              title: "API Token",
              required: ["api_token"],
              properties: { auth_type: { type: "string", const: "api_token" }, api_token: { ...secret, title: "API Token" } },
            },
          ],
        },
        start_date: { type: "string", format: "date", title: "Start date", order: 2 },
      },
    },
    advanced_auth: {
      auth_flow_type: "oauth2.0",
      predicate_key: ["credentials", "auth_type"],
      predicate_value: "oauth2.0",
      oauth_config_specification: {
        oauth_user_input_from_connector_config_specification: {
          type: "object",
          properties: { subdomain: { type: "string", path_in_connector_config: ["subdomain"] } },
        },
        complete_oauth_output_specification: {
          type: "object",
          properties: {
            access_token: { type: "string", path_in_connector_config: ["credentials", "access_token"] },
            refresh_token: { type: "string", path_in_connector_config: ["credentials", "refresh_token"] },
            token_expiry_date: { type: "string", path_in_connector_config: ["credentials", "token_expiry_date"] },
            // The provider answers token_type too, but extract_output does not list it.
            token_type: { type: "string", path_in_connector_config: ["credentials", "token_type"] },
          },
        },
        complete_oauth_server_input_specification: { type: "object", properties: { client_id: { type: "string" }, client_secret: { type: "string" } } },
        complete_oauth_server_output_specification: {
          type: "object",
          properties: {
            client_id: { type: "string", path_in_connector_config: ["credentials", "client_id"] },
            client_secret: { type: "string", path_in_connector_config: ["credentials", "client_secret"] },
          },
        },
        oauth_connector_input_specification: {
          consent_url: `${oidc.issuer}/auth?{{client_id_param}}&{{redirect_uri_param}}&{{scope_param}}&{{state_param}}&response_type=code&subdomain={{ subdomain | urlEncoder }}`,
          scope: "tickets:read",
          access_token_url: `${oidc.issuer}/token`,
          access_token_headers: {
            Authorization: "Basic {{ (client_id_value ~ ':' ~ client_secret_value) | b64encode }}",
            "Content-Type": "application/x-www-form-urlencoded",
          },
          access_token_params: { grant_type: "authorization_code", code: "{{ auth_code_value }}", redirect_uri: "{{ redirect_uri_value }}" },
          extract_output: ["access_token", "refresh_token", "expires_in"],
        },
      },
    },
  };
}

let env: OAuthTestEnv;

beforeAll(async () => {
  env = await startOAuthTestEnv({ oidc: { tokenEndpointAuthMethod: "client_secret_basic" }, definitions: (oidc) => [acmeDesk(oidc)] });
  // Only the client id and secret: where the provider is comes from the definition itself.
  const configured = await env.configureClient(DEFINITION_ID, { authorize_url: null, token_url: null });
  expect(configured.status, configured.text).toBe(200);
  expect(JSON.parse(configured.text).client).toMatchObject({ authorize_url: null, token_url: null });
}, 60_000);

afterAll(async () => {
  await env?.close();
});

describe("declarative OAuth (oauth_connector_input_specification) against a real authorization server", () => {
  let sessionId: string;
  let tokens: string[] = [];

  it("renders the consent URL with the user's subdomain, exchanges the code with the declared header and params, and keeps only extract_output", async () => {
    const created = await createSession(env.baseUrl, env.apiToken, { definition_id: DEFINITION_ID });
    sessionId = created.session_id;
    const rest = new RestSession(env.baseUrl, created.session_id, created.session_token);
    const ws = await WsSession.open(env.wsUrl, created.session_id, created.session_token);
    try {
      const asked = await rest.say("acme-support");
      expect(asked.some((event) => event.type === "field.ask" && event.path === "/credentials")).toBe(true);
      const request = (await rest.say("OAuth2.0")).find((event) => event.type === "oauth.request") as { path: string; startUrl: string } | undefined;
      expect(request?.path).toBe("/credentials");

      const started = await fetch(request!.startUrl, { redirect: "manual" });
      expect(started.status).toBe(302);
      const consent = new URL(started.headers.get("location")!);
      expect(consent.origin + consent.pathname).toBe(`${env.oidc.issuer}/auth`);
      expect(consent.searchParams.get("subdomain")).toBe("acme-support");
      expect(consent.searchParams.get("client_id")).toBe(env.oidc.clientId);
      expect(consent.searchParams.get("scope")).toBe("tickets:read");
      expect(consent.searchParams.get("redirect_uri")).toBe(`${env.baseUrl}/oauth/callback`);
      expect(consent.searchParams.get("state")).toMatch(/^[\w-]{43}$/);
      expect(consent.searchParams.get("code_challenge_method")).toBe("S256");

      const from = ws.events.length;
      const result = await authorizeWithoutBrowser(request!.startUrl, { decision: "approve" });
      expect(result.status, result.html).toBe(200);
      await ws.next((event) => event.type === "oauth.completed", 10_000, from);
      await ws.next((event) => event.type === "field.ask" && event.path === "/start_date", 10_000, from);

      // The exchange authenticated by the declared Basic header, with the declared params and the verifier.
      const exchange = env.oidc.tokenRequestLog.filter((entry) => entry.grant === "authorization_code").at(-1)!;
      expect(exchange.basicAuth).toBe(true);
      expect(exchange.params.sort()).toEqual(["code", "code_verifier", "grant_type", "redirect_uri"]);

      const form = (await rest.snapshot()).body.form;
      expect(form.values.credentials).toMatchObject({ auth_type: "oauth2.0", access_token: SECRET_MASK, refresh_token: SECRET_MASK, client_id: SECRET_MASK, client_secret: SECRET_MASK });
      expect(Date.parse(form.values.credentials.token_expiry_date)).toBeGreaterThan(Date.now());
      // token_type was in the provider's answer but not in extract_output: not taken.
      expect(form.values.credentials.token_type).toBeUndefined();
      const access = (await env.deps.secrets.get(form.secrets["/credentials/access_token"]))!;
      const refresh = (await env.deps.secrets.get(form.secrets["/credentials/refresh_token"]))!;
      expect(await env.oidc.introspect(access)).toBe(true);
      expect(refresh.length).toBeGreaterThan(20);
      tokens = [access, refresh];
      expect(ws.frames.join("\n")).not.toContain(access);
      expect(rest.received.join("\n")).not.toContain(refresh);
    } finally {
      await ws.close();
    }
  });

  it("refreshes with the same declared header (the provider refuses any other client authentication)", async () => {
    expect(tokens).toHaveLength(2);
    const session = (await env.deps.store.getSession(sessionId))!;
    const definition = env.deps.catalog.get(DEFINITION_ID)!;
    let config: Record<string, unknown> = session.form.values;
    for (const [path, id] of Object.entries(session.form.secrets)) config = setAt(config, path, await env.deps.secrets.get(id));
    const refreshesBefore = env.oidc.tokenRequests.refresh_token ?? 0;
    const result = await refreshIfNeeded(env.deps, { definition, workspaceId: session.workspaceId, config, force: true });
    expect(result.refreshed).toBe(true);
    expect(env.oidc.tokenRequests.refresh_token).toBe(refreshesBefore + 1);
    const renewal = env.oidc.tokenRequestLog.filter((entry) => entry.grant === "refresh_token").at(-1)!;
    expect(renewal.basicAuth).toBe(true);
    expect(renewal.params).not.toContain("client_secret");
    const renewed = getAt(result.config, "/credentials/access_token") as string;
    expect(renewed).not.toBe(tokens[0]);
    expect(await env.oidc.introspect(renewed)).toBe(true);
    expect(result.rotated["/credentials/access_token"]).toBe(renewed);
    expect(Date.parse(result.rotated["/credentials/token_expiry_date"])).toBeGreaterThan(Date.now());
    // extract_output applies to the refresh's answer as well.
    expect(Object.keys(result.rotated).sort()).toEqual(["/credentials/access_token", "/credentials/refresh_token", "/credentials/token_expiry_date"]);
  });
});
