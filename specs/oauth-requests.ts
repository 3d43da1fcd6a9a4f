// The HTTP requests of an OAuth 2.0 authorization-code flow, built from an endpoint plan: the
// consent URL (declarative `{{ }}` templates rendered, state and PKCE S256 always present), the
// code exchange and the refresh. Pure: the server sends them.
import { createHash } from "node:crypto";
import type { OAuthEndpointPlan } from "./advanced-auth.ts";

export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

export interface FlowValues {
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
  state?: string;
  code?: string;
  codeVerifier?: string;
}

function templateContext(plan: OAuthEndpointPlan, values: FlowValues): Record<string, string> {
  const key = (name: keyof NonNullable<OAuthEndpointPlan["keys"]>, fallback: string) => plan.keys?.[name] ?? fallback;
  const scope = plan.scopes.join(" ");
  const pairs: Array<[string, string, string | undefined]> = [
    ["client_id", key("client_id", "client_id"), values.clientId],
    ["client_secret", key("client_secret", "client_secret"), values.clientSecret],
    ["redirect_uri", key("redirect_uri", "redirect_uri"), values.redirectUri],
    ["scope", key("scope", "scope"), scope],
    ["state", key("state", "state"), values.state],
    ["auth_code", key("auth_code", "code"), values.code],
  ];
  const context: Record<string, string> = { ...plan.userInputs };
  for (const [name, keyName, value] of pairs) {
    context[`${name}_key`] = keyName;
    context[`${name}_value`] = value ?? "";
    context[`${name}_param`] = `${encodeURIComponent(keyName)}=${encodeURIComponent(value ?? "")}`;
  }
  context.state = values.state ?? "";
  return context;
}

const FILTERS: Record<string, (value: string) => string> = {
  urlencode: encodeURIComponent,
  urlencoder: encodeURIComponent,
  b64encode: (value) => Buffer.from(value).toString("base64"),
  base64encoder: (value) => Buffer.from(value).toString("base64"),
  codechallenges256: pkceChallenge,
};

function evaluate(expression: string, context: Record<string, string>): string {
  const [head, ...filters] = expression.split("|").map((part) => part.trim());
  const term = (text: string): string => {
    const trimmed = text.trim();
    const quoted = /^(['"])(.*)\1$/.exec(trimmed);
    if (quoted) return quoted[2];
    return Object.prototype.hasOwnProperty.call(context, trimmed) ? context[trimmed] : trimmed;
  };
  const bare = head.replace(/^\((.*)\)$/, "$1");
  let value = bare.split("~").map(term).join("");
  for (const filter of filters) value = (FILTERS[filter.toLowerCase()] ?? ((v: string) => v))(value);
  return value;
}

/** Renders `{{ name }}`, `{{ name | filter }}`, `{{ (a ~ ':' ~ b) | b64encode }}` and nested `{{ {{x}} | f }}`. */
export function renderTemplate(template: string, context: Record<string, string>): string {
  let text = template;
  // Innermost first, so nested placeholders render before the filter that wraps them.
  for (let guard = 0; guard < 10 && /\{\{[^{}]*\}\}/.test(text); guard++) {
    text = text.replace(/\{\{([^{}]*)\}\}/g, (_match, expression: string) => evaluate(expression, context));
  }
  return text;
}

/**
 * The URL the popup goes to. Standard OAuth 2.0 parameters are added when a template leaves
 * them out; state and PKCE S256 are always present. Returns the verifier the token exchange must
 * send (a template that derives its challenge from the state makes the state the verifier).
 */
export function buildAuthorizeUrl(plan: OAuthEndpointPlan, values: FlowValues & { state: string; codeVerifier: string }): { url: string; codeVerifier: string } {
  const rendered = renderTemplate(plan.authorizeUrl, templateContext(plan, values));
  const url = new URL(rendered);
  const set = (name: string, value: string) => {
    if (!url.searchParams.has(name)) url.searchParams.set(name, value);
  };
  set("response_type", "code");
  set(plan.keys?.client_id ?? "client_id", values.clientId);
  set(plan.keys?.redirect_uri ?? "redirect_uri", values.redirectUri);
  if (plan.scopes.length > 0) set(plan.keys?.scope ?? "scope", plan.scopes.join(" "));
  set(plan.keys?.state ?? "state", values.state);
  let codeVerifier = values.codeVerifier;
  if (url.searchParams.has("code_challenge")) {
    // The template computes its own challenge; HubSpot-style templates hash the state.
    if (/state_value\s*\|\s*codechallengeS256/i.test(plan.authorizeUrl)) codeVerifier = values.state;
  } else {
    url.searchParams.set("code_challenge", pkceChallenge(values.codeVerifier));
  }
  set("code_challenge_method", "S256");
  return { url: url.toString(), codeVerifier };
}

export interface TokenRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Headers of every request to the token endpoint: the declarative `access_token_headers` (e.g.
 * HTTP Basic client authentication) rendered over the standard ones. The code exchange and the
 * refresh share them, so a provider that authenticates clients by header accepts both.
 */
function tokenEndpointHeaders(plan: OAuthEndpointPlan, context: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
  for (const [name, value] of Object.entries(plan.tokenHeaders ?? {})) headers[name.toLowerCase()] = renderTemplate(value, context);
  return headers;
}

/** The authorization-code exchange: a form-encoded POST with the PKCE verifier. */
export function buildTokenRequest(plan: OAuthEndpointPlan, values: FlowValues & { code: string; codeVerifier: string }): TokenRequest {
  const context = templateContext(plan, values);
  const headers = tokenEndpointHeaders(plan, context);
  const body = new URLSearchParams();
  if (plan.tokenParams) {
    for (const [name, value] of Object.entries(plan.tokenParams)) body.set(renderTemplate(name, context), renderTemplate(value, context));
  } else {
    body.set("grant_type", "authorization_code");
    body.set("code", values.code);
    body.set("redirect_uri", values.redirectUri);
    body.set("client_id", values.clientId);
    if (values.clientSecret && !headers.authorization) body.set("client_secret", values.clientSecret);
  }
  // An empty parameter counts as a missing one (RFC 6749 section 3.1): send none rather than "".
  if (values.codeVerifier) body.set("code_verifier", values.codeVerifier);
  else body.delete("code_verifier");
  return { url: renderTemplate(plan.tokenUrl, context), headers, body: body.toString() };
}

/** Mints a new access token from a refresh token (RFC 6749 section 6). */
export function buildRefreshRequest(plan: OAuthEndpointPlan, values: { clientId: string; clientSecret?: string; refreshToken: string }): TokenRequest {
  const context = templateContext(plan, { clientId: values.clientId, clientSecret: values.clientSecret, redirectUri: "" });
  const headers = tokenEndpointHeaders(plan, context);
  const tokenUrl = new URL(renderTemplate(plan.tokenUrl, context));
  // A declarative token URL may carry the authorization-code parameters in its query.
  for (const name of ["grant_type", "code", "redirect_uri"]) tokenUrl.searchParams.delete(name);
  const body = new URLSearchParams({ grant_type: "refresh_token", refresh_token: values.refreshToken, client_id: values.clientId });
  // A client that authenticates by header must not authenticate a second way in the body.
  if (values.clientSecret && !headers.authorization) body.set("client_secret", values.clientSecret);
  return { url: tokenUrl.toString(), headers, body: body.toString() };
}
