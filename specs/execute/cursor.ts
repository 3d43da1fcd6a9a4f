// Cursors are opaque to callers: base64url JSON naming the entity they belong to, so a cursor
// is never applied to another entity, and anything else is refused as invalid_cursor rather
// than reaching a query.
import { ExecuteError } from "./execute-error.ts";

export const MAX_CURSOR_LENGTH = 4096;

export function encodeCursor(entity: string, state: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ ...state, e: entity }), "utf8").toString("base64url");
}

/** The state `encodeCursor` was given, or invalid_cursor. */
export function decodeCursor(entity: string, cursor: string): Record<string, unknown> {
  const invalid = () => new ExecuteError("invalid_cursor", `This cursor was not made by a list of "${entity}"; pass next_cursor exactly as it came, or leave it out to start over.`);
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let state: unknown;
  try {
    state = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!state || typeof state !== "object" || Array.isArray(state) || (state as { e?: unknown }).e !== entity) throw invalid();
  return state as Record<string, unknown>;
}

/** A whole number ≥ 0 from a cursor's state, or invalid_cursor. */
export function cursorOffset(entity: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new ExecuteError("invalid_cursor", `This cursor was not made by a list of "${entity}"; pass next_cursor exactly as it came, or leave it out to start over.`);
  }
  return value;
}
