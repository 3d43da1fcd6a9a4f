// The answer to the question asked: what is left of the message once the other readings took
// their spans and the words people wrap an answer in are gone ("it's X", "use X please"). A
// short answer is surely the answer; a sentence for a one-word field is not ("db is on the
// usual box" is no host), and is said back rather than stored.
import type { Token } from "../analyze.ts";
import { isCode, isContent } from "../analyze.ts";
import { ANSWER_WRAPPERS, INTENT_FILLER, PERSONAL, SETUP_WORDS } from "../lexicon.ts";
import { parseValue } from "../parse-value.ts";
import { readValue } from "../read-value.ts";
import { isOpening } from "../resolve.ts";
import { emptyReading, type Reading, type Scene } from "../scene.ts";

const DATE_WORDS = new Set(["since", "from", "starting", "start", "until", "till", "through", "onwards", "on", "as", "of", "beginning"]);
const ONE_WORD_SHAPES = new Set(["host", "port", "url", "email", "path", "domain", "one-word", "number"]);

/** The tokens no other reading or field name claimed, without the words that wrap an answer. */
function leftover(scene: Scene, taken: Array<{ start: number; end: number }>): Token[] {
  const { tokens } = scene.analysis;
  // A lone word that spells another field's name is still an answer ("api_key" for a parameter name).
  const content = tokens.filter((token) => isContent(token));
  const loneName = content.length === 1 && (content[0].kind !== "word" || /[_\d.-]/.test(content[0].text));
  const free = tokens.filter(
    (token) =>
      !taken.some((span) => token.start < span.end && span.start < token.end) &&
      (loneName || !scene.mentions.some((mention) => token.start >= mention.start && token.end <= mention.end)) &&
      (!token.inQuestion || scene.analysis.sentences[token.sentence]?.tentative === true),
  );
  if (free.length === 0) return [];
  const text = scene.analysis.text.slice(free[0].start, free[free.length - 1].end);
  // Cut the wrappers off the free stretch: "it's", "use", "please", "thanks".
  let inner = text;
  for (let guard = 0; guard < 3; guard++) inner = inner.replace(ANSWER_WRAPPERS.lead, "").replace(ANSWER_WRAPPERS.trail, "").trim();
  const offset = free[0].start + text.indexOf(inner);
  return free.filter((token) => token.start >= offset && token.end <= offset + inner.length);
}

/** "5432, no wait, 6543": the answer is what follows the last correction, without its lead-in ("make it"). */
function afterCorrection(scene: Scene, free: Token[], taken: Array<{ start: number; end: number }>, others: Array<{ start: number; end: number }> = taken): Token[] {
  if (free.length === 0) return free;
  const cue = scene.analysis.corrections.filter((at) => at > free[0].start && at <= free[free.length - 1].end).pop();
  if (cue === undefined) return free;
  // ("from 2024-01-01 — no wait, 2024-02-01": a correction of a value another reading took is
  // that value's; it says nothing of the answer asked.)
  const before = scene.analysis.tokens.filter((token) => token.end <= cue && token.kind !== "punct" && !/^(?:no|wait|sorry|actually|oops|i|mean)$/.test(token.lower) && !CORRECTION_LEADS.test(token.lower)).pop();
  // ("SPY,QQQ - hourly bars, no wait, make that every 15 minutes": the clause before the cue
  // held another field's value, however unsure, so the correction is that field's.)
  const clauseBefore = before ? scene.analysis.tokens.filter((token) => token.clause === before.clause && token.end <= cue) : [];
  const othersBefore = clauseBefore.some((token) => others.some((span) => token.start >= span.start && token.end <= span.end));
  if (before && (taken.some((span) => before.start >= span.start && before.end <= span.end) || othersBefore)) {
    // (The answer is then looked for before the corrected clause, "SPY,QQQ,IWM - hourly bars, no
    // wait, …", else outside that correction's sentence, where there is any.)
    const opened = clauseBefore[0]?.start ?? before.start;
    const earlier = free.filter((token) => token.end <= opened && token.sentence === before.sentence);
    if (earlier.some(isContent)) return earlier;
    const sentence = before.sentence;
    const elsewhere = free.filter((token) => token.sentence !== sentence);
    return elsewhere.some(isContent) ? elsewhere : free;
  }
  const rest = free.filter((token) => token.start >= cue);
  while (rest.length > 1 && (rest[0].kind === "punct" || (rest[0].kind === "word" && CORRECTION_LEADS.test(rest[0].lower)))) rest.shift();
  return rest.length && rest[0].kind !== "punct" ? rest : free;
}

