// The deterministic understander (ONRAMP_MODEL=offline), as a pipeline with one contract per step:
// analyse the message once (analyze.ts), find the fields it names (mentions.ts), let independent
// readings propose values with their evidence (readings/*), score what the message asks of the
// agent (intents.ts), and let one resolver pick a consistent set of values (resolve.ts). The
// decisions it returns are what the graph applies. No network; same input, same decisions.
import { choiceOps, getAt, inChosenOptions, questionAt, schemaAt, setAt } from "../../specs/index.ts";
import type { Question } from "../../specs/types.ts";
import { analyze, isContent } from "./analyze.ts";
import { scoreIntents, strongest, type Intent } from "./intents.ts";
import { SETUP_WORDS } from "./lexicon.ts";
import { findMentions } from "./mentions.ts";
import { bulletedLists } from "./readings/bullets.ts";
import { choicesInPassing } from "./readings/choices.ts";
import { codesInPassing, currencyInPassing, describedValuesInPassing } from "./readings/codes.ts";
import { optionsByDescription } from "./readings/described-options.ts";
import { correctionOfEarlier, earlierAnswer } from "./readings/corrections.ts";
import { datesInPassing, takesDate } from "./readings/dates.ts";
import { describedWordValues } from "./readings/described-words.ts";
import { namedValues } from "./readings/named.ts";
import { pastedPairs } from "./readings/pairs.ts";
import { patternValues } from "./readings/patterns.ts";
import { familyValues } from "./readings/families.ts";
import { pendingAnswer } from "./readings/pending.ts";
import { shapedValues } from "./readings/shapes.ts";
import { urlParts } from "./readings/url-parts.ts";
import { fits, meaningless } from "./fit.ts";
import { resolve } from "./resolve.ts";
import { isOpen, type Scene, type SecretSaid } from "./scene.ts";
import type { Candidate, Decision, Rejected, UnderstandContext } from "./types.ts";
import { entryForAsked, stemOf, vocabularyOf, type FieldEntry } from "./vocabulary.ts";

function pendingEntry(scene: Omit<Scene, "pending">, pending: Question | null): FieldEntry | null {
  if (!pending) return null;
  // (A question the field list does not hold, an array item's field, is read the same way: its
  // shape, choices and codes come from the question itself.)
  return entryForAsked(scene.vocabulary.definition, pending);
}

/** Every value reading of the message, the answer to the question asked last (it takes what is left). */
export function readMessage(scene: Scene): { candidates: Candidate[]; rejected: Rejected[]; secretsSaid: SecretSaid[] } {
  // A list of objects or an object asked, answered in JSON: the JSON is the answer, and its keys
  // ("name": "orders") are no other fields' values.
  // (Not a pasted config whose keys are other fields': "username", "region" pasted while the
  // sign-in method is asked are those fields, not the sign-in object.)
  const pasted = jsonConfig(scene);
  const pending = scene.pending?.path;
  const elsewhere = pasted.some((candidate) => !pending || (candidate.path !== pending && !candidate.path.startsWith(`${pending}/`)));
  const json = elsewhere ? null : jsonAnswer(scene);
  if (json) {
    const rest = readMessageWithout(scene, json);
    return { ...rest, candidates: [json, ...rest.candidates] };
  }
  // A pasted JSON config whose keys are the spec's: each key's value as written, nested lists and
  // objects whole; its inner keys are no other fields' names.
  const config = pasted;
  if (config.length) {
    const span = { ...config[0], start: Math.min(...config.map((candidate) => candidate.start)), end: Math.max(...config.map((candidate) => candidate.end)) };
    const rest = readMessageWithout(scene, span);
    // (A key found only inside an option chooses that option, as a value named there does.)
    return { ...rest, candidates: [...config, ...impliedOptions(scene, config), ...rest.candidates] };
  }
  return readMessageWithout(scene, null);
}

