// The one answer, for all of Onramp, to "is the value at this path a secret?". Errs towards
// secret: a field marked secret in any oneOf option, or named/formatted like a credential.
import type { JsonSchema } from "./types.ts";
import { parsePointer, toPointer } from "./pointer.ts";
import { isChoice, chosenOption, schemasAtAnyOption } from "./schema-nav.ts";

// Matched against the field name in snake_case, so `apiKey` and `api-key` count too.
const SECRET_NAME =
  /(^|_)(password|passwd|passphrase|secret|client_secret|private_key|api_key|apikey|api_token|access_token|refresh_token|auth_token|bearer_token|session_token|token|secret_key|secret_access_key|credentials_json|service_account_key|access_key|app_key|application_key|auth_key|master_key|signing_key)$/;
const SECRET_WORD = /(^|_)(password|passwd|secret|private_key|api_key|apikey)(_|$)/;
// Names that contain a secret-ish word but hold no secret.
const NOT_SECRET_NAME = /(_|^)(token_type|token_url|token_endpoint|secret_name|password_authentication|use_password)$|_(id|url|uri|type|name|path|expires?(_at|_in)?|expiry(_date)?|date)$/;

export function secretName(name: string): boolean {
  const snake = name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[-\s.]+/g, "_")
    .toLowerCase();
  if (NOT_SECRET_NAME.test(snake)) return false;
  return SECRET_NAME.test(snake) || SECRET_WORD.test(snake);
}

/** Airbyte flags, also when an upstream spec wrote them as the string "true". */
export function flagSet(node: JsonSchema | undefined, keyword: string): boolean {
  const value = node?.[keyword];
  return value === true || value === "true";
}

function leafLike(node: JsonSchema): boolean {
  const types: string[] = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  return types.length === 0 || types.some((type) => type === "string");
}

/** True when the value at `path` must be treated as a secret (masked, stored, never shown). */
export function isSecretPath(schema: JsonSchema, path: string): boolean {
  const nodes = schemasAtAnyOption(schema, path);
  if (nodes.some((node) => flagSet(node, "airbyte_secret") || flagSet(node, "x-speakeasy-param-sensitive"))) return true;
  if (nodes.some((node) => node?.format === "password" || node?.writeOnly === true)) return true;
  const segments = parsePointer(path);
  const name = segments[segments.length - 1];
  if (!name || /^\d+$/.test(name)) {
    // An array item is as secret as the array it belongs to.
    return segments.length > 1 && /^\d+$/.test(name ?? "") ? isSecretPath(schema, toPointer(segments.slice(0, -1))) : false;
  }
  if (nodes.length > 0 && nodes.every((node) => node?.airbyte_secret === false || node?.airbyte_secret === "false")) return false;
  if (nodes.length > 0 && !nodes.some(leafLike)) return false;
  return secretName(name);
}

/**
 * The paths of secret fields in a config, both those holding a value and those the spec defines
 * on the chosen options (so a mask can be put in place before a value arrives).
 */
export function secretPaths(schema: JsonSchema, values: unknown = {}): string[] {
  const found = new Set<string>();
  const visit = (node: JsonSchema, value: unknown, segments: string[]) => {
    if (!node || typeof node !== "object") return;
    if (isChoice(node)) {
      const chosen = chosenOption(node, value);
      if (chosen !== undefined) visit(node.oneOf[chosen], value, segments);
      return;
    }
    if (node.properties) {
      for (const [name, child] of Object.entries<JsonSchema>(node.properties)) {
        const childPath = [...segments, name];
        const childValue = value !== null && typeof value === "object" ? (value as any)[name] : undefined;
        if (isSecretPath(schema, toPointer(childPath))) found.add(toPointer(childPath));
        else visit(child, childValue, childPath);
      }
    }
  };
  visit(schema, values, []);
  // Values under keys the spec does not know (additionalProperties) can hold secrets too.
  const scan = (value: unknown, segments: string[]) => {
    if (value === null || typeof value !== "object") return;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const childPath = toPointer([...segments, key]);
      if (found.has(childPath)) continue;
      // A scalar under a secret name is a secret whatever its type; an object is looked into.
      if (child !== null && typeof child !== "object" && isSecretPath(schema, childPath)) found.add(childPath);
      else scan(child, [...segments, key]);
    }
  };
  scan(values, []);
  return [...found];
}
