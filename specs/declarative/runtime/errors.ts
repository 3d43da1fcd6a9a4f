// The errors the runtime raises. Both carry what a person needs (which component, which request)
// and never a secret: messages are built from templates and statuses, and the check scrubs them
// once more with every secret value it knows.

/** A component Onramp cannot run: a Python `class_name`, or a type this runtime does not have. */
export class UnsupportedComponentError extends Error {
  constructor(
    /** The component type, e.g. "CustomRecordExtractor" or "XmlDecoder". */
    readonly component: string,
    /** JSON pointer of the component in the resolved manifest. */
    readonly at: string,
    detail?: string,
  ) {
    super(`${component} at ${at || "/"} cannot run in Onramp${detail ? `: ${detail}` : ""}`);
    this.name = "UnsupportedComponentError";
  }
}

/** A manifest that asks for something impossible (a missing field, a page size that is not a number). */
export class ManifestError extends Error {
  constructor(
    message: string,
    readonly at: string,
  ) {
    super(`${message} (at ${at || "/"})`);
    this.name = "ManifestError";
  }
}

export type RequestFailure =
  | "auth_failed"
  | "permission_denied"
  | "not_found"
  | "rate_limited"
  | "server_error"
  | "rejected"
  | "network"
  | "timeout"
  | "unreadable"
  | "oauth_refresh";

/** A request that failed for good (after the error handler's retries). */
export class DeclarativeRequestError extends Error {
  constructor(
    readonly failure: RequestFailure,
    message: string,
    readonly details: {
      status?: number;
      /** Host and path, no query (a query may hold a key). */
      where?: string;
      /** The network error underneath, for DNS/TLS/refused classification. */
      cause?: unknown;
      /** Seconds the API asked to wait (Retry-After) when the budget could not. */
      retryAfter?: number;
      /** The error message the API's body carried, scrubbed. */
      apiMessage?: string;
    } = {},
  ) {
    super(message);
    this.name = "DeclarativeRequestError";
  }
}

/** The config does not allow the request (a choice no component matches, a date that does not parse). */
export class ConfigValueError extends Error {
  constructor(
    message: string,
    /** JSON pointers of the config fields to fix. */
    readonly fields: string[],
  ) {
    super(message);
    this.name = "ConfigValueError";
  }
}

/** In preview mode, the request that would have been sent first. */
export class PreviewedRequest extends Error {
  constructor(readonly request: { method: string; url: string; headers: Record<string, string>; body?: string }) {
    super(`${request.method} ${request.url}`);
    this.name = "PreviewedRequest";
  }
}
