// Precision before recall: a value is stored only when its shape fits the field. A function word,
// filler, an intent word or the connector's own name is never a value; a host has a host's shape,
// a port is a port number, a one-word field holds one word, a value meets the spec's enum and
// pattern. The offline understander and the model path both check every value here.
import { tryRegExp } from "../../specs/index.ts";
import { isCode } from "./analyze.ts";
import { DETERMINERS, FUNCTION_WORDS, JUDGEMENT_WORDS, PLACEHOLDER_WORDS, PREPOSITIONS } from "./lexicon.ts";
import { codeOfName, isCodeOf } from "./code-names.ts";
import { stemOf, wordsOf, type FieldEntry, type Vocabulary } from "./vocabulary.ts";

export type Fit = { ok: true } | { ok: false; reason: string };

// Words that steer rather than answer, said where a value was asked ("skip", "none", "default").
const STEERING_WORDS = new Set(["skip", "cancel", "abort", "quit", "none", "nothing", "n/a", "na", "idk", "dunno", "default", "defaults", "usual", "nope", "pass", "unknown", "tbd", "later", "leave", "same", "standard", "whatever", "keep"]);
const HOST = /^(?:localhost|\[?[0-9a-f:]+\]?|\d{1,3}(?:\.\d{1,3}){3}|[a-z0-9_](?:[a-z0-9_-]*[a-z0-9])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9])?)*)$/i;

function fieldNameStems(vocabulary: Vocabulary): Set<string> {
  let stems = nameStems.get(vocabulary);
  if (!stems) {
    stems = new Set(vocabulary.fields.flatMap((field) => field.names.filter((name) => name.stems.length === 1 && name.weight >= 0.95).map((name) => name.stems[0])));
    nameStems.set(vocabulary, stems);
  }
  return stems;
}
const nameStems = new WeakMap<Vocabulary, Set<string>>();

/**
 * Plain words that cannot be a value: function words, steering words, and (unless a field's name
 * introduced it: "user postgres") the connector's own name.
 */
/** "enough", "separately", "place": a word of talk standing where a value might; dropped, not said back. */
export function isPlaceholder(text: string): boolean {
  const trimmed = text.trim();
  return PLACEHOLDER_WORDS.has(trimmed) && trimmed === trimmed.toLowerCase();
}

export function meaningless(text: string, vocabulary: Vocabulary, named = false, field?: FieldEntry): boolean {
  const words = wordsOf(text);
  if (words.length === 0) return true;
  // A code in capitals ("US", "IT") is a value, though its letters spell a function word.
  if (isCode(text)) return false;
  if (words.every((word) => FUNCTION_WORDS.has(word))) return true;
  if (words.length === 1) {
    const [word] = words;
    if (/\d/.test(text)) return false;
    // "default" for a field that has no default can only be its value (Redis's user "default").
    const defaultWord = /^(?:default|defaults|usual|standard)$/.test(word);
    if (STEERING_WORDS.has(word) && !(defaultWord && field && field.question.default === undefined)) return true;
    if (JUDGEMENT_WORDS.has(word)) return true;
    if (isPlaceholder(text)) return true;
    if (!named && (vocabulary.connectorStems.has(stemOf(word)) || vocabulary.connectorStems.has(stemOf(text.toLowerCase()))) && !/[\s.@/:]/.test(text.trim())) return true;
  } else if (!named && words.length === 2 && vocabulary.connectorStems.has(stemOf(words.join("")))) {
    // "MySQL" read as "My SQL".
    return true;
  }
  return false;
}

const LINK_WORDS = /\b(?:url|uri|urls|link|links|endpoint|href|webhook|address|site|website|domain|server|host|hostname|instance|base|connection|string|dsn|jdbc|repository|repo|feed|page)\b|https?:|:\/\//i;

/** Whether a field's key, title, description or examples speak of links. */
function takesLinks(question: FieldEntry["question"]): boolean {
  const key = (question.path.split("/").pop() ?? "").replace(/[_-]/g, " ");
  return LINK_WORDS.test(`${key} ${question.title} ${question.description ?? ""} ${JSON.stringify(question.examples ?? question.example ?? "")}`);
}

