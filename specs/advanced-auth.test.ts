import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Definition } from "./types.ts";
import {
  buildAuthorizeUrl,
  buildRefreshRequest,
  buildTokenRequest,
  extractOAuthOutputs,
  isOAuthSelected,
  oauthEndpoints,
  oauthManagedPaths,
  oauthOutputs,
  oauthServerInputs,
  oauthUserInputValues,
  oauthUserInputs,
  parseAdvancedAuth,
  pkceChallenge,
  renderTemplate,
} from "./advanced-auth.ts";

const SPECS = "/work/shared/airbyte-specs";

function airbyte(name: string): Definition {
  const raw = JSON.parse(readFileSync(`${SPECS}/${name}.json`, "utf8"));
  return {
    id: raw.definitionId,
    name: raw.name,
    kind: raw.kind,
    displayName: raw.displayName,
    connectionSpecification: raw.connectionSpecification,
    advanced_auth: raw.advanced_auth,
    origin: SPECS,
  };
}

describe("parseAdvancedAuth", () => {
  it("finds the OAuth option of source-github's credentials oneOf", () => {
    const auth = parseAdvancedAuth(airbyte("source-github"));
    expect(auth).toEqual({
      flowType: "oauth2.0",
      path: "/credentials",
      predicatePath: "/credentials/option_title",
      predicateValue: "OAuth Credentials",
      optionIndex: 0,
    });
  });

  it("finds a non-first option (zendesk-talk oauth2_refresh)", () => {
    const definition = airbyte("source-zendesk-talk");
    const auth = parseAdvancedAuth(definition)!;
    const options = definition.connectionSpecification.properties.credentials.oneOf;
    expect(options[auth.optionIndex!].properties.auth_type.const).toBe("oauth2_refresh");
  });

  it("treats a definition without predicate as all-OAuth, and none without advanced_auth", () => {
    const youtube = airbyte("source-youtube-analytics");
    expect(parseAdvancedAuth(youtube)?.path).toBe("");
    expect(isOAuthSelected(youtube, {})).toBe(true);
    const plain = { ...youtube, advanced_auth: undefined };
    expect(parseAdvancedAuth(plain)).toBeUndefined();
    expect(isOAuthSelected(plain, {})).toBe(false);
  });
});

describe("isOAuthSelected", () => {
  const github = airbyte("source-github");
  it("follows the discriminator value", () => {
    expect(isOAuthSelected(github, {})).toBe(false);
    expect(isOAuthSelected(github, { credentials: { option_title: "PAT Credentials" } })).toBe(false);
    expect(isOAuthSelected(github, { credentials: { option_title: "OAuth Credentials" } })).toBe(true);
  });
  it("treats a top-level const discriminator (salesforce auth_type) as fixed", () => {
    expect(isOAuthSelected(airbyte("source-salesforce"), {})).toBe(true);
  });
});

describe("outputs and inputs", () => {
  it("maps source-github outputs and server inputs to config pointers", () => {
    const github = airbyte("source-github");
    expect(oauthOutputs(github)).toEqual([{ name: "access_token", path: "/credentials/access_token", responsePath: ["access_token"] }]);
    expect(oauthServerInputs(github)).toEqual([
      { name: "client_id", path: "/credentials/client_id" },
      { name: "client_secret", path: "/credentials/client_secret" },
    ]);
    expect(oauthManagedPaths(github).sort()).toEqual(["/credentials/access_token", "/credentials/client_id", "/credentials/client_secret"]);
  });

  it("leaves a server input no client registration holds (an app id beside the client id) for the person to give", () => {
    const definition: Definition = {
      id: "source-lwa-like",
      name: "source-lwa-like",
      kind: "source",
      displayName: "LWA-like",
      origin: "test",
      connectionSpecification: { type: "object", properties: { app_id: { type: "string" }, lwa_client_secret: { type: "string", airbyte_secret: true }, client_id: { type: "string" }, refresh_token: { type: "string", airbyte_secret: true } } },
      advanced_auth: {
        auth_flow_type: "oauth2.0",
        oauth_config_specification: {
          complete_oauth_output_specification: { type: "object", properties: { refresh_token: { type: "string", path_in_connector_config: ["refresh_token"] } } },
          complete_oauth_server_output_specification: {
            type: "object",
            properties: {
              app_id: { type: "string", path_in_connector_config: ["app_id"] },
              lwa_client_secret: { type: "string", path_in_connector_config: ["lwa_client_secret"] },
              client_id: { type: "string", path_in_connector_config: ["client_id"] },
            },
          },
        },
      },
    } as Definition;
    expect(oauthManagedPaths(definition).sort()).toEqual(["/client_id", "/refresh_token"]);
  });

  it("reads user inputs (zendesk subdomain) and their values", () => {
    const zendesk = airbyte("source-zendesk-talk");
    expect(oauthUserInputs(zendesk)).toEqual([{ name: "subdomain", path: "/subdomain" }]);
    expect(oauthUserInputValues(zendesk, { subdomain: "acme" })).toEqual({ subdomain: "acme" });
    expect(oauthUserInputValues(zendesk, {})).toEqual({});
  });

  it("honours path_in_oauth_response and computes expiry from expires_in", () => {
    const hubspot = airbyte("destination-hubspot");
    expect(oauthOutputs(hubspot)[0].responsePath).toEqual(["refresh_token"]);
    const gitlab = airbyte("source-gitlab");
    const now = new Date("2026-01-01T00:00:00Z");
    const extracted = extractOAuthOutputs(gitlab, { access_token: "a1", refresh_token: "r1", expires_in: 3600 }, now);
    expect(extracted).toEqual([
      { name: "access_token", path: "/credentials/access_token", value: "a1" },
      { name: "refresh_token", path: "/credentials/refresh_token", value: "r1" },
      { name: "token_expiry_date", path: "/credentials/token_expiry_date", value: "2026-01-01T01:00:00.000Z" },
    ]);
    expect(extractOAuthOutputs(gitlab, { access_token: "a1" }, now)).toHaveLength(1);
  });
});

