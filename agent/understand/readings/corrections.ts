// A message that changes an earlier answer without naming its field: "actually make that 7 days,
// not 30", "sorry, 6543": the field is the one holding the value replaced, else the one answered
// last. And "as I said earlier": the answer to the question asked is in an earlier message.
import { getAt } from "../../../specs/index.ts";
import { analyze, isContent } from "../analyze.ts";
import { CONTRAST } from "../lexicon.ts";
import { findMentions } from "../mentions.ts";
import { readValue } from "../read-value.ts";
import { emptyReading, type Reading, type Scene } from "../scene.ts";
import type { FieldEntry } from "../vocabulary.ts";
import { namedValues } from "./named.ts";
import { shapedValues } from "./shapes.ts";

const OPENING_CORRECTION = /^(?:(?:oh|ok|okay|hmm+|sorry|wait|actually|no|oops|hold on)[,!.]?\s+)*(?:make (?:that|it)|change (?:that|it) to|set (?:that|it) to|(?:it|that) should (?:be|have been)|i meant|i mean|correction:?|should be|rather)\s+/i;
const LOOSE_CORRECTION = /^(?:(?:oh|sorry|wait|actually|oops|no)[,!.]?\s+)+/i;
const REPLACED = /,?\s+(?:not|instead of)\s+([^,.;!]+?)[.!]*$/i;

const shown = (value: unknown) => (Array.isArray(value) ? value.join(", ") : String(value)).toLowerCase();

/** The one field the person asked about in their last message ("what's this lookback window?"). */
function askedAboutLast(scene: Scene): FieldEntry | undefined {
  const last = [...(scene.context.recent ?? [])].reverse().find((turn) => turn.role === "user");
  if (!last) return undefined;
  const analysis = analyze(last.text);
  if (!analysis.sentences.some((sentence) => sentence.question)) return undefined;
  const named = [...new Set(findMentions(analysis, scene.vocabulary).filter((mention) => analysis.tokens[mention.from].inQuestion && !mention.field.question.secret).map((mention) => mention.field))];
  return named.length === 1 ? named[0] : undefined;
}

/**
 * "ok got it. then set it to ninety minutes, and use five workers": a sentence that opens with
 * "set it to" names no field in its clause; "it" is the field the person just asked about.
 */
function setItAfterAQuestion(scene: Scene): Reading {
  const reading = emptyReading();
  const target = askedAboutLast(scene);
  if (!target) return reading;
  const { tokens } = scene.analysis;
  for (const sentence of scene.analysis.sentences) {
    const text = scene.analysis.text.slice(sentence.start, sentence.end);
    const lead = SENTENCE_LEAD.exec(text);
    if (!lead) continue;
    const from = sentence.start + lead[0].length;
    const first = tokens.find((token) => token.start >= from);
    if (!first) continue;
    const clause = tokens.filter((token) => token.start >= from && token.sentence === first.sentence && token.clause === first.clause);
    if (scene.mentions.some((mention) => clause.some((token) => token.start >= mention.start && token.end <= mention.end))) continue;
    // ("turn that on": a switch's "on" is no content word, but it is the value.)
    const read = readValue(target, scene.analysis, target.shape === "boolean" ? clause.filter((token) => token.kind !== "punct") : clause.filter(isContent), { whole: true });
    if (read?.ok) reading.candidates.push({ path: target.path, value: read.value, ...(read.optionIndex !== undefined ? { optionIndex: read.optionIndex } : {}), start: read.start, end: read.end, score: 0.8, source: "correction" });
    break;
  }
  return reading;
}

const SENTENCE_LEAD = /^\s*(?:(?:ok(?:ay)?|so|then|alright|right|great|thanks|got it|hm+|well|fine|yes|yeah|sure)[,!.]?\s+)*(?:set (?:it|that) to|make (?:it|that)|change (?:it|that) to|put (?:it|that) (?:at|to)|(?:turn|switch|flip) (?:it|that|this) (?=on\b|off\b))\s*/i;

