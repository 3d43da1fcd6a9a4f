// A connector's configuration on its way in: which definition, composing credentials +
// replication_config, the auth-scheme check, secrets swapped for the mask, validation.
// Secret values are resolved only here and inside the check; they never reach a response.
import {
  describeError,
  joinConfig,
  matchAuthScheme,
  splitConfig,
  validateConfig,
  type Definition,
  type FieldError,
} from "../../specs/index.ts";
import { ApiError, type ErrorItem } from "../http-error.ts";
import type { SecretStore } from "../secrets/types.ts";
import { revealSecrets, sealSecrets } from "../secrets/seal-secrets.ts";
import type { CatalogLookup } from "../../specs/types.ts";
import type { SourceTemplateRecord, Store } from "../store/types.ts";
import type { AppAuth } from "../auth/index.ts";
import { invalidField, optionalObject, optionalString } from "../json-body.ts";

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

/** A saved connector's definition, or 409 when it has left the catalog. */
export function savedDefinition(catalog: CatalogLookup, connector: { definitionId: string }): Definition {
  const definition = catalog.get(connector.definitionId);
  if (!definition) {
    throw new ApiError(409, `The connector's definition "${connector.definitionId}" is no longer in the catalog`, [
      { field: "definition_id", message: "Definition missing", error_code: "definition_missing" },
    ]);
  }
  return definition;
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

/**
 * An error in the API's words. A missing property reads as the seeds of the product word it
 * (`required property 'database' not found`), with the field's JSON pointer in `field`.
 */
function apiMessage(error: FieldError): string {
  const missing = error.params?.missingProperty;
  if (error.keyword === "required" && typeof missing === "string") return `required property '${missing}' not found`;
  return describeError(error);
}

export function schemaErrors(errors: FieldError[]): ApiError {
  const items: ErrorItem[] = errors.map((error) => ({ field: error.path, message: apiMessage(error), error_code: error.keyword }));
  const first = items[0]?.message ?? "Invalid configuration";
  const more = items.length > 1 ? ` (and ${items.length - 1} more)` : "";
  const message = errors[0]?.keyword === "required" ? `${first}${more}` : `Invalid configuration: ${first}${more}`;
  return new ApiError(422, message, items);
}

export interface PreparedConfig {
  /** With the real secret values: for validation and the check only. */
  resolved: Record<string, unknown>;
  /** What is stored and returned: the mask at every secret path. */
  masked: Record<string, unknown>;
  keptRefs: Record<string, string>;
  /** Secret-store text for each new secret (JSON text for a value that is not a string). */
  newSecrets: Array<{ path: string; value: string }>;
  /** Previously stored secrets no longer referenced once this config is saved. */
  droppedRefIds: string[];
}

/**
 * Splits secrets out of a config (the shared rule: server/secrets/seal-secrets.ts). The mask at a
 * secret path keeps the previously stored secret (the "send the mask back" round trip); any
 * other value, a string or not, is a new secret. Nothing is stored until the connector is
 * saved (save-connector.ts).
 */
export async function prepareConfig(
  definition: Definition,
  secrets: SecretStore,
  config: Record<string, unknown>,
  previousRefs: Record<string, string>,
): Promise<PreparedConfig> {
  const schema = definition.connectionSpecification;
  const sealed = sealSecrets(schema, config, previousRefs);
  const revealed = await revealSecrets(schema, config, sealed.kept, secrets);
  const missing: ErrorItem[] = [...sealed.unbacked, ...revealed.missing].map((path) => ({
    field: path,
    message: "This field holds the mask, but no secret is stored for it: send the value",
    error_code: "secret_missing",
  }));
  if (missing.length) throw new ApiError(422, "A secret field holds the mask but has no stored secret", missing);
  return { resolved: revealed.config, masked: sealed.masked, keptRefs: sealed.kept, newSecrets: sealed.plaintext, droppedRefIds: sealed.dropped };
}

export function validateResolved(definition: Definition, prepared: PreparedConfig): void {
  const errors = validateConfig(definition, prepared.resolved);
  if (errors.length) throw schemaErrors(errors);
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
