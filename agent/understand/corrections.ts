// "actually make that 7 days, not 30", "make it 45": a correction that names a value, not the
// field. The field is the one holding the value it replaces, or else the last one answered.
import { getAt } from "../../specs/index.ts";
import type { Question } from "../../specs/types.ts";
import { valueDecision } from "./clauses.ts";
import { unwrapAnswer } from "./parse-value.ts";
import type { Decision, UnderstandContext } from "./types.ts";

const CORRECTION =
  /^(?:(?:oh|ok|okay|hmm|sorry|wait|actually|no|oops)[,!.]?\s+)*(?:make (?:that|it)|change (?:that|it) to|set (?:that|it) to|(?:it|that) should be|i meant)\s+(.+?)(?:,?\s+(?:not|instead of)\s+([^,.;!]+?))?[.!]*(?:,?\s*sorry)?$/i;

/** The field a correction means: the one holding the value it replaces, or the last answered. */
export function correction(text: string, context: UnderstandContext): Decision | null {
  const match = CORRECTION.exec(text.trim());
  if (!match) return null;
  const { fields, values } = context;
  const shownValue = (value: unknown) => (Array.isArray(value) ? value.join(", ") : String(value)).toLowerCase();
  let target: Question | undefined;
  if (match[2]) {
    const old = match[2].trim().toLowerCase().replace(/\s+(?:days?|weeks?|records?|rows?)$/, "");
    const holding = fields.filter((field) => !field.secret && getAt(values, field.path) !== undefined && shownValue(getAt(values, field.path)) === old);
    if (holding.length === 1) target = holding[0];
  }
  if (!target) {
    const last = [...(context.answered ?? [])].reverse().find((path) => fields.some((field) => field.path === path && !field.secret));
    target = last ? fields.find((field) => field.path === last) : undefined;
  }
  if (!target) return null;
  const decision = valueDecision(target, unwrapAnswer(match[1]));
  return decision.kind === "set" || decision.kind === "choose" ? decision : null;
}
