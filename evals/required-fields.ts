import { getAt, planQuestions, setAt } from "../specs/index.ts";
import type { Definition } from "../specs/types.ts";

/**
 * How many required questions a setup of this config goes through: the walker's required
 * questions, replayed against the final values so that a chosen oneOf's own fields count too.
 */
export function requiredFieldCount(definition: Definition, finalConfig: Record<string, unknown> | null): number {
  const seen = new Set<string>();
  let values: Record<string, unknown> = {};
  for (let round = 0; round < 50; round++) {
    const open = planQuestions(definition, values, { skipped: [...seen] }).filter(
      (question) => question.required && !seen.has(question.path),
    );
    if (!open.length) break;
    for (const question of open) {
      seen.add(question.path);
      const value = finalConfig ? getAt(finalConfig, question.path) : undefined;
      if (value !== undefined) values = setAt(values, question.path, value);
    }
  }
  return seen.size;
}
