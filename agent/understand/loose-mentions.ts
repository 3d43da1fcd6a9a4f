// Field names said loosely: the words of a field's title in another order, inflected, or with the
// usual paraphrase ("40 requests a minute" for Requests per minute, "leave out the X services"
// for Exclude Services, "drop tables with cascade", "don't use the deprecated orders API").
// Every content word of the title must appear within a short window of one clause.
import type { Question } from "../../specs/types.ts";
import type { Mention } from "./mentions.ts";

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

interface Token {
  stem: string;
  start: number;
  end: number;
}

function tokensOf(lower: string): Token[] {
  const tokens: Token[] = [];
  // Whole words only: "store" inside "acme-store" is a value, not the title word.
  for (const match of lower.matchAll(/[a-z0-9]+(?:[-_.][a-z0-9]+)*/g)) tokens.push({ stem: stem(match[0]), start: match.index!, end: match.index! + match[0].length });
  // A paraphrase stands for the title word it paraphrases, at its own place.
  for (const [word, pattern] of Object.entries(PARAPHRASES)) {
    for (const match of lower.matchAll(pattern)) tokens.push({ stem: word, start: match.index!, end: match.index! + match[0].length });
  }
  return tokens.sort((a, b) => a.start - b.start);
}

/** Mentions of fields with two or more content words that the exact names did not find. */
export function looseMentions(lower: string, fields: Question[], taken: Mention[]): Mention[] {
  const tokens = tokensOf(lower);
  const clauseBreaks = [...lower.matchAll(/[.;!?]\s|[,]\s+(?:and\s+)?(?=[a-z])/g)].map((match) => match.index!);
  const sameClause = (from: number, to: number) => !clauseBreaks.some((at) => at > from && at < to);
  const found: Mention[] = [];
  const mentioned = new Set(taken.map((mention) => mention.question.path));
  for (const question of fields) {
    if (mentioned.has(question.path)) continue;
    const words = contentWords(question);
    if (words.length < 2) continue;
    for (const [index, token] of tokens.entries()) {
      if (!words.includes(token.stem)) continue;
      // Every content word within a window starting here, in any order.
      // (A value between the words may take a few tokens: "leave out the billing-svc and legacy-api services".)
      const window = tokens.slice(index, index + words.length + 7);
      const hits = words.map((word) => window.find((candidate) => candidate.stem === word));
      if (hits.some((hit) => hit === undefined)) continue;
      const start = Math.min(...hits.map((hit) => hit!.start));
      const end = Math.max(...hits.map((hit) => hit!.end));
      if (!sameClause(start, end)) continue;
      const overlaps = [...taken, ...found].some((other) => start < other.end && other.start < end);
      if (overlaps) continue;
      const inner = innerText(lower, hits as Token[], start, end);
      found.push({ question, start, end, ...(inner ? { inner } : {}) });
      break;
    }
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
