// The SDK's one error type: carries the API's envelope as it came.
export interface ErrorEnvelope {
  message: string;
  errors: Array<{ field: string | null; message: string; error_code: string }>;
}

export class OnrampError extends Error {
  readonly status: number;
  readonly envelope: ErrorEnvelope;
  /** The first error's code ("not_found", "unauthorized", ...), or "sdk" for a client-side error. */
  readonly code: string;

  constructor(status: number, envelope: ErrorEnvelope) {
    super(envelope.message);
    this.name = "OnrampError";
    this.status = status;
    this.envelope = envelope;
    this.code = envelope.errors[0]?.error_code ?? `http_${status}`;
  }

  /** Errors raised by the SDK itself (no HTTP call failed), e.g. connect() finding two connectors. */
  static client(message: string, code: string, field: string | null = null): OnrampError {
    return new OnrampError(0, { message, errors: [{ field, message, error_code: code }] });
  }
}
