// The walker's questionAt, remembered per definition and answers: one turn looks up the same few
// paths several times (understand, apply, next-field), and each look-up walks the whole spec.
import { questionAt as walkerQuestionAt } from "../../specs/index.ts";
import type { Definition, Question } from "../../specs/types.ts";

const MAX_ENTRIES = 256;
const memory = new WeakMap<Definition, Map<string, Question | undefined>>();

export function questionAt(definition: Definition, path: string, values: Record<string, unknown>): Question | undefined {
  let answers = memory.get(definition);
  if (!answers) memory.set(definition, (answers = new Map()));
  const key = `${path}\u0000${JSON.stringify(values)}`;
  if (answers.has(key)) return answers.get(key);
  const question = walkerQuestionAt(definition, path, values);
  if (answers.size >= MAX_ENTRIES) answers.clear();
  answers.set(key, question);
  return question;
}
