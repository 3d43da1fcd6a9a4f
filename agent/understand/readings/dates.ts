// Dates said without their field's name: "everything since March 3rd" for the one start date,
// "from March 2024 through June 2024" for a start and an end. The words before a date tell a
// start from an end; an end said as a month or a year means its last day ("through June 2024"
// is June 30th).
import type { ParsedComponents } from "chrono-node";
import { tokensIn, type DateSpan } from "../analyze.ts";
import { DATE_END_CUES, DATE_START_CUES } from "../lexicon.ts";
import { parseValue, wantsDate, wantsEpoch } from "../parse-value.ts";
import { emptyReading, isOpen, type Reading, type Scene } from "../scene.ts";
import type { Question } from "../../../specs/types.ts";
import type { FieldEntry } from "../vocabulary.ts";
import type { Candidate } from "../types.ts";

const pad = (value: number, width = 2) => String(value).padStart(width, "0");
const lastKey = (question: Question) => question.path.split("/").pop() ?? "";
export const startish = (question: Question) => /start|from|since|begin|after|lookback|min/i.test(`${lastKey(question)} ${question.title}`);
/** An end date ("end_date", "Date to", "until"): a month or a year said for it means its last day. */
export const endish = (question: Question) => /end|until|(?:^|_)to(?:_|$)|stop|before|max/i.test(`${lastKey(question)} ${question.title}`) && !startish(question);

/** The date a person means: a start at the first day of what they named, an end at its last. */
export function isoDate(components: ParsedComponents, end: boolean): string {
  const year = components.get("year") ?? new Date().getUTCFullYear();
  // (A start said as a year or a month is its first day, whatever day chrono implies.)
  const known = (unit: "month" | "day") => end || components.isCertain(unit) || components.isCertain("day");
  let month = known("month") ? (components.get("month") ?? 1) : 1;
  let day = known("day") ? (components.get("day") ?? 1) : 1;
  if (end && !components.isCertain("day")) {
    if (!components.isCertain("month")) month = 12;
    day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  }
  // "since April 1st" without a year means the last April 1st, not the next one.
  let shownYear = year;
  if (!end && !components.isCertain("year") && Date.UTC(year, month - 1, day) > Date.now()) shownYear -= 1;
  const time = components.isCertain("hour") ? ` ${pad(components.get("hour") ?? 0)}:${pad(components.get("minute") ?? 0)}:${pad(components.get("second") ?? 0)}` : "";
  return `${pad(shownYear, 4)}-${pad(month)}-${pad(day)}${time}`;
}

/**
 * What a date said is parsed as for a field: its ISO day, or where the field wants a time too
 * (its format, example or description shows one) that day's midnight UTC, as ISO writes it.
 * A day typed as ISO ("2024-01-01") is parsed as typed.
 */
export function dateToParse(question: Question, components: ParsedComponents, said: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(said.trim())) return said.trim();
  const iso = isoDate(components, endish(question));
  // (A day said without a time stays a day: parseDate writes it in the form the field takes,
  // midnight where it wants a time, the day alone where its pattern allows one.)
  return wantsDate(question) === "date-time" && iso.length > 10 ? `${iso.replace(" ", "T")}Z` : iso;
}

function cueBefore(scene: Scene, date: DateSpan): "start" | "end" | null {
  const before = scene.analysis.lower.slice(Math.max(0, date.start - 24), date.start).replace(/\s+the\s*$/, " ").trimEnd();
  const ends = (cues: string[]) => cues.some((cue) => before.endsWith(` ${cue}`) || before === cue);
  if (ends(DATE_START_CUES)) return "start";
  if (ends(DATE_END_CUES)) return "end";
  const after = scene.analysis.lower.slice(date.end, date.end + 20);
  if (/^\s*(?:on(?:wards?)?|and (?:later|after|since))\b/.test(after)) return "start";
  return null;
}

/** A field that takes a date: a date's text, or seconds since 1970 ("Unix timestamp"). */
export function takesDate(field: FieldEntry): boolean {
  return field.shape === "date" || (field.shape === "number" && wantsEpoch(field.question) !== null);
}

