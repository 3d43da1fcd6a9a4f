// A check message is shown to people and to the model: no secret value may ride along, even
// inside a driver's own error text.
import type { CheckResult, JsonSchema } from "../types.ts";
import { SECRET_MASK } from "../types.ts";
import { getAt } from "../pointer.ts";
import { secretPaths } from "../secrets.ts";

export function secretValues(schema: JsonSchema, config: unknown): string[] {
  const values: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === "string" && value.length >= 3 && value !== SECRET_MASK) values.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
  };
  for (const path of secretPaths(schema, config)) collect(getAt(config, path));
  return values.sort((a, b) => b.length - a.length);
}

export function scrubResult(result: CheckResult, secrets: string[]): CheckResult {
  const scrub = (text: string) => secrets.reduce((words, secret) => words.split(secret).join(SECRET_MASK), text);
  const message = scrub(result.message);
  // Each entity's words come from the API's answers too.
  const entities = result.entities?.map((entity) => ({ ...entity, message: scrub(entity.message) }));
  if (message === result.message && !entities) return result;
  return { ...result, message, ...(entities ? { entities } : {}) };
}
