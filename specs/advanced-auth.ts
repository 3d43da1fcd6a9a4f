// Reads a definition's `advanced_auth` block: which oneOf option means OAuth, where the flow's
// outputs land in the config, what the user and the server must supply, and how to reach the
// provider. Pure functions over a Definition; the server's OAuth routes do the I/O.
import type { Definition, JsonSchema } from "./types.ts";
import { getAt, toPointer } from "./pointer.ts";

export {
  buildAuthorizeUrl,
  buildRefreshRequest,
  buildTokenRequest,
  pkceChallenge,
  renderTemplate,
  type FlowValues,
  type TokenRequest,
} from "./oauth-requests.ts";

export interface AdvancedAuth {
  flowType: string;
  /**
   * JSON pointer of the object the OAuth option lives in ("/credentials"); "" when the whole
   * config is the OAuth shape. This is the `path` of oauth.request / oauth.completed / /oauth/start.
   */
  path: string;
  /** JSON pointer of the discriminator field ("/credentials/option_title"); null without a predicate. */
  predicatePath: string | null;
  predicateValue: string | null;
  /** Index of the oneOf option that means OAuth; null when `path` is not a oneOf. */
  optionIndex: number | null;
}

export interface OAuthOutput {
  /** Key in the provider's response (or our name for it): access_token, refresh_token, token_expiry_date. */
  name: string;
  /** JSON pointer in the connector config. */
  path: string;
  /** Where to read it in the token response; `token_expiry_date` is computed from `expires_in`. */
  responsePath: string[];
}

export interface OAuthUserInput {
  name: string;
  path: string;
}

export interface OAuthServerInput {
  /** client_id, client_secret, ... */
  name: string;
  /** Where the value must also land in the config (server output spec); null when only the server uses it. */
  path: string | null;
}

/** How to reach the provider, resolved for one definition and the user's inputs. */
export interface OAuthEndpointPlan {
  source: "definition" | "declarative" | "override";
  /** A URL, or (declarative) a consent_url template rendered later by `buildAuthorizeUrl`. */
  authorizeUrl: string;
  tokenUrl: string;
  scopes: string[];
  /** Declarative extras, kept as templates. */
  tokenParams?: Record<string, string>;
  tokenHeaders?: Record<string, string>;
  extractOutput?: string[];
  keys?: Partial<Record<"client_id" | "client_secret" | "scope" | "state" | "auth_code" | "redirect_uri", string>>;
  userInputs: Record<string, string>;
}

export interface EndpointOverrides {
  authorizeUrl?: string | null;
  tokenUrl?: string | null;
  scopes?: string[] | null;
}

const pathOf = (segments: unknown): string | null =>
  Array.isArray(segments) && segments.length > 0 ? toPointer(segments.map(String)) : null;

function configSpec(definition: Definition): Record<string, any> {
  const spec = definition.advanced_auth?.oauth_config_specification;
  return spec && typeof spec === "object" ? spec : {};
}

/** Schema node of the object at `segments` (walking `properties`), not entering oneOf. */
function objectSchemaAt(schema: JsonSchema, segments: string[]): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const segment of segments) {
    node = node?.properties?.[segment];
    if (!node) return undefined;
  }
  return node;
}

function constOf(node: JsonSchema | undefined): unknown {
  if (!node) return undefined;
  if ("const" in node) return node.const;
  if (Array.isArray(node.enum) && node.enum.length === 1) return node.enum[0];
  return undefined;
}

export function parseAdvancedAuth(definition: Definition): AdvancedAuth | undefined {
  const block = definition.advanced_auth;
  if (!block || typeof block !== "object") return undefined;
  const flowType = String(block.auth_flow_type ?? "oauth2.0");
  const key: string[] = Array.isArray(block.predicate_key) ? block.predicate_key.map(String) : [];
  const predicateValue = block.predicate_value == null ? null : String(block.predicate_value);
  if (key.length === 0) return { flowType, path: "", predicatePath: null, predicateValue: null, optionIndex: null };

  const containerSegments = key.slice(0, -1);
  const discriminator = key[key.length - 1];
  const container = objectSchemaAt(definition.connectionSpecification, containerSegments);
  let optionIndex: number | null = null;
  if (Array.isArray(container?.oneOf)) {
    const found = container.oneOf.findIndex(
      (option: JsonSchema) => String(constOf(option?.properties?.[discriminator]) ?? option?.properties?.[discriminator]?.default) === predicateValue,
    );
    optionIndex = found >= 0 ? found : null;
  }
  return { flowType, path: toPointer(containerSegments), predicatePath: toPointer(key), predicateValue, optionIndex };
}

