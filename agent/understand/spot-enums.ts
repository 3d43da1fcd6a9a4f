// Enum values said in passing, without the field's name: "just my unread favorite articles,
// newest first" (state unread, content type article, sort newest), "we're on datadoghq.eu",
// "sorted by popularty" (a typo of popularity), "the EU data center" (EU Residency Server).
// Plain words that many specs use as values ("all", "daily", "json") never count on their own.
import { distance } from "fastest-levenshtein";
import { getAt } from "../../specs/index.ts";
import type { Question } from "../../specs/types.ts";
import { stem } from "./loose-mentions.ts";
import { withoutNegated } from "./spot.ts";
import type { Decision } from "./types.ts";

const COMMON = new Set(
  ("all none true false yes no default other others custom standard basic simple full complete partial daily weekly monthly hourly yearly " +
    "day days week weeks month months year years hour hours minute minutes json csv xml auto automatic manual on off and or not any new old " +
    "first last start end name type value title site date time text data info error warn warning debug low medium high normal public private " +
    "read write both none disabled enabled enable disable open closed active inactive live test prod production sandbox general other").split(" "),
);

// Two- and three-letter words of English that code lists (countries, languages) also hold.
const ENGLISH_SHORT = new Set(
  "a i am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we ye yo all and any are but can day did for get had has her him his how its let may new not now off old one our out own say see she the too two use was way who why yes yet you".split(" "),
);

/** "headlines from gb", "in DE": a code of a list of codes, led in by a preposition or said in capitals. */
function namesCode(value: string, said: Array<{ word: string; original: string }>): string | undefined {
  for (const [index, { word, original }] of said.entries()) {
    if (word !== value || ENGLISH_SHORT.has(word)) continue;
    const led = index > 0 && /^(?:from|in|for|of)$/.test(said[index - 1].word);
    if (led || original === original.toUpperCase()) return word;
  }
  return undefined;
}

interface Hit {
  question: Question;
  value: string | number | boolean;
  word: string;
}

/** The text with negated words blanked, keeping the original case elsewhere. */
function maskNegated(text: string): string {
  const masked = withoutNegated(text.toLowerCase());
  return [...text].map((char, index) => (masked[index] === " " && char !== " " ? " " : char)).join("");
}

function wordsOf(text: string): Array<{ word: string; original: string }> {
  return [...text.matchAll(/[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]|[A-Za-z0-9]/g)].map((match) => ({ word: match[0].toLowerCase(), original: match[0] }));
}

/** A message word that names this one-word value: itself, its plural, or a close misspelling. */
function namesValue(value: string, word: string): boolean {
  if (word === value || stem(word) === stem(value)) return true;
  if (value.length < 6 || word[0] !== value[0]) return false;
  return distance(value, word) <= (value.length >= 9 ? 2 : 1);
}

function distinctive(value: string): boolean {
  return /[._/-]/.test(value) || (value.length >= 4 && !COMMON.has(value));
}

export function spotEnumValues(text: string, fields: Question[], values: Record<string, unknown>, pending: Question | null, ignore: Set<string>): Decision[] {
  // "our sandbox site, not production": a value after a negation is not the one meant.
  const said = wordsOf(withoutNegated(text.toLowerCase()) === text.toLowerCase() ? text : maskNegated(text)).filter(({ word }) => !ignore.has(word));
  const saidStems = new Set(said.map(({ word }) => stem(word)));
  const hits: Hit[] = [];
  for (const question of fields) {
    if (question.secret || question.kind !== "field" || !question.enum || question.enum.length < 2) continue;
    if (question.path !== pending?.path && getAt(values, question.path) !== undefined) continue;
    const multi = question.enum.filter((value): value is string => typeof value === "string" && /\s/.test(value));
    const codes = question.enum.every((value) => typeof value === "string" && /^[a-z]{2,3}$/i.test(value));
    for (const value of question.enum) {
      if (typeof value !== "string") continue;
      const lower = value.toLowerCase();
      if (!/\s/.test(lower)) {
        // "CDC", "EU": a value that is an acronym, said in capitals.
        if (/^[A-Z]{2,5}$/.test(value) && said.some(({ original }) => original === value)) {
          hits.push({ question, value, word: lower });
          continue;
        }
        if (codes) {
          const word = namesCode(lower, said);
          if (word) hits.push({ question, value, word });
          continue;
        }
        if (!distinctive(lower)) {
          // A plain value right beside a word of its field's title: "the live environment".
          const titleStems = new Set(question.title.toLowerCase().split(/[^a-z0-9]+/).filter((word) => word.length >= 3).map(stem));
          const beside = said.findIndex(({ word }, index) => word === lower && [said[index - 1], said[index + 1]].some((near) => near && titleStems.has(stem(near.word))));
          if (beside >= 0) hits.push({ question, value, word: lower });
          continue;
        }
        // "ascending" for asc, "descending" for desc: a short code a longer word begins with.
        const found = said.find(({ word }) => namesValue(lower, word)) ?? (lower.length >= 3 && lower.length <= 4 ? said.find(({ word }) => word.length >= lower.length + 4 && word.startsWith(lower)) : undefined);
        if (found) hits.push({ question, value, word: found.word });
        continue;
      }
      // A value of several words: one of its words no other value has, in a message that
      // speaks of the field ("the EU data center" for Data region: EU Residency Server).
      const aboutField = question.title.toLowerCase().split(/[^a-z0-9]+/).some((word) => word.length >= 4 && saidStems.has(stem(word)));
      if (!aboutField) continue;
      const others = multi.filter((other) => other !== value).flatMap((other) => other.toLowerCase().split(/\s+/));
      for (const part of value.split(/\s+/)) {
        const acronym = /^[A-Z]{2,}$/.test(part) && said.some(({ original }) => original === part);
        const word = part.toLowerCase();
        if (others.includes(word) || COMMON.has(word)) continue;
        if (acronym || (word.length >= 5 && said.some((spoken) => spoken.word === word))) {
          hits.push({ question, value, word });
          break;
        }
      }
    }
  }
  // A word that names values of two fields names neither.
  const claims = new Map<string, Set<string>>();
  for (const hit of hits) claims.set(hit.word, (claims.get(hit.word) ?? new Set()).add(hit.question.path));
  const byField = new Map<string, Hit[]>();
  for (const hit of hits) {
    if (claims.get(hit.word)!.size > 1) continue;
    byField.set(hit.question.path, [...(byField.get(hit.question.path) ?? []), hit]);
  }
  const decisions: Decision[] = [];
  for (const [path, fieldHits] of byField) {
    const question = fieldHits[0].question;
    const distinct = [...new Set(fieldHits.map((hit) => hit.value))];
    if (question.type === "array") decisions.push({ kind: "set", path, value: distinct });
    else if (distinct.length === 1) decisions.push({ kind: "set", path, value: distinct[0] });
  }
  return decisions;
}
