// The one HTTP error type. Thrown anywhere in a route; turned into the envelope only at the edge
// (server/app.ts onError): { message, errors: [{ field, message, error_code }] }.

export interface ErrorItem {
  field: string | null;
  message: string;
  error_code: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly errors: ErrorItem[];

  constructor(status: number, message: string, errors: ErrorItem[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.errors = errors;
  }

  toEnvelope(): { message: string; errors: ErrorItem[] } {
    return { message: this.message, errors: this.errors };
  }
}
