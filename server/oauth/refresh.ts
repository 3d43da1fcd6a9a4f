// Mints an access token from a stored refresh token, for a connection check (or a sync) that needs
// one. Works on a config whose secrets are already resolved (server-side only) and returns a new
// config; it never writes the tokens anywhere itself.
//
// How the session layer uses it (SessionPort.testConnection), before runCheck:
//   const fresh = await refreshForCheck(services, { definition, workspaceId, config: resolved,
//     persist: (path, value, secret) => secret ? storeSecret(path, value) : patchForm(set path value) });
//   if (fresh.failure) return fresh.failure;
//   runCheck(definition, fresh.config, ...)   // and scrub fresh.newSecrets from its message
import type { CheckResult, Definition } from "../../specs/types.ts";
import { isSecretPath } from "../../specs/secrets.ts";
import type { AppDeps } from "../deps.ts";
import {
  buildRefreshRequest,
  extractOAuthOutputs,
  oauthEndpoints,
  oauthOutputs,
  oauthServerInputs,
  oauthUserInputValues,
  parseAdvancedAuth,
} from "../../specs/advanced-auth.ts";
import { getAt, setAt } from "../../specs/pointer.ts";
import { resolveOAuthClient } from "./oauth-clients.ts";
import { OAuthFlowError } from "./oauth-flow-error.ts";
import { requestToken } from "./token-client.ts";

export interface RefreshInput {
  definition: Definition;
  workspaceId: string;
  /** The config with secret values resolved. */
  config: Record<string, unknown>;
  /** Refresh even when the access token looks valid (e.g. the check was just refused). */
  force?: boolean;
  /** Refresh when the token expires within this many seconds. Default 60. */
  skewSeconds?: number;
  timeoutMs?: number;
}

export interface RefreshResult {
  config: Record<string, unknown>;
  refreshed: boolean;
  /** JSON pointer → new value, for every output the refresh changed (tokens, expiry). */
  rotated: Record<string, string>;
}

/** True when the config holds a refresh token and the access token is missing or (nearly) expired. */
export function needsRefresh(definition: Definition, config: Record<string, unknown>, skewSeconds = 60): boolean {
  const outputs = oauthOutputs(definition);
  const refresh = outputs.find((output) => output.name === "refresh_token");
  if (!refresh || !getAt(config, refresh.path)) return false;
  const access = outputs.find((output) => output.name === "access_token");
  if (access && !getAt(config, access.path)) return true;
  const expiry = outputs.find((output) => /expir/.test(output.name));
  const expiresAt = expiry ? Date.parse(String(getAt(config, expiry.path) ?? "")) : NaN;
  if (Number.isFinite(expiresAt)) return expiresAt - skewSeconds * 1000 <= Date.now();
  // No access token field at all: the connector itself trades the refresh token for one.
  return !access;
}

export async function refreshIfNeeded(deps: Pick<AppDeps, "store" | "secrets">, input: RefreshInput): Promise<RefreshResult> {
  const { definition, config } = input;
  if (!parseAdvancedAuth(definition)) return { config, refreshed: false, rotated: {} };
  if (!input.force && !needsRefresh(definition, config, input.skewSeconds)) return { config, refreshed: false, rotated: {} };
  const outputs = oauthOutputs(definition);
  const refreshOutput = outputs.find((output) => output.name === "refresh_token");
  const refreshToken = refreshOutput ? getAt(config, refreshOutput.path) : undefined;
  if (typeof refreshToken !== "string" || !refreshToken) return { config, refreshed: false, rotated: {} };

  const client = await resolveOAuthClient(deps, definition.id, input.workspaceId);
  // The config may carry its own client id/secret (server output spec); the server's client is the fallback.
  const fromConfig = (name: string) => {
    const path = oauthServerInputs(definition).find((item) => item.name === name)?.path;
    const value = path ? getAt(config, path) : undefined;
    return typeof value === "string" && value ? value : undefined;
  };
  const clientId = fromConfig("client_id") ?? client?.record.clientId;
  const clientSecret = fromConfig("client_secret") ?? client?.clientSecret;
  const plan = oauthEndpoints(definition, oauthUserInputValues(definition, config), {
    authorizeUrl: client?.record.authorizeUrl ?? null,
    tokenUrl: client?.record.tokenUrl ?? null,
  });
  if (!clientId || !plan) {
    throw new OAuthFlowError("not_configured", "The saved OAuth sign-in cannot be renewed: the OAuth client or token URL is not configured.");
  }
  const tokens = await requestToken(buildRefreshRequest(plan, { clientId, clientSecret, refreshToken }), {
    timeoutMs: input.timeoutMs,
    requireAccessToken: !plan.extractOutput,
  });
  // The same mapping as the code exchange: extract_output decides which keys are taken, and where.
  const refreshed = extractOAuthOutputs(definition, tokens, new Date(), plan.extractOutput);
  if (outputs.some((output) => output.name === "access_token") && !refreshed.some((output) => output.name === "access_token")) {
    throw new OAuthFlowError("token_endpoint_error", "The provider renewed the sign-in but its answer held no access token.");
  }
  let next = config;
  const rotated: Record<string, string> = {};
  for (const output of refreshed) {
    next = setAt(next, output.path, output.value);
    rotated[output.path] = output.value;
  }
  return { config: next, refreshed: true, rotated };
}

export interface CheckRefreshInput extends RefreshInput {
  /** Writes a renewed value back to the form (secret → secret store + mask; else a plain value). */
  persist(path: string, value: string, secret: boolean): Promise<void>;
}

/**
 * For a connection check: renews an expired access token, saves what changed, and returns the
 * config to check with. A refusal becomes a failed CheckResult naming the OAuth option to redo.
 */
export async function refreshForCheck(
  deps: Pick<AppDeps, "store" | "secrets">,
  input: CheckRefreshInput,
): Promise<{ config: Record<string, unknown>; newSecrets: string[]; failure?: CheckResult }> {
  try {
    const result = await refreshIfNeeded(deps, input);
    const newSecrets: string[] = [];
    for (const [path, value] of Object.entries(result.rotated)) {
      const secret = /(access|refresh)_token$/.test(path) || isSecretPath(input.definition.connectionSpecification, path);
      if (secret) newSecrets.push(value);
      await input.persist(path, value, secret);
    }
    return { config: result.config, newSecrets };
  } catch (error) {
    if (!(error instanceof OAuthFlowError)) throw error;
    const auth = parseAdvancedAuth(input.definition);
    return {
      config: input.config,
      newSecrets: [],
      failure: {
        status: "failed",
        reason: error.reason === "token_endpoint_unreachable" ? "unreachable" : "auth_failed",
        message: `The saved sign-in could not be renewed. ${error.message} Authorizing again usually fixes this.`,
        fields: auth?.path ? [auth.path] : [],
      },
    };
  }
}
