// Generating a connector from an API description (OpenAPI 3.x, Swagger 2.0, Postman 2.x).
export type { ApiModel, AuthGuess, ConfigFieldGuess, DescriptionFormat, DraftEdit, EntityGuess, ImportDraft, PaginationGuess, PaginationKind } from "./types.ts";
export { ImportError, type ImportErrorCode } from "./import-error.ts";
export { createDraft, readModel, assertPublishable, type CreateDraftOptions } from "./create-draft.ts";
export { reviewDraft } from "./review-draft.ts";
export { buildManifest, simplestEntity, MANIFEST_VERSION } from "./build-manifest.ts";
export { buildSpec } from "./build-spec.ts";
export { fetchDocument, isAllowedHost, type FetchDocumentOptions } from "./fetch-document.ts";
export { testEntities, entityTestSummary } from "./entity-test.ts";
export { importCheck, importFile, listCountsFromIndex, type ImportReport } from "./import-check.ts";
export { publishedDefinition } from "./published-definition.ts";
