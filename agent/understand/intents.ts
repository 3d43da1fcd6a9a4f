// What a message asks of the agent, scored rather than matched first: each intent's phrases
// (lexicon.ts) are found in the message, and a phrase counts in full only when it covers its
// clause (or sentence); every other content word lowers its score ("stop" alone cancels, "stop
// syncing deleted rows" does not). Scoped intents name their field when the clause does ("no
// idea about the port", "we don't use a password"); a phrase whose words are a value the
// message gives ("test" for a database named test) is that value, not the intent.
import type { Token } from "./analyze.ts";
import { isContent } from "./analyze.ts";
import { DETERMINERS, INTENT_FILLER, INTENT_PHRASES, type IntentKind } from "./lexicon.ts";
import type { Scene } from "./scene.ts";
import type { Candidate } from "./types.ts";

export interface Intent {
  kind: IntentKind;
  score: number;
  /** The field it is about, when its clause names one; else the question asked. */
  path: string | null;
  start: number;
  end: number;
  sentence: number;
}

/** Intents about the whole conversation: their sentence is their scope. */
const MESSAGE_LEVEL = new Set<IntentKind>(["cancel", "start_over", "back", "test", "chitchat", "agree", "deny"]);

interface Phrase {
  words: string[];
  weight: number;
}
const PHRASES = Object.fromEntries(
  Object.entries(INTENT_PHRASES).map(([kind, phrases]) => [kind, phrases.map(([phrase, weight]) => ({ words: phrase.split(" "), weight })).sort((a, b) => b.words.length - a.words.length)]),
) as Record<IntentKind, Phrase[]>;
// Each kind's phrases by their first word, longest first as above: a token is only tried against
// the phrases that can begin with it (every message is scored against every phrase of every kind).
const PHRASES_BY_FIRST = Object.fromEntries(
  Object.entries(PHRASES).map(([kind, phrases]) => {
    const byFirst = new Map<string, Phrase[]>();
    for (const phrase of phrases) byFirst.set(phrase.words[0], [...(byFirst.get(phrase.words[0]) ?? []), phrase]);
    return [kind, byFirst];
  }),
) as Record<IntentKind, Map<string, Phrase[]>>;

/** Intents said as a verb: "test", "cancel", "back", "skip". */
const COMMANDS = new Set<IntentKind>(["test", "cancel", "start_over", "back", "skip"]);

const norm = (token: Token) => token.lower.replace(/’/g, "'");
const NEGATION_WORDS = new Set(["no", "not", "without", "never", "none", "nope"]);
// Words a refusal is said with: "no password needed", "the key isn't set".
const REFUSAL_WORDS = new Set(["leave", "unset", "out", "needed", "need", "required", "require", "set", "used", "use", "have", "got", "empty", "blank", "none", "any", "one", "there", "exist", "exists", "necessary"]);

function matchAt(tokens: Token[], normed: string[], index: number, words: string[]): number {
  let at = index;
  for (const word of words) {
    while (tokens[at]?.kind === "punct" && tokens[at].text !== "?" && at > index) at++;
    const token = tokens[at];
    if (!token || normed[at] !== word) return -1;
    at++;
  }
  return at;
}

function coverageFactor(extra: number): number {
  return extra === 0 ? 1 : extra === 1 ? 0.7 : extra === 2 ? 0.5 : 0.3;
}

