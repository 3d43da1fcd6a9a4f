// What the language model is told (ONRAMP_MODEL=openai:<model>): the instructions as constants,
// and the few builders that describe a connector, its fields and the conversation in words. The
// agent's own sentences live in prompts.ts. Everything here passes through the model gateway,
// which redacts values only: field names and titles reach the model as written.
import { SECRET_MASK, type Definition, type Question } from "../specs/types.ts";

export const SETUP_INSTRUCTIONS = [
  "You help a person configure a data connector through a chat. Decide what their latest message means by calling tools.",
  "Call set_fields with the values the person gave, using the field paths listed below. Never ask for or accept passwords, keys or tokens in chat: secret fields are filled in a secure input whose values you never see.",
  "Call answer_question when they ask what something means, skip when they want to skip, go_back to return to the previous question, dont_know when they don't know, use_default for the default, start_over, cancel, or test when they ask to test the connection.",
  "The agent confirms the values you set and asks the next question itself: add text only when it helps (a short, friendly answer to what they asked), and never repeat the question.",
].join("\n");

export const CONNECTOR_INSTRUCTIONS = [
  "You help a person pick the connector they want to set up. The candidates below come from the catalog's search for their message; only these can be chosen.",
  "Call choose_connector with the candidate's name when one clearly fits, offer_connectors with two or three names when several fit equally well, or no_connector when none fits.",
].join("\n");

/** Stored secrets are named, never shown (the mask itself is also redacted by the gateway). */
export const STORED_SECRET = "(stored securely)";

/** How much of the conversation before the latest message the model sees. */
export const RECENT_TURNS = 6;

const DESCRIPTION_LIMIT = 120;
const PENDING_DESCRIPTION_LIMIT = 600;

function plain(text: string | undefined, limit: number): string {
  const flat = (text ?? "").replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim();
  if (flat.length <= limit) return flat;
  // Cut at a sentence end when there is one early enough, else at a word.
  const cut = flat.slice(0, limit);
  const sentence = cut.lastIndexOf(". ");
  return sentence > limit / 2 ? cut.slice(0, sentence + 1) : `${cut.replace(/\s+\S*$/, "")}…`;
}

function shown(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function typeOf(field: Question): string {
  const type = field.kind === "choice" ? "choice" : field.type === "array" && field.itemType ? `list of ${field.itemType}` : field.type;
  return [type, field.secret ? "secret" : "", field.required ? "required" : "optional"].filter(Boolean).join(", ");
}

/** The question being asked, in full: what it is, its default, an example, the options. */
export function describePending(question: Question): string {
  const lines = [`Current question: ${question.path} "${question.title}" (${typeOf(question)}).`];
  const about = plain(question.description, PENDING_DESCRIPTION_LIMIT);
  if (about) lines.push(`  Description: ${about}`);
  if (question.default !== undefined) lines.push(`  Default: ${shown(question.default)}`);
  if (question.example !== undefined) lines.push(`  Example: ${shown(question.example)}`);
  if (question.pattern_descriptor) lines.push(`  Format: ${question.pattern_descriptor}`);
  if (question.enum?.length) lines.push(`  One of: ${question.enum.map(shown).join(" | ")}`);
  for (const option of question.options ?? []) {
    const about = plain(option.description, DESCRIPTION_LIMIT);
    lines.push(`  Option "${option.title}"${about ? `: ${about}` : ""}`);
  }
  if (question.secret) lines.push("  It is secret: the person enters it in the secure input, never in chat.");
  return lines.join("\n");
}

/** One line per field: path, title, type, whether required, and a shortened description. */
export function describeFields(fields: Question[], pending: Question | null): string {
  const lines = ["Fields:"];
  for (const field of fields) {
    if (field.path === pending?.path) continue;
    const choices =
      field.kind === "choice" ? ` Options: ${(field.options ?? []).map((option) => option.title).join(" | ")}.` : field.enum?.length ? ` One of: ${field.enum.map(shown).join(" | ")}.` : "";
    const about = plain(field.description, DESCRIPTION_LIMIT);
    lines.push(`- ${field.path}: ${field.title} (${typeOf(field)})${about ? ` ${about}` : ""}${choices}`);
  }
  return lines.join("\n");
}

/** The current config, with every stored secret named as stored (its mask is all the form holds). */
export function describeValues(values: Record<string, unknown>): string {
  const text = JSON.stringify(values, (_key, value) => (value === SECRET_MASK ? STORED_SECRET : value));
  return `Current values: ${text === "{}" ? "none yet" : text}`;
}

export function describeConnector(definition: Definition): string {
  return `Connector: ${definition.displayName} (${definition.name}, a ${definition.kind}).`;
}

export function setupSystemPrompt(input: { definition: Definition; pending: Question | null; fields: Question[]; values: Record<string, unknown> }): string {
  return [
    SETUP_INSTRUCTIONS,
    describeConnector(input.definition),
    input.pending ? describePending(input.pending) : "No question is being asked right now.",
    describeFields(input.fields, input.pending),
    describeValues(input.values),
  ].join("\n");
}

export function connectorSystemPrompt(candidates: Definition[]): string {
  return [
    CONNECTOR_INSTRUCTIONS,
    "Candidates:",
    ...candidates.map((definition) => `- ${definition.name}: ${definition.displayName} (${definition.kind})`),
  ].join("\n");
}
