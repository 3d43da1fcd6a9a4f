// OAuth routes: the popup's /oauth/start and /oauth/callback, and the client-credential API
// (PUT/GET /api/v1/oauth/clients/:definitionId, application token) that makes a definition's
// OAuth usable in a workspace.
import { Hono, type Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppDeps } from "../deps.ts";
import { ApiError } from "../http-error.ts";
import { TEXT_LIMITS, readJsonObject } from "../json-body.ts";

const MAX_SCOPES = 100;
import { callbackPage, type CallbackMessage } from "./callback-page.ts";
import { completeOAuth, type FlowOutcome } from "./oauth-callback.ts";
import { FLOW_COOKIE_PREFIX, STATE_TTL_SECONDS, callbackUrl, startOAuth, waitingFor } from "./oauth-flow.ts";
import { OAuthFlowError } from "./oauth-flow-error.ts";
import { putOAuthClient, viewOfClient, type OAuthClientConfig } from "./oauth-clients.ts";
import { authenticateApiToken, clientWorkspace } from "./api-auth.ts";

export function oauthRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const secureCookies = () => deps.config.publicUrl.startsWith("https:");

  app.get("/oauth/start", async (c) => {
    const sessionId = c.req.query("session") ?? "";
    const path = c.req.query("path") ?? "";
    try {
      const started = await startOAuth(deps, sessionId, path);
      setCookie(c, FLOW_COOKIE_PREFIX + started.sessionId, started.state, {
        path: "/oauth",
        httpOnly: true,
        sameSite: "Lax",
        secure: secureCookies(),
        maxAge: STATE_TTL_SECONDS,
      });
      c.header("Cache-Control", "no-store");
      c.header("Referrer-Policy", "no-referrer");
      return c.redirect(started.redirectUrl, 302);
    } catch (error) {
      if (!(error instanceof OAuthFlowError)) throw error;
      // Only a session that waits for this authorization hears about the failure.
      // The start link carries no credential, only the session id: a session that is not waiting
      // at this path (a stray or forged link) must not hear anything (found by the isolation suite).
      const known = error.reason !== "session_unavailable" && error.reason !== "not_selected" && sessionId !== "" && (await waitingFor(deps, sessionId, path)) !== undefined;
      return finish(c, { ok: false, sessionId: known ? sessionId : null, path, tell: known, reason: error.reason, message: error.message });
    }
  });

  app.get("/oauth/callback", async (c) => {
    const flowCookies: Record<string, string> = {};
    for (const [name, value] of Object.entries(getCookie(c))) {
      if (name.startsWith(FLOW_COOKIE_PREFIX)) flowCookies[name.slice(FLOW_COOKIE_PREFIX.length)] = value;
    }
    const query = c.req.query();
    const outcome = await completeOAuth(deps, { state: query.state, code: query.code, error: query.error, error_description: query.error_description }, flowCookies);
    if (outcome.sessionId) deleteCookie(c, FLOW_COOKIE_PREFIX + outcome.sessionId, { path: "/oauth", secure: secureCookies() });
    return finish(c, outcome);
  });

  // Tells the agent (which answers on the session's ws), then shows the popup's closing page.
  async function finish(c: Context, outcome: FlowOutcome) {
    const tell = outcome.ok || outcome.tell;
    if (outcome.sessionId && outcome.path !== null && tell) {
      const input = outcome.ok
        ? ({ kind: "oauth.completed", path: outcome.path } as const)
        : ({ kind: "oauth.failed", path: outcome.path, reason: outcome.reason, message: outcome.message } as const);
      try {
        await deps.sessions.input(outcome.sessionId, input);
      } catch (error) {
        deps.log.warn("oauth: could not hand the result to the session", { sessionId: outcome.sessionId, error: error instanceof Error ? error.message : "unknown" });
      }
    } else if (!outcome.ok) {
      deps.log.info("oauth.failed", { reason: outcome.reason });
    }
    // The widget acts only on a message naming its session: a result the session did not hear
    // (it no longer waits) names none, so the widget and the session never disagree.
    // A program (curl, a test, a probe) that asks for JSON gets a failure in the API's error
    // envelope; the popup, a browser page, gets the page that tells its opener.
    if (!outcome.ok && prefersJson(c.req.header("accept"))) {
      c.header("Cache-Control", "no-store");
      const error = new ApiError(400, outcome.message, [{ field: null, message: outcome.message, error_code: outcome.reason }]);
      return c.json(error.toEnvelope(), 400);
    }
    const message: CallbackMessage = outcome.ok
      ? { type: "oauth.completed", session: outcome.sessionId, path: outcome.path }
      : { type: "oauth.failed", session: tell ? outcome.sessionId : null, path: outcome.path, reason: outcome.reason, message: outcome.message };
    const session = outcome.sessionId ? await deps.store.getSession(outcome.sessionId) : undefined;
    const targetOrigin = originOf(session?.allowedOrigin) ?? originOf(deps.config.publicUrl);
    const page = callbackPage(message, targetOrigin);
    c.header("Cache-Control", "no-store");
    // The callback URL holds the authorization code: never hand it to another site.
    c.header("Referrer-Policy", "no-referrer");
    c.header("Content-Security-Policy", `default-src 'none'; script-src 'nonce-${page.nonce}'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`);
    return c.html(page.html, outcome.ok ? 200 : 400);
  }

  app.put("/api/v1/oauth/clients/:definitionId", async (c) => {
    const token = await authenticateApiToken(deps, c.req.header("authorization"));
    const definition = deps.catalog.get(c.req.param("definitionId"));
    if (!definition) throw unknownDefinition();
    if (!definition.advanced_auth && !definition.oauth) {
      throw new ApiError(422, `${definition.displayName} does not declare OAuth`, [{ field: "definitionId", message: "This definition has no advanced_auth", error_code: "invalid" }]);
    }
    const body = await readJsonObject(c);
    const input = parseClientBody(body);
    const workspace = await clientWorkspace(deps, token, body);
    // The record carries its organization: an organization-wide client serves only that organization.
    const record = await putOAuthClient(deps, definition.id, { ...input, workspaceId: workspace?.id ?? null }, workspace?.organizationId ?? token.organizationId);
    return c.json({ client: viewOfClient(record), redirect_uri: callbackUrl(deps.config) });
  });

  // Every definition that signs in with OAuth, and the client this workspace (or its
  // organization) has for it: the console's "OAuth clients" page. `redirect_uri` is what to
  // register at the provider.
  app.get("/api/v1/oauth/clients", async (c) => {
    const token = await authenticateApiToken(deps, c.req.header("authorization"));
    const workspace = await clientWorkspace(deps, token, { workspace_name: c.req.query("workspace_name"), workspace_id: c.req.query("workspace_id") });
    const organizationId = workspace?.organizationId ?? token.organizationId;
    const data = [];
    for (const definition of deps.catalog.list().filter((item) => item.advanced_auth || item.oauth)) {
      const record = (await deps.store.findOAuthClient(definition.id, workspace?.id ?? null, organizationId)) as OAuthClientConfig | undefined;
      data.push({
        definition_id: definition.id,
        name: definition.name,
        display_name: definition.displayName,
        kind: definition.kind,
        icon: definition.icon ?? null,
        documentation_url: definition.documentationUrl ?? null,
        client: record ? viewOfClient(record) : null,
      });
    }
    data.sort((a, b) => Number(b.client !== null) - Number(a.client !== null) || a.display_name.localeCompare(b.display_name));
    return c.json({ data, redirect_uri: callbackUrl(deps.config) });
  });

  app.get("/api/v1/oauth/clients/:definitionId", async (c) => {
    const token = await authenticateApiToken(deps, c.req.header("authorization"));
    const definition = deps.catalog.get(c.req.param("definitionId"));
    if (!definition) throw unknownDefinition();
    const workspace = await clientWorkspace(deps, token, { workspace_name: c.req.query("workspace_name"), workspace_id: c.req.query("workspace_id") });
    const organizationId = workspace?.organizationId ?? token.organizationId;
    const record = (await deps.store.findOAuthClient(definition.id, workspace?.id ?? null, organizationId)) as OAuthClientConfig | undefined;
    if (!record) {
      throw new ApiError(404, "No OAuth client configured for this definition", [
        { field: "definitionId", message: "No OAuth client for this definition in this workspace or organization", error_code: "not_found" },
      ]);
    }
    return c.json({ client: viewOfClient(record), redirect_uri: callbackUrl(deps.config) });
  });

  return app;
}