// "the real one is just northwind", "the right one's eu-2": "one" stands for the field named last.
const THE_ONE = /\b(?:the|my|our|your)\s+(?:real|right|correct|actual|proper|true|new|other|production|prod|live)\s+(?:one|1)\s*(?:is|'s|’s|should be|would be)\s+(?:(?:just|simply|actually|really)\s+)?/gi;

/**
 * "wrong site, northwind-test is our sandbox. the real one is just northwind": the value after
 * "the real one is" belongs to the field the message named before it, else the one whose value
 * it said before it.
 */
function theOneIs(scene: Scene): Reading {
  const reading = emptyReading();
  const { text, tokens } = scene.analysis;
  for (const match of text.matchAll(THE_ONE)) {
    const from = match.index! + match[0].length;
    const named = scene.mentions.filter((mention) => mention.end <= match.index! && !mention.field.question.secret).pop()?.field;
    // (Else the field whose value the message says before it: "git.acme.com is the old box".)
    const before = text.slice(0, match.index!).toLowerCase();
    const holding = scene.vocabulary.fields.filter((field) => {
      const held = getAt(scene.context.values, field.path);
      return !field.question.secret && (typeof held === "string" || typeof held === "number") && String(held).length >= 3 && before.includes(String(held).toLowerCase());
    });
    const target = named ?? (holding.length === 1 ? holding[0] : undefined);
    if (!target) continue;
    const first = tokens.find((token) => token.start >= from);
    if (!first) continue;
    const clause = tokens.filter((token) => token.start >= from && token.sentence === first.sentence && token.clause === first.clause && isContent(token));
    const read = readValue(target, scene.analysis, clause, { whole: true });
    if (read?.ok) reading.candidates.push({ path: target.path, value: read.value, ...(read.optionIndex !== undefined ? { optionIndex: read.optionIndex } : {}), start: read.start, end: read.end, score: 0.84, source: "correction" });
  }
  return reading;
}

// "X, not Y", "X rather than Y": a contrast word of the lexicon, then what it turns down.
const HELD_REPLACED = new RegExp(`,?\\s+(?:${CONTRAST.map((cue) => cue.replace(/ /g, "\\s+")).join("|")})\\s+(?:the\\s+)?([^,.;!?]+?)\\s*(?=[,.;!?]|$)`, "gi");

/**
 * "…the Australian one, so Oceania, not EU": a value said against the one a field holds ("X, not
 * Y", "X instead of Y", "X rather than Y", Y being the field's value now) replaces it, though the
 * field is not named.
 */
function insteadOfHeld(scene: Scene): Reading {
  const reading = emptyReading();
  const { tokens } = scene.analysis;
  const fields = scene.vocabulary.fields.filter((field) => !field.question.secret && getAt(scene.context.values, field.path) !== undefined);
  if (fields.length === 0) return reading;
  for (const match of scene.analysis.text.matchAll(HELD_REPLACED)) {
    const old = match[1].trim().toLowerCase();
    if (old.length < 2) continue;
    const holding = fields.filter((field) => shown(getAt(scene.context.values, field.path)) === old);
    if (holding.length !== 1) continue;
    const target = holding[0];
    // The new value: the clause right before, in the same sentence ("so Oceania").
    const before = tokens.filter((token) => token.end <= match.index!);
    const last = before[before.length - 1];
    if (!last) continue;
    const clause = before.filter((token) => token.sentence === last.sentence && token.clause === last.clause && isContent(token));
    const read = readValue(target, scene.analysis, clause, { whole: true });
    if (read?.ok && shown(read.value) !== old) reading.candidates.push({ path: target.path, value: read.value, ...(read.optionIndex !== undefined ? { optionIndex: read.optionIndex } : {}), start: read.start, end: read.end, score: 0.84, source: "correction" });
  }
  return reading;
}

export function correctionOfEarlier(scene: Scene): Reading {
  const reading = emptyReading();
  const referred = setItAfterAQuestion(scene);
  if (referred.candidates.length) return referred;
  const one = theOneIs(scene);
  if (one.candidates.length) return one;
  const instead = insteadOfHeld(scene);
  if (instead.candidates.length) return instead;
  if (scene.mentions.length > 0) return reading;
  const text = scene.analysis.text;
  const lead = OPENING_CORRECTION.exec(text) ?? (scene.pending ? null : LOOSE_CORRECTION.exec(text));
  if (!lead) return reading;
  const replaced = REPLACED.exec(text.slice(lead[0].length));
  const fields = scene.vocabulary.fields.filter((field) => !field.question.secret);
  let target: FieldEntry | undefined;
  if (replaced) {
    const old = replaced[1].trim().toLowerCase().replace(/\s+(?:days?|weeks?|months?|records?|rows?)$/, "");
    const holding = fields.filter((field) => getAt(scene.context.values, field.path) !== undefined && shown(getAt(scene.context.values, field.path)) === old);
    if (holding.length === 1) target = holding[0];
  }
  if (!target) {
    const last = [...(scene.context.answered ?? [])].reverse().find((path) => fields.some((field) => field.path === path));
    target = last ? fields.find((field) => field.path === last) : undefined;
  }
  if (!target) return reading;
  const end = replaced ? lead[0].length + replaced.index : text.length;
  const tokens = scene.analysis.tokens.filter((token) => token.start >= lead[0].length && token.end <= end && isContent(token));
  const read = readValue(target, scene.analysis, tokens, { whole: true });
  if (read?.ok) reading.candidates.push({ path: target.path, value: read.value, ...(read.optionIndex !== undefined ? { optionIndex: read.optionIndex } : {}), start: read.start, end: read.end, score: 0.82, source: "correction" });
  return reading;
}

/** "As I said earlier": the asked field's value, read from the person's earlier messages. */
export function earlierAnswer(scene: Scene): Reading {
  const reading = emptyReading();
  const field = scene.pending;
  if (!field || field.question.secret) return reading;
  const earlier = (scene.context.recent ?? []).filter((turn) => turn.role === "user").reverse();
  for (const turn of earlier) {
    const analysis = analyze(turn.text);
    const past = { ...scene, analysis, mentions: findMentions(analysis, scene.vocabulary, field.path) };
    const found = [...namedValues(past).candidates, ...shapedValues(past).candidates].filter((candidate) => candidate.path === field.path);
    const best = found.sort((a, b) => b.score - a.score)[0];
    if (best) {
      reading.candidates.push({ ...best, start: 0, end: 0, score: Math.min(best.score, 0.8), source: "earlier" });
      return reading;
    }
  }
  return reading;
}
