// A value the message says with a word only one field's own text has: "The file is
// /outbound/inventory.xlsx" where the URL field is described as "the URL path to access the
// file", "history I need 48 hours" where only Historic Hours speaks of history. The words a
// field is known by here are every content word of its key, title and description (what the
// spec's author wrote about it), not only its names. Only a value no other reading took, in the
// clause of such a word, for the one open field that word belongs to and the value fits; a weak
// reading (it loses to any other for the same words).
import { isContent, type Token } from "../analyze.ts";
import { fits } from "../fit.ts";
import { FUNCTION_WORDS, PARAPHRASES, SETUP_WORDS, UNIT_WORDS } from "../lexicon.ts";
import { readValue } from "../read-value.ts";
import { emptyReading, isOpen, type Reading, type Scene } from "../scene.ts";
import type { Candidate } from "../types.ts";
import { isGenericTitleWord, stemOf, wordsOf, type FieldEntry, type Vocabulary } from "../vocabulary.ts";

/**
 * Tokens that can only be values: no plain words. (Not a link or a code: those have readings of
 * their own. A host-like word only for a field whose own text shows such words, below: a vendor's
 * own site said in passing is no value.)
 */
const VALUE_SHAPED = new Set(["path", "quoted", "number", "dotted"]);

const bagsCache = new WeakMap<Vocabulary, Map<string, Set<string>>>();
const ownersCache = new WeakMap<Vocabulary, Map<string, FieldEntry[]>>();

/** Each field's own words, as stems (description without its links and markup). */
function bagsOf(vocabulary: Vocabulary): Map<string, Set<string>> {
  let bags = bagsCache.get(vocabulary);
  if (!bags) {
    bags = new Map();
    for (const field of vocabulary.fields) {
      const description = (field.question.description ?? "").replace(/<[^>]+>/g, " ").replace(/\bhttps?:\/\/\S+/g, " ");
      const words = wordsOf(`${field.key} ${field.question.title} ${description}`).filter((word) => word.length >= 3 && !FUNCTION_WORDS.has(word) && /^[a-z]+$/.test(word));
      bags.set(field.path, new Set(words.map(stemOf).filter((stem) => !isGenericTitleWord(stem) && !vocabulary.connectorStems.has(stem))));
    }
    bagsCache.set(vocabulary, bags);
  }
  return bags;
}

/** "history" and "historic": stems of one root, either a prefix of the other (five letters or more). */
function sameRoot(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 5 && long.startsWith(short.slice(0, Math.max(5, short.length - 1)));
}

export function describedWordValues(scene: Scene, taken: Candidate[]): Reading {
  const reading = emptyReading();
  const { tokens } = scene.analysis;
  const values = tokens.filter((token) => VALUE_SHAPED.has(token.kind) && !token.inQuestion && !token.negated && !taken.some((candidate) => candidate.start < token.end && token.start < candidate.end));
  // (A host-like word only for a field whose own text shows such words: "domains (eg bbc.co.uk)".)
  const showsDotted = (field: FieldEntry) => /\b[a-z0-9-]+\.[a-z]{2,}\b/i.test(`${field.question.description ?? ""} ${JSON.stringify(field.question.examples ?? [])}`.replace(/https?:\/\/\S+/g, ""));
  if (values.length === 0) return reading;
  const claimed = new Set(taken.map((candidate) => candidate.path));
  const open = scene.vocabulary.fields.filter((field) => !field.question.secret && !claimed.has(field.path) && isOpen(scene, field) && !field.choices?.length);
  if (open.length === 0) return reading;
  const bags = bagsOf(scene.vocabulary);
  // How many fields (of all, open or not) own a stem: a word of one field only tells that field.
  // (Remembered per definition: the same words come back message after message.)
  let known = ownersCache.get(scene.vocabulary);
  if (!known) ownersCache.set(scene.vocabulary, (known = new Map()));
  const memo = known;
  const owners = (stem: string) => {
    let found = memo.get(stem);
    if (!found) {
      found = scene.vocabulary.fields.filter((field) => [...(bags.get(field.path) ?? [])].some((own) => sameRoot(own, stem)));
      if (memo.size < 5000) memo.set(stem, found);
    }
    return found;
  };
  const used = new Set<Token>();
  for (const value of values) {
    if (used.has(value)) continue;
    // The words near the value in its clause: four before it, two after ("history I need 48 hours").
    const at = tokens.indexOf(value);
    const near = tokens.slice(Math.max(0, at - 4), at + 3).filter((token) => token.clause === value.clause && token !== value && isContent(token) && token.kind === "word" && token.lower.length >= 3 && !scene.mentions.some((mention) => token.start >= mention.start && token.end <= mention.end));
    const telling = new Set<FieldEntry>();
    // ("leave out dailymail.co.uk" for Exclude Domains: a paraphrase of a word of the field.)
    const before = tokens.slice(Math.max(0, at - 3), at).filter((token) => token.kind === "word").map((token) => token.lower).join(" ");
    for (const [word, phrases] of Object.entries(PARAPHRASES)) {
      if (!phrases.some((phrase) => phrase.includes(" ") && ` ${before} `.includes(` ${phrase} `))) continue;
      const holders = owners(stemOf(word));
      if (holders.length === 1 && open.includes(holders[0])) telling.add(holders[0]);
    }
    for (const word of near) {
      const stem = stemOf(word.lower);
      // (Setup talk, "need", "pull", "sync", tells no field, whatever a description says.)
      if (scene.vocabulary.connectorStems.has(stem) || SETUP_WORDS.has(word.lower)) continue;
      // (A unit, "40 minutes", tells no field by itself: it says what is counted, not which count.)
      if (UNIT_WORDS.test(word.lower)) continue;
      const holders = owners(stem);
      if (holders.length !== 1 || !open.includes(holders[0])) continue;
      // A word of the field's title tells it only with the rest of the title said too: "the
      // night-ops queue matters" is no Skip Queues (the named readings weigh titles said in part).
      const title = holders[0].titleStems.filter((own) => !isGenericTitleWord(own));
      const saidStems = near.map((token) => stemOf(token.lower));
      if (title.some((own) => sameRoot(own, stem)) && !title.every((own) => saidStems.some((said) => sameRoot(own, said)))) continue;
      telling.add(holders[0]);
    }
    if (telling.size !== 1) continue;
    const [field] = telling;
    if (value.kind === "dotted" && !showsDotted(field)) continue;
    // ("two brands", "three members": a number before a word counts things, unless the word is a
    // unit the field's own text counts in, "48 hours" for Historic Hours.)
    const next = tokens[at + 1];
    if (value.kind === "number" && next?.kind === "word" && next.clause === value.clause && !(UNIT_WORDS.test(next.lower) && [...(bags.get(field.path) ?? [])].some((own) => sameRoot(own, stemOf(next.lower))))) continue;
    // A list takes the run of values said together: "bbc.co.uk and theguardian.com".
    let last = at;
    if (field.shape === "list") while (/^(?:,|and|or|&)$/.test(tokens[last + 1]?.lower ?? "") && tokens[last + 2]?.kind === value.kind) last += 2;
    const run = tokens.slice(at, last + 1);
    const read = readValue(field, scene.analysis, run);
    if (!read?.ok || !fits(field, read.value, scene.vocabulary).ok) continue;
    for (const token of run) used.add(token);
    reading.candidates.push({ path: field.path, value: read.value, start: read.start, end: read.end, score: 0.62, source: "described" });
  }
  return reading;
}