function fitsString(field: FieldEntry, text: string, vocabulary: Vocabulary, named: boolean, explicit: boolean): Fit {
  const question = field.question;
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, reason: "the answer is empty" };
  if (meaningless(trimmed, vocabulary, named, field)) return { ok: false, reason: `"${trimmed}" is not a value` };
  // ("cards matching the search …": words that end on "the" or "of" lead on to something; no
  // value said in words ends there.)
  const lastWord = /\s([A-Za-z']+)$/.exec(trimmed)?.[1];
  if (!explicit && lastWord && lastWord === lastWord.toLowerCase() && (DETERMINERS.has(lastWord) || PREPOSITIONS.has(lastWord) || lastWord === "of")) return { ok: false, reason: `"${trimmed}" is not a value` };
  // A field's own name ("port", "host") said where its value should be is not that value.
  // (Not where the value is written out as one: "PG_DATABASE=embeddings" in a pasted block.)
  if (!explicit && /^[a-z]+$/i.test(trimmed) && fieldNameStems(vocabulary).has(stemOf(trimmed)) && field.shape !== "text" && !question.enum) {
    return { ok: false, reason: `"${trimmed}" names a setting, not a value` };
  }
  // A link said for a name, a slug or an id ("the project page: https://…") is where the value
  // is, not the value. (Fields that take links say so: a URL, an endpoint, a connection string.)
  if (!explicit && (field.shape === "text" || field.shape === "one-word") && /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(trimmed) && !takesLinks(question)) {
    return { ok: false, reason: `"${trimmed}" is a link; the ${question.title} is a name, not a link` };
  }
  switch (field.shape) {
    case "host":
      if (!HOST.test(trimmed)) return { ok: false, reason: `"${trimmed}" doesn't look like a host name` };
      break;
    case "email":
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) return { ok: false, reason: `"${trimmed}" is not an email address` };
      break;
    case "url":
      // (A word alone is no address: "use our own test image: https://…" is the link, not "own".)
      if (/\s/.test(trimmed) || (!explicit && !linkShaped(trimmed))) return { ok: false, reason: `"${trimmed}" doesn't look like a URL` };
      break;
    case "path":
      // (Or opens as the examples do: "md:analytics" where they show "md:data_db", "md:my_db".)
      if (!/[/\\]|\.[a-z0-9]{1,8}$/i.test(trimmed) && !shownPrefix(question, trimmed)) return { ok: false, reason: `"${trimmed}" doesn't look like a path` };
      if (/\s/.test(trimmed)) return { ok: false, reason: `"${trimmed}" doesn't look like a path` };
      break;
    case "one-word":
    case "domain":
      if (/\s/.test(trimmed)) return { ok: false, reason: `"${trimmed}" doesn't look like a ${question.title.toLowerCase()}; it is one word, without spaces` };
      break;
  }
  if (question.pattern && !question.enum) {
    const pattern = tryRegExp(question.pattern);
    if (pattern && !pattern.test(trimmed)) {
      return { ok: false, reason: `"${trimmed}" does not fit the format${question.pattern_descriptor ? ` ${question.pattern_descriptor}` : ""}` };
    }
  }
  return { ok: true };
}

/** Scheme-like prefixes ("md:", "s3://") two or more of the field's examples open with. */
export function shownPrefixes(question: FieldEntry["question"]): string[] {
  const prefixes = [...(question.examples ?? []), question.example].flatMap((example) => (typeof example === "string" ? /^([a-z][a-z0-9+.-]*:(?:\/\/)?)/i.exec(example)?.[1] ?? [] : []));
  return [...new Set(prefixes)].filter((prefix) => prefixes.filter((other) => other === prefix).length >= 2);
}

function shownPrefix(question: FieldEntry["question"], value: string): boolean {
  return shownPrefixes(question).some((prefix) => value.toLowerCase().startsWith(prefix.toLowerCase()) && value.length > prefix.length);
}

/** Whether a word without spaces can be a link: it has a dot, a colon or a slash, or is localhost. */
export function linkShaped(word: string): boolean {
  return /[.:/]|^localhost$/i.test(word);
}

/**
 * Does `value` fit `field` well enough to store? `named`: a field's name introduced it;
 * `explicit`: it was written as the field's value (a `KEY=value` pair, a URI's part).
 */
