// The two halves of an authorization-code flow with PKCE: `startOAuth` (state + verifier kept
// server-side, redirect to the provider) and `completeOAuth` (single-use state, code exchange,
// tokens into the secret store through the session). Nothing is stored unless the exchange worked.
import { randomBytes } from "node:crypto";
import type { AppDeps } from "../deps.ts";
import type { Definition } from "../../specs/types.ts";
import type { SessionRecord } from "../store/types.ts";
import {
  buildAuthorizeUrl,
  buildTokenRequest,
  extractOAuthOutputs,
  isOAuthSelected,
  oauthEndpoints,
  oauthServerInputs,
  oauthUserInputValues,
  oauthUserInputs,
  parseAdvancedAuth,
} from "../../specs/advanced-auth.ts";
import { isSecretPath } from "../../specs/secrets.ts";
import { OAuthFlowError } from "./oauth-flow-error.ts";
import { resolveOAuthClient, type OAuthClientConfig } from "./oauth-clients.ts";
import { requestToken } from "./token-client.ts";

export const STATE_TTL_SECONDS = 10 * 60;
export const FLOW_COOKIE_PREFIX = "onramp_oauth_";

export type OAuthDeps = Pick<AppDeps, "config" | "store" | "secrets" | "catalog" | "sessions" | "log">;

export function callbackUrl(config: AppDeps["config"]): string {
  return new URL("/oauth/callback", config.publicUrl).toString();
}

async function activeSession(deps: OAuthDeps, sessionId: string): Promise<SessionRecord> {
  const session = await deps.store.getSession(sessionId);
  if (!session || session.status !== "active" || Date.parse(session.expiresAt) <= Date.now()) {
    throw new OAuthFlowError("session_unavailable", "This setup session has ended or expired. Open the setup again to authorize.");
  }
  return session;
}

function sessionDefinition(deps: OAuthDeps, session: SessionRecord): Definition {
  const definition = session.form.definitionId ? deps.catalog.get(session.form.definitionId) : undefined;
  if (!definition || !parseAdvancedAuth(definition)) {
    throw new OAuthFlowError("not_configured", "This connector does not offer sign-in with OAuth.");
  }
  return definition;
}

async function flowSettings(deps: OAuthDeps, session: SessionRecord, definition: Definition) {
  const client = await resolveOAuthClient(deps, definition.id, session.workspaceId);
  if (!client) {
    throw new OAuthFlowError(
      "not_configured",
      `OAuth is not set up for ${definition.displayName} yet: an administrator needs to add the OAuth client id and secret. You can choose another way to authenticate meanwhile.`,
    );
  }
  const userInputs = oauthUserInputValues(definition, session.form.values);
  const plan = oauthEndpoints(definition, userInputs, endpointOverrides(client.record));
  if (!plan) {
    throw new OAuthFlowError(
      "not_configured",
      `Onramp does not know where ${definition.displayName} signs people in: an administrator needs to set its authorize and token URLs.`,
    );
  }
  return { client, plan };
}

function endpointOverrides(record: OAuthClientConfig) {
  return { authorizeUrl: record.authorizeUrl ?? null, tokenUrl: record.tokenUrl ?? null, scopes: record.scopes ?? null };
}

export interface StartedFlow {
  redirectUrl: string;
  state: string;
  sessionId: string;
  expiresAt: string;
}

/**
 * The session, once it is waiting for this authorization. The oauth.request event reaches the
 * widget while the session's action is still being saved, so a quick click may read the record a
 * moment early: look again briefly before refusing.
 */
