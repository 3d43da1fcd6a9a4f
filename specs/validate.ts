// Validation of a config against its definition with the one Ajv instance. Errors stay raw
// ({ path, keyword, message, params }) until describeError turns one into words for a person.
import type { ErrorObject } from "ajv";
import type { Definition, FieldError, Question } from "./types.ts";
import { compileSpec } from "./ajv.ts";
import { getAt, parsePointer, toPointer } from "./pointer.ts";
import { chosenOption } from "./schema-nav.ts";
import { hostShapeErrors } from "./host-shape.ts";

function fieldPath(error: ErrorObject): string {
  // A missing required property is about the property, not about the object that lacks it.
  if (error.keyword === "required" && typeof error.params.missingProperty === "string") {
    return error.instancePath + toPointer([error.params.missingProperty]);
  }
  if (error.keyword === "additionalProperties" && typeof error.params.additionalProperty === "string") {
    return error.instancePath + toPointer([error.params.additionalProperty]);
  }
  return error.instancePath;
}

/**
 * A oneOf failure reports every option's complaints, but a person only cares about the option
 * they chose: errors of other options are dropped, and the "must match exactly one schema"
 * summary is kept only while no option is recognisable. (So a config whose chosen option is
 * valid passes even if an upstream spec's options overlap and a second one matches too, as
 * Airbyte's own form accepts it.)
 */
function relevant(definition: Definition, config: unknown, error: ErrorObject): boolean {
  const schemaSegments = parsePointer(error.schemaPath.replace(/^#/, ""));
  const instanceSegments = parsePointer(error.instancePath);
  let node: any = definition.connectionSpecification;
  let depth = 0;
  for (let index = 0; index < schemaSegments.length && node; index++) {
    const segment = schemaSegments[index];
    if (segment === "oneOf" && Array.isArray(node.oneOf)) {
      const chosen = chosenOption(node, getAt(config, toPointer(instanceSegments.slice(0, depth))));
      const optionIndex = schemaSegments[index + 1];
      if (optionIndex === undefined) return chosen === undefined;
      if (chosen !== undefined && chosen !== Number(optionIndex)) return false;
      if (chosen === undefined) return false;
      node = node.oneOf[Number(optionIndex)];
      index++;
      continue;
    }
    if (segment === "properties" || segment === "patternProperties") {
      node = node[segment]?.[schemaSegments[index + 1]];
      index++;
      depth++;
      continue;
    }
    if (segment === "items" || segment === "additionalProperties") depth++;
    node = node[segment];
  }
  return true;
}

function toFieldErrors(definition: Definition, config: unknown, errors: ErrorObject[] | null | undefined): FieldError[] {
  if (!errors) return [];
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const error of errors) {
    if (!relevant(definition, config, error)) continue;
    const path = fieldPath(error);
    const key = `${path} ${error.keyword} ${error.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, keyword: error.keyword, message: error.message ?? "is invalid", params: { ...error.params } });
  }
  return out;
}

/** Every error of the whole config: the schema's, then host fields with spaces in them. */
export function validateConfig(definition: Definition, config: unknown): FieldError[] {
  const { validate } = compileSpec(definition.connectionSpecification);
  const schemaErrors = validate(config) ? [] : toFieldErrors(definition, config, validate.errors);
  const flagged = new Set(schemaErrors.map((error) => error.path));
  return [...schemaErrors, ...hostShapeErrors(definition.connectionSpecification, config).filter((error) => !flagged.has(error.path))];
}

/** The errors at or under `paths` (what a form patch touching those paths needs to show). */
export function validatePaths(definition: Definition, config: unknown, paths: string[]): FieldError[] {
  const errors = validateConfig(definition, config);
  return errors.filter((error) => paths.some((path) => path === "" || error.path === path || error.path.startsWith(path + "/")));
}

function label(error: FieldError, question?: Question): string {
  if (question) return question.title;
  const segments = parsePointer(error.path);
  if (segments.length === 0) return "The configuration";
  const words = segments[segments.length - 1].replace(/[_-]+/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One error in plain words, e.g. "Port must be at most 65535." Never echoes the value given. */
export function describeError(error: FieldError, question?: Question): string {
  const name = label(error, question);
  const params = (error.params ?? {}) as Record<string, any>;
  switch (error.keyword) {
    case "required":
      return `${name} is required.`;
    case "type":
      return `${name} must be ${params.type === "integer" ? "a whole number" : `a ${params.type}`}.`;
    case "enum":
      return `${name} must be one of: ${(params.allowedValues ?? question?.enum ?? []).join(", ")}.`;
    case "const":
      return `${name} must be ${JSON.stringify(params.allowedValue)}.`;
    case "pattern":
      return question?.pattern_descriptor
        ? `${name} must look like ${question.pattern_descriptor}.`
        : `${name} is not in the expected format${question?.example !== undefined ? ` (for example ${JSON.stringify(question.example)})` : ""}.`;
    case "format":
      return `${name} must be a valid ${params.format}.`;
    case "host":
      return `${name} must be a host name or IP address, without spaces.`;
    case "minimum":
    case "exclusiveMinimum":
      return `${name} must be at least ${params.limit}.`;
    case "maximum":
    case "exclusiveMaximum":
      return `${name} must be at most ${params.limit}.`;
    case "minLength":
      return params.limit === 1 ? `${name} must not be empty.` : `${name} must be at least ${params.limit} characters long.`;
    case "maxLength":
      return `${name} must be at most ${params.limit} characters long.`;
    case "minItems":
      return `${name} needs at least ${params.limit} item${params.limit === 1 ? "" : "s"}.`;
    case "maxItems":
      return `${name} allows at most ${params.limit} item${params.limit === 1 ? "" : "s"}.`;
    case "uniqueItems":
      return `${name} must not list the same item twice.`;
    case "additionalProperties":
      return `${name} is not a setting this connector knows.`;
    case "oneOf":
      return `${name}: choose one of the options${question?.options ? ` (${question.options.map((option) => option.title).join(", ")})` : ""}.`;
    default:
      return `${name} ${error.message}.`;
  }
}
