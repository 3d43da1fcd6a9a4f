// Refresh tokens against a real authorization server: a check that needs a fresh access token gets
// one minted from the stored refresh token; a refusal becomes a failed check in plain words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { builtinDefinitions, getAt, setAt, type Definition } from "../../specs/index.ts";
import { buildAuthorizeUrl, buildTokenRequest, oauthEndpoints } from "../../specs/advanced-auth.ts";
import { createMemoryStore } from "../store/memory-store.ts";
import { createMemorySecretStore } from "../secrets/create-secret-store.ts";
import { putOAuthClient } from "./oauth-clients.ts";
import { needsRefresh, refreshForCheck, refreshIfNeeded } from "./refresh.ts";
import { requestToken } from "./token-client.ts";
import { authorizeWithoutBrowser } from "./testing/authorize-without-browser.ts";
import { startOidcServer, type OidcTestServer } from "./testing/oidc-server.ts";

const REDIRECT = "http://127.0.0.1:9/oauth/callback";
const WORKSPACE = "ws_refresh";

let oidc: OidcTestServer;
let definition: Definition;
const deps = { store: createMemoryStore(), secrets: createMemorySecretStore() };
let signedIn: Record<string, unknown>;

beforeAll(async () => {
  oidc = await startOidcServer({ redirectUris: [REDIRECT] });
  definition = builtinDefinitions().find((candidate) => candidate.name === "source-taskboard")!;
  await deps.store.init();
  await putOAuthClient(
    deps,
    definition.id,
    { clientId: oidc.clientId, clientSecret: oidc.clientSecret, workspaceId: WORKSPACE, authorizeUrl: oidc.authorizeUrl, tokenUrl: oidc.tokenUrl },
    WORKSPACE,
  );
  // A real sign-in, to hold a real refresh token.
  const plan = oauthEndpoints(definition, {}, { authorizeUrl: oidc.authorizeUrl, tokenUrl: oidc.tokenUrl })!;
  const state = randomBytes(16).toString("base64url");
  const { url, codeVerifier } = buildAuthorizeUrl(plan, { clientId: oidc.clientId, redirectUri: REDIRECT, state, codeVerifier: randomBytes(32).toString("base64url") });
  const journey = await authorizeWithoutBrowser(url, {
    decision: "approve",
    fetch: async (target, init) => (target.startsWith(REDIRECT) ? new Response("") : fetch(target, init)),
  });
  const code = new URL(journey.callbackUrl).searchParams.get("code")!;
  const tokens = await requestToken(buildTokenRequest(plan, { clientId: oidc.clientId, clientSecret: oidc.clientSecret, redirectUri: REDIRECT, code, codeVerifier }));
  expect(typeof tokens.refresh_token).toBe("string");
  signedIn = {
    credentials: {
      auth_type: "oauth2.0",
      access_token: tokens.access_token,
      refresh_token: tokens.refresh_token,
      token_expiry_date: new Date(Date.now() + 3600_000).toISOString(),
    },
    start_date: "2024-01-01",
  };
}, 30_000);

afterAll(async () => {
  await oidc?.close();
});

describe("refresh", () => {
  it("leaves a valid access token alone", async () => {
    expect(needsRefresh(definition, signedIn)).toBe(false);
    const before = oidc.tokenRequests.refresh_token ?? 0;
    const result = await refreshIfNeeded(deps, { definition, workspaceId: WORKSPACE, config: signedIn });
    expect(result.refreshed).toBe(false);
    expect(result.config).toBe(signedIn);
    expect(oidc.tokenRequests.refresh_token ?? 0).toBe(before);
  });

  it("mints a new access token from the refresh token when the old one expired", async () => {
    const expired = setAt(signedIn, "/credentials/token_expiry_date", new Date(Date.now() - 1000).toISOString());
    expect(needsRefresh(definition, expired)).toBe(true);
    const persisted: Array<[string, string, boolean]> = [];
    const fresh = await refreshForCheck(deps, {
      definition,
      workspaceId: WORKSPACE,
      config: expired,
      persist: async (path, value, secret) => {
        persisted.push([path, value, secret]);
      },
    });
    expect(fresh.failure).toBeUndefined();
    const newToken = getAt(fresh.config, "/credentials/access_token") as string;
    expect(newToken).toMatch(/.{20,}/);
    expect(newToken).not.toBe(getAt(signedIn, "/credentials/access_token"));
    expect(Date.parse(getAt(fresh.config, "/credentials/token_expiry_date") as string)).toBeGreaterThan(Date.now());
    expect(oidc.tokenRequests.refresh_token).toBeGreaterThanOrEqual(1);
    expect(persisted).toContainEqual(["/credentials/access_token", newToken, true]);
    expect(persisted.find(([path]) => path === "/credentials/token_expiry_date")?.[2]).toBe(false);
    expect(fresh.newSecrets).toContain(newToken);
    signedIn = fresh.config;
  });

  it("turns a refused refresh token into a failed check naming the OAuth option", async () => {
    const revoked = setAt(setAt(signedIn, "/credentials/refresh_token", "not-a-real-refresh-token"), "/credentials/access_token", undefined);
    const persisted: string[] = [];
    const fresh = await refreshForCheck(deps, { definition, workspaceId: WORKSPACE, config: revoked, persist: async (path) => void persisted.push(path) });
    expect(fresh.failure).toMatchObject({ status: "failed", reason: "auth_failed", fields: ["/credentials"] });
    expect(fresh.failure!.message).toContain("invalid_grant");
    expect(fresh.failure!.message).not.toContain("not-a-real-refresh-token");
    expect(persisted).toEqual([]);
  });

  it("reports an unreachable token endpoint as unreachable", async () => {
    oidc.setTokenEndpointDown(true);
    try {
      const fresh = await refreshForCheck(deps, { definition, workspaceId: WORKSPACE, config: signedIn, force: true, persist: async () => undefined });
      expect(fresh.failure).toMatchObject({ status: "failed", reason: "unreachable" });
    } finally {
      oidc.setTokenEndpointDown(false);
    }
  });
});
