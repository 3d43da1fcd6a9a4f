// Turns the words a person typed into the value a field wants: numbers, booleans, lists, enum
// values and oneOf options (by title, const or a close misspelling), dates in the field's format.
import * as chrono from "chrono-node";
import { distance } from "fastest-levenshtein";
import type { Question } from "../../specs/types.ts";
import { numberWordsToDigits } from "./number-words.ts";
import { HOLIDAY_DATES, PERIOD_WORDS, TIME_UNITS, UNIT_ABBREVIATIONS, UNIT_SECONDS } from "./lexicon.ts";

export type Parsed = { ok: true; value: unknown } | { ok: false; reason: string };

const TRUE_WORDS = new Set(["yes", "y", "yep", "yeah", "sure", "true", "on", "enable", "enabled", "1", "ok", "okay"]);
const FALSE_WORDS = new Set(["no", "n", "nope", "false", "off", "disable", "disabled", "0"]);

/** Removes the ways people wrap an answer: "it's X", "use X", "X please", quotes. */
export function unwrapAnswer(text: string): string {
  let out = text.trim();
  for (let guard = 0; guard < 4; guard++) {
    const before = out;
    out = out
      .replace(/^(?:ok(?:ay)?|sure|yes|yeah|well|so|hmm|actually|oh|sorry)[,!.]?\s+/i, "")
      .replace(/^(?:i think|i guess|i believe|probably|maybe)\s+/i, "")
      .replace(
        /^(?:it'?s|it is|its|that'?s|that is|use|using|go with|let'?s use|let'?s go with|set it to|set to|make it|change it to|should be|the value is|value is|try|i'?d like|i want|i'?ll use|we use|we'?re using|i choose|choose|pick|select|is|=|:)\s+/i,
        "",
      )
      .replace(/[\s,]*(?:please|pls|plz|thanks|thank you|thx|i think|i guess)[.!]*$/i, "")
      .replace(/[.!]+$/, "")
      .trim();
    if (/^(["'`]).*\1$/.test(out) && out.length >= 2) out = out.slice(1, -1).trim();
    if (out === before) break;
  }
  return out;
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

/** Index of the entry that names `text` best, or -1. */
export function matchName(text: string, names: string[][]): number {
  const wanted = text.trim().toLowerCase();
  const squashed = normalize(wanted);
  if (!squashed) return -1;
  for (const [index, aliases] of names.entries()) {
    if (aliases.some((alias) => alias.toLowerCase() === wanted)) return index;
  }
  for (const [index, aliases] of names.entries()) {
    if (aliases.some((alias) => normalize(alias) === squashed)) return index;
  }
  // "the ssh key one" picks "SSH Key Authentication": one option containing the words.
  const containing = names.flatMap((aliases, index) =>
    aliases.some((alias) => {
      const name = normalize(alias);
      return name.length >= 3 && squashed.length >= 3 && (name.includes(squashed) || squashed.includes(name));
    })
      ? [index]
      : [],
  );
  if (containing.length === 1) return containing[0];
  let best = -1;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tie = false;
  for (const [index, aliases] of names.entries()) {
    for (const alias of aliases) {
      const name = normalize(alias);
      const allowed = Math.max(1, Math.floor(name.length / 3));
      const found = distance(name, squashed);
      if (found > allowed) continue;
      if (found < bestDistance) {
        best = index;
        bestDistance = found;
        tie = false;
      } else if (found === bestDistance && index !== best) tie = true;
    }
  }
  return tie ? -1 : best;
}

// Compact duration codes enums use: "1d", "1wk", "3mo", "1y", "15m", "1h".
const CODES: Record<string, string[]> = { minute: ["m", "min"], hour: ["h", "hr"], day: ["d"], week: ["wk", "w"], month: ["mo"], year: ["y", "yr"] };
const UNIT_WORDS = ["minute", "hour", "day", "week", "month", "year"];

/** "daily" → 1d, "3 months" (or "3 monhts") → 3mo, when the enum holds such codes. */
function durationCode(raw: string, values: Array<string | number | boolean>): string | undefined {
  const spoken = PERIOD_WORDS[raw.toLowerCase()] ?? raw;
  const match = /^(?:(?:the\s+)?(?:last|past)\s+)?(\d+)\s*([a-z]+)$/i.exec(spoken.trim().replace(/^(?:over|for)\s+/i, ""));
  if (!match) return undefined;
  const word = match[2].toLowerCase().replace(/s$/, "");
  const unit = UNIT_WORDS.find((candidate) => candidate === word || (word.length >= 4 && word[0] === candidate[0] && distance(word, candidate) <= 2));
  if (!unit) return undefined;
  return CODES[unit].map((code) => `${match[1]}${code}`).find((code) => values.includes(code));
}

function parseEnum(raw: string, values: Array<string | number | boolean>): Parsed {
  const index = matchName(raw, values.map((value) => [String(value)]));
  if (index >= 0) return { ok: true, value: values[index] };
  const code = durationCode(raw, values);
  if (code !== undefined) return { ok: true, value: code };
  return { ok: false, reason: `"${raw}" is not one of: ${values.join(", ")}` };
}

/** The option index for a choice answer (title, discriminator value, or its number in the list). */
export function parseOption(raw: string, question: Question): number {
  const options = question.options ?? [];
  const index = matchName(
    raw,
    options.map((option) => [option.title, ...(option.value !== undefined ? [String(option.value)] : [])]),
  );
  if (index >= 0) return options[index].index;
  const numbered = /^(?:option\s*|#|no\.?\s*)?(\d{1,2})$/i.exec(raw.trim());
  if (numbered) {
    const position = Number(numbered[1]) - 1;
    if (options[position]) return options[position].index;
  }
  const ordinal = /^(?:the\s+)?(first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)(?:\s+(?:one|option))?$/i.exec(raw.trim());
  if (ordinal) {
    const word = ordinal[1].toLowerCase();
    const position = word === "last" ? options.length - 1 : ["first", "second", "third", "fourth", "fifth"].indexOf(word) >= 0
      ? ["first", "second", "third", "fourth", "fifth"].indexOf(word)
      : Number(word[0]) - 1;
    if (options[position]) return options[position].index;
  }
  // "the OAuth one": strip the filler and try the words themselves.
  const core = raw.trim().replace(/^(?:the|a|an)\s+/i, "").replace(/\s+(?:one|option|please)$/i, "");
  if (core !== raw.trim() && core) {
    const index = matchName(core, options.map((option) => [option.title, ...(option.value !== undefined ? [String(option.value)] : [])]));
    if (index >= 0) return options[index].index;
  }
  return -1;
}

function parseInteger(raw: string): Parsed {
  const cleaned = raw.replace(/[\s,_](?=\d{3}\b)/g, "");
  if (/^[-+]?\d+$/.test(cleaned)) return { ok: true, value: Number(cleaned) };
  const numbers = raw.match(/[-+]?\d+(?:\.\d+)?/g) ?? [];
  if (numbers.length === 1 && /^[-+]?\d+$/.test(numbers[0]) && raw.replace(numbers[0], "").trim().split(/\s+/).length <= 2) {
    return { ok: true, value: Number(numbers[0]) };
  }
  return { ok: false, reason: `"${raw}" is not a whole number` };
}

function parseNumber(raw: string): Parsed {
  const cleaned = raw.replace(/[\s,_](?=\d{3}\b)/g, "");
  if (/^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i.test(cleaned)) return { ok: true, value: Number(cleaned) };
  const numbers = raw.match(/[-+]?\d+(?:\.\d+)?/g) ?? [];
  if (numbers.length === 1) return { ok: true, value: Number(numbers[0]) };
  return { ok: false, reason: `"${raw}" is not a number` };
}

function parseBoolean(raw: string): Parsed {
  const word = raw.trim().toLowerCase().replace(/[.!]+$/, "");
  if (TRUE_WORDS.has(word)) return { ok: true, value: true };
  if (FALSE_WORDS.has(word)) return { ok: true, value: false };
  return { ok: false, reason: `"${raw}" is not a yes or a no` };
}

/**
 * A number field that holds a moment as a Unix timestamp ("Date from when the sync should start in
 * epoch Unix timestamp"): a date said in words is stored as seconds (or milliseconds) since 1970.
 */
export function wantsEpoch(question: Question): "s" | "ms" | null {
  if ((question.type !== "integer" && question.type !== "number") || question.enum) return null;
  const words = `${question.title} ${question.description ?? ""}`;
  const key = question.path.split("/").pop() ?? "";
  const examples = (question.examples ?? (question.example !== undefined ? [question.example] : [])).map(String);
  const momentKey = /(?:date|time|since|until|from|after|before)/i.test(key);
  const epochExample = examples.length > 0 && examples.every((example) => /^1\d{9}(?:\d{3})?$/.test(example));
  if (!/\b(?:unix|epoch)\b/i.test(words) && !(momentKey && (epochExample || /\btimestamp\b/i.test(words)))) return null;
  return /millisecond|\bms\b/i.test(words) || examples.some((example) => /^1\d{12}$/.test(example)) ? "ms" : "s";
}

function parseEpoch(raw: string, question: Question, unit: "s" | "ms"): Parsed {
  const cleaned = raw.trim().replace(/[.,;!]+$/, "");
  if (/^\d{9,13}$/.test(cleaned)) return { ok: true, value: Number(cleaned) };
  const asDate = parseDate(cleaned, { ...question, type: "string", pattern: undefined, format: "date-time" }, "date-time");
  if (!asDate.ok) return { ok: false, reason: `"${raw}" is not a date or a Unix timestamp` };
  const millis = Date.parse(String(asDate.value));
  return Number.isNaN(millis) ? { ok: false, reason: `"${raw}" is not a date I can read` } : { ok: true, value: unit === "ms" ? millis : Math.floor(millis / 1000) };
}

export function wantsDate(question: Question): "date" | "date-time" | null {
  if (question.type !== "string" || question.enum) return null;
  if (question.format === "date") return "date";
  if (question.format === "date-time") return "date-time";
  const pattern = question.pattern ?? "";
  const yearish = /\[0-9\]\{4\}|\\d\{4\}|\[1-9\]\[0-9\]\{3\}|\[0-9\]\{8\}|\\d\{8\}/.test(pattern);
  const example = [question.example, ...(question.examples ?? [])].find((item): item is string => typeof item === "string") ?? "";
  // (A date's shape, with a year and a month that can be: "111111111111111" is an id, not a date.)
  const exampleDate = /^(?:(?:1[89]|20)\d{2}-?(?:0[1-9]|1[0-2])-?(?:0[1-9]|[12]\d|3[01])(?!\d)|YYYY-?MM-?DD)/.test(example);
  const named = /(?:^|_)date(?:_?time)?$|^(?:start|end)_?(?:time|datetime)$|^(?:since|until)$/i.test(question.path.split("/").pop() ?? "");
  if (!yearish && !exampleDate && !named) return null;
  // (A description that shows a time of day, "in the format 2017-01-25T00:00:00Z", wants one too.)
  const describedTime = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|\bdate and time\b/i.test(question.description ?? "");
  return /T|HH|hh|time/.test(pattern + example) || /time/i.test(question.title) || describedTime ? "date-time" : "date";
}

/**
 * Dates chrono reads not, said as it reads them, each the length of what was said (spans stay
 * true): "the beginning of 2024" is January 1 2024, "the end of 2023" December 31 2023, "New
 * Year's Day 2024" January 1 2024 (holidays of a fixed date, from the lexicon).
 */
export function plainYears(text: string): string {
  const same = (whole: string, said: string) => said.padEnd(whole.length, " ");
  let out = text
    .replace(/\b(?:the\s+)?(?:beginning|start) of (\d{4})\b/gi, (whole, year: string) => same(whole, `Jan 1 ${year}`))
    .replace(/\b(?:the\s+)?end of (\d{4})\b/gi, (whole, year: string) => same(whole, `Dec 31 ${year}`))
    // ("from 1 June of 2023": chrono reads the day as an hour there; "1 June 2023" it reads right.)
    .replace(/\b(\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*)\s+of\s+(\d{4})\b/gi, (whole, day: string, year: string) => same(whole, `${day} ${year}`));
  for (const [holiday, day] of HOLIDAY_DATES) out = out.replace(holiday, (whole) => same(whole, day));
  return out;
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

function parseDate(raw: string, question: Question, kind: "date" | "date-time"): Parsed {
  const pattern = question.pattern ? safeRegExp(question.pattern) : null;
  if (pattern?.test(raw)) return { ok: true, value: raw };
  // With no pattern to fit, an ISO date typed as such stays as typed ("2024-01-01").
  // (Not a day alone where a time is wanted, unless the description shows a day alone too:
  // "Format: 2021-10-24T03:30:30Z or 2021-10-24".)
  const dayAlone = /^\d{4}-\d{2}-\d{2}$/.test(raw.trim()) && kind === "date-time" && !/\d{4}-\d{2}-\d{2}(?![T \d])/.test(question.description ?? "");
  // (Unless the field shows another form of it: "2024-01-01T00:00:00Z" where it shows ".000Z".)
  const shown = shownForms(question);
  const asShown = !shown.length || shown.some((form) => form.test(raw.trim()));
  if (!pattern && !question.format && !dayAlone && asShown && /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(raw.trim())) {
    return { ok: true, value: raw.trim() };
  }
  // ("the sandbox for now": "now" alone is talk, not a date.)
  const results = chrono.parse(plainYears(raw), new Date(), { forwardDate: false }).filter((result) => !/^(?:right\s+)?now$/i.test(result.text.trim()));
  if (results.length === 0) return { ok: false, reason: `"${raw}" is not a date I can read` };
  const start = results[0].start;
  let year = start.get("year") ?? new Date().getUTCFullYear();
  // "since April 1st" means the last April 1st: a start date without a year lies in the past.
  const endish = /(?:^|_)(?:end|until|to|stop)(?:_|$)/.test(question.path.split("/").pop() ?? "");
  if (!start.isCertain("year") && !endish && start.date().getTime() > Date.now()) year -= 1;
  const date = `${pad(year, 4)}-${pad(start.get("month") ?? 1)}-${pad(start.get("day") ?? 1)}`;
  // chrono fills an unsaid time with noon; a date alone means the start of that day.
  const timed = start.isCertain("hour");
  const part = (name: "hour" | "minute" | "second") => (timed ? start.get(name) ?? 0 : 0);
  const time = `${pad(part("hour"))}:${pad(part("minute"))}:${pad(part("second"))}`;
  const compact = `${date.replace(/-/g, "")}T${time.replace(/:/g, "")}Z`;
  const dateForms = [date, date.slice(0, 7), date.replace(/-/g, ""), date.replace(/-/g, "/")];
  // (Fractions of a second as a pattern wants them: ".000Z", ".000000Z" for microseconds.)
  const timeForms = [`${date}T${time}Z`, `${date}T${time}.000Z`, `${date}T${time}.000000Z`, `${date}T${time}`, `${date} ${time}`, `${date}T${time}+00:00`, compact];
  // (A day said without a time is written as a day where the pattern takes one: "a date and
  // optional time".)
  const candidates = kind === "date" || (pattern && !timed) ? [...dateForms, ...timeForms] : [...timeForms, ...dateForms];
  // With no pattern, the form the field's examples or default show ("2000-10-31T01:30:00.000Z").
  if (!pattern) return { ok: true, value: candidates.find((candidate) => shown.some((form) => form.test(candidate))) ?? candidates[0] };
  const fitting = candidates.find((candidate) => pattern.test(candidate));
  return fitting ? { ok: true, value: fitting } : { ok: false, reason: `"${raw}" does not fit the format${question.pattern_descriptor ? ` ${question.pattern_descriptor}` : ""}` };
}

/** The shapes of the dates a field's examples, default and description show, digit for digit. */
function shownForms(question: Question): RegExp[] {
  const described = (question.description ?? "").match(/\b\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?/g) ?? [];
  const shown = [question.example, ...(question.examples ?? []), question.default, ...described].filter((item): item is string => typeof item === "string" && /^\d{4}-\d{2}-\d{2}/.test(item));
  // (Every mark escaped: an example may say more than a date, "2021-01-01 (UTC)".)
  return shown.map((item) => new RegExp(`^${item.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\d/g, "\\d")}$`));
}

function safeRegExp(source: string): RegExp | null {
  try {
    return new RegExp(source, "u");
  } catch {
    try {
      return new RegExp(source);
    } catch {
      return null;
    }
  }
}

function parseScalar(raw: string, type: string, question: Question, enumValues?: Array<string | number | boolean>): Parsed {
  if (enumValues && enumValues.length > 0) return parseEnum(raw, enumValues);
  const epoch = wantsEpoch(question);
  if (epoch) return parseEpoch(raw, question, epoch);
  switch (type) {
    case "integer":
      return parseInteger(raw);
    case "number":
      return parseNumber(raw);
    case "boolean":
      return parseBoolean(raw);
    case "object":
      try {
        const value = JSON.parse(raw);
        if (value && typeof value === "object" && !Array.isArray(value)) return { ok: true, value };
      } catch {
        // fall through to the reason below
      }
      return { ok: false, reason: "this setting takes a JSON object" };
    default: {
      const date = wantsDate(question);
      if (date) return parseDate(raw, question, date);
      if (question.format === "email" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw)) {
        return { ok: false, reason: `"${raw}" is not an email address` };
      }
      return { ok: true, value: raw };
    }
  }
}

/** Parses `raw` (already unwrapped) for the question's type. */
export function parseValue(question: Question, raw: string): Parsed {
  const text = raw.trim();
  if (question.type === "array") {
    if (/^\[.*\]$/s.test(text)) {
      try {
        const value = JSON.parse(text);
        if (Array.isArray(value)) return { ok: true, value };
      } catch {
        // not JSON: read it as a list of words
      }
    }
    const items = text
      .split(/\s*(?:,|;|\band\b|&)\s*/i)
      .map((item) => item.trim().replace(/^["'`]|["'`]$/g, ""))
      .filter(Boolean);
    if (items.length === 0) return { ok: false, reason: "the list is empty" };
    const values: unknown[] = [];
    for (const item of items) {
      const parsed = parseScalar(item, question.itemType ?? "string", question, question.enum);
      if (!parsed.ok) return parsed;
      values.push(parsed.value);
    }
    return { ok: true, value: values };
  }
  if (!text) return { ok: false, reason: "the answer is empty" };
  const duration = inFieldUnit(question, text);
  if (duration !== undefined) return parseScalar(String(duration), question.type, question, question.enum);
  return parseScalar(text, question.type, question, question.enum);
}

/**
 * The unit a number field counts time in, from its name, title and description ("lookback window
 * (days)", "Request Timeout, ms"). "Period" fields with values like 1/7/30 count days.
 */
export function timeUnitOf(question: Question): string | undefined {
  if (question.type !== "integer" && question.type !== "number") return undefined;
  const key = question.path.split("/").pop() ?? "";
  // (Milliseconds first: "timeout_ms" often says "seconds" in its description too.)
  if (/(?:^|_)ms$|millis/i.test(key) || /\bms\b|millisecond/i.test(question.title ?? "")) return "millisecond";
  const words = `${key} ${question.title} ${question.description ?? ""}`.toLowerCase();
  const named = /(?:^|[^a-z])(second|minute|hour|day|week|month|year)s?(?:[^a-z]|$)/.exec(words);
  if (named) return named[1];
  return /\bperiod\b/.test(words) ? "day" : undefined;
}

/** "2 weeks" for a number of days is 14; "weekly" for a period of days is 7. */
function inFieldUnit(question: Question, text: string): number | undefined {
  if (question.type !== "integer" && question.type !== "number") return undefined;
  const period = PERIOD_WORDS[text.toLowerCase()];
  // ("one hour", "an hour": a count in words is the count.)
  const spoken = period ? (/^\d/.test(period) ? period : `1 ${period}`) : numberWordsToDigits(text).replace(/^an?\s+/i, "1 ");
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(spoken.trim());
  const said = match ? UNIT_ABBREVIATIONS[match[2].toLowerCase()] ?? TIME_UNITS.find((unit) => match[2].toLowerCase().replace(/s$/, "") === unit) : undefined;
  const unit = timeUnitOf(question);
  if (!match || !said || !unit) return undefined;
  const value = (Number(match[1]) * UNIT_SECONDS[said]) / UNIT_SECONDS[unit];
  return Number.isInteger(value) || question.type === "number" ? value : Math.round(value);
}
