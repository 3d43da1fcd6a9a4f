// Reading a JSON request body with the answers a client can act on: 415 for another media type,
// 400 for malformed JSON, a body nested too deeply, or a non-object; never a 500 for bad input.
import type { Context } from "hono";
import { ApiError } from "./http-error.ts";

export function isJsonMediaType(contentType: string | undefined): boolean {
  const media = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return media === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(media);
}

export async function readJsonObject(
  c: Context,
  options: { optional?: boolean } = {},
): Promise<Record<string, unknown>> {
  const text = decodeUtf8(new Uint8Array(await c.req.arrayBuffer()));
  // Only a truly empty body stands for "no options" on the routes that take none; whitespace or
  // a byte-order mark alone is a body, and not JSON.
  if (text === "") {
    if (options.optional) return {};
    throw new ApiError(400, "The request body is empty; send a JSON object", [
      { field: null, message: "Empty body", error_code: "invalid_json" },
    ]);
  }
  if (!isJsonMediaType(c.req.header("content-type"))) {
    throw new ApiError(415, "Send the body as JSON (Content-Type: application/json)", [
      { field: null, message: `Unsupported media type "${c.req.header("content-type") ?? "none"}"`, error_code: "unsupported_media_type" },
    ]);
  }
  if (text.trim() === "") throw malformedJson("The body holds only whitespace; send a JSON object");
  const body = parseJsonText(text);
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new ApiError(400, "The request body must be a JSON object", [
      { field: null, message: "Expected a JSON object", error_code: "invalid_json" },
    ]);
  }
  return body as Record<string, unknown>;
}

// fatal: bytes that are not UTF-8 are refused, never replaced with U+FFFD and stored.
// ignoreBOM: a byte-order mark stays in the text, so a BOM alone is not an empty body.
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** UTF-8 bytes → text, or the 400 `invalid_json` when they are not valid UTF-8 (JSON's encoding). */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw malformedJson("The body is not valid UTF-8");
  }
}

/**
 * No config or event nests anywhere near this deep; everything that walks a body (secret scans,
 * validation, pointers) recurses, so a deeper body is refused before anything walks it.
 */
export const MAX_JSON_DEPTH = 64;

/** How deeply arrays and objects nest in valid JSON text, counted without recursing. */
export function jsonNestingDepth(text: string, stopAbove = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index++; // a backslash escapes the next character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b || code === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > stopAbove) return deepest;
    } else if (code === 0x7d || code === 0x5d) {
      depth--;
    }
  }
  return deepest;
}

/** JSON text → value, or the 400 a client can act on (malformed, or nested too deeply). */
export function parseJsonText(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8 quotes a piece of the body in its message; the body may be a secret (POST .../secrets).
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    throw malformedJson(`The body is not valid JSON${position ? ` (at position ${position})` : ""}`);
  }
  if (jsonNestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    const message = `The body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`;
    throw new ApiError(400, message, [{ field: null, message, error_code: "invalid_json" }]);
  }
  return value;
}

export function malformedJson(detail: string): ApiError {
  return new ApiError(400, "Malformed JSON body", [{ field: null, message: detail, error_code: "invalid_json" }]);
}

/**
 * Caps on free-text fields, so one request cannot make every later list huge (a 1 MB connector
 * name once made every connector list 1 MB). Names match a session's form name (MAX_NAME there).
 */
export const TEXT_LIMITS = {
  /** Connector, connection and template names. */
  name: 200,
  /** An OAuth client id (providers' are well under 100 characters). */
  clientId: 512,
  /** An OAuth client secret. */
  clientSecret: 4096,
  /** An endpoint URL. */
  url: 2048,
  /** One OAuth scope. */
  scope: 256,
  /** A list of names (streams): how many, and how long each. */
  listItems: 10_000,
  listItem: 1000,
} as const;

/** An optional string field, or 422 naming it (also when longer than `maxLength`). */
export function optionalString(body: Record<string, unknown>, key: string, maxLength?: number): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalidField(key, `${key} must be a string`, "invalid_type");
  if (maxLength !== undefined && value.length > maxLength) throw invalidField(key, `${key} must be at most ${maxLength} characters long`, "too_long");
  return value;
}

export function requiredString(body: Record<string, unknown>, key: string, maxLength?: number): string {
  const value = optionalString(body, key, maxLength);
  if (value === undefined || value.trim() === "") throw invalidField(key, `${key} is required`, "required");
  return value;
}

export function optionalObject(body: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw invalidField(key, `${key} must be a JSON object`, "invalid_type");
  return value as Record<string, unknown>;
}

export function optionalStringArray(body: Record<string, unknown>, key: string): string[] | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    throw invalidField(key, `${key} must be an array of strings`, "invalid_type");
  }
  if (value.length > TEXT_LIMITS.listItems || value.some((item: string) => item.length > TEXT_LIMITS.listItem)) {
    throw invalidField(key, `${key} must be at most ${TEXT_LIMITS.listItems} strings of at most ${TEXT_LIMITS.listItem} characters`, "too_long");
  }
  return value as string[];
}

export function invalidField(field: string, message: string, errorCode: string): ApiError {
  return new ApiError(422, message, [{ field, message, error_code: errorCode }]);
}
