// What the session layer's secret screening needs to know of a connector, read with the
// understander's own vocabulary and readings: the names a person calls its secret fields ("my key
// is ..."), the words of its own name (a lone "coinmarketcap" opens the chat), the secret field a
// pasted key or a connection URI's password belongs to, and the values a message confidently gives
// to fields that are not secret (never taken for secrets, whatever they look like).
import { questionAt } from "../../specs/index.ts";
import type { Definition } from "../../specs/types.ts";
import type { Candidate } from "./types.ts";
import { isStrongSecretName } from "../screen-named-secrets.ts";
import { looksRandom } from "../secret-shapes.ts";
import type { ScreenOptions } from "../screen-secrets.ts";
import { namesOfField } from "./mentions.ts";
import { readMessage, sceneOf } from "./offline.ts";
import { fieldOfKey } from "./readings/pairs.ts";
import { OPTION_CHANGE } from "./lexicon.ts";
import type { FieldEntry, Vocabulary } from "./vocabulary.ts";
import { vocabularyOf } from "./vocabulary.ts";
import { listFields } from "./fields.ts";

type Fixed = Pick<ScreenOptions, "secretFields" | "connectorWords" | "uriPasswordPath">;
const fixed = new WeakMap<Definition, Fixed>();

/** The secret a connection URI's password fills: a password field beside a host field. */
function uriPasswordPath(vocabulary: Vocabulary): string | null {
  const parentOf = (field: FieldEntry) => field.path.slice(0, field.path.lastIndexOf("/"));
  const passwords = vocabulary.fields.filter((field) => field.question.secret && /(?:^|_)(?:password|passwd|pass|pwd)$/i.test(field.key));
  const beside = passwords.filter((field) => vocabulary.fields.some((other) => other.shape === "host" && parentOf(other) === parentOf(field)));
  return (beside[0] ?? (passwords.length === 1 ? passwords[0] : undefined))?.path ?? null;
}

function fixedOf(definition: Definition): Fixed {
  const cached = fixed.get(definition);
  if (cached) return cached;
  const vocabulary = vocabularyOf(definition);
  const secretFields = vocabulary.fields
    .filter((field) => field.question.secret)
    // Two letters are too short to be a name, except the credential words themselves ("pw").
    .map((field) => ({ path: field.path, names: namesOfField(field).filter((name) => name.length >= 3 || isStrongSecretName(name)) }));
  const connectorWords = [
    ...new Set(
      `${definition.displayName} ${definition.name.replace(/^(?:source|destination)-/, "")} ${definition.name}`
        .toLowerCase()
        .split(/[^a-z0-9-]+/)
        .filter((word) => word.length >= 3),
    ),
  ];
  // The whole display name without spaces too: "CoinMarketCap" is typed "coinmarketcap".
  connectorWords.push(definition.displayName.toLowerCase().replace(/[^a-z0-9]+/g, ""));
  const result = { secretFields, connectorWords, uriPasswordPath: uriPasswordPath(vocabulary) };
  fixed.set(definition, result);
  return result;
}

/** Sources sure enough that a value they read is the person's for that field. */
const PLAIN_SOURCES = /^(?:named|named-before|pair|dsn|uri|hostport|url|email|date)$/;

