// The public surface of specs/: everything the rest of Onramp needs to understand a connector.
//
// Walker contract, in short:
// - planQuestions(definition, values, { skipped }) lists the open questions in ask order. A oneOf
//   is one question of kind "choice" (options carry title, description and the discriminator
//   const as `value`); once values hold an option's discriminator, that option's own fields follow.
// - To answer a choice, apply choiceOps(definition, path, optionIndex, values): it sets the
//   option's object with its discriminator const, dropping fields of the option chosen before.
// - impliedOps(definition, values) gives the consts a person need not be asked for (missing
//   required consts of reached objects). Apply them (e.g. before asking) and such a field never
//   shows up; a caller that does not is still asked for it, with its one value as the default.
// - A field counts as answered when present in values (or listed in `skipped`). `default` is on
//   the Question to offer, never written for the person.
// - Items already present in an array of objects are walked per index ("/streams/0/name",
//   titled "Streams #1: Name"); an empty or missing array is one question.
// - `airbyte_hidden` fields are not asked, except a required one still missing: choiceOps and
//   impliedOps write its default; one without a default is asked, so a config is never stuck.
// - A question in a group the spec's root `groups` declares carries `groupTitle`; specGroups
//   lists them all.
export * from "./types.ts";
export { getAt, setAt, unsetAt, hasAt, parsePointer, toPointer } from "./pointer.ts";
export { ajv, compileSpec, AIRBYTE_KEYWORDS, type CompiledSpec } from "./ajv.ts";
export { repairSchema } from "./repair.ts";
export { tryRegExp } from "./lenient-regexp.ts";
export { schemaAt, schemasAtAnyOption, isChoice, discriminatorOf, chosenOption, fixedValue, inChosenOptions, type Discriminator } from "./schema-nav.ts";
export { specGroups, type SpecGroup } from "./spec-groups.ts";
export { isSecretPath, secretPaths, secretName } from "./secrets.ts";
export { withSecretMarks } from "./secret-marks.ts";
export { planQuestions, questionAt, type PlanOptions } from "./walker.ts";
export { choiceOps, impliedOps, type ConfigOp } from "./config-ops.ts";
export { validateConfig, validatePaths, describeError } from "./validate.ts";
export { Catalog, type LoadReport } from "./catalog.ts";
export { catalogFaults, type CatalogFault } from "./catalog-faults.ts";
export { definitionFromObject, uuidFromName } from "./definition-file.ts";
export { builtinDefinitions } from "./builtins/index.ts";
export { sampleRecords, sampleStreams, type SampleConfig } from "./builtins/sample-records.ts";
export { exampleConfig, exampleConfigResult, type ExampleConfigResult } from "./example-config.ts";
export { splitConfig, joinConfig, matchAuthScheme, authProperty } from "./split-config.ts";
export { runCheck, hasLiveCheck, type CheckOptions } from "./checks/run-check.ts";
// Declarative (Airbyte low-code) connectors: streams and bounded reads for `execute`.
export {
  declarativeStreams,
  readDeclarativeRecords,
  DeclarativeReadError,
  loadedManifest,
  declarativeDefinition,
  type ReadOptions as DeclarativeReadOptions,
  type ReadResult as DeclarativeReadResult,
} from "./declarative/index.ts";
// OAuth reading of `advanced_auth` (owned by the OAuth work, re-exported so one import serves).
export * from "./advanced-auth.ts";
// execute: entities and records of a connector (readers keyed by definition.reader ?? check).
export * from "./execute/index.ts";
export { definitionStreams } from "./streams.ts";
// Airbyte's connector registry format (oss_registry.json / cloud_registry.json) → definitions.
export * from "./registry/index.ts";
