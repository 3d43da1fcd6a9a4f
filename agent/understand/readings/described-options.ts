// An option picked by what its description says is done and not done: "ssl on but don't bother
// verifying the cert" is the mode described "Only use SSL/TLS for encryption. Do not perform
// certificate or hostname verification", not "Verify CA" ("perform certificates verification").
// The person's words under a negation are matched with the description's words under one, and
// their plain words with its plain ones; a word one side denies and the other affirms counts
// against the option. Read only for a choice the message names or that is asked, when no option
// was named outright, and only for a clear winner.
import { analyze, type Token } from "../analyze.ts";
import { FUNCTION_WORDS } from "../lexicon.ts";
import { emptyReading, type Reading, type Scene } from "../scene.ts";
import type { FieldEntry } from "../vocabulary.ts";

// Words compared by their first letters: "cert" and "certificate", "verifying" and "verification".
const key = (token: Token) => token.lower.replace(/[^a-z0-9]/g, "").slice(0, 5);
const useful = (token: Token) => token.kind === "word" && token.lower.length >= 3 && !FUNCTION_WORDS.has(token.lower) && !/^(?:don'?t|do|not|no|never|but|bother|please|perform|use|using|only|mode|this|will)$/.test(token.lower);

/** A word of the set that begins like `word` (four letters at least on the shorter side). */
function holds(words: Set<string>, word: string): boolean {
  for (const other of words) if (Math.min(other.length, word.length) >= 4 && (other.startsWith(word) || word.startsWith(other))) return true;
  return false;
}

interface Polarity {
  denied: Set<string>;
  affirmed: Set<string>;
}

function polarityOf(tokens: Token[]): Polarity {
  const denied = new Set<string>();
  const affirmed = new Set<string>();
  for (const token of tokens) if (useful(token)) (token.negated ? denied : affirmed).add(key(token));
  for (const word of denied) affirmed.delete(word);
  return { denied, affirmed };
}

const described = new WeakMap<object, Polarity[]>();
function optionPolarities(field: FieldEntry): Polarity[] {
  const options = field.question.options ?? [];
  let known = described.get(field.question);
  if (!known) {
    known = options.map((option) => polarityOf(analyze(`${option.title}. ${option.description ?? ""}`).tokens));
    described.set(field.question, known);
  }
  return known;
}

export function optionsByDescription(scene: Scene, named: Set<string>): Reading {
  const reading = emptyReading();
  const { tokens } = scene.analysis;
  for (const field of scene.vocabulary.fields) {
    if (field.shape !== "choice" || named.has(field.path) || !(field.question.options ?? []).some((option) => option.description)) continue;
    const mentions = scene.mentions.filter((mention) => mention.field.path === field.path && !tokens[mention.from].inQuestion);
    const asked = scene.pending?.path === field.path;
    if (!asked && mentions.length === 0) continue;
    const sentences = new Set(mentions.map((mention) => tokens[mention.from].sentence));
    const said = polarityOf(tokens.filter((token) => (asked || sentences.has(token.sentence)) && !token.inQuestion && !mentions.some((mention) => token.start >= mention.start && token.end <= mention.end)));
    if (said.denied.size === 0) continue;
    const scores = optionPolarities(field).map((option) => {
      let score = 0;
      for (const word of said.denied) score += holds(option.denied, word) ? 1 : holds(option.affirmed, word) ? -1 : 0;
      for (const word of said.affirmed) score += holds(option.affirmed, word) ? 0.25 : holds(option.denied, word) ? -1 : 0;
      return score;
    });
    const best = Math.max(...scores);
    const winners = scores.flatMap((score, index) => (score === best ? [index] : []));
    if (best < 1.5 || winners.length !== 1) continue;
    const option = field.question.options![winners[0]];
    const first = mentions[0] ?? { start: 0, end: 0 };
    reading.candidates.push({ path: field.path, value: option.value, optionIndex: option.index, start: first.start, end: first.end, score: asked ? 0.8 : 0.74, source: "described" });
  }
  return reading;
}