export function fits(field: FieldEntry, value: unknown, vocabulary: Vocabulary, named = false, explicit = false): Fit {
  const question = field.question;
  if (question.secret) return { ok: false, reason: "a secret is never taken from chat" };
  if (value === undefined || value === null || value === "") return { ok: false, reason: "the answer is empty" };
  // The field's own default ("database default" where the default is "default") always fits.
  if (question.default !== undefined && JSON.stringify(question.default) === JSON.stringify(value)) return { ok: true };
  if (question.enum?.length && question.type !== "array" && !question.enum.some((option) => option === value)) {
    return { ok: false, reason: `"${String(value)}" is not one of: ${question.enum.join(", ")}` };
  }
  if (field.shape === "port" && !(Number.isInteger(Number(value)) && Number(value) > 0 && Number(value) < 65536)) {
    return { ok: false, reason: `${String(value)} is not a port number` };
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return { ok: false, reason: "the list is empty" };
    for (const item of value) {
      if (question.enum?.length && !question.enum.some((option) => option === item)) return { ok: false, reason: `"${String(item)}" is not one of: ${question.enum.join(", ")}` };
      // (An enum's own values are values, "at" for Austria too.)
      // (So are the codes of a code list: "at" read from "Austria".)
      if (!question.enum?.length && typeof item === "string" && !(field.codes && isCodeOf(field.codes, item)) && meaningless(item, vocabulary, named)) return { ok: false, reason: `"${item}" is not a value` };
    }
    return { ok: true };
  }
  if (typeof value === "string" && question.kind === "field" && !question.enum) return fitsString(field, value, vocabulary, named, explicit);
  return { ok: true };
}

/**
 * "FR76 3000 6000 0112 3456 7890 189" for a pattern of letters and digits only: a value typed in
 * groups, as IBANs, card and phone numbers are written, is the pattern's value without the spaces.
 */
export function asPatternWants(question: FieldEntry["question"], value: string): string {
  if (!question.pattern || question.enum || !/^[A-Za-z0-9]+(?: [A-Za-z0-9]+)+$/.test(value)) return value;
  const pattern = tryRegExp(question.pattern);
  const joined = value.replace(/ /g, "");
  return pattern && !pattern.test(value) && pattern.test(joined) ? joined : value;
}

/**
 * "The supported values are: D7, D30, D90, and D180": a free-text field whose description lists
 * the values it takes is written as the list writes them ("d90" is D90), and a number said for it
 * ("90 days") is the one listed value with that number.
 */
const listedCache = new WeakMap<FieldEntry["question"], string[]>();

function listedValues(question: FieldEntry["question"]): string[] {
  let items = listedCache.get(question);
  if (!items) {
    const listed = /\b(?:supported|allowed|valid|possible|accepted)\s+values?\s+(?:are|is|include)?\s*:?\s*([^.]+)/i.exec(question.description ?? "")?.[1] ?? "";
    items = listed.split(/\s*(?:,|\bor\b|\band\b)\s*/).map((item) => item.replace(/^["'`]|["'`]$/g, "").trim()).filter((item) => /^[A-Za-z0-9_.-]+$/.test(item));
    listedCache.set(question, items);
  }
  return items;
}

export function asListedValue(question: FieldEntry["question"], value: string): string {
  if (question.enum || question.type !== "string") return value;
  const items = listedValues(question);
  if (items.length < 2) return value;
  const same = items.find((item) => item.toLowerCase() === value.toLowerCase());
  if (same) return same;
  const digits = /^\d+$/.test(value) ? items.filter((item) => item.replace(/\D/g, "") === value) : [];
  return digits.length === 1 ? digits[0] : value;
}

/**
 * "Germany" for a region id "in the form of a two-letter country code prepended with the g_
 * prefix" (default "g_us"): a country said by name is its code, written with the prefix and case
 * the field's default or examples show.
 */
export function asPrefixedCode(question: FieldEntry["question"], value: string): string {
  if (question.enum || question.type !== "string" || !/^[A-Za-z][A-Za-z .'-]+$/.test(value) || !/country code/i.test(question.description ?? "")) return value;
  const shown = [question.default, ...(question.examples ?? [])].find((item): item is string => typeof item === "string" && /^[A-Za-z]+[_-][A-Za-z]{2}$/.test(item));
  if (!shown) return value;
  const code = codeOfName("country", value);
  if (!code) return value;
  const prefix = shown.slice(0, -2);
  return `${prefix}${shown.slice(-2) === shown.slice(-2).toLowerCase() ? code.toLowerCase() : code.toUpperCase()}`;
}
