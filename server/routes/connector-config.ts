// A connector's configuration on its way in: which definition, composing credentials +
// replication_config, the auth-scheme check, secrets swapped for the mask, validation.
// Secret values are resolved only here and inside the check; they never reach a response.
import {
  SECRET_MASK,
  describeError,
  getAt,
  joinConfig,
  matchAuthScheme,
  secretPaths,
  setAt,
  splitConfig,
  validateConfig,
  type Definition,
  type FieldError,
} from "../../specs/index.ts";
import { ApiError, type ErrorItem } from "../http-error.ts";
import type { SecretStore } from "../secrets/types.ts";
import type { CatalogLookup } from "../../specs/types.ts";
import type { SourceTemplateRecord, Store } from "../store/types.ts";
import type { AppAuth } from "../auth/index.ts";
import { invalidField, optionalObject, optionalString } from "./json-body.ts";

export const IDENTIFIER_RULE_MESSAGE = "One of connector_type, definition_id, or source_template_id must be provided";

export interface ConfigInput {
  configuration?: Record<string, unknown>;
  credentials?: Record<string, unknown>;
  replication_config?: Record<string, unknown>;
}

export function readConfigInput(body: Record<string, unknown>): ConfigInput {
  return {
    configuration: optionalObject(body, "configuration"),
    credentials: optionalObject(body, "credentials"),
    replication_config: optionalObject(body, "replication_config"),
  };
}

function notFoundField(field: string, message: string): ApiError {
  return new ApiError(404, message, [{ field, message, error_code: "not_found" }]);
}

/** By id, by name ("source-postgres"), or by short type ("postgres", sources first). */
export function findDefinition(catalog: CatalogLookup, type: string): Definition | undefined {
  return catalog.get(type) ?? catalog.get(`source-${type}`) ?? catalog.get(`destination-${type}`);
}

/** Exactly one of definition_id | connector_type | source_template_id, else 422. */
export async function resolveDefinitionRef(
  catalog: CatalogLookup,
  store: Store,
  auth: AppAuth,
  body: Record<string, unknown>,
): Promise<{ definition: Definition; template: SourceTemplateRecord | undefined }> {
  const given = (["definition_id", "connector_type", "source_template_id"] as const).filter((key) => {
    const value = body[key];
    return value !== undefined && value !== null && value !== "";
  });
  if (given.length !== 1) {
    throw new ApiError(422, IDENTIFIER_RULE_MESSAGE, [
      {
        field: given.length ? given.join(",") : "definition_id",
        message: given.length ? `Provide only one; got ${given.join(", ")}` : IDENTIFIER_RULE_MESSAGE,
        error_code: "invalid_identifier",
      },
    ]);
  }
  const key = given[0]!;
  const value = optionalString(body, key)!;
  if (key === "source_template_id") {
    const template = await store.getTemplate(value);
    if (!template || template.organizationId !== auth.organizationId) throw notFoundField(key, `Unknown source template "${value}"`);
    const definition = catalog.get(template.definitionId);
    if (!definition) throw notFoundField(key, `The template's definition "${template.definitionId}" is no longer in the catalog`);
    return { definition, template };
  }
  const definition = key === "definition_id" ? catalog.get(value) : findDefinition(catalog, value);
  if (!definition) throw notFoundField(key, `Unknown ${key === "definition_id" ? "definition" : "connector type"} "${value}"`);
  return { definition, template: undefined };
}

/** The whole config from `configuration`, or from credentials + replication_config over `base`. */
export function composeConfig(definition: Definition, input: ConfigInput, base: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const halves = input.credentials !== undefined || input.replication_config !== undefined;
  if (input.configuration !== undefined && halves) {
    throw invalidField("configuration", "Send either configuration, or credentials + replication_config, not both", "ambiguous_config");
  }
  if (input.configuration !== undefined) return input.configuration;
  if (!halves) return base;
  const current = base ? splitConfig(definition, base) : { credentials: {}, replication_config: {} };
  return joinConfig(definition, input.credentials ?? current.credentials, input.replication_config ?? current.replication_config);
}

