// The second half of an authorization-code flow: `completeOAuth` redeems the single-use state,
// exchanges the code with the PKCE verifier and stores the tokens through the session. Nothing is
// stored unless the exchange worked and the session still waits for this authorization; whatever
// the outcome, no other state of that session stays redeemable.
//
// A redeemed state stays in the store as a used record (verifier wiped) until it expires: a
// replay is then recognised and bound to its session, and a cancel, which removes every state
// of the session at once, is seen by a callback still exchanging the code. The last look is
// taken inside the session's lock, in the same action that stores the tokens.
import { isPlausibleId } from "../record-id.ts";
import type { OAuthStateRecord } from "../store/types.ts";
import type { Definition } from "../../specs/types.ts";
import { buildTokenRequest, extractOAuthOutputs, isOAuthSelected, oauthServerInputs } from "../../specs/advanced-auth.ts";
import { isSecretPath } from "../../specs/secrets.ts";
import type { OAuthClientConfig } from "./oauth-clients.ts";
import { OAuthFlowError } from "./oauth-flow-error.ts";
import { flowSettings, sessionDefinition, waitingFor, type OAuthDeps } from "./oauth-flow.ts";
import { requestToken } from "./token-client.ts";

export interface CallbackQuery {
  state?: string;
  code?: string;
  error?: string;
  error_description?: string;
}

/**
 * `sessionId`: the session the callback belongs to, when known (its allowed origin receives the
 * page's message, its flow cookie is cleared). `tell`: the session still waited for this
 * authorization and hears the failure as oauth.failed; a session that stopped waiting (a cancel,
 * an earlier result) is not woken again by a late or repeated callback.
 */
export type FlowOutcome =
  | { ok: true; sessionId: string; path: string }
  | { ok: false; sessionId: string | null; path: string | null; tell: boolean; reason: OAuthFlowError["reason"]; message: string };

const WORDS = {
  stateMismatch: "The answer from the sign-in page did not match this setup (state mismatch), so it was rejected. Please authorize again.",
  stateUnknown: "This sign-in link was already used or has expired. Close this window and authorize again from the setup.",
  replayed:
    "This sign-in answer had already been used once, so it was rejected, and any sign-in still in progress for this setup was stopped to be safe. Close this window and authorize again from the setup.",
  notWaiting: "The setup is no longer waiting for this sign-in (it was cancelled or has moved on), so nothing was saved. Close this window and continue in the setup.",
};

/**
 * `flowCookies`: sessionId → state, from the cookies /oauth/start set in this browser. They tie
 * the callback to the browser that started the flow and name the session when a state is tampered.
 */
export async function completeOAuth(deps: OAuthDeps, query: CallbackQuery, flowCookies: Record<string, string>): Promise<FlowOutcome> {
  const used: OAuthStateRecord[] = [];
  const outcome = await settle(deps, query, flowCookies, used);
  // The flow is over either way: a second popup of the same session cannot complete it later.
  // The record redeemed here is kept, so a replay of this callback URL is still recognised.
  if (outcome.sessionId) {
    await deps.store.dropOAuthStates(outcome.sessionId);
    for (const record of used) if (record.sessionId === outcome.sessionId) await keepUsed(deps, record);
  }
  return outcome;
}

async function keepUsed(deps: OAuthDeps, record: OAuthStateRecord): Promise<void> {
  if (Date.parse(record.expiresAt) <= Date.now()) return;
  await deps.store.putOAuthState({ ...record, codeVerifier: "", usedAt: record.usedAt ?? new Date().toISOString() });
}

/** True while the used record of a flow is still there: a cancel since then removed it. */
async function stillRedeemed(deps: OAuthDeps, record: OAuthStateRecord): Promise<boolean> {
  const current = await deps.store.takeOAuthState(record.state);
  if (!current) return false;
  await deps.store.putOAuthState(current);
  return true;
}

/** Takes a state for good: a fresh one is put back at once as a used record (see the top). */
async function redeem(deps: OAuthDeps, state: string, used: OAuthStateRecord[]): Promise<{ record: OAuthStateRecord; replayed: boolean } | undefined> {
  // A state Onramp issued is 43 characters; anything that could not be one is never looked up.
  if (!isPlausibleId(state)) return undefined;
  const record = await deps.store.takeOAuthState(state);
  if (!record) return undefined;
  await keepUsed(deps, record);
  used.push(record);
  return { record, replayed: record.usedAt !== undefined };
}