/** True when the config (as far as filled) has chosen the OAuth option, or OAuth is the only way. */
export function isOAuthSelected(definition: Definition, values: Record<string, unknown>): boolean {
  const auth = parseAdvancedAuth(definition);
  if (!auth) return false;
  if (!auth.predicatePath) return true;
  const current = getAt(values, auth.predicatePath);
  if (current !== undefined) return String(current) === auth.predicateValue;
  // A discriminator that is a plain const outside any oneOf (e.g. top-level auth_type) is fixed.
  if (auth.optionIndex === null) {
    const segments = auth.predicatePath.slice(1).split("/");
    const node = objectSchemaAt(definition.connectionSpecification, segments.map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~")));
    const fixed = constOf(node);
    return fixed !== undefined && String(fixed) === auth.predicateValue;
  }
  return false;
}

/** Where the flow's outputs (tokens, expiry) land in the config. */
export function oauthOutputs(definition: Definition): OAuthOutput[] {
  const properties = configSpec(definition).complete_oauth_output_specification?.properties ?? {};
  const outputs: OAuthOutput[] = [];
  for (const [name, node] of Object.entries<any>(properties)) {
    const path = pathOf(node?.path_in_connector_config);
    if (!path) continue;
    const responsePath = Array.isArray(node?.path_in_oauth_response) ? node.path_in_oauth_response.map(String) : [name];
    outputs.push({ name, path, responsePath });
  }
  return outputs;
}

/** Config values the provider's URLs need from the user (e.g. a subdomain). */
export function oauthUserInputs(definition: Definition): OAuthUserInput[] {
  const properties = configSpec(definition).oauth_user_input_from_connector_config_specification?.properties ?? {};
  return Object.entries<any>(properties).flatMap(([name, node]) => {
    const path = pathOf(node?.path_in_connector_config);
    return path ? [{ name, path }] : [];
  });
}

/** The user inputs' current values, by name; missing ones are left out. */
export function oauthUserInputValues(definition: Definition, values: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const input of oauthUserInputs(definition)) {
    const value = getAt(values, input.path);
    if (value !== undefined && value !== null && value !== "") result[input.name] = String(value);
  }
  return result;
}

/** What the server holds per definition (client id/secret), and where each must also land in the config. */
export function oauthServerInputs(definition: Definition): OAuthServerInput[] {
  const spec = configSpec(definition);
  const inputs = spec.complete_oauth_server_input_specification?.properties ?? {};
  const outputs = spec.complete_oauth_server_output_specification?.properties ?? {};
  const names = new Set([...Object.keys(inputs), ...Object.keys(outputs)]);
  if (names.size === 0 && definition.advanced_auth) ["client_id", "client_secret"].forEach((name) => names.add(name));
  return [...names].map((name) => ({ name, path: pathOf(outputs[name]?.path_in_connector_config) }));
}

/** The server inputs a registered OAuth client holds a value for: its id and its secret. */
export const SERVER_HELD_INPUTS = new Set(["client_id", "client_secret"]);

/**
 * Every config path the OAuth flow fills: the agent does not ask these while OAuth is selected.
 * (A server input the client registration holds no value for, Amazon's "lwa_app_id", is asked
 * like any field: the flow would leave it empty and the test would fail on it again and again.)
 */
export function oauthManagedPaths(definition: Definition): string[] {
  const held = oauthServerInputs(definition).filter((input) => SERVER_HELD_INPUTS.has(input.name));
  const paths = [...oauthOutputs(definition).map((o) => o.path), ...held.flatMap((i) => (i.path ? [i.path] : []))];
  return [...new Set(paths)];
}