describe("endpoints", () => {
  const values = { clientId: "cid", clientSecret: "csecret", redirectUri: "http://127.0.0.1:1/oauth/callback", state: "st4te", codeVerifier: "v".repeat(43) };

  it("uses definition.oauth and adds state + PKCE S256", () => {
    const definition: Definition = {
      ...airbyte("source-github"),
      oauth: { authorizeUrl: "https://auth.example/authorize", tokenUrl: "https://auth.example/token", scopes: ["read", "repo"] },
    };
    const plan = oauthEndpoints(definition)!;
    expect(plan.source).toBe("definition");
    const { url, codeVerifier } = buildAuthorizeUrl(plan, values);
    const parsed = new URL(url);
    expect(parsed.origin + parsed.pathname).toBe("https://auth.example/authorize");
    expect(Object.fromEntries(parsed.searchParams)).toEqual({
      response_type: "code",
      client_id: "cid",
      redirect_uri: values.redirectUri,
      scope: "read repo",
      state: "st4te",
      code_challenge: pkceChallenge(values.codeVerifier),
      code_challenge_method: "S256",
    });
    expect(codeVerifier).toBe(values.codeVerifier);
    const token = buildTokenRequest(plan, { ...values, code: "c0de" });
    expect(token.url).toBe("https://auth.example/token");
    expect(Object.fromEntries(new URLSearchParams(token.body))).toMatchObject({
      grant_type: "authorization_code",
      code: "c0de",
      code_verifier: values.codeVerifier,
      client_id: "cid",
      client_secret: "csecret",
    });
  });

  it("returns undefined when nothing says where the provider is, and honours overrides", () => {
    const github = airbyte("source-github");
    expect(oauthEndpoints(github)).toBeUndefined();
    const plan = oauthEndpoints(github, {}, { authorizeUrl: "http://127.0.0.1:9/auth", tokenUrl: "http://127.0.0.1:9/token", scopes: ["openid"] })!;
    expect(plan).toMatchObject({ source: "override", authorizeUrl: "http://127.0.0.1:9/auth", tokenUrl: "http://127.0.0.1:9/token", scopes: ["openid"] });
  });

  it("renders a declarative consent_url with user inputs and _param placeholders", () => {
    const zendesk = airbyte("source-zendesk-talk");
    const plan = oauthEndpoints(zendesk, { subdomain: "acme" })!;
    expect(plan.source).toBe("declarative");
    const parsed = new URL(buildAuthorizeUrl(plan, values).url);
    expect(parsed.host).toBe("acme.zendesk.com");
    expect(parsed.searchParams.get("client_id")).toBe("cid");
    expect(parsed.searchParams.get("redirect_uri")).toBe(values.redirectUri);
    expect(parsed.searchParams.get("scope")).toBe("read");
    expect(parsed.searchParams.get("state")).toBe("st4te");
    expect(parsed.searchParams.get("code_challenge")).toBe(pkceChallenge(values.codeVerifier));
    const token = buildTokenRequest(plan, { ...values, code: "c0de" });
    expect(new URL(token.url).host).toBe("acme.zendesk.com");
    expect(new URL(token.url).searchParams.get("code")).toBe("c0de");
  });

  it("renders access_token_params and a base64 Authorization header (gong)", () => {
    const plan = oauthEndpoints(airbyte("source-gong"))!;
    const token = buildTokenRequest(plan, { ...values, code: "c0de" });
    expect(token.headers.authorization).toBe("Basic " + Buffer.from("cid:csecret").toString("base64"));
    const body = Object.fromEntries(new URLSearchParams(token.body));
    expect(body).toEqual({ grant_type: "authorization_code", redirect_uri: values.redirectUri, code: "c0de", code_verifier: values.codeVerifier });
  });

  it("uses the state as verifier when the template hashes the state (hubspot)", () => {
    const plan = oauthEndpoints(airbyte("destination-hubspot"))!;
    const { url, codeVerifier } = buildAuthorizeUrl(plan, values);
    expect(codeVerifier).toBe("st4te");
    expect(new URL(url).searchParams.get("code_challenge")).toBe(pkceChallenge("st4te"));
  });

  it("builds a refresh request without the authorization-code parameters", () => {
    const plan = oauthEndpoints(airbyte("source-zendesk-talk"), { subdomain: "acme" })!;
    const refresh = buildRefreshRequest(plan, { clientId: "cid", clientSecret: "csecret", refreshToken: "r1" });
    const url = new URL(refresh.url);
    expect(url.searchParams.has("code")).toBe(false);
    expect(url.searchParams.has("grant_type")).toBe(false);
    expect(Object.fromEntries(new URLSearchParams(refresh.body))).toEqual({ grant_type: "refresh_token", refresh_token: "r1", client_id: "cid", client_secret: "csecret" });
  });
});