export function screenOptionsFor(definition: Definition | undefined, values: Record<string, unknown>, pendingPath: string | null = null): ScreenOptions {
  if (!definition) return {};
  const { secretFields, connectorWords, uriPasswordPath } = fixedOf(definition);
  const vocabulary = vocabularyOf(definition);
  // A plain question asked is read as asked: its answer, in the shape another reading also sees,
  // is that field's value and no secret ("it's sql/1.0/warehouses/a1b2c3d4e5f6" for the HTTP path).
  const asked = pendingPath ? questionAt(definition, pendingPath, values) : null;
  const context = { definition, pending: asked && !asked.secret ? asked : null, fields: listFields(definition), values };
  // plainValues and talksAboutSetup often read the same text: it is understood once.
  let last: { text: string; scene: ReturnType<typeof sceneOf>; reading?: ReturnType<typeof readMessage> } | undefined;
  const sceneFor = (text: string) => (last?.text === text ? last : (last = { text, scene: sceneOf(text, context) }));
  const readingOf = (text: string) => {
    const entry = sceneFor(text);
    return (entry.reading ??= readMessage(entry.scene));
  };
  return {
    secretFields,
    uriPasswordPath,
    // A lone connector name is the opening only while nothing is answered: later, "postgres"
    // typed while the Postgres password is asked is that password (a common one), and stays secret.
    ...(Object.keys(values).length === 0 ? { connectorWords } : {}),
    plainValues: (text) => plainOf(readingOf(text).candidates.filter((candidate) => !vocabulary.byPath.get(candidate.path)?.question.secret && (vocabulary.byPath.has(candidate.path) || candidate.path === context.pending?.path))),
    talksAboutSetup: (text) => {
      const { scene } = sceneFor(text);
      if (scene.analysis.corrections.length > 0) return true;
      if (scene.mentions.some((mention) => !mention.field.question.secret)) return true;
      // "I generated a user token under Developer > Settings": a sentence that names a secret
      // field, without a word that could be a credential, speaks of it.
      if (scene.mentions.some((mention) => mention.field.question.secret) && !scene.analysis.tokens.some((token) => token.kind !== "punct" && (token.kind !== "word" || /[\d_]/.test(token.text) || looksRandom(token.text)))) return true;
      // "I don't have a refresh token", "can we use an API token instead?": a field said to be
      // missing, a question with words, a change of course: talk, never a secret typed.
      if (scene.mentions.some((mention) => scene.analysis.tokens[mention.from].negated)) return true;
      if (scene.analysis.sentences.some((sentence) => sentence.question && !sentence.tentative)) return true;
      if (OPTION_CHANGE.test(scene.analysis.text) && /\s\S+\s/.test(scene.analysis.text.trim())) return true;
      // "oh also add australia", "switch to the eu region", "only sports": a change to the setup.
      if (/^(?:(?:oh|and|also|ok|okay|wait|actually|sorry|then)[,!.]?\s+)*(?:add|remove|drop|change|switch|set|make|use|include|exclude|only|also|plus)\b/i.test(scene.analysis.text)) return true;
      return readingOf(text).candidates.some((candidate) => candidate.score >= 0.6 && !vocabulary.byPath.get(candidate.path)?.question.secret);
    },
    // The reading's spans are in the analysed text, where number words are digits ("three" is
    // "3") and the ends trimmed: the screening cuts the message itself, so each span is found there.
    secretValues: (text) => {
      const analysed = sceneFor(text).scene.analysis.text;
      return readingOf(text).secretsSaid.flatMap((said) => {
        const start = sameOccurrence(analysed, said.start, said.end, text);
        return start === null ? [] : [{ ...said, start, end: start + (said.end - said.start) }];
      });
    },
    secretKeyPath: (key) => {
      const scene = sceneOf("", context);
      const target = fieldOfKey(scene, key);
      return target?.field.question.secret ? target.field.path : null;
    },
  };
}

/**
 * A path most of whose parts are words or versions ("sql/1.0/warehouses/a1b2c3d4e5f6"): a place,
 * though its last part looks random. (A secret with slashes, base64, has no words between them.)
 */
function pathOfWords(value: unknown): boolean {
  if (typeof value !== "string") return false;
  const parts = value.split("/").filter(Boolean);
  return parts.length >= 3 && parts.filter((part) => /^(?:[A-Z]?[a-z]+|\d+(?:\.\d+)*)$/.test(part)).length * 2 >= parts.length;
}

/**
 * Values a message gives plain fields surely: one sure reading (a name, a pair, a URI, a shape
 * of its own), or two readings of different kinds that agree on the field and the value (the
 * field's name and the path's shape, the question asked and its examples' shape).
 */
function plainOf(candidates: Candidate[]): string[] {
  const sure = candidates.filter((candidate) => candidate.score >= 0.75 && (PLAIN_SOURCES.test(candidate.source) || (candidate.source === "path" && pathOfWords(candidate.value))));
  const agreed = candidates.filter(
    (candidate) =>
      candidate.score >= 0.6 &&
      candidates.some((other) => other !== candidate && other.source !== candidate.source && other.score >= 0.6 && other.path === candidate.path && JSON.stringify(other.value) === JSON.stringify(candidate.value)),
  );
  return [...sure, ...agreed]
    .flatMap((candidate) => (Array.isArray(candidate.value) ? candidate.value : [candidate.value]))
    .filter((value): value is string | number => typeof value === "string" || typeof value === "number")
    .map(String);
}

/** Where the words at [start, end) of `from` are in `to`: the same occurrence, counted from the start. */
function sameOccurrence(from: string, start: number, end: number, to: string): number | null {
  const words = from.slice(start, end);
  let nth = 0;
  for (let at = from.indexOf(words); at >= 0 && at < start; at = from.indexOf(words, at + 1)) nth++;
  let at = to.indexOf(words);
  for (; at >= 0 && nth > 0; nth--) at = to.indexOf(words, at + 1);
  return at >= 0 ? at : null;
}