export function scoreIntents(scene: Scene, candidates: Candidate[]): Intent[] {
  const { tokens } = scene.analysis;
  const intents: Intent[] = [];
  const valueSpans = candidates.filter((candidate) => candidate.score >= 0.6);
  const inMention = (token: Token) => scene.mentions.some((mention) => token.start >= mention.start && token.end <= mention.end);
  const normed = tokens.map(norm);
  for (const kind of Object.keys(PHRASES) as IntentKind[]) {
    for (let index = 0; index < tokens.length; index++) {
      for (const { words, weight } of PHRASES_BY_FIRST[kind].get(normed[index]) ?? []) {
        const end = matchAt(tokens, normed, index, words);
        if (end < 0) continue;
        const phrase = tokens.slice(index, end);
        const start = phrase[0].start;
        const stop = phrase[phrase.length - 1].end;
        // The phrase's words are a value of the message ("test" as a database name).
        if (valueSpans.some((candidate) => candidate.start <= start && candidate.end >= stop)) break;
        // "password next", "token later": a field named before a word of time comes later; it is
        // no skip of the field.
        if (kind === "skip" && words.length === 1 && /^(?:next|later)$/.test(words[0]) && index > 0 && inMention(tokens[index - 1])) break;
        // "not the test one", "our test account": a command's one word after a determiner is a
        // noun's word, no command ("the standard one" still takes the default).
        if (COMMANDS.has(kind) && words.length === 1 && index > 0 && DETERMINERS.has(norm(tokens[index - 1]))) break;
        const sentence = phrase[0].sentence;
        // A phrase is judged within its clause ("please stop the setup, I need to check with IT"
        // cancels; "stop syncing deleted rows" does not), a question within its sentence.
        const scope = tokens.filter((token) => token.clause === phrase[0].clause || (kind === "question" && token.sentence === sentence));
        const extra = scope.filter((token) => !phrase.includes(token) && isContent(token) && !INTENT_FILLER.has(norm(token)) && !(kind !== "chitchat" && inMention(token)) && token.kind !== "punct").length;
        let score = weight * coverageFactor(extra);
        const mention = scene.mentions.find((candidate) => tokens[candidate.from].clause === phrase[0].clause || (kind === "question" && tokens[candidate.from].sentence === sentence));
        if (kind === "question") {
          const span = scene.analysis.sentences[sentence];
          if (!span.question) score *= 0.4;
          else score = Math.max(score, 0.85);
        }
        intents.push({ kind, score, path: mention && !MESSAGE_LEVEL.has(kind) ? mention.field.path : null, start, end: stop, sentence });
        break;
      }
    }
  }
  // "no pw", "without a password", "the password isn't needed": a clause that says a field has no
  // value (a negation, the field's name, and nothing else of substance) refuses that field.
  for (const mention of scene.mentions) {
    const clause = tokens[mention.from].clause;
    const scope = tokens.filter((token) => token.clause === clause && token.kind !== "punct");
    // "leave the password empty" says the same as "no password".
    const leaveEmpty = scope.some((token) => /^(?:empty|blank|unset)$/.test(token.lower)) ? scope.find((token) => token.lower === "leave") : undefined;
    const negation = scope.find((token) => token.kind === "word" && (NEGATION_WORDS.has(norm(token)) || norm(token).endsWith("n't"))) ?? leaveEmpty;
    // ("not the other subtitle format": the other option is turned down, not the field.)
    if (!negation || tokens[mention.from].inQuestion || scope.some((token) => /^(?:other|another)$/.test(token.lower))) continue;
    const rest = scope.filter((token) => token !== negation && !(token.start >= mention.start && token.end <= mention.end) && isContent(token) && !INTENT_FILLER.has(norm(token)) && !REFUSAL_WORDS.has(norm(token)));
    if (rest.length > 0) continue;
    intents.push({ kind: "skip", score: 0.9, path: mention.field.path, start: negation.start, end: mention.end, sentence: tokens[mention.from].sentence });
  }
  // A sentence with a question mark asks, even with no question word ("the port?").
  for (const [index, sentence] of scene.analysis.sentences.entries()) {
    if (!sentence.question || intents.some((intent) => intent.kind === "question" && intent.sentence === index)) continue;
    const words = tokens.filter((token) => token.sentence === index && isContent(token));
    // "5432?", "is it db.internal?": an answer said unsurely, not a question.
    // (A word counts as value-shaped with a digit, a hyphen, a dot or an underscore in it: "books-eu?".)
    if (words.length > 0 && words.every((token) => token.kind !== "word" || /[\d_.-]/.test(token.text))) continue;
    const mention = scene.mentions.find((candidate) => tokens[candidate.from].sentence === index);
    intents.push({ kind: "question", score: 0.75, path: mention?.field.path ?? null, start: sentence.start, end: sentence.end, sentence: index });
  }
  // "Where do I find the API key?" asks for help finding it: a question, not "I don't know" (but
  // "no idea, where do I find it?" is one: the help comes with the don't-know).
  // ("not sure what the port is for?" asks what the port is for: the uncertainty is about its meaning.)
  for (const intent of intents) {
    if (intent.kind === "dont_know" && scene.analysis.sentences[intent.sentence].question && /^\s+(?:what|which|why)\b/.test(scene.analysis.lower.slice(intent.end))) intent.kind = "question";
  }
  const knowing = new Set(intents.filter((intent) => intent.kind === "dont_know" && !/^(?:where|how)\b/.test(scene.analysis.lower.slice(intent.start))).map((intent) => intent.sentence));
  for (const intent of intents) {
    if (intent.kind === "dont_know" && scene.analysis.sentences[intent.sentence].question && /^(?:where|how)\b/.test(scene.analysis.lower.slice(intent.start)) && !knowing.has(intent.sentence)) {
      intent.kind = "question";
    }
  }
  return intents.filter((intent) => !(intent.kind === "question" && knowing.has(intent.sentence))).sort((a, b) => b.score - a.score);
}

/** The best intent of a kind at or above a score. */
export function strongest(intents: Intent[], kind: IntentKind, at = 0.6): Intent | undefined {
  return intents.find((intent) => intent.kind === kind && intent.score >= at);
}
