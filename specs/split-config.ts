// The REST API takes a connector's config in two parts: `credentials` (how it signs in) and
// `replication_config` (everything else). The auth object is the advanced_auth predicate's
// object, else a top-level object named like credentials; without one, the secret fields are
// the credentials.
import type { Definition, JsonSchema } from "./types.ts";
import { toPointer } from "./pointer.ts";
import { chosenOption, discriminatorOf, fixedValue, isChoice } from "./schema-nav.ts";
import { isSecretPath } from "./secrets.ts";

const AUTH_NAMES = ["credentials", "authorization", "authentication", "auth", "auth_method", "auth_type", "credential"];

/** The top-level property holding the auth object, when the spec has one. */
export function authProperty(definition: Definition): string | undefined {
  const properties: Record<string, JsonSchema> = definition.connectionSpecification.properties ?? {};
  const predicate = definition.advanced_auth?.predicate_key;
  if (Array.isArray(predicate) && predicate.length > 1 && properties[predicate[0]]) return predicate[0];
  return AUTH_NAMES.find((name) => {
    const node = properties[name];
    return node && typeof node === "object" && (isChoice(node) || node.type === "object");
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function splitConfig(
  definition: Definition,
  config: Record<string, unknown>,
): { credentials: Record<string, unknown>; replication_config: Record<string, unknown> } {
  const key = authProperty(definition);
  const replication_config: Record<string, unknown> = {};
  const credentials: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(config ?? {})) {
    if (key ? name === key : isSecretPath(definition.connectionSpecification, toPointer([name]))) {
      if (key && isRecord(value)) Object.assign(credentials, value);
      else credentials[name] = value;
    } else replication_config[name] = value;
  }
  return { credentials, replication_config };
}

export function joinConfig(
  definition: Definition,
  credentials: Record<string, unknown> = {},
  replication_config: Record<string, unknown> = {},
): Record<string, unknown> {
  const key = authProperty(definition);
  if (!key) return { ...replication_config, ...credentials };
  // No credentials for an optional auth object means the config leaves it out: an empty object
  // would match none of its options.
  if (Object.keys(credentials).length === 0 && !authRequired(definition, key)) return { ...replication_config };
  const node: JsonSchema = definition.connectionSpecification.properties[key];
  const auth = { ...credentials };
  // Credentials recognised by their keys get the option's discriminator written in.
  const match = matchAuthScheme(definition, auth);
  const discriminator = isChoice(node) ? discriminatorOf(node) : undefined;
  if (match.ok && discriminator && auth[discriminator.property] === undefined) {
    const index = optionIndexByKeys(node, auth);
    if (index !== undefined) auth[discriminator.property] = discriminator.values[index];
  }
  return { ...replication_config, [key]: auth };
}

function authRequired(definition: Definition, key: string): boolean {
  const required = definition.connectionSpecification.required;
  return Array.isArray(required) && required.includes(key);
}

function optionTitle(option: JsonSchema, value: unknown, index: number): string {
  return value !== undefined ? String(value) : option.title ?? `option ${index + 1}`;
}

function optionIndexByKeys(node: JsonSchema, credentials: Record<string, unknown>): number | undefined {
  const discriminator = discriminatorOf(node)?.property;
  const provided = Object.keys(credentials).filter((key) => key !== discriminator);
  if (provided.length === 0) return undefined;
  const fits = (node.oneOf as JsonSchema[])
    .map((option, index) => ({ option, index }))
    .filter(({ option }) => {
      const known = option.properties ?? {};
      const required: string[] = (option.required ?? []).filter((name: string) => name !== discriminator && fixedValue(known[name]) === undefined);
      return provided.every((key) => key in known) && required.every((key) => key in credentials);
    });
  return fits.length === 1 ? fits[0].index : undefined;
}

/**
 * Which auth scheme a credentials object is: by its discriminator (`auth_type`, `option_title`,
 * ...) when given, else by its keys fitting exactly one option.
 */
export function matchAuthScheme(
  definition: Definition,
  credentials: Record<string, unknown>,
): { ok: true; scheme: string } | { ok: false; provided: string[]; available: string[] } {
  const provided = Object.keys(credentials ?? {});
  const key = authProperty(definition);
  const node: JsonSchema | undefined = key ? definition.connectionSpecification.properties[key] : undefined;
  // An optional auth object left out entirely is a scheme of its own: no credentials.
  if (node && provided.length === 0 && !authRequired(definition, key!)) return { ok: true, scheme: "none" };
  if (node && isChoice(node)) {
    const options = node.oneOf as JsonSchema[];
    const discriminator = discriminatorOf(node);
    const available = options.map((option, index) => optionTitle(option, discriminator?.values[index], index));
    const chosen = chosenOption(node, credentials) ?? optionIndexByKeys(node, credentials ?? {});
    if (chosen !== undefined) return { ok: true, scheme: available[chosen] };
    return { ok: false, provided, available };
  }
  if (node) {
    const known = Object.keys(node.properties ?? {});
    if (provided.length > 0 && provided.every((name) => known.includes(name))) return { ok: true, scheme: key! };
    return { ok: false, provided, available: [known.join(" + ") || "none"] };
  }
  // No auth object: the secret fields are the credentials. Other top-level settings sent along
  // (a username beside the password) are accepted as long as a secret is among them.
  const secrets = secretNames(definition);
  const properties = Object.keys(definition.connectionSpecification.properties ?? {});
  const required = new Set<string>(definition.connectionSpecification.required ?? []);
  if (provided.length === 0) {
    return secrets.some((name) => required.has(name)) ? { ok: false, provided, available: [secrets.join(" + ")] } : { ok: true, scheme: "none" };
  }
  if (provided.every((name) => properties.includes(name)) && provided.some((name) => secrets.includes(name))) return { ok: true, scheme: "secrets" };
  return { ok: false, provided, available: [secrets.join(" + ") || "none"] };
}

function secretNames(definition: Definition): string[] {
  const properties = definition.connectionSpecification.properties ?? {};
  return Object.keys(properties).filter((name) => isSecretPath(definition.connectionSpecification, toPointer([name])));
}
