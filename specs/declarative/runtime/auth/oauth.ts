// OAuthAuthenticator (the CDK's DeclarativeOauth2Authenticator): the refresh-token (or
// client-credentials) grant against token_refresh_endpoint, the token kept for the run and sent
// as a bearer token. A new access token, and a rotated refresh token, are reported through
// onSecretRefreshed at the config path they belong to (refresh_token_updater's paths, else the
// path the manifest's own template reads), so the server can store them back as secrets.
import { getAt, toPointer } from "../../../pointer.ts";
import { configFieldsOf } from "../config-fields.ts";
import { DeclarativeRequestError, ManifestError, UnsupportedComponentError } from "../errors.ts";
import { errorMessageOf } from "../error-handler.ts";
import { emptyParts } from "../request-option.ts";
import type { RunContext } from "../run-context.ts";
import type { Templates } from "../templates.ts";
import type { Authenticator } from "./authenticator.ts";

/** The CDK's _find_and_get_value_from_response: the key at the top, else anywhere within 5 levels. */
function findValue(data: unknown, key: string, depth = 0): unknown {
  if (depth > 5 || data === null || typeof data !== "object") return undefined;
  if (!Array.isArray(data) && key in (data as object)) return (data as Record<string, unknown>)[key];
  for (const value of Array.isArray(data) ? data : Object.values(data)) {
    const found = findValue(value, key, depth + 1);
    if (found !== undefined && found !== null) return found;
  }
  return undefined;
}

