// The first half of an authorization-code flow with PKCE, `startOAuth` (state + verifier kept
// server-side, redirect to the provider), and what both halves share: the session that must be
// waiting for the authorization, its definition, client and endpoints. The second half, the
// callback, is oauth-callback.ts.
import { isPlausibleId } from "../record-id.ts";
import { randomBytes } from "node:crypto";
import type { AppDeps } from "../deps.ts";
import type { Definition } from "../../specs/types.ts";
import type { SessionRecord } from "../store/types.ts";
import { buildAuthorizeUrl, isOAuthSelected, oauthEndpoints, oauthUserInputValues, oauthUserInputs, parseAdvancedAuth } from "../../specs/advanced-auth.ts";
import { OAuthFlowError } from "./oauth-flow-error.ts";
import { resolveOAuthClient, type OAuthClientConfig } from "./oauth-clients.ts";

export const STATE_TTL_SECONDS = 10 * 60;
export const FLOW_COOKIE_PREFIX = "onramp_oauth_";

export type OAuthDeps = Pick<AppDeps, "config" | "store" | "secrets" | "catalog" | "sessions" | "log">;

export function callbackUrl(config: AppDeps["config"]): string {
  return new URL("/oauth/callback", config.publicUrl).toString();
}

export async function activeSession(deps: OAuthDeps, sessionId: string): Promise<SessionRecord> {
  const session = isPlausibleId(sessionId) ? await deps.store.getSession(sessionId) : undefined;
  if (!session || session.status !== "active" || Date.parse(session.expiresAt) <= Date.now()) {
    throw new OAuthFlowError("session_unavailable", "This setup session has ended or expired. Open the setup again to authorize.");
  }
  return session;
}

/**
 * The session when it is live and waiting for an authorization at `path` (it asked with
 * oauth.request and neither a result nor a cancel has ended that since); otherwise undefined.
 */
export async function waitingFor(deps: OAuthDeps, sessionId: string, path: string): Promise<SessionRecord | undefined> {
  const session = isPlausibleId(sessionId) ? await deps.store.getSession(sessionId) : undefined;
  const live = session !== undefined && session.status === "active" && Date.parse(session.expiresAt) > Date.now();
  return live && session.oauthPending?.path === path ? session : undefined;
}

export function sessionDefinition(deps: OAuthDeps, session: SessionRecord): Definition {
  const definition = session.form.definitionId ? deps.catalog.get(session.form.definitionId) : undefined;
  if (!definition || !parseAdvancedAuth(definition)) {
    throw new OAuthFlowError("not_configured", "This connector does not offer sign-in with OAuth.");
  }
  return definition;
}

export async function flowSettings(deps: OAuthDeps, session: SessionRecord, definition: Definition) {
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