function jsonConfig(scene: Scene): Candidate[] {
  const text = scene.analysis.text;
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}") + 1;
  if (start < 0 || end <= start) return [];
  let value: unknown;
  try {
    value = JSON.parse(text.slice(start, end));
  } catch {
    return [];
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [];
  const out: Candidate[] = [];
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const escaped = key.replace(/~/g, "~0").replace(/\//g, "~1");
    // A key of the spec's top level, else the one field anywhere that key names ("username" of
    // /credentials/username).
    const nested = scene.vocabulary.fields.filter((entry) => entry.path.endsWith(`/${escaped}`) && !entry.path.includes("/items/"));
    const field = scene.vocabulary.byPath.get(`/${escaped}`) ?? (nested.length === 1 ? nested[0] : undefined);
    if (!field || field.question.secret || item === null) continue;
    // A secret is never a plain value: an object's secret fields ("credentials": {"api_token": …})
    // are left out (the screening stores them, or secret mode asks), and a cut one is no value.
    const plain = withoutSecrets(scene, field.path, item);
    if (plain === undefined || JSON.stringify(plain).includes("[redacted")) continue;
    out.push({ path: field.path, value: plain, start, end, score: 0.93, source: "pair", group: `json@${start}` });
  }
  return out;
}

/** `item` for the field at `path` without the values of any secret field under it. */
function withoutSecrets(scene: Scene, path: string, item: unknown): unknown {
  if (item === null || typeof item !== "object" || Array.isArray(item)) return item;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(item as Record<string, unknown>)) {
    const childPath = `${path}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    if (scene.vocabulary.byPath.get(childPath)?.question.secret) continue;
    const kept = withoutSecrets(scene, childPath, child);
    if (kept !== undefined) out[key] = kept;
  }
  return Object.keys(out).length ? out : undefined;
}

function jsonAnswer(scene: Scene): Candidate | null {
  const question = scene.pending?.question;
  if (!question || (question.type !== "array" && question.type !== "object") || question.secret) return null;
  const text = scene.analysis.text;
  const start = text.search(/[[{]/);
  const end = Math.max(text.lastIndexOf("}"), text.lastIndexOf("]")) + 1;
  if (start < 0 || end <= start) return null;
  let value: unknown;
  try {
    value = JSON.parse(text.slice(start, end));
  } catch {
    return null;
  }
  if (value === null || typeof value !== "object") return null;
  if (question.type === "array" && !Array.isArray(value)) value = [value];
  if (question.type === "object" && Array.isArray(value)) return null;
  return { path: question.path, value, start, end, score: 0.92, source: "pair" };
}

function readMessageWithout(scene: Scene, taken: Candidate | null): { candidates: Candidate[]; rejected: Rejected[]; secretsSaid: SecretSaid[] } {
  const outside = (span: { start: number; end: number }) => !taken || span.end <= taken.start || span.start >= taken.end;
  const result = readAll(scene);
  return { candidates: result.candidates.filter(outside), rejected: result.rejected.filter(outside), secretsSaid: result.secretsSaid };
}

function readAll(scene: Scene): { candidates: Candidate[]; rejected: Rejected[]; secretsSaid: SecretSaid[] } {
  const readings = [namedValues(scene), pastedPairs(scene), shapedValues(scene), choicesInPassing(scene), codesInPassing(scene), describedValuesInPassing(scene), currencyInPassing(scene), correctionOfEarlier(scene), bulletedLists(scene), urlParts(scene), patternValues(scene), familyValues(scene)];
  // (An option told by its description only where no reading named one of that choice.)
  readings.push(optionsByDescription(scene, new Set(readings.flatMap((reading) => reading.candidates.filter((candidate) => candidate.optionIndex !== undefined).map((candidate) => candidate.path)))));
  const named = readings[0].candidates.filter((candidate) => {
    const field = scene.vocabulary.byPath.get(candidate.path);
    return field !== undefined && takesDate(field);
  });
  readings.push(datesInPassing(scene, [...named, ...readings[1].candidates]));
  const candidates = readings.flatMap((reading) => reading.candidates);
  // Only readings surer than a guess keep their words from the question asked: "reports.v2"
  // answers the database asked, though it could be some other field's host.
  const taken = candidates.filter((candidate) => candidate.score >= 0.7 && candidate.end > candidate.start);
  readings.push(pendingAnswer(scene, taken, candidates.filter((candidate) => candidate.end > candidate.start)));
  // (Last: a value only a word of one field's description tells, where nothing else read it.)
  readings.push(describedWordValues(scene, readings.flatMap((reading) => reading.candidates).filter((candidate) => candidate.score >= 0.5 && candidate.end > candidate.start)));
  // A shape is only a guess: "exchange airbyte.topic" is the exchange, however host-like it looks.
  // (Only a reading whose value can be its field's: "log in at https://acme.picqer.com" is no username.)
  const introduced = readings.flatMap((reading) => reading.candidates).filter((candidate) => {
    if (!/^(?:named|pair)/.test(candidate.source)) return false;
    const field = scene.vocabulary.byPath.get(candidate.path);
    return !field || candidate.optionIndex !== undefined || fits(field, candidate.value, scene.vocabulary, true, candidate.source.startsWith("pair")).ok;
  });
  const guessed = (candidate: Candidate) =>
    (candidate.source === "host" || candidate.source === "example") &&
    introduced.some((other) => other.path !== candidate.path && other.start < candidate.end && candidate.start < other.end);
  const kept = readings.flatMap((reading) => reading.candidates).filter((candidate) => !guessed(candidate));
  return {
    candidates: listEdits(scene, [...kept, ...impliedOptions(scene, kept)]),
    rejected: readings.flatMap((reading) => reading.rejected),
    secretsSaid: readings.flatMap((reading) => reading.secretsSaid ?? []),
  };
}

/**
 * A value for a field only one option of an open choice has ("a field called embedding" for the
 * From Field option's field name) chooses that option, read together with the value.
 */
function impliedOptions(scene: Scene, candidates: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const candidate of candidates) {
    // (Only a value the message gives by name: a shape's guess at a field picks no option.)
    if (candidate.optionIndex !== undefined || candidate.score < 0.7 || !/^(?:named|pair)/.test(candidate.source)) continue;
    const holder = holderOption(scene, candidate.path);
    if (!holder) continue;
    const { choice, entry: option } = holder;
    const group = candidate.group ?? `implied@${candidate.start}`;
    candidate.group = group;
    out.push({ path: choice.path, value: option.value, optionIndex: option.index, start: candidate.start, end: candidate.end, score: candidate.score * 0.95, source: "implied", group });
  }
  // "we'll log in with a password", "there's a private key": a secret field only one option of an
  // open choice has, named as something the person uses, chooses that option (its value comes
  // through secret mode, never in chat).
  for (const mention of scene.mentions) {
    const field = mention.field;
    if (!field.question.secret || !saidAsUsed(scene, mention)) continue;
    const option = holderOption(scene, field.path);
    if (option) out.push({ path: option.choice.path, value: option.entry.value, optionIndex: option.entry.index, start: mention.start, end: mention.end, score: 0.78 * mention.weight, source: "implied" });
  }
  return out;
}

/**
 * A secret's name said as something the person uses: not negated, not asked about, named surely,
 * and not a unit counted by a number ("chunks of 800 tokens" is no token).
 */
function saidAsUsed(scene: Scene, mention: Scene["mentions"][number]): boolean {
  const { tokens } = scene.analysis;
  const token = tokens[mention.from];
  if (token.negated || token.inQuestion || mention.weight < 0.85) return false;
  // A word many secrets are called ("key", "token") names none of them for sure.
  const said = scene.analysis.tokens.slice(mention.from, mention.to).map((token) => token.stem).join(" ");
  const others = scene.vocabulary.fields.filter((field) => field !== mention.field && field.question.secret && field.names.some((name) => name.stems.join(" ").endsWith(said)));
  if (others.length > 0 || (mention.to - mention.from === 1 && mention.weight < 1)) return false;
  const last = tokens[mention.to - 1];
  return !(tokens[mention.from - 1]?.kind === "number" && /[a-z]{2,}s$/.test(last.lower));
}

/** The one option of an open choice that has the field at `path`. */
function holderOption(scene: Scene, path: string) {
  const choice = scene.vocabulary.fields
    .filter((field) => field.shape === "choice" && path.startsWith(`${field.path}/`) && isOpen(scene, field))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!choice) return undefined;
  const property = path.slice(choice.path.length + 1).split("/")[0];
  const node = schemaAt(scene.context.definition.connectionSpecification, choice.path);
  const holders = (node?.oneOf ?? []).flatMap((option: { properties?: Record<string, unknown> }, index: number) => (option?.properties && property in option.properties ? [index] : []));
  const entry = holders.length === 1 ? choice.choices?.find((candidate) => candidate.index === holders[0]) : undefined;
  return entry ? { choice, entry } : undefined;
}

const ADDING = /\b(?:add|adding|also|plus|too|as well|include|including|another|more)\b/i;
const REMOVING = /\b(?:remove|removing|drop|dropping|delete|take out|without|except|exclude|no longer|no more)\b/i;

/**
 * "also add australia", "drop TSLA": a list said as a change adds to (or takes from) the list the
 * form holds, rather than replacing it.
 */
function listEdits(scene: Scene, candidates: Candidate[]): Candidate[] {
  return candidates.map((candidate) => {
    const field = scene.vocabulary.byPath.get(candidate.path);
    const current = getAt(scene.context.values, candidate.path);
    if (field?.shape !== "list" || !Array.isArray(candidate.value) || !Array.isArray(current) || current.length === 0) return candidate;
    const sentence = scene.analysis.sentences.find((span) => candidate.start >= span.start && candidate.start < span.end);
    const words = sentence ? scene.analysis.text.slice(sentence.start, sentence.end) : scene.analysis.text;
    const said = candidate.value as unknown[];
    if (REMOVING.test(words)) return { ...candidate, value: current.filter((item) => !said.some((other) => JSON.stringify(other) === JSON.stringify(item))) };
    if (ADDING.test(words)) return { ...candidate, value: [...current, ...said.filter((item) => !current.some((other) => JSON.stringify(other) === JSON.stringify(item)))] };
    return candidate;
  });
}

export function sceneOf(text: string, context: UnderstandContext): Scene {
  const analysis = analyze(text);
  const vocabulary = vocabularyOf(context.definition);
  const base = { analysis, vocabulary, mentions: findMentions(analysis, vocabulary, context.pending?.path), context };
  return { ...base, pending: pendingEntry(base, context.pending) };
}

/** "Set up postgres please", "Stripe please": talk about the connector itself, not an answer. */
function isConnectorTalk(scene: Scene): boolean {
  const words = scene.analysis.tokens.filter((token) => token.kind === "word");
  const names = words.some((token) => scene.vocabulary.connectorStems.has(token.stem) || scene.vocabulary.connectorStems.has(stemOf(token.lower)));
  const setup = words.some((token) => SETUP_WORDS.has(token.lower));
  const others = scene.analysis.tokens.filter((token) => isContent(token) && !SETUP_WORDS.has(token.lower) && !scene.vocabulary.connectorStems.has(token.stem));
  return names && (setup || others.length === 0);
}

/**
 * "the key is encrypted, so there's a passphrase too": an optional secret the person says they
 * use is asked (in secret mode), though optional fields are otherwise left out. Not one said
 * not to be used, asked about, or already stored; not beside a cancel, a skip or a question.
 */
function wantedSecrets(scene: Scene, decisions: Decision[]): Array<Extract<Decision, { kind: "wanted" }>> {
  if (decisions.some((decision) => ["cancel", "start_over", "skip", "dont_know", "question", "back"].includes(decision.kind))) return [];
  const { definition } = scene.context;
  // (Inside the options this message chooses: "let's use key pair auth instead … there's a passphrase".)
  let values: unknown = scene.context.values;
  for (const decision of decisions) {
    if (decision.kind !== "choose") continue;
    try {
      for (const op of choiceOps(definition, decision.path, decision.optionIndex, values)) if (op.op === "set") values = setAt(values, op.path, op.value);
    } catch {
      // not a choice under these values
    }
  }
  const paths = new Set<string>();
  for (const mention of scene.mentions) {
    const field = mention.field;
    if (!field.question.secret || !saidAsUsed(scene, mention) || field.path === scene.pending?.path) continue;
    if (getAt(values, field.path) !== undefined || !inChosenOptions(definition.connectionSpecification, field.path, values)) continue;
    const question = questionAt(definition, field.path, values as Record<string, unknown>);
    if (question && !question.required) paths.add(field.path);
  }
  return [...paths].map((path) => ({ kind: "wanted" as const, path }));
}

function decisionOf(scene: Scene, candidate: Candidate): Decision {
  const field = scene.vocabulary.byPath.get(candidate.path) ?? scene.pending;
  return field?.shape === "choice" && candidate.optionIndex !== undefined
    ? { kind: "choose", path: candidate.path, optionIndex: candidate.optionIndex }
    : { kind: "set", path: candidate.path, value: candidate.value };
}

export function understandOffline(text: string, context: UnderstandContext): Decision[] {
  // Nothing typed (enter pressed) takes what is offered.
  if (!text.trim()) return [{ kind: "use_default" }];
  const scene = sceneOf(text, context);
  const { candidates, rejected, secretsSaid } = readMessage(scene);
  let resolution = resolve(scene, candidates, rejected);
  const intents = scoreIntents(scene, resolution.accepted);
  if (strongest(intents, "reference")) resolution = resolve(scene, [...candidates, ...earlierAnswer(scene).candidates], rejected);
  // A value inside a longer steering phrase is that phrase's word ("test the connection").
  const steering = intents.filter((intent) => intent.score >= 0.85 && intent.kind !== "question" && intent.kind !== "chitchat" && intent.kind !== "agree");
  resolution.accepted = resolution.accepted.filter(
    (candidate) => !steering.some((intent) => intent.start <= candidate.start && intent.end >= candidate.end && intent.end - intent.start > candidate.end - candidate.start),
  );
  // Words that steer ("default", "skip") are no value said wrong: the intent speaks for them.
  // A steering word refused as a value ("leave" in "leave the standard one") is said by the intent too.
  const steered = intents.some((intent) => intent.score >= 0.6 && (intent.kind === "use_default" || intent.kind === "skip" || intent.kind === "dont_know"));
  const refused = resolution.rejected.filter(
    (miss) => !intents.some((intent) => intent.score >= 0.6 && intent.start < miss.end && miss.start < intent.end) && !(steered && meaningless(miss.raw, scene.vocabulary)),
  );
  const decisions = [...assemble(scene, intents, resolution.accepted, resolution.uncertain, refused, context)];
  // (A secret typed in chat is offered secret mode instead.)
  decisions.push(...wantedSecrets(scene, decisions).filter((wanted) => !secretsSaid.some((said) => said.path === wanted.path)));
  if (secretsSaid.length === 0) return decisions;
  // A secret said in the open is never taken from chat; secret mode is offered for it.
  const kept = decisions.filter((decision) => decision.kind !== "unclear");
  return [...kept, ...[...new Set(secretsSaid.map((said) => said.path))].map((path): Decision => ({ kind: "secret_in_chat", path }))];
}

function assemble(scene: Scene, intents: Intent[], accepted: Candidate[], uncertain: Candidate[], refused: Rejected[], context: UnderstandContext): Decision[] {
  const { pending } = scene;
  const values = accepted.map((candidate) => decisionOf(scene, candidate));
  const decisions: Decision[] = [];

  // A value asked back: "yes" stores it; anything else is read as usual (and the offer lapses).
  if (context.proposal && values.length === 0) {
    if (strongest(intents, "agree", 0.5) && !strongest(intents, "deny", 0.7)) {
      const { path, value, optionIndex } = context.proposal;
      return [optionIndex !== undefined ? { kind: "choose", path, optionIndex } : { kind: "set", path, value }];
    }
  }

  // Leaving wins over everything said with it: "fine, port 5432. actually forget it".
  const leave = strongest(intents, "cancel", 0.75) ?? strongest(intents, "start_over", 0.75);
  if (leave && (values.length === 0 || leave.score >= 0.85)) return [{ kind: leave.kind } as Decision];

  for (const kind of ["back", "test"] as const) {
    const intent = strongest(intents, kind, 0.75);
    if (intent && values.length === 0) return [{ kind }];
  }

  // Questions, each about the field its sentence names (else the one asked).
  const asked = new Set<string | null>();
  // "What is the 'default dataset'? Do I need it?": a question that names no field follows one that does.
  const namesOne = intents.some((intent) => intent.kind === "question" && intent.score >= 0.6 && intent.path !== null);
  for (const intent of intents) {
    if (intent.kind !== "question" || intent.score < 0.6 || asked.has(intent.path) || (namesOne && intent.path === null)) continue;
    asked.add(intent.path);
    decisions.push({ kind: "question", path: intent.path ?? pending?.path ?? null });
  }

  // "No idea about the port", "we don't use a password", "keep the default for the port".
  const scoped = new Set<string>();
  for (const intent of intents) {
    if (intent.score < 0.6) continue;
    if (intent.kind !== "dont_know" && intent.kind !== "skip" && intent.kind !== "use_default") continue;
    const path = intent.path ?? pending?.path ?? null;
    if (!path || scoped.has(path) || accepted.some((candidate) => candidate.path === path)) continue;
    if (intent.path === null && (values.length > 0 || decisions.length > 0) && intent.score < 0.85) continue;
    scoped.add(path);
    const field = scene.vocabulary.byPath.get(path) ?? pending;
    if (intent.kind === "skip" && field) decisions.push(noneFor(field, intent.path === null));
    else if (intent.kind === "use_default") {
      // "keep the defaults for port, protocol and user": the fields named after "for".
      const forFields = /^\s*(?:for|on)\b/i.test(scene.analysis.text.slice(intent.end));
      const named = forFields ? scene.mentions.filter((mention) => scene.analysis.tokens[mention.from].sentence === intent.sentence && mention.start > intent.start && mention.field.question.default !== undefined) : [];
      if (named.length) for (const mention of named) decisions.push({ kind: "set", path: mention.field.path, value: mention.field.question.default });
      else if (intent.path === null) decisions.push({ kind: "use_default" });
      else if (field?.question.default !== undefined) decisions.push({ kind: "set", path, value: field.question.default });
    } else decisions.push(intent.path === null ? { kind: "dont_know" } : { kind: "dont_know", path });
  }

  // "no password, we don't use one": the refusal named its field; the bare one is the same refusal.
  if (decisions.some((decision) => decision.kind === "skip" && decision.path)) {
    const bare = decisions.findIndex((decision) => decision.kind === "skip" && !decision.path);
    if (bare >= 0) decisions.splice(bare, 1);
  }
  decisions.push(...values);
  if (strongest(intents, "test", 0.85) && values.length > 0) decisions.push({ kind: "test" });

  // Said back: a value clearly meant for a field that does not fit it.
  for (const miss of refused.sort((a, b) => b.score - a.score)) {
    if (decisions.some((decision) => "path" in decision && decision.path === miss.path)) continue;
    if (miss.score < 0.5 || (miss.path !== pending?.path && miss.score < 0.8)) continue;
    if (values.length > 0 && miss.path === pending?.path && miss.score < 0.8) continue;
    decisions.push({ kind: "invalid", path: miss.path, text: miss.raw, reason: miss.reason });
  }

  if (decisions.length === 0 && uncertain.length > 0) {
    const best = [...uncertain].sort((a, b) => b.score - a.score)[0];
    return [{ kind: "confirm", path: best.path, value: best.value, ...(best.optionIndex !== undefined ? { optionIndex: best.optionIndex } : {}) }];
  }
  if (decisions.length > 0) return ordered(outsideChosen(scene, decisions), pending?.path);

  const agree = strongest(intents, "agree", 0.6);
  if (agree && pending) return [{ kind: "agree" }];
  const chitchat = strongest(intents, "chitchat", 0.6);
  if (isConnectorTalk(scene)) return [{ kind: "chitchat", topic: "connector" }];
  if (chitchat) return [{ kind: "chitchat" }];
  return [{ kind: "unclear" }];
}

/** "There's none" for a field: a yes/no goes off, a choice takes its "none" option, anything else is skipped. */
function noneFor(field: FieldEntry, pendingOnly: boolean): Decision {
  if (field.shape === "boolean") return { kind: "set", path: field.path, value: false };
  if (field.shape === "choice") {
    // ("no encryption": the "Unencrypted" option; "no auth": "Unauthenticated".)
    const none = field.choices?.find((choice) => /^(?:no\b|none\b|disable|disabled|off\b|not? |un[a-z]{4,}\b)/i.test(`${choice.title}`) || /^(?:no_?|none|un[a-z]{4,}$)/i.test(String(choice.value ?? "")));
    if (none) return { kind: "choose", path: field.path, optionIndex: none.index };
  }
  return pendingOnly ? { kind: "skip" } : { kind: "skip", path: field.path };
}

/** Values for a field of another option than the one the same message chose are dropped ("assign" partitions, not a pattern). */
function outsideChosen(scene: Scene, decisions: Decision[]): Decision[] {
  const chosen = decisions.flatMap((decision) => (decision.kind === "choose" ? [decision] : []));
  if (chosen.length === 0) return decisions;
  const schema = scene.context.definition.connectionSpecification;
  return decisions.filter((decision) => {
    if (decision.kind !== "set") return true;
    return chosen.every((choice) => {
      if (!decision.path.startsWith(`${choice.path}/`)) return true;
      const option = schemaAt(schema, choice.path)?.oneOf?.[choice.optionIndex];
      const key = decision.path.slice(choice.path.length + 1).split("/")[0].replace(/~1/g, "/").replace(/~0/g, "~");
      return !option?.properties || key in option.properties;
    });
  });
}

/** A choice before the values of its own fields (they only exist once it is made); the answer to the question asked next. */
function ordered(decisions: Decision[], pendingPath: string | undefined): Decision[] {
  const rank = (decision: Decision) => (decision.kind === "choose" ? 2 : "path" in decision && decision.path === pendingPath ? 1 : 0);
  return [...decisions].sort((a, b) => rank(b) - rank(a));
}