/** Endpoints and scopes: overrides (operator-configured) > definition.oauth > declarative spec. */
export function oauthEndpoints(
  definition: Definition,
  userInputs: Record<string, string> = {},
  overrides: EndpointOverrides = {},
): OAuthEndpointPlan | undefined {
  const spec = configSpec(definition);
  const declarative = spec.oauth_connector_input_specification;
  const scopeText = typeof declarative?.scope === "string" ? declarative.scope : "";
  const baseScopes = definition.oauth?.scopes ?? (scopeText ? scopeText.split(/[\s,]+/).filter(Boolean) : []);
  const scopes = overrides.scopes ?? baseScopes;

  if (overrides.authorizeUrl && overrides.tokenUrl) {
    return { source: "override", authorizeUrl: overrides.authorizeUrl, tokenUrl: overrides.tokenUrl, scopes, userInputs };
  }
  if (definition.oauth) {
    return {
      source: overrides.authorizeUrl || overrides.tokenUrl ? "override" : "definition",
      authorizeUrl: overrides.authorizeUrl ?? definition.oauth.authorizeUrl,
      tokenUrl: overrides.tokenUrl ?? definition.oauth.tokenUrl,
      scopes,
      userInputs,
    };
  }
  if (declarative && typeof declarative.consent_url === "string" && typeof declarative.access_token_url === "string") {
    const keys: OAuthEndpointPlan["keys"] = {};
    for (const name of ["client_id", "client_secret", "scope", "state", "auth_code", "redirect_uri"] as const) {
      if (typeof declarative[`${name}_key`] === "string") keys[name] = declarative[`${name}_key`];
    }
    return {
      source: overrides.authorizeUrl || overrides.tokenUrl ? "override" : "declarative",
      authorizeUrl: overrides.authorizeUrl ?? declarative.consent_url,
      tokenUrl: overrides.tokenUrl ?? declarative.access_token_url,
      scopes,
      tokenParams: overrides.tokenUrl ? undefined : stringRecord(declarative.access_token_params),
      tokenHeaders: overrides.tokenUrl ? undefined : stringRecord(declarative.access_token_headers),
      extractOutput: Array.isArray(declarative.extract_output) ? declarative.extract_output.map(String) : undefined,
      keys,
      userInputs,
    };
  }
  const legacyAuthorize = spec.oauth_authorization_url ?? overrides.authorizeUrl;
  const legacyToken = spec.oauth_token_url ?? overrides.tokenUrl;
  if (typeof legacyAuthorize === "string" && typeof legacyToken === "string") {
    return { source: "definition", authorizeUrl: overrides.authorizeUrl ?? legacyAuthorize, tokenUrl: overrides.tokenUrl ?? legacyToken, scopes, userInputs };
  }
  return undefined;
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== "object") return undefined;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

/**
 * What a token response offers, by name. A declarative definition's `extract_output` lists which
 * keys to take; an entry with dots reaches into nested objects and is named by its last segment
 * ("authed_user.access_token" is taken as access_token). Everything not listed is ignored, so a
 * response field the definition did not ask for never lands in the config. Without
 * `extract_output`, the response as it is.
 */
export function oauthResponseValues(response: Record<string, unknown>, extractOutput?: string[]): Record<string, unknown> {
  if (!extractOutput) return response;
  const taken: Record<string, unknown> = {};
  for (const entry of extractOutput) {
    // A key that itself contains a dot wins over reading it as a path.
    const value = Object.prototype.hasOwnProperty.call(response, entry) ? response[entry] : valueAtPath(response, entry.split("."));
    if (value !== undefined) taken[entry.split(".").pop()!] = value;
  }
  return taken;
}

function valueAtPath(node: unknown, segments: string[]): unknown {
  return segments.reduce<unknown>((current, segment) => (current && typeof current === "object" ? (current as Record<string, unknown>)[segment] : undefined), node);
}

/**
 * Maps a token response (the code exchange's or a refresh's) onto the config paths of
 * `oauthOutputs`, taking only what `extractOutput` lists when the definition declares it.
 * `token_expiry_date`-like outputs are computed from `expires_in`. Missing values are left out.
 */
export function extractOAuthOutputs(
  definition: Definition,
  response: Record<string, unknown>,
  now: Date = new Date(),
  extractOutput?: string[],
): Array<{ name: string; path: string; value: string }> {
  const offered = oauthResponseValues(response, extractOutput);
  const results: Array<{ name: string; path: string; value: string }> = [];
  for (const output of oauthOutputs(definition)) {
    let value = valueAtPath(offered, output.responsePath);
    if (value === undefined && /expir/.test(output.name)) {
      // The expiry is derived, not taken: it does not depend on extract_output listing expires_in.
      const seconds = Number(offered.expires_in ?? response.expires_in);
      if (Number.isFinite(seconds) && seconds > 0) value = new Date(now.getTime() + seconds * 1000).toISOString();
    }
    if (value === undefined || value === null || value === "" || typeof value === "object") continue;
    results.push({ name: output.name, path: output.path, value: String(value) });
  }
  return results;
}