const NAMING = /\b(?:call|name)\s+(?:it|them|this|that|the\s+[a-z]+)\s+["'`]?([^\s"'`,.;!?]+)/i;
const CORRECTION_LEADS = /^(?:make|made|change|it|that|to|i|mean|meant|rather|should|be|use|using|it'?s|it’s|its|that'?s|that’s)$/;

export function pendingAnswer(scene: Scene, taken: Array<{ start: number; end: number; path?: string }>, said: Array<{ start: number; end: number; path?: string }> = taken): Reading {
  const reading = emptyReading();
  const field = scene.pending;
  if (!field || field.question.secret) return reading;
  // Another reading already found the answer ("MySQL at 127.0.0.1" answers the host by its shape).
  if (taken.some((span) => span.path === field.path)) return reading;
  // "Set up a DuckDB destination", "GitHub source please": talk about the connector answers nothing.
  // (Once the person is answering questions, "postgres" is a user or a database like any word.)
  const aboutConnector = isOpening(scene) && scene.analysis.tokens.some((token) => token.kind === "word" && scene.vocabulary.connectorStems.has(token.stem));
  const others = said.filter((span) => span.path !== field.path);
  const free = afterCorrection(scene, leftover(scene, taken).filter((token) => !(aboutConnector && token.kind === "word" && (SETUP_WORDS.has(token.lower) || scene.vocabulary.connectorStems.has(token.stem)))), taken, others);
  const content = free.filter((token) => isContent(token) && (!INTENT_FILLER.has(token.lower) || isCode(token.text)));
  if (field.shape === "boolean") {
    const read = readValue(field, scene.analysis, free);
    if (read?.ok) reading.candidates.push({ path: field.path, value: read.value, start: read.start, end: read.end, score: content.length <= 2 ? 0.9 : 0.7, source: "pending" });
    return reading;
  }
  if (content.length === 0) return reading;
  // "Call the table orders_raw", "name it billing": a name given by a verb of naming answers a
  // name asked, wherever it stands in the message.
  if (/(?:^|_)(?:name|title|label|alias)$/i.test(field.key) && (field.shape === "one-word" || field.shape === "text")) {
    const naming = NAMING.exec(scene.analysis.text);
    const token = naming ? scene.analysis.tokens.find((candidate) => candidate.start === naming.index + naming[0].length - naming[1].length) : undefined;
    const read = token && !token.inQuestion && !token.negated ? readValue(field, scene.analysis, [token]) : null;
    if (read?.ok && !taken.some((span) => span.start < read.end && read.start < span.end)) {
      reading.candidates.push({ path: field.path, value: read.value, start: read.start, end: read.end, score: 0.82, source: "pending" });
      return reading;
    }
  }
  // "what does grant type mean here? our admin only gave me a client id and a key": after a
  // question, a sentence of talk is context for it, not the answer.
  if (content.length >= 2 && scene.analysis.sentences.some((sentence) => sentence.question && !sentence.tentative)) return reading;
  // The message names the asked field itself but gave it no value ("the big server in the
  // basement" for a host): what is left describes the field, it is no value of it.
  if (scene.mentions.some((mention) => mention.field.path === field.path) && ONE_WORD_SHAPES.has(field.shape)) {
    const raw = scene.analysis.text.trim();
    reading.rejected.push({ path: field.path, raw, reason: `"${raw}" doesn't look like a ${field.question.title.toLowerCase()}; it is one word, without spaces`, score: 0.6, start: 0, end: raw.length });
    return reading;
  }
  // "From Settings > API the key is 4b8e2f6a…": in a sentence, the one value-shaped word said after
  // "is" or ":" answers a one-word question, whatever the noun before it was called.
  if (ONE_WORD_SHAPES.has(field.shape) && content.length > 1) {
    const shaped = content.filter((token) => token.kind !== "word" || /\d/.test(token.text));
    const linked = shaped.length === 1 ? scene.analysis.tokens[scene.analysis.tokens.indexOf(shaped[0]) - 1] : undefined;
    if (linked && /^(?:is|:|=)$/.test(linked.lower) && !shaped[0].inQuestion && !shaped[0].negated) {
      const read = readValue(field, scene.analysis, [shaped[0]]);
      if (read?.ok) {
        reading.candidates.push({ path: field.path, value: read.value, start: read.start, end: read.end, score: 0.7, source: "pending" });
        return reading;
      }
    }
  }
  // Beside values for other fields, only a lone word left over answers the question ("5433,
  // database shop"); a phrase left over is chatter ("Connect Postgres at ...").
  if (taken.length > 0 && ONE_WORD_SHAPES.has(field.shape) && (content.length > 1 || (content[0].kind === "word" && SETUP_WORDS.has(content[0].lower)))) return reading;
  // A date answers only when it is the answer ("since March 3rd"); a date inside talk ("we moved
  // last year") is the dates reading's to place.
  if (field.shape === "date") {
    const dates = scene.analysis.dates;
    const outside = content.filter((token) => !dates.some((date) => token.start >= date.start && token.end <= date.end) && !DATE_WORDS.has(token.lower));
    if (outside.length > 0 && dates.length > 0) return reading;
  }
  // "Our recruiters use Teamtailor, I'd like the jobs synced": a sentence about us is talk, not
  // the free text asked (a query or a version says no "I" or "our").
  if (field.shape === "text" && content.length >= 4 && free.some((token) => token.kind === "word" && PERSONAL.has(token.lower))) return reading;
  const whole = content.length <= 3 || !ONE_WORD_SHAPES.has(field.shape);
  let read = readValue(field, scene.analysis, free, { whole });
  // "I want to pull our workflow executions from n8n" for a host: in a sentence of plain words, a
  // plain word is no host or id; a one-word answer said among others has a value's marks.
  if (read?.ok && ONE_WORD_SHAPES.has(field.shape) && field.shape !== "number" && field.shape !== "port") {
    const readStart = read.start;
    const at = scene.analysis.tokens.find((token) => token.start === readStart);
    // (A verb is the sentence's, however little else is left: "I want to read from Firebolt".)
    if (at && at.kind === "word" && !/[\d_.@-]/.test(at.text) && !/[A-Z]/.test(at.text.slice(1)) && (content.length > 1 || at.verb)) read = null;
  }
  if (read?.ok) {
    // Nothing else said: the bare answer. Beside other values: the part no one else claimed.
    const alone = taken.length === 0;
    // (Counted in words as typed: "db1:27017,db2:27017" is one word of many tokens.)
    const words = scene.analysis.text.slice(content[0].start, content[content.length - 1].end).split(/\s+/).length;
    const short = Math.min(content.length, words) <= (field.shape === "text" || field.shape === "list" ? 12 : 2);
    const hesitant = free.some((token) => token.inQuestion);
    const score = hesitant ? (alone && short ? 0.55 : 0) : alone && short ? 0.88 : short ? 0.78 : field.shape === "choice" || field.shape === "enum" || field.shape === "date" ? 0.7 : 0.45;
    reading.candidates.push({ path: field.path, value: read.value, ...(read.optionIndex !== undefined ? { optionIndex: read.optionIndex } : {}), start: read.start, end: read.end, score, source: "pending" });
    return reading;
  }
  const raw = scene.analysis.text.slice(free[0].start, free[free.length - 1].end);
  // A short answer of the wrong kind ("lots" for a port) is said back with the reason.
  if (!read && taken.length === 0 && content.length <= 3) {
    const parsed = parseValue(field.question, raw);
    if (!parsed.ok) reading.rejected.push({ path: field.path, raw, reason: parsed.reason, score: 0.7, start: free[0].start, end: free[free.length - 1].end });
    return reading;
  }
  if (read && !read.ok && taken.length === 0) {
    reading.rejected.push({ path: field.path, raw: read.raw, reason: read.reason, score: content.length <= 3 ? 0.8 : 0.5, start: free[0].start, end: free[free.length - 1].end });
  } else if (!read && taken.length === 0 && ONE_WORD_SHAPES.has(field.shape) && content.length > 1 && content.every((token) => token.kind === "word")) {
    // A sentence where one word was asked for: say so rather than guess a word of it.
    reading.rejected.push({ path: field.path, raw, reason: `"${raw}" doesn't look like a ${field.question.title.toLowerCase()}; it is one word, without spaces`, score: 0.45, start: free[0].start, end: free[free.length - 1].end });
  }
  return reading;
}