/** Dates already read as a named field's value are that field's (see named values). */
export function datesInPassing(scene: Scene, taken: Array<{ start: number; end: number; path?: string }>): Reading {
  const reading = emptyReading();
  const fields = scene.vocabulary.fields.filter((field) => takesDate(field) && isOpen(scene, field) && !field.question.secret);
  if (fields.length === 0) return reading;
  const used = new Set<string>();
  const assign = (wanted: (field: FieldEntry) => boolean, components: ParsedComponents, date: DateSpan, score: number) => {
    let choices = fields.filter((field) => !used.has(field.path) && wanted(field));
    // "start_date" beside "dispute_start_date": the required one, else the plainest.
    if (choices.length > 1 && choices.filter((field) => field.question.required).length === 1) choices = choices.filter((field) => field.question.required);
    if (choices.length > 1) {
      const shortest = Math.min(...choices.map((field) => field.path.length));
      choices = choices.filter((field) => field.path.length === shortest);
    }
    if (choices.length !== 1) return;
    const [field] = choices;
    const [start, end] = date.split === undefined ? [date.start, date.end] : components === date.to ? [date.split, date.end] : [date.start, date.split];
    const said = scene.analysis.text.slice(start, end).replace(/^\s*(?:through|thru|to|until|till|and|up to|[-–])\s*/i, "");
    const parsed = parseValue(field.question, dateToParse(field.question, components, said));
    if (!parsed.ok) return;
    used.add(field.path);
    reading.candidates.push({ path: field.path, value: parsed.value, start, end, score, source: "date" });
  };
  for (const date of scene.analysis.dates) {
    const overlapped = taken.some((span) => date.start < span.end && span.start < (date.split ?? date.end));
    // "starting from January through June": the start went to the field named; the end is left.
    if (overlapped && date.to) {
      assign((field) => endish(field.question), date.to, date, 0.78);
      continue;
    }
    if (overlapped) continue;
    if (scene.analysis.tokens.some((token) => token.start >= date.start && token.end <= date.end && (token.inQuestion || token.negated))) continue;
    if (date.to) {
      assign((field) => startish(field.question), date.from, date, 0.8);
      assign((field) => endish(field.question), date.to, date, 0.8);
      continue;
    }
    const cue = cueBefore(scene, date);
    const pendingDate = scene.pending?.shape === "date" ? scene.pending : null;
    // "we moved last year" is talk; "since last year" or "last year" alone answers a date.
    const explicit = /\d/.test(date.text) && (date.from.isCertain("month") || date.from.isCertain("year"));
    const alone = scene.analysis.tokens.filter((token) => token.kind !== "punct" && (token.start < date.start || token.end > date.end)).every((token) => !/^[a-z]{3,}$/i.test(token.text) || /^(?:since|from|starting|until|till|through|to|the|of|it's|its|use|please|ok)$/i.test(token.text));
    if (!cue && !explicit && !alone) continue;
    if (cue === "start") assign((field) => startish(field.question) || (fields.length === 1 && !endish(field.question)), date.from, date, 0.8);
    else if (cue === "end") assign((field) => endish(field.question) || (fields.length === 1 && !startish(field.question)), date.from, date, 0.8);
    else if (pendingDate && !used.has(pendingDate.path)) assign((field) => field.path === pendingDate.path, date.from, date, 0.8);
    else if (fields.length === 1) assign(() => true, date.from, date, 0.62);
    // ("from midnight on the 1st of January 2024 up to midnight on the 1st of April 2024": the
    // start went to the field named; a later date said in full is the end.)
    else if (explicit && scene.analysis.dates.some((other) => other.end <= date.start && taken.some((span) => other.start < span.end && span.start < (other.split ?? other.end))))
      assign((field) => endish(field.question), date.from, date, 0.7);
    // (And an earlier one the start, once a later date went to the end: "2024-01-01 through the
    // end of June 2024".)
    else if (explicit && scene.analysis.dates.some((other) => other.start >= date.end && taken.some((span) => other.start < span.end && span.start < (other.split ?? other.end))))
      assign((field) => startish(field.question), date.from, date, 0.7);
  }
  reading.candidates.push(...restatedDates(scene, fields, taken));
  return reading;
}

/**
 * "from the start of this year, so 2024-01-01": a date a field's name took in words, said again
 * in digits later in the sentence, is meant as the digits say (the words are read against today,
 * which need not be the writer's today).
 */
function restatedDates(scene: Scene, fields: FieldEntry[], taken: Array<{ start: number; end: number; path?: string }>): Candidate[] {
  const { dates } = scene.analysis;
  const sentenceAt = (date: DateSpan) => tokensIn(scene.analysis, date.start, date.end)[0]?.sentence;
  const restated: Candidate[] = [];
  for (const [index, date] of dates.entries()) {
    const named = taken.find((span) => span.path && date.start < span.end && span.start < date.end);
    const field = named && fields.find((candidate) => candidate.path === named.path);
    const next = dates[index + 1];
    if (!field || /\d/.test(date.text) || date.to || !next || next.to || !/\d/.test(next.text) || !next.from.isCertain("year")) continue;
    if (sentenceAt(next) !== sentenceAt(date) || taken.some((span) => next.start < span.end && span.start < next.end)) continue;
    const parsed = parseValue(field.question, dateToParse(field.question, next.from, scene.analysis.text.slice(next.start, next.end)));
    if (parsed.ok) restated.push({ path: field.path, value: parsed.value, start: next.start, end: next.end, score: 0.9, source: "date" });
  }
  return restated;
}
