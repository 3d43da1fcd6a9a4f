// The connector's spec (Airbyte's connection_specification) from a draft: settings (base URL,
// server variables, required parameters) and the credentials. One way to authenticate puts its
// fields at the top level; several become a `credentials` oneOf told apart by `auth_type`, which
// a SelectiveAuthenticator reads. Every secret is `airbyte_secret`.
import type { JsonSchema } from "../types.ts";
import type { AuthGuess, ConfigFieldGuess, ImportDraft } from "./types.ts";

export const AUTH_SELECTOR = "auth_type";

function property(field: ConfigFieldGuess, order: number): JsonSchema {
  return {
    type: field.type,
    title: field.title,
    ...(field.description ? { description: field.description } : {}),
    ...(field.default !== undefined ? { default: field.default } : {}),
    ...(field.enum ? { enum: field.enum } : {}),
    ...(field.secret ? { airbyte_secret: true } : {}),
    order,
  };
}

/** The `auth_type` value of an option: its key, readable. */
export function authOptionValue(guess: AuthGuess): string {
  return guess.key.replace(/^implied:/, "").replace(/[^A-Za-z0-9+_-]+/g, "_");
}

/** Config path (as keys) of an auth field: top level for one option, under `credentials` for several. */
export function authFieldPath(draft: Pick<ImportDraft, "auth">, key: string): string[] {
  return draft.auth.length > 1 ? ["credentials", key] : [key];
}

/**
 * Settings the published connector reads: those of the base URL, and those of each selected
 * entity and of the parents it reads through. A setting only a deselected entity needed is not
 * asked.
 */
export function usedSettings(draft: ImportDraft): Set<string> {
  const used = new Set([...draft.baseUrl.template.matchAll(/config\['([^']+)'\]/g)].map((match) => match[1]));
  const byId = new Map(draft.entities.map((entity) => [entity.id, entity]));
  for (const selected of draft.entities.filter((entity) => entity.selected)) {
    for (let entity: ImportDraft["entities"][number] | undefined = selected, depth = 0; entity && depth < 6; entity = entity.parent ? byId.get(entity.parent.entityId) : undefined, depth++) {
      for (const item of [...entity.pathFields, ...entity.queryFields, ...entity.headerFields]) if (item.field) used.add(item.field);
    }
  }
  return used;
}

/**
 * Airbyte's `advanced_auth` for the first authorization-code option that names both URLs, so
 * Onramp (and Airbyte) can offer "Sign in" instead of asking for a refresh token: the flow's
 * refresh token lands where the OAuthAuthenticator reads it, the client id and secret come from
 * the server's OAuth client.
 */
export function buildAdvancedAuth(draft: ImportDraft): JsonSchema | undefined {
  const guess = draft.auth.find((one) => one.kind === "oauth2" && one.oauth?.flow === "authorizationCode" && one.oauth.authorizationUrl && one.oauth.tokenUrl);
  if (!guess) return undefined;
  const oauth = guess.oauth!;
  const at = (key: string) => authFieldPath(draft, key);
  const absolute = (url: string) => (/^https?:\/\//i.test(url) ? url : undefined);
  const consent = absolute(oauth.authorizationUrl!);
  const token = absolute(oauth.tokenUrl!);
  if (!consent || !token) return undefined;
  return {
    auth_flow_type: "oauth2.0",
    ...(draft.auth.length > 1 ? { predicate_key: ["credentials", AUTH_SELECTOR], predicate_value: authOptionValue(guess) } : {}),
    oauth_config_specification: {
      oauth_connector_input_specification: { consent_url: consent, access_token_url: token, ...(oauth.scopes.length ? { scope: oauth.scopes.join(" ") } : {}) },
      complete_oauth_output_specification: { type: "object", properties: { refresh_token: { type: "string", path_in_connector_config: at("refresh_token") } } },
      complete_oauth_server_input_specification: { type: "object", properties: { client_id: { type: "string" }, client_secret: { type: "string" } } },
      complete_oauth_server_output_specification: {
        type: "object",
        properties: { client_id: { type: "string", path_in_connector_config: at("client_id") }, client_secret: { type: "string", path_in_connector_config: at("client_secret") } },
      },
    },
  };
}

export function buildSpec(draft: ImportDraft): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  let order = 0;
  const used = usedSettings(draft);
  for (const field of draft.fields.filter((one) => used.has(one.key))) {
    properties[field.key] = property(field, order++);
    if (field.required && field.default === undefined) required.push(field.key);
  }
  if (draft.auth.length === 1) {
    for (const field of draft.auth[0].fields) {
      properties[field.key] = property(field, order++);
      if (field.required) required.push(field.key);
    }
  } else if (draft.auth.length > 1) {
    properties.credentials = {
      type: "object",
      title: "Authentication",
      order: order++,
      oneOf: draft.auth.map((guess) => ({
        type: "object",
        title: guess.title,
        required: [AUTH_SELECTOR, ...guess.fields.filter((field) => field.required).map((field) => field.key)],
        properties: {
          [AUTH_SELECTOR]: { type: "string", const: authOptionValue(guess), order: 0 },
          ...Object.fromEntries(guess.fields.map((field, index) => [field.key, property(field, index + 1)])),
        },
      })),
    };
    required.push("credentials");
  }
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: `${draft.title} Spec`,
    type: "object",
    required,
    additionalProperties: true,
    properties,
  };
}