async function settle(deps: OAuthDeps, query: CallbackQuery, flowCookies: Record<string, string>, used: OAuthStateRecord[]): Promise<FlowOutcome> {
  const redeemed = query.state ? await redeem(deps, query.state, used) : undefined;
  if (!redeemed) {
    // This browser's own flow, whose state a cancel (or the flow's end) removed: say so plainly.
    const own = Object.entries(flowCookies).find(([, state]) => state === query.state);
    if (own) return notWaiting(own[0], null);
    // Unknown state: consume the flow this browser had pending, so a forged response cannot be retried.
    for (const state of Object.values(flowCookies)) {
      const pending = await redeem(deps, state, used);
      if (pending && !pending.replayed) return bound(deps, pending.record, "state_mismatch", WORDS.stateMismatch);
    }
    return { ok: false, sessionId: null, path: null, tell: false, reason: "state_unknown", message: WORDS.stateUnknown };
  }
  const { record } = redeemed;
  const { sessionId, path } = record;
  // A second use of a callback URL: if its session waits (a newer flow, or this one's exchange
  // still running), that flow ends, since the URL, code included, has evidently leaked.
  if (redeemed.replayed) return bound(deps, record, "state_replayed", WORDS.replayed);
  const session = await waitingFor(deps, sessionId, path);
  if (!session) return notWaiting(sessionId, path);
  if (flowCookies[sessionId] !== record.state) {
    return bound(deps, record, "wrong_browser", "This sign-in finished in a different browser window than the one that started it, so it was rejected. Please authorize again.");
  }
  if (Date.parse(record.expiresAt) <= Date.now()) {
    return bound(deps, record, "state_expired", "The sign-in took too long and expired. Please authorize again.");
  }
  if (query.error) {
    return query.error === "access_denied"
      ? bound(deps, record, "access_denied", "Access was not granted: the sign-in was declined or cancelled at the provider. You can authorize again or choose another way to authenticate.")
      : bound(deps, record, "provider_error", `The provider could not complete the sign-in (${safeCode(query.error)}). Please try again.`);
  }
  if (!query.code) {
    return bound(deps, record, "provider_error", "The provider came back without an authorization code. Please try again.");
  }
  try {
    const definition = sessionDefinition(deps, session);
    if (!isOAuthSelected(definition, session.form.values)) {
      return bound(deps, record, "not_selected", "The OAuth option is no longer chosen in this setup, so the authorization was not used.");
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
      { requireAccessToken: !plan.extractOutput },
    );
    const values = outputValues(definition, client, tokens, plan.extractOutput);
    // The exchange took a moment: a cancel (or a replay) may have ended the flow meanwhile.
    if (!(await stillRedeemed(deps, record)) || !(await waitingFor(deps, sessionId, path))) return notWaiting(sessionId, path);
    // Every output lands in one action that does not wake the agent: the callback wakes it once
    // (oauth.completed) when all of them are stored, so it never tests a half-written sign-in.
    if (!(await deps.sessions.storeOutputs(sessionId, values, "oauth", { whileWaitingFor: path }))) return notWaiting(sessionId, path);
    deps.log.info("oauth.completed", { sessionId, definition: definition.name });
    return { ok: true, sessionId, path };
  } catch (error) {
    if (error instanceof OAuthFlowError) return bound(deps, record, error.reason, error.message);
    deps.log.error("oauth.callback failed", { sessionId, error: error instanceof Error ? error.name : "unknown" });
    return bound(deps, record, "provider_error", "Something went wrong while finishing the sign-in. Please try again.");
  }
}

/** A failure of a known session's flow; the session hears it only while it still waits. */
async function bound(deps: OAuthDeps, record: OAuthStateRecord, reason: OAuthFlowError["reason"], message: string): Promise<FlowOutcome> {
  const tell = (await waitingFor(deps, record.sessionId, record.path)) !== undefined;
  return { ok: false, sessionId: record.sessionId, path: record.path, tell, reason, message };
}

function notWaiting(sessionId: string, path: string | null): FlowOutcome {
  return { ok: false, sessionId, path, tell: false, reason: "not_waiting", message: WORDS.notWaiting };
}

function safeCode(code: string): string {
  return /^[a-z_]{3,40}$/.test(code) ? code : "unexpected error";
}

function outputValues(
  definition: Definition,
  client: { record: OAuthClientConfig; clientSecret: string | undefined },
  tokens: Record<string, unknown>,
  extractOutput: string[] | undefined,
): Array<{ path: string; value: string; secret: boolean }> {
  const schema = definition.connectionSpecification;
  const values: Array<{ path: string; value: string; secret: boolean }> = [];
  for (const output of extractOAuthOutputs(definition, tokens, new Date(), extractOutput)) {
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
  return values;
}
