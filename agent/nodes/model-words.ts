// What the agent keeps of the model's own words in a turn. The model's text and the agent's
// confirmation must not both be said ("Great, noted." then "Got it: Host = db1."): when the turn
// set fields, the confirmation wins unless the model's text already names every value that was
// kept, and nothing was turned down (then its text would claim what the agent refused).
import type { Question } from "../../specs/types.ts";
import type { Decision } from "../understand/types.ts";

function shown(value: unknown): string {
  if (Array.isArray(value)) return value.map(shown).join(", ");
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The model's text to say in place of the confirmation (or alone), or null to drop it. */
export function modelWords(decisions: Decision[], kept: Array<{ question: Question; value: unknown }>): string | null {
  const text = decisions.find((decision): decision is Extract<Decision, { kind: "say" }> => decision.kind === "say")?.text.trim();
  if (!text) return null;
  const offered = decisions.filter((decision) => decision.kind === "set" || decision.kind === "choose").length;
  const refused = decisions.some((decision) => decision.kind === "invalid" || decision.kind === "secret_in_chat");
  // No field in play: the text is the model's own reply (to a question, to small talk).
  if (offered === 0 && !refused && kept.length === 0) return text;
  if (refused || kept.length !== offered) return null;
  const lower = text.toLowerCase();
  return kept.every(({ value }) => lower.includes(shown(value).toLowerCase())) ? text : null;
}