export function oauthAuthenticator(model: Record<string, any>, templates: Templates, at: string): Authenticator {
  if (model.use_profile_assertion === true || (model.profile_assertion && model.use_profile_assertion !== false)) {
    throw new UnsupportedComponentError("JwtProfileAssertion", `${at}/profile_assertion`, "OAuth with a signed JWT assertion is not supported");
  }
  const grantType = model.grant_type ? templates.text(model.grant_type) : "refresh_token";
  const updater: Record<string, any> | undefined = model.refresh_token_updater ?? undefined;
  const accessPath = updater ? toPointer((updater.access_token_config_path ?? ["credentials", "access_token"]).map(String)) : configFieldsOf(model.access_token_value)[0];
  const refreshPath = updater ? toPointer((updater.refresh_token_config_path ?? ["credentials", "refresh_token"]).map(String)) : configFieldsOf(model.refresh_token)[0];
  const fields = [...configFieldsOf([model.client_id, model.client_secret, model.refresh_token]), ...(model.token_refresh_endpoint ? [] : configFieldsOf(model.access_token_value))];
  const accessTokenName = model.access_token_name ? templates.text(model.access_token_name) : "access_token";
  const expiresInName = model.expires_in_name ? templates.text(model.expires_in_name) : "expires_in";
  const refreshTokenName = updater?.refresh_token_name ? templates.text(updater.refresh_token_name) : "refresh_token";
  // One refresh per run and credentials, whichever stream asks first.
  const key = () => `oauth ${templates.text(model.token_refresh_endpoint)} ${templates.text(model.client_id)} ${templates.text(model.refresh_token)}`;
  let refreshedRefreshToken: string | undefined;

  const expiryPath = updater ? toPointer((updater.token_expiry_date_config_path ?? ["credentials", "token_expiry_date"]).map(String)) : undefined;

  /** The access token the config already holds, while its expiry date is ahead (or with no endpoint to refresh at). */
  const givenToken = (run: RunContext): string | undefined => {
    const stored = updater ? getAt(templates.config, accessPath!) : model.access_token_value !== undefined ? templates.text(model.access_token_value) : undefined;
    if (typeof stored !== "string" || !stored) return undefined;
    run.addSecret(stored);
    if (!model.token_refresh_endpoint) return stored;
    const expiryText = updater ? getAt(templates.config, expiryPath!) : model.token_expiry_date ? templates.text(model.token_expiry_date) : undefined;
    const expiry = typeof expiryText === "string" ? Date.parse(expiryText) : Number.NaN;
    return Number.isFinite(expiry) && expiry > run.now().getTime() ? stored : undefined;
  };

  async function refresh(run: RunContext): Promise<string> {
    if (run.preview) return "<access token from the token endpoint>";
    const endpoint = templates.text(model.token_refresh_endpoint);
    if (!endpoint) throw new ManifestError("OAuthAuthenticator has no token_refresh_endpoint and no access token", at);
    const headers: Record<string, string> = Object.fromEntries(Object.entries(templates.mapping(model.refresh_request_headers)).map(([name, value]) => [name, String(value)]));
    const credentialsInHeader = Object.keys(headers).some((name) => name.toLowerCase() === "authorization");
    const body: Record<string, unknown> = { [model.grant_type_name ? templates.text(model.grant_type_name) : "grant_type"]: grantType };
    if (!credentialsInHeader) {
      body[model.client_id_name ? templates.text(model.client_id_name) : "client_id"] = templates.text(model.client_id);
      body[model.client_secret_name ? templates.text(model.client_secret_name) : "client_secret"] = templates.text(model.client_secret);
    }
    if (grantType === "refresh_token") body[model.refresh_token_name ? templates.text(model.refresh_token_name) : "refresh_token"] = refreshedRefreshToken ?? templates.text(model.refresh_token);
    const scopes = Array.isArray(model.scopes) ? model.scopes.map((scope: unknown) => templates.text(scope)) : [];
    if (scopes.length > 0) body.scopes = scopes;
    for (const [name, value] of Object.entries(templates.mapping(model.refresh_request_body))) if (!(name in body)) body[name] = value;
    for (const value of Object.values(body)) run.addSecret(value);
    for (const value of Object.values(headers)) run.addSecret(value.replace(/^(Basic|Bearer)\s+/i, ""));
    const asJson = Object.entries(headers).some(([name, value]) => name.toLowerCase() === "content-type" && /json/i.test(value));
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(body)) {
      if (Array.isArray(value)) value.forEach((item) => form.append(name, String(item)));
      else if (value !== undefined && value !== null) form.append(name, typeof value === "object" ? JSON.stringify(value) : String(value));
    }
    let host = endpoint;
    try {
      host = new URL(endpoint).host;
    } catch {
      throw new ManifestError(`token_refresh_endpoint "${endpoint}" is not a URL`, at);
    }
    const budget = Math.min(run.requestTimeoutMs, run.remainingMs());
    if (budget <= 0) throw new DeclarativeRequestError("timeout", `No time was left to get an access token from ${host}.`, { where: host });
    let response: Response;
    let text: string;
    try {
      response = await fetch(endpoint, {
        method: "POST",
        headers: { ...(asJson ? {} : { "content-type": "application/x-www-form-urlencoded" }), accept: "application/json", ...headers },
        body: asJson ? JSON.stringify(body) : form,
        signal: AbortSignal.any([run.signal, AbortSignal.timeout(budget)]),
      });
      text = await response.text();
    } catch (error) {
      throw new DeclarativeRequestError(run.signal.aborted ? "timeout" : "network", run.scrub(`The token endpoint at ${host} could not be reached.`), { where: host, cause: error });
    }
    let json: unknown = {};
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = {};
    }
    if (!response.ok) {
      const said = errorMessageOf(json);
      throw new DeclarativeRequestError(
        response.status === 429 ? "rate_limited" : response.status >= 500 ? "server_error" : "oauth_refresh",
        run.scrub(`The token endpoint at ${host} refused to issue an access token (HTTP ${response.status})${said ? `: ${said.slice(0, 200)}` : ""}.`),
        { status: response.status, where: host },
      );
    }
    const token = findValue(json, accessTokenName);
    if (typeof token !== "string" || !token) throw new DeclarativeRequestError("unreadable", `The token endpoint at ${host} answered without ${accessTokenName}.`, { status: response.status, where: host });
    const expiresIn = Number(findValue(json, expiresInName));
    const expiresAt = model.token_expiry_is_time_of_expiration ? Date.parse(String(findValue(json, expiresInName))) : Number.isFinite(expiresIn) && expiresIn > 0 ? Date.now() + expiresIn * 1000 : Date.now() + 3600_000;
    run.tokens.set(key(), { token, expiresAt: Number.isFinite(expiresAt) ? expiresAt : Date.now() + 3600_000 });
    await run.secretRefreshed(accessPath, token);
    const rotated = findValue(json, refreshTokenName);
    if (typeof rotated === "string" && rotated && rotated !== (refreshedRefreshToken ?? templates.text(model.refresh_token))) {
      refreshedRefreshToken = rotated;
      await run.secretRefreshed(refreshPath, rotated);
    }
    return token;
  }

  return {
    fields,
    async parts(run) {
      const cached = run.tokens.get(key());
      const token = cached && cached.expiresAt > Date.now() + 5_000 ? cached.token : (givenToken(run) ?? (await refresh(run)));
      const parts = emptyParts();
      parts.headers.Authorization = `Bearer ${token}`;
      return parts;
    },
    async refresh(run) {
      // Worth it only when the refused token was the stored one: a token this run just got
      // from the endpoint would be refused again.
      if (!model.token_refresh_endpoint || run.tokens.has(key())) return false;
      await refresh(run);
      return true;
    },
  };
}
