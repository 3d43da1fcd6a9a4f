// Is a message the person steering the conversation (asking, cancelling, skipping, deferring,
// requesting something of the assistant) rather than answering? The secret screening asks this of
// any text typed while a secret is asked: such text is chat, anything else is the secret. Read
// from the same analysis and intent scores as the understander, never from a word count.
import type { Definition } from "../../specs/types.ts";
import { analyze } from "./analyze.ts";
import { scoreIntents } from "./intents.ts";
import { INTENT_FILLER, INTENT_PHRASES, type IntentKind } from "./lexicon.ts";
import type { Scene } from "./scene.ts";
import type { Vocabulary } from "./vocabulary.ts";

const STEERING: IntentKind[] = ["cancel", "start_over", "back", "test", "dont_know", "skip", "use_default", "question", "chitchat"];

// "Set up OpenWeather", "connect our Stripe", "I want to add Postgres", "could you set the lookback":
// a request to the assistant.
const REQUEST =
  /^(?:(?:hi|hello|hey|ok(?:ay)?|so|also|and|please|pls)[,!.]?\s+)*(?:set ?up|setup|connect|configure|add|create|start|begin|hook(?:ing)? up|i (?:want|need|would like)|i'?d like|let'?s|let me|help me|we (?:want|need|use)|(?:can|could|would|will) you|please\s+\w+|(?:(?:oh|wait|actually|sorry|no|oops)[,!.]?\s+)*(?:make|change|set) (?:that|it|the)\b|(?:it|that) should (?:be|have been)|i meant|(?:i'?ll|i will|i'?m going to|i am going to|we'?ll|we will) (?:type|paste|enter|send|give|put|add|do|use|get|grab|fetch|find|check|look)|(?:in|into|via|through) the (?:secure|secret|masked|password) (?:box|field|input))\b/i;

const emptyVocabulary = { definition: {} as Definition, fields: [], byPath: new Map(), connectorStems: new Set<string>(), titleStemCounts: new Map<string, number>() } satisfies Vocabulary;

export function steers(text: string, connectorWords: string[] = []): boolean {
  const analysis = analyze(text);
  const words = analysis.tokens.filter((token) => token.kind !== "punct");
  if (words.length === 0) return true;
  // "hmm", "ok", "wait": nothing but interjections.
  if (words.every((token) => INTENT_FILLER.has(token.lower) || token.lower === "wait" || /^h+m+$|^u+[hm]+$/.test(token.lower))) return true;
  if (analysis.sentences.some((sentence) => sentence.question)) return true;
  if (analysis.sentences.some((sentence) => REQUEST.test(analysis.text.slice(sentence.start, sentence.end).trim()))) return true;
  // The connector's name, alone or with other words ("Zenloop please, answers from ..."), is talk
  // about the connector (the option is only passed while nothing is answered: see screen-options).
  if (words.some((token) => connectorWords.includes(token.lower))) return true;
  const scene: Scene = { analysis, vocabulary: emptyVocabulary, mentions: [], pending: null, context: { definition: emptyVocabulary.definition, pending: null, fields: [], values: {} } };
  const intents = scoreIntents(scene, []);
  if (intents.some((intent) => STEERING.includes(intent.kind) && intent.score >= 0.75)) return true;
  // A strong phrase opening the message ("let me check with our admin first", "skip it for now").
  const first = words.find((token) => !INTENT_FILLER.has(token.lower));
  return intents.some((intent) => STEERING.includes(intent.kind) && first !== undefined && intent.start === first.start && leadWeight(intent.kind, analysis.lower.slice(intent.start, intent.end)) >= 0.9);
}

function leadWeight(kind: IntentKind, phrase: string): number {
  return INTENT_PHRASES[kind].find(([words]) => words === phrase.replace(/’/g, "'"))?.[1] ?? 0;
}
