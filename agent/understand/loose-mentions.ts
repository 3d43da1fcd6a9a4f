// Field names said loosely: the words of a field's title in another order, inflected, or with the
// usual paraphrase ("40 requests a minute" for Requests per minute, "leave out the X services"
// for Exclude Services, "drop tables with cascade", "don't use the deprecated orders API").
// Every content word of the title must appear within a short window of one clause.
import type { Question } from "../../specs/types.ts";
import type { Mention } from "./mentions.ts";

// Words a title may carry that people leave out ("look back two weeks" for Lookback window).
const GENERIC = new Set(["window", "name", "names", "list", "number", "value", "filter", "size", "count", "setting", "option", "type", "mode", "id", "ids", "range", "field", "environment", "connection"]);
// Distinctive enough to stand for a whole title on its own ("lookbak to 30 days").
const COMMON_TITLE_WORDS = new Set(["start", "end", "date", "time", "user", "name", "data", "stream", "account", "default", "enable", "include", "number"]);

const STOP = new Set(
  "a an the of to in on at by for with from and or is are be as per your my our this that these those its it use using used do does via into over under".split(" "),
);

// Paraphrases people use for a title word, by the word's stem.
const PARAPHRASES: Record<string, RegExp> = {
  exclude: /\b(?:leave out|skip(?:ping)?|ignor(?:e|ing)|except|omit(?:ting)?|without|exclud(?:e|ing))\b/g,
  include: /\b(?:only|just|includ(?:e|ing))\b/g,
  max: /\b(?:at most|up to|maximum|max)\b/g,
  maximum: /\b(?:at most|up to|maximum|max)\b/g,
  number: /\b(?:number of|count of|num)\b/g,
  minute: /\b(?:minutes?|min)\b/g,
};

