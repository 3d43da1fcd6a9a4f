// Airbyte declarative (low-code) connectors in Onramp: load a manifest as a definition, check a
// connection with it, read a stream's records. See README.md.
export { isDeclarativeText, declarativeDefinition, declarativeDefinitionFromText, manifestName, parseManifestYaml } from "./load-manifest.ts";
export { loadedManifest, prepareManifest, type LoadedManifest } from "./manifest-cache.ts";
export { resolveReferences, ManifestReferenceError } from "./resolve-references.ts";
export { propagateManifest, DEFAULT_MODEL_TYPES } from "./propagate-components.ts";
export { validateManifest, declarativeSchemaValidator, DECLARATIVE_SCHEMA_FILE, type ManifestIssue } from "./validate-manifest.ts";
export { checkDeclarative, type DeclarativeCheckOptions } from "./check.ts";
export { declarativeStreams, readDeclarativeRecords, DeclarativeReadError, type ReadOptions, type ReadResult } from "./read.ts";
export { declarativeBlocker, previewCheckRequest, type PreviewOutcome, type RequestPreview } from "./blocker.ts";
export { manifestsCheck, checkManifestFile, type ManifestReport } from "./manifests-check.ts";
export { configFieldsOf } from "./runtime/config-fields.ts";
