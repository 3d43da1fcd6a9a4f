// "…database test, user postgres. No idea about the port." / "I log in as root (no password
// needed)": a don't-know or a "no X" said about one field, inside a message that answers others,
// applies to that field only; the rest of the message is read as usual.
import type { Question } from "../../specs/types.ts";
import { findMentions } from "./mentions.ts";
import type { Decision } from "./types.ts";

const DONT_KNOW = /\b(?:(?:i )?(?:don'?t|do not|dont) know|no idea|not sure|unsure|idk|dunno|no clue)\b/;
// A question about the field ("not sure what the port is for?") is left to the question path.
const ASKING = /\b(?:what|how|why|which|where|explain)\b|\?/;
const NONE_BEFORE = /\b(?:no|without(?: an?| any)?|skip(?: the)?|leave out(?: the)?|(?:don'?t|do not|dont) (?:need|have|use)(?: an?| any| the)?|no need for(?: an?| the)?)\s+(?:the\s+|an?\s+|any\s+)?$/;
const NONE_AFTER = /^\s*(?:is\s+|are\s+)?(?:not (?:needed|required|necessary|set|used)|isn'?t (?:needed|required|set|used)|aren'?t (?:needed|required)|(?:is\s+)?(?:empty|blank|none))\b/;
// An option that means "none of it": "No Tunnel", "disable", "None".
const NONE_OPTION = /^(?:no\b|none\b|disable|disabled|off\b|not? )/i;

export interface ScopedIntents {
  decisions: Decision[];
  /** The message without the clauses turned into decisions. */
  rest: string;
}

function splitClauses(text: string): Array<{ start: number; end: number }> {
  const clauses: Array<{ start: number; end: number }> = [];
  const boundary = /\s*[()]\s*|[.;!?]+(?:\s|$)|,\s+|\s+-\s+|\s+(?:and|but)\s+(?=(?:no|i|we|not|without)\b)/gi;
  let start = 0;
  for (const match of text.matchAll(boundary)) {
    clauses.push({ start, end: match.index! });
    start = match.index! + match[0].length;
  }
  clauses.push({ start, end: text.length });
  return clauses.filter((clause) => clause.end > clause.start);
}

function noneFor(question: Question): Decision {
  // "don't use the deprecated orders API": a yes/no setting said with a "no" is off.
  if (question.kind === "field" && question.type === "boolean") return { kind: "set", path: question.path, value: false };
  if (question.kind === "choice") {
    const option = question.options?.find((candidate) => NONE_OPTION.test(candidate.title) || NONE_OPTION.test(String(candidate.value ?? "")));
    if (option) return { kind: "choose", path: question.path, optionIndex: option.index };
  }
  return { kind: "skip", path: question.path };
}

export function scopedIntents(text: string, fields: Question[], pending: Question | null): ScopedIntents | null {
  const lower = text.toLowerCase();
  const decisions: Decision[] = [];
  let rest = "";
  let last = 0;
  for (const clause of splitClauses(lower)) {
    const words = lower.slice(clause.start, clause.end);
    const mentions = findMentions(words, fields, pending);
    let decision: Decision | null = null;
    if (mentions.length === 1 && !ASKING.test(words)) {
      const [mention] = mentions;
      if (DONT_KNOW.test(words)) decision = { kind: "dont_know", path: mention.question.path };
      else if (NONE_BEFORE.test(words.slice(0, mention.start)) || NONE_AFTER.test(words.slice(mention.end))) decision = noneFor(mention.question);
    }
    if (!decision) continue;
    decisions.push(decision);
    rest += text.slice(last, clause.start) + " ";
    last = clause.end;
  }
  if (decisions.length === 0) return null;
  rest += text.slice(last);
  return { decisions, rest: rest.replace(/\s+/g, " ").replace(/^[\s,.;!]+|[\s,;]+$/g, "").trim() };
}
