// What an id in a URL may be before anything looks it up. Every id Onramp makes is short (a UUID,
// or a prefix and 16 characters); workspace names stop at 100. A longer one names nothing, and
// must not reach the store, where the lowdb file name it becomes passes the 255-byte limit.
import type { MiddlewareHandler } from "hono";
import { ApiError } from "./http-error.ts";

export const MAX_ID_LENGTH = 128;

/** A value that could be an id or a name: at most MAX_ID_LENGTH characters, no control characters. */
export function isPlausibleId(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return value.length > 0 && value.length <= MAX_ID_LENGTH && !/[\u0000-\u001f\u007f]/.test(value);
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** 404 for a path with a segment no id could be: it names nothing, so nothing is looked up. */
export function pathIdGuard(): MiddlewareHandler {
  return async function pathIdGuardMiddleware(c, next) {
    const tooLong = c.req.path.split("/").some((segment) => segment !== "" && !isPlausibleId(decoded(segment)));
    if (tooLong) {
      const message = `No such resource: an id in the path is longer than ${MAX_ID_LENGTH} characters or holds control characters`;
      throw new ApiError(404, message, [{ field: null, message, error_code: "not_found" }]);
    }
    await next();
  };
}
