// The value a field name introduces: after it ("host db.internal", "the database is called
// shop", "the port of this source to 6001"), or before it ("500 records", "metrik units").
import type { Question } from "../../specs/types.ts";
import type { Mention } from "./mentions.ts";
import { parseOption, parseValue, unwrapAnswer, wantsDate } from "./parse-value.ts";
import { exampleShape } from "./spot.ts";
import type { Decision } from "./types.ts";

const LINKING = /^(?:'s\b|\s*(?:is|are|=|:|->|to|of|as|should be|will be|would be|must be|named|called|set to|equals|it'?s)\b|\s*[=:])\s*/i;
export const NOT_A_VALUE = /^(?:the|actually|change|set|make|put|update|also|oh|ok|okay|hi|hello|hey|now|then|for|in|on|with|that|which|who|where|when|i|we|you|they|it|a|an|and|but|so|or|our|my|your|their|this|these|those|here|there|please|too|also|if|because|at|from|by|field|setting|value|mean|means|do|does|is|are)\b/i;

// Words between a field name and its value: "the schema everyone uses is called test",
// "the database of this connector to postgres".
const DETOUR = /^((?:[a-z']+\s+){1,4}?)(is called|is named|called|named|is|are|to|=|:)\s+(?=\S)/i;
const DETOUR_START = /^(?:of|for|on|in|this|that|the|my|our|its?|which|we|i|everyone|everybody|you|they|people)\b/i;

function describingWords(question: Question): Set<string> {
  return new Set(`${question.title} ${question.description ?? ""}`.toLowerCase().split(/[^a-z]+/).filter((word) => word.length >= 3));
}

/** The value text that follows a mention, up to the next mention or the end of the clause. */
export function valueAfter(text: string, mention: Mention, nextStart: number): string | null {
  let segment = text.slice(mention.end, nextStart);
  // "users dataset, 500 records": a comma right after the name ends the clause.
  if (/^\s*[,;]/.test(segment)) return null;
  segment = segment.replace(/^\s*/, "");
  for (let guard = 0; guard < 2; guard++) segment = segment.replace(LINKING, "");
  const detour = DETOUR.exec(segment);
  if (detour && (/called|named/i.test(detour[2]) || DETOUR_START.test(detour[1])) && !/[\d.]/.test(detour[1])) {
    segment = segment.slice(detour[0].length);
  }
  // "base currency EUR": a word of the field's own description before the value.
  const [first, ...rest] = segment.trim().split(/\s+/).filter(Boolean);
  const isOwnValue = mention.question.enum?.some((value) => String(value).toLowerCase() === first?.toLowerCase());
  if (rest.length && /^[a-z]+$/i.test(first) && !isOwnValue && describingWords(mention.question).has(first.toLowerCase()) && !/^[,;.]/.test(rest[0])) {
    segment = segment.slice(first.length).replace(/^\s*/, "").replace(LINKING, "");
  }
  segment = segment.replace(/^(?:the|a|an)\s+(?=\S)/i, "");
  // "starting from April 1st", "since Jan 2024", "as of 2024-01-01": the lead-in is not the date.
  if (wantsDate(mention.question)) segment = segment.replace(/^(?:from|since|starting(?: from| on| at)?|as of|beginning(?: on| from)?|on|after)\s+(?=\S)/i, "");
  const isList = mention.question.type === "array";
  // A clause ends at a sentence stop, a semicolon or (for single values) a comma or " and ".
  // "April 1st, 2024": a comma before a year is part of the date.
  // "CDC rather than standard", "X, not Y": the value ends where a contrast begins.
  const contrast = "|(?:^|\\s+)(?:rather than|instead of|not|but not)\\s+";
  const stop = new RegExp(
    isList ? `[;]|[.!?](?:\\s|$)${contrast}` : wantsDate(mention.question) ? `,(?!\\s*\\d{4}\\b)|;|\\s+and\\s+|[.!?](?:\\s|$)${contrast}` : `,(?=\\s|$)|;|\\s+and\\s+|[.!?](?:\\s|$)${contrast}`,
    "i",
  );
  const cut = stop.exec(segment);
  if (cut) segment = segment.slice(0, cut.index);
  segment = unwrapAnswer(segment);
  if (!segment || NOT_A_VALUE.test(segment)) return null;
  if (isList && mention.question.itemType === "string" && !mention.question.enum) {
    // "the repo acme/api using a token": each item is one word; the first wordy item ends the list.
    const items: string[] = [];
    for (const item of segment.split(/\s*(?:,|\band\b|&)\s*/i).filter(Boolean)) {
      const words = item.split(/\s+/);
      items.push(words[0]);
      if (words.length > 1) break;
    }
    return items.join(", ");
  }
  const plainString = mention.question.type === "string" && !mention.question.enum && !wantsDate(mention.question);
  if (!isList && plainString && mention.question.kind !== "choice") {
    // Hosts, names and ids are one word; trailing words are chatter ("database shop for now").
    const quoted = /^(["'`])(.+?)\1/.exec(segment);
    if (quoted) return quoted[2];
    const words = segment.split(/\s+/);
    // "Shopify orders from acme-store": the word shaped like the field's examples, if one is.
    const shapes = (mention.question.examples ?? (mention.question.example !== undefined ? [mention.question.example] : [])).map(exampleShape).filter(Boolean) as RegExp[];
    const shaped = shapes.length && !shapes.some((shape) => shape.test(words[0])) ? words.find((word) => shapes.some((shape) => shape.test(word))) : undefined;
    return shaped ?? words[0];
  }
  return segment;
}

// Fields whose value is a bare name: "the analytics schema" names the schema.
const ONE_WORD_FIELD = /(?:^|_)(?:schema|database|db|dataset|warehouse|bucket|project|workspace|index|table|topic|queue|collection|catalog|role)$/i;
const PLAIN_ADJECTIVE = /^(?:same|new|old|other|right|wrong|correct|whole|entire|usual|standard|default|normal|regular|first|last|next|default|existing|current|my|our|your|this|that)$/i;

/** "500 records", "the users dataset", "metrik units", "the usual port": a value said before the name. */
export function valueBefore(text: string, mention: Mention, previousEnd: number): Decision | null {
  const before = text.slice(previousEnd, mention.start);
  const question = mention.question;
  if (question.secret) return null;
  // "use 5433 for the port", "shop as the database", "acme is the org slug": any kind of value.
  const linked = /(?:^|[\s(:,])([\w./:@-]+)\s+(?:for|as|is|are|would be|will be)(?:\s+(?:the|my|our|a|an|its))?\s+$/i.exec(before)?.[1];
  if (linked && !NOT_A_VALUE.test(linked)) {
    const decision = valueDecision(question, linked);
    if (decision.kind === "set" || decision.kind === "choose") return decision;
  }
  // "the ENG, OPS and WEB projects", "A and B are the 2 organization exports": a list said
  // before the name of a list field.
  if (question.type === "array" && question.itemType === "string") {
    const bare = before.replace(/\s+(?:is|are)\s+(?:the|my|our|its)(?:\s+(?:\d+|both))?\s*$/i, " ");
    const listed = /(?:^|[\s(])((?:[\w.@/-]+\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*))+[\w.@/-]+)\s+$/.exec(bare)?.[1];
    const items = listed?.split(/\s*(?:,|\band\b|&)\s*/i).filter(Boolean) ?? [];
    if (items.length >= 2 && !items.some((item) => NOT_A_VALUE.test(item))) {
      const decision = valueDecision(question, items.join(", "));
      if (decision.kind === "set") return decision;
    }
  }
  const word = /(?:^|[\s(])([\w.-]+)\s+$/.exec(before)?.[1];
  if (!word || NOT_A_VALUE.test(word)) return null;
  // "the analytics schema", "our main warehouse": a name said before a one-word field's name.
  const named = /(?:^|\s)(?:the|our|my|to the|in the|into the)\s+([a-z_][\w-]*)\s+$/i.exec(before)?.[1];
  if (named && named === word && question.kind === "field" && question.type === "string" && !question.enum && ONE_WORD_FIELD.test(question.path.split("/").pop() ?? "") && !PLAIN_ADJECTIVE.test(word)) {
    const decision = valueDecision(question, word);
    if (decision.kind === "set") return decision;
  }
  if (/^(?:usual|standard|default|normal|regular)$/i.test(word)) {
    return question.default !== undefined ? { kind: "set", path: question.path, value: question.default } : null;
  }
  if ((question.type === "integer" || question.type === "number") && /^\d[\d,_]*(?:\.\d+)?$/.test(word)) {
    const parsed = parseValue(question, word);
    return parsed.ok ? { kind: "set", path: question.path, value: parsed.value } : null;
  }
  if (question.kind === "choice" || question.enum?.length) {
    const decision = valueDecision(question, word);
    return decision.kind === "set" || decision.kind === "choose" ? decision : null;
  }
  return null;
}

// A secret named in passing ("the key goes in the query string") is not a secret typed in chat.
export function looksLikeSecret(raw: string): boolean {
  return !/\s/.test(raw) && (/[\d\W_]/.test(raw) || raw.length >= 12);
}

export function valueDecision(question: Question, raw: string): Decision {
  if (question.secret) return { kind: "secret_in_chat", path: question.path };
  if (question.kind === "choice") {
    const optionIndex = parseOption(raw, question);
    if (optionIndex >= 0) return { kind: "choose", path: question.path, optionIndex };
    const titles = (question.options ?? []).map((option) => option.title).join(", ");
    return { kind: "invalid", path: question.path, text: raw, reason: `"${raw}" is not one of the options (${titles})` };
  }
  const parsed = parseValue(question, raw);
  return parsed.ok
    ? { kind: "set", path: question.path, value: parsed.value }
    : { kind: "invalid", path: question.path, text: raw, reason: parsed.reason };
}

