// A real HTTP check: one request to the API with the configured auth; the status code says
// what is wrong. OAuth client credentials are exchanged for a token first, as a sync would.
import type { CheckResult, Definition, JsonSchema } from "../types.ts";
import { getAt, toPointer } from "../pointer.ts";
import { schemaAt } from "../schema-nav.ts";
import { isSecretPath } from "../secrets.ts";
import { authProperty } from "../split-config.ts";
import { failed, networkFailure, succeeded, type Target } from "./outcome.ts";
import { requestStatus } from "./request-status.ts";

const PLACEHOLDER = /\{\{\s*config((?:\.[A-Za-z0-9_]+|\[['"][^'"]+['"]\])+)\s*\}\}/g;

function placeholderPath(expression: string): string {
  const segments = [...expression.matchAll(/\.([A-Za-z0-9_]+)|\[['"]([^'"]+)['"]\]/g)].map((match) => match[1] ?? match[2]);
  return toPointer(segments);
}

function valueOrDefault(schema: JsonSchema, config: unknown, path: string): unknown {
  const value = getAt(config, path);
  return value !== undefined ? value : schemaAt(schema, path, config)?.default;
}

/** The URL to request and the config fields it was built from. */
function requestUrl(definition: Definition, config: Record<string, unknown>): { url: string; fields: string[] } {
  const schema = definition.connectionSpecification;
  const template = definition.httpCheck?.url;
  if (template) {
    const fields: string[] = [];
    const url = template.replace(PLACEHOLDER, (_whole, expression: string) => {
      const path = placeholderPath(expression);
      fields.push(path);
      const value = valueOrDefault(schema, config, path);
      return value === undefined || value === null ? "" : String(value);
    });
    return { url: url.replace(/([^:]\/)\/+/g, "$1"), fields };
  }
  const key = ["base_url", "url", "api_url", "endpoint", "domain"].find((name) => valueOrDefault(schema, config, `/${name}`) !== undefined);
  const field = key ? `/${key}` : "/base_url";
  return { url: String(key ? valueOrDefault(schema, config, field) : ""), fields: [field] };
}

/** What an HTTP check reaches, for messages and the fields to fix (also used by runCheck's deadline). */
export function httpTarget(definition: Definition, config: Record<string, unknown>): Target {
  const { url, fields } = requestUrl(definition, config);
  let host: string | undefined;
  try {
    host = new URL(url).host;
  } catch {
    host = undefined;
  }
  return { what: host ? `the API at ${host}` : "the API", hostFields: fields.slice(0, 1), portFields: [], tlsFields: fields.slice(0, 1) };
}

type Auth =
  | { kind: "none" }
  | { kind: "header"; name: string; value: string }
  | { kind: "query"; name: string; value: string }
  | { kind: "client_credentials"; tokenUrl: string; clientId: string; clientSecret: string; scopes: string[] };

const TOKEN_KEYS = ["access_token", "token", "api_token", "bearer_token", "personal_access_token", "auth_token"];

function authOf(auth: Record<string, any> | undefined): Auth {
  if (!auth) return { kind: "none" };
  const type = String(auth.auth_type ?? auth.type ?? auth.option_title ?? "").toLowerCase();
  if (type === "none" || type === "no_auth") return { kind: "none" };
  const tokenKey = TOKEN_KEYS.find((key) => typeof auth[key] === "string" && auth[key]);
  if (!tokenKey && auth.token_url && auth.client_id) {
    return { kind: "client_credentials", tokenUrl: auth.token_url, clientId: auth.client_id, clientSecret: auth.client_secret ?? "", scopes: auth.scopes ?? [] };
  }
  if (typeof auth.api_key === "string") {
    const name = auth.name ?? auth.header ?? auth.header_name ?? "X-API-Key";
    return auth.location === "query" || auth.inject_into === "request_parameter"
      ? { kind: "query", name: auth.name ?? "api_key", value: auth.api_key }
      : { kind: "header", name, value: auth.api_key };
  }
  if (tokenKey) return { kind: "header", name: "Authorization", value: `Bearer ${auth[tokenKey]}` };
  if (typeof auth.username === "string") {
    return { kind: "header", name: "Authorization", value: `Basic ${Buffer.from(`${auth.username}:${auth.password ?? ""}`).toString("base64")}` };
  }
  return { kind: "none" };
}

