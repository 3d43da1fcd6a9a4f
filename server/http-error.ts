// The one HTTP error type. Thrown anywhere in a route; turned into the envelope only at the edge
// (server/app.ts onError): { message, errors: [{ field, message, error_code }] }.

export interface ErrorItem {
  field: string | null;
  message: string;
  error_code: string;
}

const DEFAULT_ERROR_CODES: Record<number, string> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  422: "invalid",
  429: "too_many_requests",
  500: "internal",
  503: "unavailable",
};

export function defaultErrorCode(status: number): string {
  return DEFAULT_ERROR_CODES[status] ?? `http_${status}`;
}

export class ApiError extends Error {
  readonly status: number;
  readonly errors: ErrorItem[];

  /** Without `errors`, the envelope still carries one item (the message, no field), never `[]`. */
  constructor(status: number, message: string, errors: ErrorItem[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.errors = errors.length > 0 ? errors : [{ field: null, message, error_code: defaultErrorCode(status) }];
  }

  toEnvelope(): { message: string; errors: ErrorItem[] } {
    return { message: this.message, errors: this.errors };
  }
}