export function checkAuthScheme(definition: Definition, credentials: Record<string, unknown> | undefined): void {
  if (credentials === undefined) return;
  const match = matchAuthScheme(definition, credentials);
  if (match.ok) return;
  const message = `Credentials do not match any auth scheme. Provided keys: [${match.provided.join(", ")}]. Available schemes: ${match.available.join("; ")}`;
  throw new ApiError(400, message, [{ field: "credentials", message, error_code: "auth_scheme_mismatch" }]);
}

export function schemaErrors(errors: FieldError[]): ApiError {
  const items: ErrorItem[] = errors.map((error) => ({ field: error.path, message: describeError(error), error_code: error.keyword }));
  const first = items[0]?.message ?? "Invalid configuration";
  const more = items.length > 1 ? ` (and ${items.length - 1} more)` : "";
  return new ApiError(422, `Invalid configuration: ${first}${more}`, items);
}

export interface PreparedConfig {
  /** With the real secret values: for validation and the check only. */
  resolved: Record<string, unknown>;
  /** What is stored and returned: the mask at every secret path. */
  masked: Record<string, unknown>;
  keptRefs: Record<string, string>;
  newSecrets: Array<{ path: string; value: string }>;
  /** Previously stored secrets no longer referenced once this config is saved. */
  droppedRefIds: string[];
}

/**
 * Splits secrets out of a config. The mask at a secret path keeps the previously stored secret
 * (the "send the mask back" round trip); a new string replaces it.
 */
export async function prepareConfig(
  definition: Definition,
  secrets: SecretStore,
  config: Record<string, unknown>,
  previousRefs: Record<string, string>,
): Promise<PreparedConfig> {
  let resolved = config;
  let masked = config;
  const keptRefs: Record<string, string> = {};
  const newSecrets: PreparedConfig["newSecrets"] = [];
  const missing: ErrorItem[] = [];
  for (const path of secretPaths(definition.connectionSpecification, config)) {
    const value = getAt(config, path);
    if (value === undefined || value === null) continue;
    if (value === SECRET_MASK) {
      const ref = previousRefs[path];
      const stored = ref ? await secrets.get(ref) : undefined;
      if (!ref || stored === undefined) {
        missing.push({ field: path, message: "This field holds the mask, but no secret is stored for it: send the value", error_code: "secret_missing" });
        continue;
      }
      keptRefs[path] = ref;
      resolved = setAt(resolved, path, stored);
    } else if (typeof value === "string") {
      newSecrets.push({ path, value });
      masked = setAt(masked, path, SECRET_MASK);
    }
  }
  if (missing.length) throw new ApiError(422, "A secret field holds the mask but has no stored secret", missing);
  const droppedRefIds = Object.entries(previousRefs)
    .filter(([path, id]) => keptRefs[path] !== id)
    .map(([, id]) => id);
  return { resolved, masked, keptRefs, newSecrets, droppedRefIds };
}

export function validateResolved(definition: Definition, prepared: PreparedConfig): void {
  const errors = validateConfig(definition, prepared.resolved);
  if (errors.length) throw schemaErrors(errors);
}

/** Stores the new secrets under the connector; returns the full path → id map. */
export async function commitSecrets(
  secrets: SecretStore,
  prepared: PreparedConfig,
  owner: { workspaceId: string; connectorId: string },
): Promise<Record<string, string>> {
  const refs = { ...prepared.keptRefs };
  for (const { path, value } of prepared.newSecrets) {
    refs[path] = await secrets.put(value, { workspaceId: owner.workspaceId, owner: `connector:${owner.connectorId}` });
  }
  return refs;
}

export async function releaseSecrets(secrets: SecretStore, ids: string[]): Promise<void> {
  for (const id of ids) await secrets.delete(id);
}

/** Defaults under the given config: a template's default_config fills what the caller left out. */
export function mergeDefaults(defaults: Record<string, unknown>, config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(config)) {
    const base = out[key];
    out[key] =
      value && typeof value === "object" && !Array.isArray(value) && base && typeof base === "object" && !Array.isArray(base)
        ? mergeDefaults(base as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return out;
}

export function splitForView(definition: Definition | undefined, configuration: Record<string, unknown>) {
  if (!definition) return undefined;
  try {
    return splitConfig(definition, configuration);
  } catch {
    return undefined;
  }
}