function authFields(definition: Definition, config: Record<string, unknown>, key: string | undefined): string[] {
  if (!key) return [];
  const auth = config[key];
  const base = toPointer([key]);
  if (!auth || typeof auth !== "object") return [base];
  const secret = Object.keys(auth)
    .map((name) => `${base}${toPointer([name])}`)
    .filter((path) => isSecretPath(definition.connectionSpecification, path));
  return secret.length > 0 ? secret : [base];
}

async function clientCredentialsToken(auth: Extract<Auth, { kind: "client_credentials" }>, signal: AbortSignal): Promise<{ token?: string; status?: number }> {
  const body = new URLSearchParams({ grant_type: "client_credentials" });
  if (auth.scopes.length > 0) body.set("scope", auth.scopes.join(" "));
  const response = await fetch(auth.tokenUrl, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(auth.clientId)}:${encodeURIComponent(auth.clientSecret)}`).toString("base64")}`,
    },
    body,
    signal,
  });
  if (!response.ok) return { status: response.status };
  const json = (await response.json().catch(() => ({}))) as { access_token?: string };
  return { token: json.access_token, status: response.status };
}

export async function checkHttp(definition: Definition, config: Record<string, unknown>, timeoutMs: number, signal: AbortSignal): Promise<CheckResult> {
  const { url: rawUrl, fields: urlFields } = requestUrl(definition, config);
  let url: URL;
  try {
    url = new URL(rawUrl);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http");
  } catch {
    return failed("invalid_config", "The API address is not a complete http(s) URL.", urlFields);
  }
  const key = authProperty(definition) ?? (config.auth ? "auth" : undefined);
  const auth = authOf(key ? (config[key] as Record<string, any>) : undefined);
  const secretFields = authFields(definition, config, key);
  const headers: Record<string, string> = { accept: "application/json", "user-agent": "onramp-check" };
  try {
    if (auth.kind === "header") headers[auth.name] = auth.value;
    if (auth.kind === "query") url.searchParams.set(auth.name, auth.value);
    if (auth.kind === "client_credentials") {
      const tokenUrlField = key ? `${toPointer([key])}/token_url` : "/token_url";
      let tokenUrl: URL;
      try {
        tokenUrl = new URL(auth.tokenUrl);
      } catch {
        return failed("invalid_config", "The token URL is not a complete URL.", [tokenUrlField]);
      }
      const exchange = await clientCredentialsToken({ ...auth, tokenUrl: tokenUrl.toString() }, signal);
      if (!exchange.token) {
        return exchange.status === 401 || exchange.status === 400 || exchange.status === 403
          ? failed("auth_failed", `The token endpoint at ${tokenUrl.host} refused the client id and secret (HTTP ${exchange.status}).`, [
              `${toPointer([key ?? ""])}/client_id`,
              ...secretFields,
            ])
          : failed("unknown", `The token endpoint at ${tokenUrl.host} gave no access token (HTTP ${exchange.status}).`, [tokenUrlField]);
      }
      headers.authorization = `Bearer ${exchange.token}`;
    }
    const status = await requestStatus(url, definition.httpCheck?.method ?? "GET", headers, signal);
    const where = `${url.host}${url.pathname}`;
    if (status >= 200 && status < 400) return succeeded(`The API at ${where} answered ${status} with these credentials.`);
    if (status === 401) return failed("auth_failed", `The API at ${url.host} did not accept the credentials (HTTP 401). Check the key or token, or sign in again.`, secretFields);
    if (status === 403) return failed("permission_denied", `The API at ${url.host} accepted the credentials but refused access (HTTP 403); they may lack a scope or permission.`, secretFields);
    if (status === 404 || status === 410) return failed("not_found", `The API has no endpoint at ${where} (HTTP ${status}). Check the URL and path.`, urlFields);
    if (status === 429) return failed("rate_limited", `The API at ${url.host} is rate limiting requests (HTTP 429). Wait a moment and test again.`, []);
    if (status === 407 || status === 495 || status === 496) return failed("tls", `The API at ${url.host} wants a client certificate or proxy auth (HTTP ${status}).`, urlFields);
    if (status >= 500) return failed("unknown", `The API at ${url.host} had a server error (HTTP ${status}); try again later.`, []);
    return failed("invalid_config", `The API at ${where} rejected the request (HTTP ${status}); check the URL and settings.`, urlFields);
  } catch (error) {
    if (signal.aborted) throw error;
    return networkFailure(error, httpTarget(definition, config), timeoutMs) ?? failed("unknown", `The request to ${url.host} failed: ${String((error as Error)?.message ?? error)}`, urlFields);
  }
}

