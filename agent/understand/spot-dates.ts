// A date said without its field's name: "answers from 2024-01-01" for Date from, "everything
// since March 3rd" for the one start date. The words before the date tell a start from an end.
import * as chrono from "chrono-node";
import { getAt } from "../../specs/index.ts";
import type { Question } from "../../specs/types.ts";
import { parseValue, plainYears, wantsDate } from "./parse-value.ts";
import type { Decision } from "./types.ts";

const pad = (value: number, width = 2) => String(value).padStart(width, "0");
const isoOf = (components: chrono.ParsedComponents) =>
  `${pad(components.get("year") ?? new Date().getUTCFullYear(), 4)}-${pad(components.get("month") ?? 1)}-${pad(components.get("day") ?? 1)}`;

const START_CUE = /\b(?:from|since|starting(?: from| on| at)?|after|as of|beginning(?: on| from)?|going back to|back to|as far back as)\s*(?:the\s+)?$/i;
// "from the first of June 2023 onward": a start said after the date.
const START_AFTER = /^\s*(?:on(?:wards?)?|and (?:later|after|since))\b/i;
const END_CUE = /\b(?:until|till|to|through|before|up to|ending(?: on)?)\s*$/i;
const startish = (question: Question) => /start|from|since|begin|after|lookback/i.test(`${question.path} ${question.title}`);
const endish = (question: Question) => /end|until|to_date|stop|before/i.test(`${question.path} ${question.title}`);


/**
 * `taken`: date fields the message already named with their own words; only the other end of a
 * range ("from January through June") or an "until" date can still go to another field then.
 */
export function spotDates(raw: string, fields: Question[], values: Record<string, unknown>, pending: Question | null, taken: Set<string> = new Set()): Decision[] {
  const text = plainYears(raw);
  const dateFields = fields.filter(
    (field) => wantsDate(field) && !field.secret && !taken.has(field.path) && (field.path === pending?.path || getAt(values, field.path) === undefined),
  );
  if (dateFields.length === 0) return [];
  const decisions: Decision[] = [];
  const used = new Set<string>();
  const assign = (wanted: (question: Question) => boolean, raw: string) => {
    const open = dateFields.filter((field) => !used.has(field.path));
    let candidates = open.filter((field) => wanted(field) || (dateFields.length === 1 && taken.size === 0));
    // "start_date" beside "dispute_start_date": the plain one, or the required one.
    if (candidates.length > 1) candidates = candidates.filter((field) => field.required).length === 1 ? candidates.filter((field) => field.required) : candidates;
    if (candidates.length > 1) {
      const shortest = Math.min(...candidates.map((field) => field.path.length));
      candidates = candidates.filter((field) => field.path.length === shortest);
    }
    if (candidates.length !== 1) return;
    const [field] = candidates;
    const parsed = parseValue(field, raw);
    if (!parsed.ok) return;
    used.add(field.path);
    decisions.push({ kind: "set", path: field.path, value: parsed.value });
  };
  for (const result of chrono.parse(text, new Date(), { forwardDate: false })) {
    // A bare number ("3 days", "port 5432") is not a date; a month, a day of a month or a year is.
    if (!result.start.isCertain("month") && !result.start.isCertain("year")) continue;
    const before = text.slice(Math.max(0, result.index - 20), result.index);
    // "from March 3rd until April": chrono reads one range; its ends go to a start and an end field.
    if (result.end) {
      assign(startish, isoOf(result.start));
      assign(endish, isoOf(result.end));
      continue;
    }
    if (!/\d/.test(result.text) && !/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(result.text)) continue;
    const after = text.slice(result.index + result.text.length, result.index + result.text.length + 20);
    // "going back to May 1st" ends in "to" but starts a range: the start cue is read first.
    const starts = START_CUE.test(before) || START_AFTER.test(after);
    const wanted = starts ? (taken.size > 0 ? null : startish) : END_CUE.test(before) ? endish : null;
    if (wanted) assign(wanted, result.text);
  }
  return decisions;
}
