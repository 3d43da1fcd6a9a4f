// The one rule, for the management API and setup sessions alike, for taking secret values out of
// a connector config and putting them back. Every value on a secret path leaves the config (a
// string, and just as much a number or an object: a non-string secret is still a secret) and
// the config keeps the mask. The secret store holds text, so a non-string value is kept as JSON
// text and read back as the type its field declares.
import { SECRET_MASK, getAt, schemasAtAnyOption, secretPaths, setAt, type JsonSchema } from "../../specs/index.ts";
import type { SecretStore } from "./types.ts";

export interface SealedSecrets {
  /** The config with the mask at every secret path that holds a value. */
  masked: Record<string, unknown>;
  /** Values to store, path → the secret store's text for it. */
  plaintext: Array<{ path: string; value: string }>;
  /** Paths holding the mask with a stored secret behind them: path → secret id. */
  kept: Record<string, string>;
  /** Paths holding the mask with no stored secret behind them. */
  unbacked: string[];
  /** Secret ids of `refs` the sealed config no longer uses (replaced, cleared or left out). */
  dropped: string[];
}

/** The secret store's text for a value: a string as it is, anything else as JSON. */
export function encodeSecretValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function declaredTypes(node: JsonSchema | undefined): string[] | undefined {
  if (!node || node.type === undefined) return undefined;
  return Array.isArray(node.type) ? node.type : [node.type];
}

/**
 * A stored text as its field's value. Only a field that cannot hold a string (every schema the
 * path may have declares a type, none of them "string") is parsed back from JSON; a field that
 * takes text keeps the text, so a string secret is never turned into something else.
 */
export function decodeSecretValue(schema: JsonSchema, path: string, text: string): unknown {
  const nodes = schemasAtAnyOption(schema, path);
  if (nodes.length === 0) return text;
  const takesText = nodes.some((node) => {
    const types = declaredTypes(node);
    return types === undefined || types.includes("string");
  });
  if (takesText) return text;
  try {
    return JSON.parse(text);
  } catch {
    // Text typed into a number field ("abc"): left as text, so validation names the field.
    return text;
  }
}

/**
 * Splits the secrets out of `config`. `refs` (path → secret id) are the secrets already stored
 * for it: the mask at such a path keeps that secret (the "send the mask back" round trip), any
 * other value replaces it. Nothing is stored here; the caller stores `plaintext` under its owner.
 */
export function sealSecrets(schema: JsonSchema, config: Record<string, unknown>, refs: Record<string, string>): SealedSecrets {
  let masked = config;
  const plaintext: SealedSecrets["plaintext"] = [];
  const kept: Record<string, string> = {};
  const unbacked: string[] = [];
  for (const path of secretPaths(schema, config)) {
    const value = getAt(config, path);
    if (value === undefined || value === null) continue;
    if (value === SECRET_MASK) {
      if (refs[path]) kept[path] = refs[path];
      else unbacked.push(path);
      continue;
    }
    plaintext.push({ path, value: encodeSecretValue(value) });
    masked = setAt(masked, path, SECRET_MASK);
  }
  // A secret stored for a path the spec does not call secret (an asked-for secret, an OAuth
  // token) is kept just the same while its field holds the mask.
  for (const [path, id] of Object.entries(refs)) {
    if (kept[path] === undefined && getAt(config, path) === SECRET_MASK) kept[path] = id;
  }
  const dropped = Object.entries(refs)
    .filter(([path, id]) => kept[path] !== id)
    .map(([, id]) => id);
  return { masked, plaintext, kept, unbacked, dropped };
}

export interface RevealedSecrets {
  /** The config with the real values: for validation and the connection check only. */
  config: Record<string, unknown>;
  /** The stored texts put back, so a check's message can be scrubbed of them. */
  plain: string[];
  /** Paths whose secret id is no longer in the store. */
  missing: string[];
}

/** Puts the stored secrets of `refs` back into `config`, each typed as its field declares. */
export async function revealSecrets(
  schema: JsonSchema,
  config: Record<string, unknown>,
  refs: Record<string, string>,
  secrets: Pick<SecretStore, "get">,
): Promise<RevealedSecrets> {
  let revealed = config;
  const plain: string[] = [];
  const missing: string[] = [];
  for (const [path, id] of Object.entries(refs)) {
    const text = await secrets.get(id);
    if (text === undefined) {
      missing.push(path);
      continue;
    }
    plain.push(text);
    revealed = setAt(revealed, path, decodeSecretValue(schema, path, text));
  }
  return { config: revealed, plain, missing };
}
