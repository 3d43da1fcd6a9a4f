// Validates a resolved, propagated manifest against Airbyte's declarative_component_schema.yaml
// (vendored in ./schema, MIT). Compiled once, lazily, on the project's one Ajv instance: that
// instance already runs with `strict: false`, which this schema needs (it carries keywords such
// as `interpolation_context` and `examples` Ajv's strict mode rejects), so no second Ajv
// configuration exists.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ErrorObject, ValidateFunction } from "ajv";
import { parse as parseYaml } from "yaml";
import { ajv } from "../ajv.ts";

export const DECLARATIVE_SCHEMA_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "schema", "declarative_component_schema.yaml");

let compiled: ValidateFunction | undefined;

/** The compiled schema (parsed and compiled on first use, then kept). */
export function declarativeSchemaValidator(): ValidateFunction {
  if (!compiled) {
    const schema = parseYaml(readFileSync(DECLARATIVE_SCHEMA_FILE, "utf8")) as Record<string, unknown>;
    // A second compile of the same $id would be refused by Ajv; reuse one already added.
    compiled = ajv.getSchema(String(schema.$id)) ?? ajv.compile(schema);
  }
  return compiled;
}

export interface ManifestIssue {
  /** JSON pointer into the resolved manifest. */
  path: string;
  message: string;
}

/**
 * Ajv reports every branch of every anyOf it tried; what a person needs is the deepest complaint
 * (the field that is really wrong), so errors at the deepest paths are kept, a few of them.
 */
function summarise(errors: ErrorObject[]): ManifestIssue[] {
  const depth = (error: ErrorObject) => error.instancePath.split("/").length;
  const deepest = Math.max(...errors.map(depth));
  const seen = new Set<string>();
  const issues: ManifestIssue[] = [];
  for (const error of errors) {
    if (depth(error) < deepest || error.keyword === "anyOf" || error.keyword === "oneOf") continue;
    const detail = error.keyword === "additionalProperties" ? `${error.message} (${String(error.params.additionalProperty)})` : error.keyword === "enum" ? `${error.message}: ${(error.params.allowedValues as unknown[]).join(", ")}` : (error.message ?? error.keyword);
    const key = `${error.instancePath} ${detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ path: error.instancePath, message: detail });
  }
  return issues.slice(0, 5);
}

/** Empty when the manifest validates; otherwise its deepest faults. */
export function validateManifest(manifest: unknown): ManifestIssue[] {
  const validate = declarativeSchemaValidator();
  if (validate(manifest)) return [];
  return summarise(validate.errors ?? []);
}
