import { SECRET_MASK, isSecretPath, setAt } from "../../specs/index.ts";
import type { Definition } from "../../specs/types.ts";
import { isPlainObject, isSecretFact } from "../case-facts.ts";

/** Fills each secret path of a config with its stored value. */
export async function resolveSecrets(
  config: Record<string, unknown>,
  refs: Record<string, string>,
  get: (id: string) => Promise<string | undefined>,
): Promise<Record<string, unknown>> {
  let resolved = config;
  for (const [path, id] of Object.entries(refs)) {
    const value = await get(id);
    if (value !== undefined) resolved = setAt(resolved, path, value);
  }
  return resolved;
}

/** Splits an `existing.config` into the masked config and its secrets by path. */
export function splitExisting(
  definition: Definition,
  config: Record<string, unknown>,
): { masked: Record<string, unknown>; secrets: Record<string, string> } {
  const secrets: Record<string, string> = {};
  function walk(value: unknown, path: string): unknown {
    if (isSecretFact(value)) {
      secrets[path] = value.secret;
      return SECRET_MASK;
    }
    if (typeof value === "string" && path && isSecretPath(definition.connectionSpecification, path)) {
      secrets[path] = value;
      return SECRET_MASK;
    }
    if (isPlainObject(value)) {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) out[key] = walk(inner, `${path}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
      return out;
    }
    return value;
  }
  return { masked: walk(config, "") as Record<string, unknown>, secrets };
}
