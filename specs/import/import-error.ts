// One error type for an import that cannot go on; the server maps it to the API's envelope
// (422, or 400 for a body it cannot read), the CLI prints its message.
export type ImportErrorCode =
  | "unreadable_document"
  | "unsupported_format"
  | "document_too_large"
  | "host_not_allowed"
  | "fetch_failed"
  | "no_entities"
  | "invalid_edit";

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = "ImportError";
  }
}
