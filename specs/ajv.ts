// The one Ajv instance of Onramp. Every spec is compiled here once and cached by schema object,
// so validating a form patch costs a function call, not a compile.
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import type { JsonSchema } from "./types.ts";
import { repairSchema } from "./repair.ts";
import { lenientRegExp } from "./lenient-regexp.ts";

// ajv-formats is CommonJS; under NodeNext its default export may arrive wrapped.
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/** Keywords Airbyte puts in specs to drive its UI; they carry no validation meaning. */
export const AIRBYTE_KEYWORDS = [
  "airbyte_secret",
  "airbyte_hidden",
  "always_show",
  "order",
  "group",
  "groups",
  "display_type",
  "multiline",
  "pattern_descriptor",
  "path_in_connector_config",
  "option_title",
  "x-speakeasy-param-sensitive",
] as const;

// Ajv compiles every `pattern` through this, so one the unicode flag rejects (`\-`) compiles
// without it instead of failing the spec (repairSchema reports such patterns). `code` names what
// standalone code would call.
const regExp = Object.assign((pattern: string, flags: string) => lenientRegExp(pattern, flags), { code: "new RegExp" });

function createAjv(): Ajv {
  const instance = new Ajv({
    strict: false,
    allErrors: true,
    validateFormats: true,
    // Compile speed matters more than validation speed here (hundreds of specs load at start,
    // a config is validated a few times per minute): skip the optimiser pass, and skip checking
    // each spec against the draft-07 meta-schema, since loaded specs went through repairSchema
    // and Ajv still throws on what it cannot compile.
    validateSchema: false,
    code: { regExp, optimize: false },
  });
  addFormats(instance);
  instance.addVocabulary([...AIRBYTE_KEYWORDS]);
  return instance;
}

export const ajv = createAjv();

export interface CompiledSpec {
  validate: ValidateFunction;
  /** Faults found and mended so the spec could compile (empty for a clean spec). */
  repairs: string[];
}

const formatCheckers = new Map<string, ValidateFunction>();

/** Whether `value` meets string format `format` (unknown formats accept anything). */
export function formatAccepts(format: string, value: string): boolean {
  let check = formatCheckers.get(format);
  if (!check) {
    check = ajv.compile({ type: "string", format });
    formatCheckers.set(format, check);
  }
  return check(value) as boolean;
}

const fragmentCheckers = new WeakMap<object, ValidateFunction>();

/** Whether `value` meets a schema fragment (one field's node), compiled once per node. */
export function schemaAccepts(schema: JsonSchema, value: unknown): boolean {
  let check = fragmentCheckers.get(schema);
  if (!check) {
    check = ajv.compile(schema);
    fragmentCheckers.set(schema, check);
  }
  return check(value) as boolean;
}

const cache = new WeakMap<object, CompiledSpec>();

/**
 * Compiles a spec (once per schema object). A spec that was not loaded through the catalog is
 * mended here the same way (the repairs are returned); throws only when even that cannot compile.
 */
export function compileSpec(schema: JsonSchema): CompiledSpec {
  const cached = cache.get(schema);
  if (cached) return cached;
  const { schema: repaired, repairs } = repairSchema(schema, { formatAccepts });
  const compiled: CompiledSpec = { validate: ajv.compile(repaired), repairs };
  cache.set(schema, compiled);
  return compiled;
}
