// JSON Schema of a case file (../shared/EVALS.md). A malformed case is reported with the file,
// the JSON pointer and Ajv's words, before anything runs. Top-level keys the format does not
// know (`description:`, `tags:`) are allowed: cases written elsewhere must run unchanged, so the
// loader only warns about them. Inside the known keys the schema stays strict.
import { Ajv } from "ajv";

const pointer = { type: "string", pattern: "^(/.*)?$" };
const guard = {
  when: {
    type: "object",
    required: ["asked"],
    additionalProperties: false,
    properties: { asked: pointer },
  },
};

function turn(key: string, schema: Record<string, unknown>) {
  return {
    type: "object",
    required: [key],
    additionalProperties: false,
    properties: { [key]: schema, ...guard },
  };
}

export const caseSchema = {
  type: "object",
  required: ["id", "connector", "expect"],
  additionalProperties: true,
  properties: {
    id: { type: "string", minLength: 1 },
    connector: { type: "string", minLength: 1 },
    definitions: { type: "string", minLength: 1 },
    opening: { type: "string" },
    facts: {
      type: "object",
      propertyNames: pointer,
      additionalProperties: true,
    },
    turns: {
      type: "array",
      items: {
        oneOf: [
          turn("say", { type: "string" }),
          turn("form", {
            type: "object",
            additionalProperties: false,
            minProperties: 1,
            properties: {
              set: { type: "object", propertyNames: pointer },
              unset: { type: "array", items: pointer },
            },
          }),
          turn("secret", {
            type: "object",
            required: ["path", "value"],
            additionalProperties: false,
            properties: { path: pointer, value: { type: "string" } },
          }),
          turn("oauth", { enum: ["approve", "deny"] }),
          turn("switch", { enum: ["form", "agent"] }),
          turn("test", { const: true }),
        ],
      },
    },
    expect: {
      type: "object",
      additionalProperties: false,
      properties: {
        outcome: { enum: ["saved", "test_failed", "abandoned"] },
        config: { type: "object" },
        test: { enum: ["succeeded", "failed", "skipped"] },
        failure_reason: { type: "string" },
        max_user_turns: { type: "integer", minimum: 0 },
        not_asked: { type: "array", items: pointer },
      },
    },
    existing: {
      type: "object",
      required: ["config"],
      additionalProperties: false,
      properties: { name: { type: "string" }, config: { type: "object" } },
    },
    services: { type: "array", items: { type: "string" } },
  },
} as const;

/** Top-level keys of a parsed case that the format does not know. */
export function unknownCaseKeys(data: unknown): string[] {
  if (!data || typeof data !== "object" || Array.isArray(data)) return [];
  return Object.keys(data).filter((key) => !(key in caseSchema.properties));
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(caseSchema);

/** Plain-words errors of a parsed case file; empty when the case is well formed. */
export function caseErrors(data: unknown): string[] {
  if (validate(data)) return [];
  const errors = validate.errors ?? [];
  // oneOf over turns reports every branch; the branch-level messages are noise next to "must match exactly one".
  const useful = errors.filter((error) => !/^\/turns\/\d+$/.test(error.instancePath) || error.keyword === "oneOf");
  return (useful.length ? useful : errors).map((error) => {
    const where = error.instancePath || "(case)";
    const extra = error.keyword === "additionalProperties" ? ` (${(error.params as any).additionalProperty})` : "";
    const allowed = error.keyword === "enum" ? ` (one of ${(error.params as any).allowedValues.join(", ")})` : "";
    return `${where} ${error.message}${extra}${allowed}`;
  });
}