async function waitingSession(deps: OAuthDeps, sessionId: string, path: string): Promise<{ session: SessionRecord; definition: Definition }> {
  for (let attempt = 0; ; attempt++) {
    const session = await activeSession(deps, sessionId);
    const definition = sessionDefinition(deps, session);
    if (path !== parseAdvancedAuth(definition)!.path) {
      throw new OAuthFlowError("not_selected", "This sign-in link does not match the connector's OAuth option. Start again from the setup.");
    }
    const selected = isOAuthSelected(definition, session.form.values);
    // A flow starts only while the assistant is waiting for it: a stray or forged start link does nothing.
    if (selected && session.oauthPending?.path === path) return { session, definition };
    if (attempt >= 15) {
      throw new OAuthFlowError(
        "not_selected",
        selected
          ? "The setup is not waiting for an authorization right now. Continue in the setup, then authorize."
          : "Choose the OAuth option first, then authorize.",
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startOAuth(deps: OAuthDeps, sessionId: string, path: string): Promise<StartedFlow> {
  const { session, definition } = await waitingSession(deps, sessionId, path);
  const missing = oauthUserInputs(definition).filter((input) => !(input.name in oauthUserInputValues(definition, session.form.values)));
  if (missing.length > 0) {
    throw new OAuthFlowError("missing_input", `Fill in ${missing.map((input) => input.name).join(", ")} first: the sign-in page depends on it.`);
  }
  const { client, plan } = await flowSettings(deps, session, definition);
  const state = randomBytes(32).toString("base64url");
  const redirectUri = callbackUrl(deps.config);
  const built = buildAuthorizeUrl(plan, {
    clientId: client.record.clientId,
    redirectUri,
    state,
    codeVerifier: randomBytes(32).toString("base64url"),
  });
  const expiresAt = new Date(Date.now() + STATE_TTL_SECONDS * 1000).toISOString();
  await deps.store.putOAuthState({ state, sessionId, path, codeVerifier: built.codeVerifier, redirectUri, expiresAt });
  deps.log.info("oauth.start", { sessionId, definition: definition.name, provider: new URL(built.url).host });
  return { redirectUrl: built.url, state, sessionId, expiresAt };
}

export interface CallbackQuery {
  state?: string;
  code?: string;
  error?: string;
  error_description?: string;
}

export type FlowOutcome =
  | { ok: true; sessionId: string; path: string }
  | { ok: false; sessionId: string | null; path: string | null; reason: OAuthFlowError["reason"]; message: string };

/**
 * `flowCookies`: sessionId → state, from the cookies /oauth/start set in this browser. They tie
 * the callback to the browser that started the flow and name the session when a state is tampered.
 */
export async function completeOAuth(deps: OAuthDeps, query: CallbackQuery, flowCookies: Record<string, string>): Promise<FlowOutcome> {
  const record = query.state ? await deps.store.takeOAuthState(query.state) : undefined;
  if (!record) {
    // Unknown state: consume the flow this browser had pending, so a forged response cannot be retried.
    for (const state of Object.values(flowCookies)) {
      const pending = await deps.store.takeOAuthState(state);
      if (pending) {
        return failure(pending.sessionId, pending.path, "state_mismatch", "The answer from the sign-in page did not match this setup (state mismatch), so it was rejected. Please authorize again.");
      }
    }
    return failure(null, null, "state_unknown", "This sign-in link was already used or has expired. Close this window and authorize again from the setup.");
  }
  const { sessionId, path } = record;
  if (flowCookies[sessionId] !== record.state) {
    return failure(sessionId, path, "wrong_browser", "This sign-in finished in a different browser window than the one that started it, so it was rejected. Please authorize again.");
  }
  if (Date.parse(record.expiresAt) <= Date.now()) {
    return failure(sessionId, path, "state_expired", "The sign-in took too long and expired. Please authorize again.");
  }
  if (query.error) {
    return query.error === "access_denied"
      ? failure(sessionId, path, "access_denied", "Access was not granted: the sign-in was declined or cancelled at the provider. You can authorize again or choose another way to authenticate.")
      : failure(sessionId, path, "provider_error", `The provider could not complete the sign-in (${safeCode(query.error)}). Please try again.`);
  }
  if (!query.code) {
    return failure(sessionId, path, "provider_error", "The provider came back without an authorization code. Please try again.");
  }
  try {
    const session = await activeSession(deps, sessionId);
    const definition = sessionDefinition(deps, session);
    if (!isOAuthSelected(definition, session.form.values)) {
      return failure(sessionId, path, "not_selected", "The OAuth option is no longer chosen in this setup, so the authorization was not used.");
    }
    const { client, plan } = await flowSettings(deps, session, definition);
    const tokens = await requestToken(
      buildTokenRequest(plan, {
        clientId: client.record.clientId,
        clientSecret: client.clientSecret,
        redirectUri: record.redirectUri,
        code: query.code,
        codeVerifier: record.codeVerifier,
      }),
    );
    await storeOutputs(deps, session, definition, client, tokens);
    deps.log.info("oauth.completed", { sessionId, definition: definition.name });
    return { ok: true, sessionId, path };
  } catch (error) {
    if (error instanceof OAuthFlowError) return failure(sessionId, path, error.reason, error.message);
    deps.log.error("oauth.callback failed", { sessionId, error: error instanceof Error ? error.name : "unknown" });
    return failure(sessionId, path, "provider_error", "Something went wrong while finishing the sign-in. Please try again.");
  }
}

function failure(sessionId: string | null, path: string | null, reason: OAuthFlowError["reason"], message: string): FlowOutcome {
  return { ok: false, sessionId, path, reason, message };
}

function safeCode(code: string): string {
  return /^[a-z_]{3,40}$/.test(code) ? code : "unexpected error";
}

async function storeOutputs(
  deps: OAuthDeps,
  session: SessionRecord,
  definition: Definition,
  client: { record: OAuthClientConfig; clientSecret: string | undefined },
  tokens: Record<string, unknown>,
): Promise<void> {
  const schema = definition.connectionSpecification;
  const values: Array<{ path: string; value: string; secret: boolean }> = [];
  for (const output of extractOAuthOutputs(definition, tokens)) {
    values.push({ path: output.path, value: output.value, secret: /(^|_)(access|refresh)_token$/.test(output.name) || isSecretPath(schema, output.path) });
  }
  for (const input of oauthServerInputs(definition)) {
    const value = input.name === "client_id" ? client.record.clientId : input.name === "client_secret" ? client.clientSecret : undefined;
    if (!input.path || !value) continue;
    values.push({ path: input.path, value, secret: input.name === "client_secret" || isSecretPath(schema, input.path) });
  }
  if (!values.some((entry) => entry.secret)) {
    throw new OAuthFlowError("token_endpoint_error", "The provider's answer held none of the values this connector needs. Please try again.");
  }
  // Every output lands in one action that does not wake the agent: the callback wakes it once
  // (oauth.completed) when all of them are stored, so it never tests a half-written sign-in.
  await deps.sessions.storeOutputs(session.id, values, "oauth");
}