/** True when the Accept header asks for JSON and not for an HTML page. */
function prefersJson(accept: string | undefined): boolean {
  const types = (accept ?? "").split(",").map((part) => part.split(";")[0]!.trim().toLowerCase());
  return types.some((type) => type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type)) && !types.includes("text/html");
}

function originOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const origin = new URL(url).origin;
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}

function unknownDefinition(): ApiError {
  return new ApiError(404, "Unknown definition", [{ field: "definitionId", message: "No connector definition with this id or name", error_code: "not_found" }]);
}

function parseClientBody(body: Record<string, any>) {
  const errors: Array<{ field: string; message: string; error_code: string }> = [];
  const tooLong = (field: string, limit: number) => errors.push({ field, message: `${field} must be at most ${limit} characters long`, error_code: "too_long" });
  if (typeof body.client_id !== "string" || body.client_id.trim() === "") errors.push({ field: "client_id", message: "client_id is required", error_code: "required" });
  else if (body.client_id.length > TEXT_LIMITS.clientId) tooLong("client_id", TEXT_LIMITS.clientId);
  if (body.client_secret != null && typeof body.client_secret !== "string") errors.push({ field: "client_secret", message: "client_secret must be a string", error_code: "type" });
  else if (typeof body.client_secret === "string" && body.client_secret.length > TEXT_LIMITS.clientSecret) tooLong("client_secret", TEXT_LIMITS.clientSecret);
  for (const field of ["authorize_url", "token_url"]) {
    const value = body[field];
    if (value == null) continue;
    if (typeof value !== "string" || !/^https?:\/\//.test(value) || !URL.canParse(value)) {
      errors.push({ field, message: `${field} must be an http(s) URL`, error_code: "format" });
    } else if (value.length > TEXT_LIMITS.url) tooLong(field, TEXT_LIMITS.url);
  }
  let scopes: string[] | null = null;
  if (Array.isArray(body.scopes) && body.scopes.every((scope: unknown) => typeof scope === "string")) scopes = body.scopes;
  else if (typeof body.scopes === "string") scopes = body.scopes.split(/[\s,]+/).filter(Boolean);
  else if (body.scopes != null) errors.push({ field: "scopes", message: "scopes must be a list of strings", error_code: "type" });
  if (scopes && (scopes.length > MAX_SCOPES || scopes.some((scope) => scope.length > TEXT_LIMITS.scope))) {
    errors.push({ field: "scopes", message: `scopes must be at most ${MAX_SCOPES} scopes of at most ${TEXT_LIMITS.scope} characters`, error_code: "too_long" });
  }
  if (errors.length > 0) throw new ApiError(422, "Invalid OAuth client settings", errors);
  return {
    clientId: String(body.client_id).trim(),
    clientSecret: typeof body.client_secret === "string" ? body.client_secret : null,
    authorizeUrl: body.authorize_url ?? null,
    tokenUrl: body.token_url ?? null,
    scopes,
  };
}
