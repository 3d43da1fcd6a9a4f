// The one error type of execute, with a code the API maps to a status (server/connectors/).
import type { CheckReason, Definition } from "../types.ts";

export type ExecuteErrorCode =
  /** The definition has no reader: nothing can be listed from this connector. */
  | "cannot_execute"
  /** The connector has no such entity (or the user may not read it). */
  | "entity_not_found"
  /** A cursor this connector did not make for this entity. */
  | "invalid_cursor"
  /** limit (or another parameter) out of shape. */
  | "invalid_params"
  /** The source refused or failed; `reason` says how, as a connection check would. */
  | "source_failed";

export class ExecuteError extends Error {
  readonly code: ExecuteErrorCode;
  /** For source_failed: auth_failed, permission_denied, unreachable, timeout, ... */
  readonly reason?: CheckReason;
  /** Config fields (JSON pointers) most likely to fix a source failure. */
  readonly fields: string[];

  constructor(code: ExecuteErrorCode, message: string, options: { reason?: CheckReason; fields?: string[] } = {}) {
    super(message);
    this.name = "ExecuteError";
    this.code = code;
    this.reason = options.reason;
    this.fields = options.fields ?? [];
  }

  /** The same error with another message (secrets scrubbed out of it). */
  withMessage(message: string): ExecuteError {
    return message === this.message ? this : new ExecuteError(this.code, message, { reason: this.reason, fields: this.fields });
  }
}

/** The answer for a definition no reader serves. */
export function cannotExecute(definition: Pick<Definition, "displayName">): ExecuteError {
  return new ExecuteError(
    "cannot_execute",
    `Onramp cannot execute ${definition.displayName} connectors: it has no way to read records from them (only to test the connection).`,
  );
}