describe("extract_output and the declared token headers", () => {
  const values = { clientId: "cid", clientSecret: "csecret", redirectUri: "http://127.0.0.1:1/oauth/callback", state: "st4te", codeVerifier: "v".repeat(43) };
  /** source-gong with a nested extract_output, as providers that wrap their tokens need. */
  function nested(extract: string[]): Definition {
    const gong = airbyte("source-gong");
    const spec = structuredClone(gong.advanced_auth!.oauth_config_specification);
    spec.oauth_connector_input_specification.extract_output = extract;
    return { ...gong, advanced_auth: { ...gong.advanced_auth, oauth_config_specification: spec } };
  }

  it("takes only the listed keys, reading dotted entries as nested paths named by their last segment", () => {
    const definition = nested(["data.access_token", "refresh_token"]);
    const plan = oauthEndpoints(definition)!;
    expect(plan.extractOutput).toEqual(["data.access_token", "refresh_token"]);
    const response = { access_token: "top-level, not listed", data: { access_token: "a-nested" }, refresh_token: "r1", expires_in: 60 };
    const now = new Date("2026-01-01T00:00:00Z");
    expect(extractOAuthOutputs(definition, response, now, plan.extractOutput)).toEqual([
      { name: "refresh_token", path: "/credentials/refresh_token", value: "r1" },
      { name: "access_token", path: "/credentials/access_token", value: "a-nested" },
      { name: "token_expiry_date", path: "/credentials/token_expiry_date", value: "2026-01-01T00:01:00.000Z" },
    ]);
    // Without extract_output the response is taken as it is.
    expect(extractOAuthOutputs(definition, response, now).find((output) => output.name === "access_token")?.value).toBe("top-level, not listed");
  });

  it("leaves out a key the provider answered but extract_output does not list", () => {
    const definition = nested(["access_token"]);
    const extracted = extractOAuthOutputs(definition, { access_token: "a1", refresh_token: "r1" }, new Date(), ["access_token"]);
    expect(extracted.map((output) => output.name)).toEqual(["access_token"]);
  });

  it("sends the declared Authorization header on a refresh too, and no second client authentication in the body", () => {
    const plan = oauthEndpoints(airbyte("source-gong"))!;
    const refresh = buildRefreshRequest(plan, { clientId: "cid", clientSecret: "csecret", refreshToken: "r1" });
    expect(refresh.headers.authorization).toBe("Basic " + Buffer.from("cid:csecret").toString("base64"));
    expect(Object.fromEntries(new URLSearchParams(refresh.body))).toEqual({ grant_type: "refresh_token", refresh_token: "r1", client_id: "cid" });
  });

  it("sends no code_verifier at all when the flow has none (an empty one counts as missing)", () => {
    const plan = oauthEndpoints(airbyte("source-gong"))!;
    const token = buildTokenRequest(plan, { ...values, code: "c0de", codeVerifier: "" });
    expect(new URLSearchParams(token.body).has("code_verifier")).toBe(false);
  });
});

describe("renderTemplate", () => {
  it("handles nested placeholders, filters and concatenation", () => {
    const context = { a: "x y", b: "z" };
    expect(renderTemplate("{{ {{a}} | urlEncoder }}", context)).toBe("x%20y");
    expect(renderTemplate("{{ (a ~ ':' ~ b) | b64encode }}", context)).toBe(Buffer.from("x y:z").toString("base64"));
    expect(renderTemplate("p={{ a | urlencode }}&q={{b}}", context)).toBe("p=x%20y&q=z");
  });
});