/** Edits between two words, a swap of neighbours counting as one ("subdomian"). */
function slips(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

/** A message word for a title word: the same stem, or a slip in a long word ("projcts", "lookbak", "subdomian"). */
function sameWord(said: string, title: string): boolean {
  if (said === title) return true;
  if (title.length < 6 || said[0] !== title[0] || Math.abs(said.length - title.length) > 1) return false;
  return slips(said, title) <= 1;
}

export function stem(word: string): string {
  let out = word.toLowerCase();
  if (out.length > 4 && out.endsWith("ies")) return out.slice(0, -3) + "y";
  if (out.length > 4 && /(?:ses|xes|ches|shes)$/.test(out)) return out.slice(0, -2);
  if (out.length > 3 && out.endsWith("s") && !out.endsWith("ss")) out = out.slice(0, -1);
  if (out.length > 5 && out.endsWith("ing")) out = out.slice(0, -3);
  else if (out.length > 4 && out.endsWith("ed")) out = out.slice(0, -2);
  return out;
}

const contentCache = new WeakMap<Question, string[]>();

/** The title's content words, stemmed: "Use `Orders` Deprecated API" → orders, deprecated, api. */
function contentWords(question: Question): string[] {
  let words = contentCache.get(question);
  if (!words) {
    const title = question.title.replace(/\(.*?\)/g, " ");
    words = [...new Set(title.toLowerCase().split(/[^a-z0-9]+/).filter((word) => word.length >= 2 && !STOP.has(word)).map(stem))];
    contentCache.set(question, words);
  }
  return words;
}

const sharedCache = new WeakMap<Question[], Set<string>>();

/**
 * Words most titles of a spec share ("GoCardless API Version", "GoCardless API Environment"):
 * people leave the connector's own name out when they name a field.
 */
function sharedTitleWords(fields: Question[]): Set<string> {
  let shared = sharedCache.get(fields);
  if (!shared) {
    const counts = new Map<string, number>();
    for (const field of fields) for (const word of contentWords(field)) counts.set(word, (counts.get(word) ?? 0) + 1);
    const first = new Map<string, number>();
    for (const field of fields) {
      const [head] = contentWords(field);
      if (head) first.set(head, (first.get(head) ?? 0) + 1);
    }
    // A word that opens two titles or more, and a third of them at least.
    shared = new Set([...first].filter(([word, count]) => count >= 2 && count * 3 >= fields.length).map(([word]) => word));
    sharedCache.set(fields, shared);
  }
  return shared;
}

interface Token {
  stem: string;
  start: number;
  end: number;
}

function tokensOf(lower: string): Token[] {
  const tokens: Token[] = [];
  // Whole words only: "store" inside "acme-store" is a value, not the title word.
  const words = [...lower.matchAll(/[a-z0-9]+(?:[-_.][a-z0-9]+)*/g)];
  for (const match of words) tokens.push({ stem: stem(match[0]), start: match.index!, end: match.index! + match[0].length });
  // Two words said as one title word: "look back" for Lookback, "sign in" for Signin.
  for (let index = 0; index + 1 < words.length; index++) {
    const [first, second] = [words[index], words[index + 1]];
    if (second.index! - (first.index! + first[0].length) > 1) continue;
    tokens.push({ stem: stem(first[0] + second[0]), start: first.index!, end: second.index! + second[0].length });
  }
  // A paraphrase stands for the title word it paraphrases, at its own place.
  for (const [word, pattern] of Object.entries(PARAPHRASES)) {
    for (const match of lower.matchAll(pattern)) tokens.push({ stem: word, start: match.index!, end: match.index! + match[0].length });
  }
  return tokens.sort((a, b) => a.start - b.start);
}

/** Mentions of fields with two or more content words that the exact names did not find. */
export function looseMentions(lower: string, fields: Question[], taken: Mention[]): Mention[] {
  const tokens = tokensOf(lower);
  // Sentences bound a title said loosely; a comma does not ("for threads, look back 2 weeks").
  const clauseBreaks = [...lower.matchAll(/[.;!?]\s/g)].map((match) => match.index!);
  const sameClause = (from: number, to: number) => !clauseBreaks.some((at) => at > from && at < to);
  const found: Mention[] = [];
  const mentioned = new Set(taken.map((mention) => mention.question.path));
  for (const question of fields) {
    if (mentioned.has(question.path)) continue;
    const all = contentWords(question);
    // The words that must be said: generic ones may be left out, and a yes/no setting of three
    // words or more may miss one ("include deleted records" for Include Deleted Objects).
    const shared = sharedTitleWords(fields);
    const words = all.filter((word) => !GENERIC.has(word) && !(shared.has(word) && all.length > 1));
    if (words.length === 0) continue;
    const boolean = question.type === "boolean" && question.kind === "field";
    const spare = boolean && words.length >= 3 ? 1 : 0;
    // One distinctive word stands for the title only when it is long and rare ("lookback").
    if (words.length - spare < 2 && !(words.length === 1 && words[0].length >= 6 && !COMMON_TITLE_WORDS.has(words[0]))) continue;
    for (const [index, token] of tokens.entries()) {
      if (!words.some((word) => sameWord(token.stem, word))) continue;
      // Every needed word within a window starting here, in any order.
      // (A value between the words may take a few tokens: "leave out the billing-svc and legacy-api services".)
      const reach = token.start + 12 * (words.length + 4);
      const window = tokens.slice(index).filter((candidate) => candidate.start <= reach);
      const located = words.map((word) => window.find((candidate) => sameWord(candidate.stem, word)));
      if (located.filter((hit) => hit === undefined).length > spare) continue;
      const hits = located.filter((hit): hit is Token => hit !== undefined);
      if (hits.length === 0) continue;
      const start = Math.min(...hits.map((hit) => hit!.start));
      const end = Math.max(...hits.map((hit) => hit!.end));
      if (!sameClause(start, end)) continue;
      const overlaps = [...taken, ...found].some((other) => start < other.end && other.start < end);
      if (overlaps) continue;
      const inner = innerText(lower, hits, start, end);
      found.push({ question, start, end, ...(inner ? { inner } : {}) });
      break;
    }
  }
  return found;
}

/**
 * "keep it to 3 workers": a number right before the last word of a number field's title
 * (Number of concurrent workers), when no other number field's title ends in that word.
 */
export function countMentions(lower: string, fields: Question[], taken: Mention[]): Mention[] {
  const numeric = fields.filter((field) => field.kind === "field" && (field.type === "integer" || field.type === "number") && !field.secret);
  const heads = new Map<string, Question[]>();
  for (const field of numeric) {
    const words = contentWords(field).filter((word) => !GENERIC.has(word));
    const head = words[words.length - 1];
    if (head && head.length >= 4) heads.set(head, [...(heads.get(head) ?? []), field]);
  }
  const found: Mention[] = [];
  for (const match of lower.matchAll(/\b\d+(?:\.\d+)?\s+([a-z]+)\b/g)) {
    const owners = heads.get(stem(match[1]));
    if (!owners || owners.length !== 1) continue;
    const start = match.index! + match[0].length - match[1].length;
    const end = start + match[1].length;
    if ([...taken, ...found].some((other) => other.question.path === owners[0].path || (start < other.end && other.start < end))) continue;
    found.push({ question: owners[0], start, end });
  }
  return found;
}

/** The words inside the window that are not the title's own: often the value itself. */
function innerText(lower: string, hits: Token[], start: number, end: number): { start: number; end: number } | undefined {
  const sorted = [...hits].sort((a, b) => a.start - b.start);
  let best: { start: number; end: number } | undefined;
  for (let index = 0; index + 1 < sorted.length; index++) {
    const gap = { start: sorted[index].end, end: sorted[index + 1].start };
    const text = lower.slice(gap.start, gap.end).replace(/^\s*(?:the|a|an|all)\s+/, "").trim();
    if (text && (!best || gap.end - gap.start > best.end - best.start)) best = gap;
  }
  return best && best.start >= start && best.end <= end ? best : undefined;
}
