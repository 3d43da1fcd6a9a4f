// Values a mention carries without a value after it: inside a title said loosely ("leave out
// [the X and Y] services"), or a yes/no setting switched by being named ("drop tables with
// cascade", "don't use the deprecated orders API", "turn off the predictive analytics fetching").
import { NOT_A_VALUE, valueDecision } from "./clauses.ts";
import type { Mention } from "./mentions.ts";
import type { Decision } from "./types.ts";

const NEGATIVE_TITLE = /^(?:disable|skip|exclude|no|do not|don'?t|ignore|omit|turn off)\b/i;

const NEGATION = /\b(?:don'?t|do not|dont|no|not|never|without|disable|skip|turn off|stop|exclude)\b[\w\s'`-]{0,30}$/;

/** A negation in the few words before a mention, within its clause. */
function negatedBefore(lower: string, start: number, previousEnd: number): boolean {
  const before = lower.slice(Math.max(previousEnd, start - 40), start);
  const clause = before.split(/[.;!?,]/).pop() ?? "";
  return NEGATION.test(clause);
}

/** The value a loose mention holds inside its window. */
export function valueInside(text: string, mention: Mention): Decision | null {
  const raw = text.slice(mention.inner!.start, mention.inner!.end).replace(/^\s*(?:the|a|an|all|only)\s+/i, "").trim();
  if (!raw || NOT_A_VALUE.test(raw)) return null;
  const question = mention.question;
  const listed = question.type === "array" ? raw.split(/\s*(?:,|\band\b|&)\s*/i).filter(Boolean).join(", ") : raw;
  const decision = valueDecision(question, listed);
  return decision.kind === "set" || decision.kind === "choose" ? decision : null;
}

/** A yes/no setting named without a value: on, or off after a negation; a negative title ("Disable X") the other way round. */
export function switchedByName(lower: string, mention: Mention, previousEnd: number): Decision | null {
  const question = mention.question;
  if (question.kind !== "field" || question.type !== "boolean" || question.secret) return null;
  const negated = negatedBefore(lower, mention.start, previousEnd);
  const negativeTitle = NEGATIVE_TITLE.test(question.title);
  const saidNegative = negativeTitle && NEGATIVE_TITLE.test(lower.slice(mention.start, mention.end));
  return { kind: "set", path: question.path, value: negativeTitle ? negated || saidNegative : !negated };
}
