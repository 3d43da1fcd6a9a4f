// Values introduced by a field's name: after it ("host db.internal", "the port is being 5432",
// "the schema everyone uses is called test"), or before it ("backend-api is the project",
// "use 5433 for the port", "3 workers", "the analytics schema"). A yes/no setting named without
// a value is switched on, or off when a negation reaches it ("don't use the deprecated API").
import { getAt } from "../../../specs/index.ts";
import type { Token } from "../analyze.ts";
import { correctedBetween, isContent } from "../analyze.ts";
import { CLAUSE_JOINERS, CLAUSE_OPENERS, CORRECTION_CUES, DATE_LEADS, POLITE_FILLERS, RETARGETING, DETERMINERS, FUNCTION_WORDS, JUDGEMENT_WORDS, LATER_WORDS, LINKING, NAME_TAILS, PREPOSITIONS, HEDGES, SETTING_VERBS, NEEDED_WORDS, SWITCH_OFF_PHRASES, SWITCH_OFF_WORDS, UNIT_ABBREVIATIONS, UNIT_WORDS, CLOUD_REGION_PLACES } from "../lexicon.ts";
import type { Mention } from "../mentions.ts";
import { fits, isPlaceholder } from "../fit.ts";
import { readValue, wantsCommaList } from "../read-value.ts";
import { exampleShape, examplesOf, isPostalAddress, slips, stemOf } from "../vocabulary.ts";
import { emptyReading, type Reading, type Scene } from "../scene.ts";
import { codeLists, namedCodeAt } from "./codes.ts";
import { takesDate } from "./dates.ts";

// ("granularity must be daily": "be" after a modal links as "is" does.)
const STRONG_LINKS = new Set(["is", "are", "was", "be", "=", ":", "->", "to", "named", "called", "equals", "set"]);
// "the schema *everyone uses* is called test": words before the link that lead a detour.
const DETOUR_OPENERS = new Set(["of", "for", "on", "in", "this", "that", "the", "my", "our", "its", "which", "we", "i", "everyone", "everybody", "you", "they", "people", "it", "here", "there", "you'll", "we'll", "i'll", "they'll", "you'd", "we'd"]);
const NEGATIVE_TITLE = /^(?:disable|skip|exclude|no|do not|don'?t|ignore|omit|turn off)\b/i;

function isLink(token: Token): boolean {
  return (token.kind === "word" && LINKING.has(token.lower)) || (token.kind === "punct" && /^[:=]$/.test(token.text)) || token.text === "->";
}

/** Where the value after a mention starts, and whether a link word ("is", ":") announced it. */
function resumedSetting(tokens: Token[], from: number): number | null {
  let index = from;
  if (tokens[index]?.text === ",") index++;
  if (POLITE_FILLERS.has(tokens[index]?.lower ?? "")) index++;
  if (!(tokens[index]?.kind === "word" && SETTING_VERBS.has(tokens[index].lower))) return null;
  if (!/^(?:it|that|this|them)$/.test(tokens[index + 1]?.lower ?? "")) return null;
  index += 2;
  if (/^(?:to|at|as|=)$/.test(tokens[index]?.lower ?? "")) index++;
  return index;
}

function valueStart(scene: Scene, mention: Mention): { index: number; linked: boolean; none?: true } {
  const { tokens } = scene.analysis;
  let index = mention.to;
  let linked = false;
  // "cap it at 500", "set them to 7": the pronoun between a name and its link.
  if (tokens[index]?.kind === "word" && /^(?:it|them|this|that|those|these)$/.test(tokens[index].lower) && tokens[index + 1] && isLink(tokens[index + 1])) index++;
  // "the port number is", "Database name:": words that finish the name.
  while (tokens[index] && tokens[index].kind === "word" && NAME_TAILS.has(tokens[index].lower) && index - mention.to < 2) index++;
  // "base currency should be the euro": a word of the field's own description finishes the name
  // when a link follows it.
  // ("our ads acct, id is 5497…": after a comma too, a word of the name then a link.)
  if (tokens[index]?.text === "," && tokens[index + 1]?.kind === "word" && (describing(mention.field).has(tokens[index + 1].stem) || NAME_TAILS.has(tokens[index + 1].lower)) && tokens[index + 2] && isLink(tokens[index + 2])) index++;
  const after = tokens[index + 1];
  if (tokens[index]?.kind === "word" && describing(mention.field).has(tokens[index].stem) && after && (isLink(after) || /^(?:should|will|would|must)$/.test(after.lower))) index++;
  // "group subscription usage by customer_segment", "sort results by date": a grouping or
  // ordering setting takes what comes after "by".
  if (tokens[index]?.lower === "by" && mention.field.titleStems.some((stem) => /^(?:group|sort|order|partit|split|segment|break)/.test(stem))) index++;
  // ("radius I think 25 is good": a hedge between the name and its value says nothing.)
  for (let hedge = hedgeAt(tokens, index); hedge; hedge = hedgeAt(tokens, index)) index += hedge.length;
  // ("Granularity of report must be daily" for Report Granularity: the title said the other way
  // round; its other word is part of the name.)
  while (/^(?:of|for)$/.test(tokens[index]?.lower ?? "") && tokens[index + 1]?.kind === "word" && mention.field.titleStems.includes(tokens[index + 1].stem)) index += 2;
  if (tokens[index]?.lower === "'s" || tokens[index]?.lower === "’s") {
    index++;
    linked = true;
  }
  // "the limit please put it 100", "batch size, make it 500": a setting verb with a pronoun for
  // the field just named links its value.
  const resumed = resumedSetting(tokens, index);
  if (resumed !== null) {
    index = resumed;
    linked = true;
  }
  // A detour between the name and its link: "the database our team uses is called sales".
  // ("shared calendar, its id is c_5f8e…": after a comma too.)
  const detour = detourFrom(tokens, index) ?? (tokens[index]?.text === "," ? detourFrom(tokens, index + 1) : null);
  // ("password, the user is airbyte_w": a detour never runs through another field's name.)
  const crossed = detour !== null && scene.mentions.some((other) => other !== mention && other.from >= index && other.from < detour);
  if (detour !== null && !crossed) return { index: detour, linked: true };
  let determined = false;
  for (let guard = 0; guard < 6 && tokens[index]; guard++) {
    const token = tokens[index];
    // "the account is being switched off": a verb follows, not a value ("the port is being
    // 4000", said by a learner of English, still gives one).
    const after = tokens[index + 1];
    if (token.lower === "being" && (!after || (after.kind === "word" && !/[\d_]/.test(after.text)))) return { index, linked: true, none: true };
    if (isLink(token)) {
      // "set the port to 5433" links; "copy from our bucket to another place" does not: "to"
      // links after a verb of setting, or before a value with a value's marks.
      const weakTo = token.lower === "to" && !settingVerbBefore(scene, mention) && !valueShaped(tokens[index + 1]);
      linked ||= (STRONG_LINKS.has(token.lower) && !weakTo) || token.kind === "punct";
      index++;
    } else if (token.kind === "word" && (DETERMINERS.has(token.lower) || POLITE_FILLERS.has(token.lower) || /^(?:should|will|would|must|just|only)$/.test(token.lower))) {
      // ("Page size please 500": a polite word between a name and its value says nothing.)
      determined ||= DETERMINERS.has(token.lower);
      index++;
    } else if (takesDate(mention.field) && token.kind === "word" && DATE_LEADS.has(token.lower)) {
      // "start on 2024-07-01", "end by March 31": a date's preposition leads it.
      index++;
    } else break;
  }
  if (linked && determined) {
    const described = describedValue(tokens, index);
    if (described) return described;
  }
  // "the usr is wrong, its api_8": a judgement of the value held, and the new one later in the sentence.
  if (tokens[index]?.kind === "word" && JUDGEMENT_WORDS.has(tokens[index].lower)) return judgedValue(scene, mention, index);
  return { index, linked };
}

/** The hedge ("i think") said at a token, if any. */
function hedgeAt(tokens: Token[], index: number): string[] | undefined {
  return tokens[index]?.kind === "word" ? HEDGES.find((hedge) => hedge.every((word, at) => tokens[index + at]?.lower === word)) : undefined;
}

const NAMING_VERB = /\b(?:call|name)\s+(?:it|them|this|that)\s+["'`]?([^\s"'`,.;!?]+)/i;
const HOST_SHAPES = new Set(["host", "url", "domain", "email"]);

/** "set the page size to 50": a verb of setting earlier in the mention's clause. */
function settingVerbBefore(scene: Scene, mention: Mention): boolean {
  const { tokens } = scene.analysis;
  const clause = tokens[mention.from].clause;
  return tokens.slice(Math.max(0, mention.from - 5), mention.from).some((token) => token.clause === clause && token.kind === "word" && SETTING_VERBS.has(token.lower));
}

/** A token with a value's marks: a number, a code, a host, a quoted word, a word with digits or "_". */
function valueShaped(token: Token | undefined): boolean {
  if (!token || token.kind === "punct") return false;
  return token.kind !== "word" || /[\d_]/.test(token.text) || /^[A-Z0-9_-]{2,}$/.test(token.text);
}

/**
 * After "X is wrong", the new value is the last value-shaped word of the sentence that is not the
 * one held ("the movie ID is wrong: 680 is Pulp Fiction but I want …, this is 16869").
 */
function judgedValue(scene: Scene, mention: Mention, index: number): { index: number; linked: boolean; none?: true } {
  const { tokens } = scene.analysis;
  const judged = tokens[index];
  const held = getAt(scene.context.values, mention.field.path);
  const shaped = (token: Token) => token.kind !== "punct" && (token.kind !== "word" || /[\d_]/.test(token.text));
  const later = tokens.filter((token, at) => at > index && token.sentence === judged.sentence && token.clause !== judged.clause && shaped(token) && String(held ?? "") !== token.text);
  const chosen = later[later.length - 1];
  return chosen ? { index: tokens.indexOf(chosen), linked: true } : { index, linked: true, none: true };
}

// Nouns that name a credential: "the username is our API key X" describes the value before giving it.
const CREDENTIAL_NOUNS = new Set(["key", "secret", "token", "password", "passphrase", "id", "identifier", "credential", "credentials", "login"]);

/**
 * "the username is our API key a7f3…": after a link and a determiner, a few plain words describe
 * the value and a value-shaped word (digits, a code, a host) is the value. "the password is the
 * API secret" describes it and gives none: a plain credential noun, then nothing value-shaped.
 */
function describedValue(tokens: Token[], index: number): { index: number; linked: boolean; none?: true } | null {
  const first = tokens[index];
  if (!first || first.kind !== "word" || /\d/.test(first.text)) return null;
  let sawCredential = false;
  for (let at = index; at < index + 5 && tokens[at] && tokens[at].clause === first.clause; at++) {
    const token = tokens[at];
    const valueShaped = token.kind !== "word" && token.kind !== "punct" ? true : token.kind === "word" && /\d/.test(token.text);
    if (valueShaped) return at > index && sawCredential ? { index: at, linked: true } : null;
    if (token.kind !== "word") break;
    if (CREDENTIAL_NOUNS.has(token.lower)) sawCredential = true;
    else if (sawCredential) break;
  }
  return sawCredential ? { index, linked: true, none: true } : null;
}

/** After "the schema everyone uses is called", "the database our team uses is": where the value starts. */
function detourFrom(tokens: Token[], index: number): number | null {
  const first = tokens[index];
  if (first?.kind !== "word" || !(DETOUR_OPENERS.has(first.lower) || DETERMINERS.has(first.lower)) || STRONG_LINKS.has(first.lower)) return null;
  for (let ahead = index + 1; ahead < Math.min(tokens.length, index + 6); ahead++) {
    const token = tokens[ahead];
    if (token.clause !== first.clause || token.kind !== "word" || /\d/.test(token.text)) return null;
    if (/^(?:is|are|called|named)$/.test(token.lower) || (token.lower === "to" && ahead > index + 1)) {
      let next = ahead + 1;
      while (tokens[next] && (isLink(tokens[next]) || DETERMINERS.has(tokens[next].lower))) next++;
      return next;
    }
  }
  return null;
}

/** The tokens a value after a mention may take: up to the next name, a stop, a contrast or a correction. */
function stretchAfter(scene: Scene, mention: Mention, from: number, next: Mention | undefined): Token[] {
  const { tokens } = scene.analysis;
  // (A name is no free text: "store is shop.example.com, want everything" ends at the comma.)
  // Free text said in prose ends at its clause too: "report granularity day, no date range needed".
  // (A string field that holds a comma list runs on like a list.)
  const list = mention.field.shape === "list" || ((mention.field.shape === "text" || mention.field.shape === "one-word") && wantsCommaList(mention.field.question));
  // (A postal address runs on through its commas: "1600 Barton Springs Rd, Austin, TX, 78704".)
  const runsOn = list || isPostalAddress(mention.field.question);
  const date = mention.field.shape === "date";
  // ("the cola and sst2 subsets, and only the validation split": after a comma and "and", a new
  // clause begins; its words are not this name's.)
  if (tokens[from]?.text === "," && CLAUSE_JOINERS.has(tokens[from + 1]?.lower ?? "")) return [];
  // ("random vectors, I don't want to pay OpenAI": words a negation reaches that the name does
  // not are turned down, no value of it.)
  if (tokens[from]?.negated && !tokens[mention.from].negated) return [];
  const out: Token[] = [];
  for (let index = from; index < tokens.length; index++) {
    const token = tokens[index];
    if (next && index >= next.from) break;
    if (token.sentence !== tokens[from].sentence) break;
    if (token.negated && !tokens[from].negated) break;
    if (out.length && correctedBetween(scene.analysis, out[out.length - 1].end, token.end)) break;
    // Free text in prose ends where a new clause opens: "team:billing instead of the default",
    // "onramp-sync so they can spot our calls" (a value in quotes keeps all its words).
    if (out.length && token.kind === "word" && CLAUSE_OPENERS.has(token.lower)) break;
    // "the Sydney entity and the Auckland one: 3f6c… and 9a0e…": a list introduced by a colon
    // starts after it; what came before described its items.
    if (list && token.text === ":" && out.length && tokens[index + 1]?.sentence === token.sentence) {
      out.length = 0;
      continue;
    }
    // A single value ends at a comma or "and"; a list or free text runs to the sentence's end.
    // (An address ends where "and" joins the next thing said.)
    if (runsOn && !list && out.length && token.kind === "word" && CLAUSE_JOINERS.has(token.lower)) break;
    if (!runsOn && token.clause !== tokens[from].clause) {
      // "April 1st, 2024": a comma before a year is part of the date.
      if (!(date && token.kind === "number" && token.number! >= 1900 && token.number! < 2200)) break;
    }
    out.push(token);
  }
  // "search for climate in the environment section": free text stops at the preposition that
  // leads the next field's own phrase ("in the environment section" is the section's).
  if (mention.field.shape === "text" && next && out.length > 1 && out[out.length - 1].end <= next.start + 1) {
    const last = out.length - 1;
    for (let at = last; at > 0; at--) {
      if (out[at].kind === "word" && PREPOSITIONS.has(out[at].lower) && tokens.indexOf(out[last]) + 1 === next.from) return out.slice(0, at);
    }
  }
  return out;
}

/**
 * "port 5432, no wait, 6543", "port 26257 no wait 26258": a correction right after a value gives
 * the same field another value, which the resolver prefers (it comes after the correction).
 */
const CORRECTION_WORDS = new Set(CORRECTION_CUES.flatMap((cue) => cue.split(" ")));
const HESITATION = /^(?:h+m+|u+[hm]+|e+r+m*|a+h+|o+h+|no|nope|nah|ok|okay|hold|on|sorry)$/;

function correctionAfter(scene: Scene, lastIndex: number, next: Mention | undefined, slack = 0, numeric = false): Token[] | null {
  const { tokens, corrections } = scene.analysis;
  const last = tokens[lastIndex];
  if (!last) return null;
  // "make it X", "change that to X" point back at the value said last, however much was said
  // since in that sentence ("ten workers, hmm no, our plan is the smaller one, make it eight"),
  // unless another field was named in between.
  const pointsBack = (at: number) =>
    RETARGETING.test(scene.analysis.lower.slice(Math.max(0, at - 24), at)) &&
    tokens.find((token) => token.start >= at)?.sentence === last.sentence &&
    !(next && tokens[next.from].start < at);
  const cue = corrections.find((at) => at > last.end && (at - last.end <= 28 || pointsBack(at)));
  if (cue === undefined) return null;
  // Only punctuation, hesitations and the cue's own words lie between the value and the cue's end.
  const between = pointsBack(cue) ? [] : tokens.filter((token) => token.start >= last.end && token.end <= cue);
  // ("14 days, no wait, 21": the value's unit may come before the cue.)
  const unit = (token: Token) => token.kind === "word" && UNIT_WORDS.test(token.lower);
  // (After a name said behind its value, "ten days at a time, no, fourteen", a few words of the
  // phrase may come first: `slack` of them.)
  if (between.filter((token) => token.kind !== "punct" && !unit(token) && !(token.kind === "word" && (CORRECTION_WORDS.has(token.lower) || HESITATION.test(token.lower)))).length > slack) return null;
  // The clauses after the cue, in its sentence: "no wait, that's our old test app, use 8e41…" says
  // why in one clause and gives the value in the next.
  const clauses: Token[][] = [[]];
  for (let index = tokens.findIndex((token) => token.start >= cue); index >= 0 && index < tokens.length; index++) {
    const token = tokens[index];
    if ((next && index >= next.from) || token.sentence !== last.sentence) break;
    if (token.kind === "punct") {
      if (clauses[clauses.length - 1].length) clauses.push([]);
      continue;
    }
    clauses[clauses.length - 1].push(token);
  }
  for (const clause of clauses.slice(0, 3)) {
    const out = [...clause];
    // "no wait, make that X", "sorry, I mean X", "use X": the words that lead the new value are not part of it.
    while (out.length > 1 && out[0].kind === "word" && CORRECTION_LEADS.test(out[0].lower)) out.shift();
    // ("sorry no, …": a clause of the cue's own words says nothing yet.)
    if (!out.length || out.every((token) => token.kind === "word" && (CORRECTION_WORDS.has(token.lower) || HESITATION.test(token.lower)))) continue;
    // "it's 6543" gives a value; "that's our old test app" describes the one before.
    if (out.length > 1 && out[0].kind === "word" && SAYING.test(out[0].lower)) {
      if (out[1].kind === "word" && DESCRIBING_OPENERS.test(out[1].lower)) continue;
      out.shift();
    }
    // ("port 5432 - sorry no, this cluster listens on 26257": for a number, the one number of a
    // describing clause is the new value.)
    const numbers = out.filter((token) => token.kind === "number");
    if (numeric && numbers.length === 1 && out[0].kind === "word" && DESCRIBING_OPENERS.test(out[0].lower)) return numbers;
    // "region is eu, sorry, our workspace is in the EU", "that's our old app": a clause about the
    // value, not a new one; the next clause may still give it.
    if (out[0].kind === "word" && DESCRIBING_OPENERS.test(out[0].lower)) continue;
    return out;
  }
  return null;
}

const CORRECTION_LEADS = /^(?:make|made|change|it|that|to|i|mean|meant|rather|instead|should|be|use|using|try|take)$/;
const SAYING = /^(?:that'?s|that’s|thats|it'?s|it’s|its)$/;
const DESCRIBING_OPENERS = /^(?:our|my|your|their|his|her|we|i|it|they|you|he|she|this|these|those|there|the|a|an|that'?s|that’s|thats|it'?s|it’s)$/;

/** The first clause of the next sentence, when the mention's own sentence says nothing else and names no other field. */
function nextSentenceValue(scene: Scene, mention: Mention): Token[] | null {
  const { tokens } = scene.analysis;
  const sentence = tokens[mention.from].sentence;
  const own = tokens.filter((token) => token.sentence === sentence && isContent(token) && !(token.start >= mention.start && token.end <= mention.end));
  if (own.some((token) => !/^(?:wrong|correct|right|new|actual|real|fix|fixed|wait|oops|sorry|typo)$/i.test(token.lower) && !FUNCTION_WORDS.has(token.lower))) return null;
  const next = tokens.filter((token) => token.sentence === sentence + 1);
  if (next.length === 0) return null;
  const clause = next[0].clause;
  // (Another field named in that first clause owns it.)
  if (scene.mentions.some((other) => tokens[other.from].sentence === sentence + 1 && tokens[other.from].clause === clause)) return null;
  const stretch = next.filter((token) => token.clause === clause && !token.negated);
  return stretch.length ? stretch : null;
}

/** After "the wrong F", the first value for F in this sentence or the next that is not the one held. */
function anotherValueAfter(scene: Scene, mention: Mention) {
  const { tokens } = scene.analysis;
  const held = getAt(scene.context.values, mention.field.path);
  const sentence = tokens[mention.from].sentence;
  for (let at = mention.to; at < tokens.length && tokens[at].sentence <= sentence + 1; at++) {
    const token = tokens[at];
    if (token.kind === "punct" || token.negated || (token.kind === "word" && !/[\d_]/.test(token.text))) continue;
    const read = readValue(mention.field, scene.analysis, [token]);
    if (read?.ok && JSON.stringify(read.value) !== JSON.stringify(held) && String(read.value) !== String(held)) return read;
  }
  return null;
}

/** "X is the F", "X for the F", "X as the F": the value said before its name. */
function valueBefore(scene: Scene, mention: Mention, previousEnd: number): Token[] | null {
  const { tokens } = scene.analysis;
  let index = mention.from - 1;
  // "is the service user": one describing word between a determiner and the name.
  if (tokens[index]?.kind === "word" && /^[a-z]+$/.test(tokens[index].text) && tokens[index - 1]?.kind === "word" && DETERMINERS.has(tokens[index - 1].lower)) index--;
  // "are the two organization exports", "is our main project": determiners and counts.
  while (index >= 0 && ((tokens[index].kind === "word" && (DETERMINERS.has(tokens[index].lower) || /^(?:both|all|main|only|one)$/.test(tokens[index].lower))) || (tokens[index].kind === "number" && tokens[index].number! < 10 && tokens[index - 1]?.kind === "word" && DETERMINERS.has(tokens[index - 1].lower)))) index--;
  // ("our Okta domain": the connector's own name before the field's.)
  while (index >= 0 && tokens[index].kind === "word" && scene.vocabulary.connectorStems.has(tokens[index].stem) && index > previousEnd) index--;
  while (index >= 0 && tokens[index].kind === "word" && DETERMINERS.has(tokens[index].lower)) index--;
  const joint = tokens[index];
  if (!joint || index < previousEnd) return null;
  // "northwind-health (that's our Okta domain)", "acme-eu, which is the workspace": a value
  // the words after it name.
  if (joint.kind === "word" && /^(?:that'?s|that’s|which's|which|it's|it’s|thats)$/.test(joint.lower) || (joint.lower === "is" && /^(?:that|which)$/.test(tokens[index - 1]?.lower ?? ""))) {
    let at = joint.lower === "is" ? index - 2 : index - 1;
    if (tokens[at]?.kind === "punct" && /^[(,–—-]$/.test(tokens[at].text)) at--;
    const said = tokens[at];
    if (said && at >= previousEnd && said.sentence === joint.sentence && said.kind !== "punct" && !(said.kind === "word" && (FUNCTION_WORDS.has(said.lower) || /^[a-z]+$/.test(said.text)))) return [said];
    return null;
  }
  const linked = joint.kind === "word" && /^(?:is|are|for|as)$/.test(joint.lower);
  if (linked) {
    // "118 and 907 are the ids": a list before a list field's name.
    const end = index;
    let start = end - 1;
    if (mention.field.shape === "list") {
      while (start - 1 >= previousEnd && tokens[start - 1].sentence === joint.sentence && !(tokens[start - 1].kind === "punct" && /^[.;!?]$/.test(tokens[start - 1].text))) start--;
    }
    const stretch = tokens.slice(Math.max(start, previousEnd), end).filter((token) => token.sentence === joint.sentence);
    // "that last part is a service name": a plain noun after a determiner is what the person
    // talks about, not a value (a value has its marks: "FINPDB1 is the service name").
    const said = stretch[stretch.length - 1];
    const plainNoun = said?.kind === "word" && /^[a-z]+$/.test(said.text) && tokens.slice(Math.max(0, end - 4), end - 1).some((token) => token.clause === said.clause && token.kind === "word" && DETERMINERS.has(token.lower));
    if (plainNoun && mention.field.shape !== "list") return null;
    return stretch.length ? stretch : null;
  }
  return null;
}

/** "the ENG, OPS and WEB projects": a list said right before a list field's name. */
function listBefore(scene: Scene, mention: Mention, previousEnd: number): Token[] | null {
  if (mention.field.shape !== "list") return null;
  const { tokens } = scene.analysis;
  let index = mention.from - 1;
  let values = 0;
  // ("from Australia and Chile, business and energy categories": places another list takes end it.)
  const others = [...codeLists(scene)].filter(([kind, field]) => field.path !== mention.field.path && kind !== mention.field.codes);
  while (index >= previousEnd && tokens[index].sentence === tokens[mention.from].sentence) {
    const token = tokens[index];
    if (others.some(([kind, field]) => namedCodeAt(tokens, index, kind, field.codeSample))) break;
    const joint = (token.kind === "punct" && /^[,&+/]$/.test(token.text)) || (token.kind === "word" && /^(?:and|n|&)$/.test(token.lower));
    const value = token.kind !== "punct" && token.kind !== "word" ? true : token.kind === "word" && !FUNCTION_WORDS.has(token.lower);
    if (!joint && !value) break;
    if (value) values++;
    index--;
  }
  return values >= 2 ? tokens.slice(index + 1, mention.from) : null;
}

/** A value right before the name: "3 workers", "500 records", "the analytics schema", "metric units". */
function adjacentBefore(scene: Scene, mention: Mention, previousEnd: number): Token | null {
  const { tokens } = scene.analysis;
  const token = tokens[mention.from - 1];
  if (!token || mention.from - 1 < previousEnd || token.sentence !== tokens[mention.from].sentence) return null;
  const shape = mention.field.shape;
  if ((shape === "number" || shape === "list") && token.kind === "number") return token;
  // 'only the "analytics" group': a quoted name right before a list's name is its one item.
  if (shape === "list" && token.kind === "quoted") return token;
  // "a hundred records per request": the counted thing between the number and the name.
  const counted = tokens[mention.from - 2];
  if (shape === "number" && token.kind === "word" && !FUNCTION_WORDS.has(token.lower) && counted?.kind === "number" && mention.from - 2 >= previousEnd && counted.sentence === token.sentence) return counted;
  if ((shape === "enum" || shape === "choice") && (token.kind === "word" || token.kind === "number" || token.kind === "dotted")) return token;
  // A name after a determiner: "the analytics schema", "our main_wh warehouse".
  const before = tokens[mention.from - 2];
  if (shape === "one-word" && before?.kind === "word" && DETERMINERS.has(before.lower) && (token.kind === "word" || token.kind === "code" || token.kind === "dotted") && !FUNCTION_WORDS.has(token.lower)) {
    return /^(?:same|new|old|other|right|wrong|correct|whole|entire|usual|standard|default|normal|regular|first|last|next|existing|current|main|primary|production|prod|test|dev)$/.test(token.lower) ? null : token;
  }
  // A free-text name written as a name: "the Contacts module", "our Q3_leads list" (a capital
  // inside the sentence, or an identifier's marks), never a plain lowercase word ("the big module").
  const proper = token.kind === "code" || token.kind === "dotted" || (token.kind === "word" && (/[_\d]/.test(token.text) || (/^[A-Z]/.test(token.text) && token.start > scene.analysis.sentences[token.sentence].start + 1)));
  if (shape === "text" && before?.kind === "word" && DETERMINERS.has(before.lower) && proper && !FUNCTION_WORDS.has(token.lower)) return token;
  return null;
}

/** A yes/no setting named without a value: on, or off after a negation (a negative title the other way round). */
const SWITCHED_AFTER = /\b(?:switch|turn|set|keep|leave|have|put)\s+(?:it|that|this|them|those)\s+(off|on|disabled|enabled|false|true)\b|\b(?:it|that|this)\s+(?:should|must|has to|needs to)\s+be\s+(off|on|disabled|enabled|false|true)\b/i;

function switchedByName(scene: Scene, mention: Mention): boolean | null {
  const field = mention.field;
  if (field.shape !== "boolean") return null;
  const { tokens } = scene.analysis;
  // ("only the channels a, b and c" against Include private channels: a title said loosely turns
  // its switch only where a word of it no other title has is said as written.)
  const unique = field.titleStems.map((stem, at) => ({ stem, word: field.titleWords[at] ?? stem })).filter(({ stem }) => scene.vocabulary.titleStemCounts.get(stem) === 1);
  const saysUnique = (token: Token) => token.kind === "word" && unique.some(({ stem, word }) => token.stem === stem || (word.length >= 5 && slips(token.lower, word) <= 1));
  if (mention.loose && !tokens.slice(mention.from, mention.to).some(saysUnique)) return null;
  const clause = tokens[mention.from].clause;
  const before = tokens.slice(Math.max(0, mention.from - 6), mention.from).filter((token) => token.clause === clause && token.kind === "word");
  const negated = before.some((token) => SWITCH_OFF_WORDS.has(token.lower) || token.lower.endsWith("n't"));
  // ("turn the predictive analytics off": the particle after the name.)
  const turnOff = before.some((token, at) => SWITCH_OFF_PHRASES.some(([verb, particle]) => token.lower === verb && (before[at + 1]?.lower === particle || (at === before.length - 1 || before.length - at <= 3) && tokens[mention.to]?.lower === particle)));
  // "the country grouping kept erroring, so please switch that off": a later clause of the
  // sentence that turns "it" or "that" on or off says which.
  const sentence = scene.analysis.sentences[tokens[mention.from].sentence];
  const after = sentence ? SWITCHED_AFTER.exec(scene.analysis.text.slice(mention.end, sentence.end)) : null;
  if (after) {
    const on = /^(?:on|enabled|true)$/i.test(after[1] ?? after[2]);
    // (A title that turns something off, "Skip archived", said whole is turned on by "on"; said
    // without its "skip", the thing itself is what "off" turns off.)
    return NEGATIVE_TITLE.test(field.question.title) && !NEGATIVE_TITLE.test(scene.analysis.text.slice(mention.start, mention.end)) ? !on : on;
  }
  // ("the newer orders API rather than the deprecated one" for Use Orders Deprecated API: a word
  // of the title a negation or contrast reaches inside the name said turns it off.)
  const titleNegated = tokens.slice(mention.from, mention.to).some((token) => token.negated && token.kind === "word" && field.titleStems.includes(token.stem));
  // ("Order doesn't matter to us", "SSL isn't needed": the name, then its negated need.)
  const next = tokens.slice(mention.to, mention.to + 4).filter((token) => token.clause === clause && token.kind === "word");
  const unneeded = next.some((token) => token.lower === "not" || token.lower.endsWith("n't")) && next.some((token) => NEEDED_WORDS.has(token.lower));
  const off = negated || turnOff || tokens[mention.from].negated || titleNegated || unneeded;
  return NEGATIVE_TITLE.test(field.question.title) ? off || NEGATIVE_TITLE.test(scene.analysis.text.slice(mention.start, mention.end)) : !off;
}

/** A yes/no setting asked about, then switched with "it" in a later sentence that asks nothing. */
function switchedAfterQuestion(scene: Scene, mention: Mention): boolean | null {
  if (mention.field.shape !== "boolean") return null;
  const { tokens, sentences } = scene.analysis;
  const asked = tokens[mention.from].sentence;
  // (Another setting named after it would be what "it" is.)
  if (scene.mentions.some((other) => other !== mention && tokens[other.from].sentence > asked)) return null;
  for (const sentence of sentences.slice(asked + 1)) {
    if (sentence.question) continue;
    const said = SWITCHED_AFTER.exec(scene.analysis.text.slice(sentence.start, sentence.end));
    if (!said) continue;
    const on = /^(?:on|enabled|true)$/i.test(said[1] ?? said[2]);
    return NEGATIVE_TITLE.test(mention.field.question.title) ? !on : on;
  }
  return null;
}

const describingCache = new WeakMap<object, Set<string>>();
function describing(field: Mention["field"]): Set<string> {
  let words = describingCache.get(field);
  if (!words) {
    words = new Set(`${field.question.title} ${field.question.description ?? ""}`.toLowerCase().split(/[^a-z]+/).filter((word) => word.length >= 3 && !FUNCTION_WORDS.has(word)).map(stemOf));
    describingCache.set(field, words);
  }
  return words;
}

/** A name or a reading less than certain lowers a value's score, without compounding to nothing. */
const sure = (weight: number) => 0.7 + 0.3 * weight;

export function namedValues(scene: Scene): Reading {
  const reading = emptyReading();
  const { tokens } = scene.analysis;
  for (const [position, mention] of scene.mentions.entries()) {
    const field = mention.field;
    if (field.question.secret) {
      // "password hunter2": a value typed in the open for a secret (the screening missed it).
      const start = valueStart(scene, mention);
      const said = tokens[start.index];
      // ("the client secret is only visible to our admin": a plain word that runs on into the
      // sentence is prose, not a secret typed.)
      const prose = said?.kind === "word" && /^[a-z]+$/.test(said.text) && tokens[tokens.indexOf(said) + 1]?.kind === "word" && tokens[tokens.indexOf(said) + 1].clause === said.clause;
      if (said && !prose && !start.none && !LATER_WORDS.has(said.lower) && !tokens[mention.from].inQuestion && !said.negated && said.sentence === tokens[mention.from].sentence && said.kind !== "punct" && (start.linked || /\d/.test(said.text)) && !FUNCTION_WORDS.has(said.lower) && !/^\[?redacted/.test(said.lower)) {
        // The value runs to the next space or comma (a secret is one word); a closing mark is no part of it.
        const text = scene.analysis.text;
        const run = /^[^\s,;]+/.exec(text.slice(said.start))![0].replace(/[.!?)\]]+$/, "");
        (reading.secretsSaid ??= []).push({ path: field.path, start: said.start, end: said.start + run.length });
      }
      continue;
    }
    // "what does the port mean?": a question about the field, not a value for it.
    if (tokens[mention.from].inQuestion) {
      // ("what is 'include custom domain' about? … if that's what it's for, turn it on": an
      // instruction after the question switches the setting asked about.)
      const later = switchedAfterQuestion(scene, mention);
      if (later !== null) reading.candidates.push({ path: field.path, value: later, start: mention.start, end: mention.end, score: 0.75 * sure(mention.weight), source: "switch" });
      continue;
    }
    // "I don't have the login handy": a name a negation reaches gives no value (a yes/no setting
    // is switched off instead, below).
    const negated = tokens[mention.from].negated;
    const next = scene.mentions[position + 1];
    const previousEnd = position > 0 ? scene.mentions[position - 1].to : 0;
    // "leave out the billing-svc and legacy-api services": the value between the title's words.
    // (Unless a value follows the name at once: "chunks of 800 tokens with an overlap of 100"
    // gives the overlap 100; the 800 between its words is the chunks'.)
    const follows = mention.inner ? valueStart(scene, mention) : null;
    const followed = follows && tokens[follows.index]?.kind === "number" && tokens[follows.index].sentence === tokens[mention.from].sentence;
    // ("our two conversion metrics": a number alone between the words of a name that is no
    // number counts the things named; it is not their value.)
    const inner = mention.inner ? tokens.slice(mention.inner.from, mention.inner.to).filter((token) => !FUNCTION_WORDS.has(token.lower)) : [];
    const counting = inner.length === 1 && inner[0].kind === "number" && field.question.type !== "integer" && field.question.type !== "number";
    // ("chunks of 512 tokens with 50 overlap": of two numbers inside, the one right before the
    // name's last word is its value; the other belongs to the first word's field.)
    const lastBefore = tokens[mention.to - 2];
    const numbersInside = mention.inner ? tokens.slice(mention.inner.from, mention.inner.to).filter((token) => token.kind === "number") : [];
    if (mention.inner && !followed && numbersInside.length >= 2 && lastBefore?.kind === "number" && mention.to - 2 >= mention.inner.from && mention.to - 2 < mention.inner.to) {
      const read = readValue(field, scene.analysis, [lastBefore]);
      if (read?.ok) {
        reading.candidates.push({ path: field.path, value: read.value, start: read.start, end: read.end, score: 0.8 * sure(mention.weight), source: "named" });
        continue;
      }
    }
    if (mention.inner && !followed && !counting) {
      const inside = readValue(field, scene.analysis, tokens.slice(mention.inner.from, mention.inner.to));
      // (Only a value that can be one: "cards matching the search onboarding" has "onboarding"
      // after the name, not "matching the" inside it.)
      if (inside?.ok && fits(field, inside.value, scene.vocabulary, true).ok) {
        reading.candidates.push({ path: field.path, value: inside.value, start: inside.start, end: inside.end, score: 0.82 * sure(mention.weight) * sure(inside.weight), source: "named" });
        continue;
      }
    }
    // "wrong site, that one is staging": words about the value being replaced; only a value in
    // the next sentence ("wrong login. use X instead") is the new one.
    if (tokens[mention.from - 1]?.kind === "word" && JUDGEMENT_WORDS.has(tokens[mention.from - 1].lower)) {
      const following = nextSentenceValue(scene, mention);
      // ("wrong port, 2222 is their old box. it's 2202": past the value held, the first other one.)
      const read = following ? readValue(field, scene.analysis, following) : anotherValueAfter(scene, mention);
      if (read?.ok) reading.candidates.push({ path: field.path, value: read.value, start: read.start, end: read.end, score: 0.74 * sure(mention.weight), source: "named" });
      continue;
    }
    const start = valueStart(scene, mention);
    const { linked } = start;
    let index = start.index;
    // "base currency EUR": a word of the field's own description before the value.
    const first = tokens[index];
    // ("product catalog, version one": after a comma too.)
    const byComma = tokens[index - 1]?.kind === "punct" && tokens[index - 1].text === "," && tokens[index - 1].start >= mention.end;
    if ((!linked || byComma) && first?.kind === "word" && tokens[index + 1]?.clause === first.clause && tokens[index + 1].kind !== "punct" && describing(field).has(first.stem) && !field.choices?.some((choice) => String(choice.value).toLowerCase() === first.lower)) index++;
    // Without "is" or ":", a value follows its name at once: "exports we care about" gives none.
    // (A word in capitals is a code, not a word of the sentence: "exchange US".)
    const unlinkedStart = !linked && tokens[index]?.kind === "word" && FUNCTION_WORDS.has(tokens[index].lower) && !/^[A-Z]{2,}$/.test(tokens[index].text);
    // ("the username is the API key": described, no value given.)
    const stretch = tokens[index] && !unlinkedStart && !negated && !start.none ? stretchAfter(scene, mention, index, next) : [];
    // ("the bucket lives in Frankfurt", "the key stored in vault": a verb's form then a
    // preposition is the clause's verb; "user etl with a password" still gives etl.)
    const verbAfter = !linked && stretch[0]?.kind === "word" && /^[a-z]+(?:[^s]s|ed)$/.test(stretch[0].text) && PREPOSITIONS.has(tokens[tokens.indexOf(stretch[0]) + 1]?.lower ?? "");
    if (verbAfter) stretch.length = 0;
    // ('the "Energy" sector matters': a quoted name just before the name beats a plain word after it.)
    const quotedBefore = tokens[mention.from - 1]?.kind === "quoted" && mention.from - 1 >= previousEnd;
    const plainAfter = !linked && stretch[0]?.kind === "word" && /^[a-z]+$/.test(stretch[0].text);
    let after = stretch.length && !(quotedBefore && plainAfter) ? readValue(field, scene.analysis, stretch) : null;
    // "Language should be German, de-DE": where the examples have a shape ("en-US") and the word
    // read has not, the word of that shape said beside it is the value.
    if (after?.ok && typeof after.value === "string") {
      const said = after.value;
      const saidEnd = after.end;
      const shapes = examplesOf(field.question).map(exampleShape).filter((shape): shape is RegExp => shape !== null);
      const sentence = tokens[mention.from].sentence;
      // (Said right after it, a comma or dash between: an appositive, not another field's value.)
      const lastAt = tokens.findIndex((token) => token.end === saidEnd);
      let nextAt = lastAt + 1;
      while (tokens[nextAt]?.kind === "punct" && /^[,(–—-]$/.test(tokens[nextAt].text)) nextAt++;
      const beside = tokens[nextAt];
      const shaped = shapes.length && !shapes.some((shape) => shape.test(said)) && beside && beside.sentence === sentence && nextAt > lastAt + 1 && shapes.some((shape) => shape.test(beside.text)) ? beside : undefined;
      const reread = shaped ? readValue(field, scene.analysis, [shaped]) : null;
      if (reread?.ok) after = reread;
    }
    // ("one stream is enough": a word of talk is no value; other ways of giving one are tried.)
    if (after?.ok && typeof after.value === "string" && isPlaceholder(after.value)) after = null;
    // ("Placed Order and Started Checkout": a name of several capitalised words is one name; a
    // field that takes one word does not take its first word.)
    const titleCase = (token: Token | undefined) => token?.kind === "word" && /^[A-Z][a-z]+$/.test(token.text);
    if (after?.ok) {
      const { start: from, end: to } = after;
      const word = stretch.find((token) => token.start === from && token.end === to);
      if (word && titleCase(word) && titleCase(tokens[tokens.indexOf(word) + 1])) after = null;
    }
    // "The account is ab12.eu-west-1.aws.vendor.com": a whole host named by a loose synonym of
    // a field that takes no host ("account" for the user) belongs to the field that takes hosts.
    const hostForOther = after?.ok && typeof after.value === "string" && mention.weight < 1 && !HOST_SHAPES.has(field.shape) && /^(?:[a-z0-9-]+\.){2,}[a-z]{2,}$/i.test(after.value) && scene.vocabulary.fields.some((other) => other.shape === "host" && !other.question.secret);
    if (hostForOther) continue;
    // "the bucket is in eu-west-1": a cloud region's code said for a field that is no region is
    // the region's, where one region field sits beside it.
    if (after?.ok && typeof after.value === "string" && Object.prototype.hasOwnProperty.call(CLOUD_REGION_PLACES, after.value.toLowerCase()) && !/region/i.test(`${field.key} ${field.question.title}`)) {
      const parentPath = field.path.slice(0, field.path.lastIndexOf("/"));
      const regions = scene.vocabulary.fields.filter((other) => other !== field && other.path.slice(0, other.path.lastIndexOf("/")) === parentPath && /region/i.test(`${other.key} ${other.question.title}`) && !other.question.secret);
      const region = regions.length === 1 ? readValue(regions[0], scene.analysis, stretch) : null;
      if (region?.ok) reading.candidates.push({ path: regions[0].path, value: region.value, start: region.start, end: region.end, score: 0.8 * sure(mention.weight), source: "named" });
      continue;
    }
    // "through our bastion bastion.acme.io": a host said right after a choice's name (an SSH
    // tunnel) is the host of its options, where they have one host field.
    if (!after?.ok && field.shape === "choice" && (stretch[0]?.kind === "dotted" || stretch[0]?.kind === "hostport")) {
      const hosts = scene.vocabulary.fields.filter((other) => other.path.startsWith(`${field.path}/`) && (other.shape === "host" || /(?:^|_)host(?:name)?$/i.test(other.key)) && !other.question.secret);
      const host = hosts.length === 1 ? readValue(hosts[0], scene.analysis, [stretch[0]]) : null;
      if (host?.ok) {
        reading.candidates.push({ path: hosts[0].path, value: host.value, start: host.start, end: host.end, score: 0.8 * sure(mention.weight), source: "named" });
        continue;
      }
    }
    // ("User ID=etl": a pasted pair's key and value are the pair's to read, not a name's value.)
    if (after?.ok && scene.analysis.pairs.some((pair) => after!.start < pair.keyEnd && pair.keyStart < after!.end)) continue;
    if (after?.ok) {
      const score = (linked ? 0.95 : 0.82) * sure(mention.weight) * sure(after.weight);
      reading.candidates.push({ path: field.path, value: after.value, ...(after.optionIndex !== undefined ? { optionIndex: after.optionIndex } : {}), start: after.start, end: after.end, score, source: "named" });
      const lastIndex = tokens.findIndex((token) => token.end === after.end);
      const corrected = correctionAfter(scene, lastIndex, next, 0, field.shape === "number" || field.shape === "port");
      const fixed = corrected ? readValue(field, scene.analysis, corrected) : null;
      if (fixed?.ok) reading.candidates.push({ path: field.path, value: fixed.value, ...(fixed.optionIndex !== undefined ? { optionIndex: fixed.optionIndex } : {}), start: fixed.start, end: fixed.end, score, source: "named" });
      continue;
    }
    // ("Metricool for the agency account": the connector's own name is no value said before a name.)
    const connectorWord = (token: Token) => token.kind === "word" && scene.vocabulary.connectorStems.has(token.stem);
    const ownName = (stretch: Token[] | null) => !!stretch?.some(connectorWord) && stretch.every((token) => connectorWord(token) || FUNCTION_WORDS.has(token.lower) || token.kind === "punct");
    const beforeRaw = negated ? null : valueBefore(scene, mention, previousEnd);
    const before = ownName(beforeRaw) ? null : beforeRaw;
    const beforeRead = before ? readValue(field, scene.analysis, before) : null;
    if (beforeRead?.ok) {
      reading.candidates.push({ path: field.path, value: beforeRead.value, ...(beforeRead.optionIndex !== undefined ? { optionIndex: beforeRead.optionIndex } : {}), start: beforeRead.start, end: beforeRead.end, score: 0.86 * sure(mention.weight) * sure(beforeRead.weight), source: "named-before" });
      continue;
    }
    const listed = negated ? null : listBefore(scene, mention, previousEnd);
    const listRead = listed ? readValue(field, scene.analysis, listed) : null;
    if (listRead?.ok) {
      reading.candidates.push({ path: field.path, value: listRead.value, start: listRead.start, end: listRead.end, score: 0.78 * sure(mention.weight), source: "named-before" });
      continue;
    }
    const adjacent = negated ? null : adjacentBefore(scene, mention, previousEnd);
    const adjacentRead = adjacent ? readValue(field, scene.analysis, [adjacent]) : null;
    if (adjacentRead?.ok) {
      // "3 workers" is sure; "the analytics schema" likely; "a plain username" is a describing word.
      const capitalised = /^[A-Z]/.test(adjacent!.text) && adjacent!.start > scene.analysis.sentences[adjacent!.sentence].start + 1;
      // ("land in the analytics schema", "into the sales database": where things go names a place.)
      const placed = /^(?:in|into|inside|under|to)$/.test(tokens[mention.from - 3]?.lower ?? "") && DETERMINERS.has(tokens[mention.from - 2]?.lower ?? "");
      // ("our App Store numbers": a capitalised word before a capitalised name is one proper
      // name with it, not the value of the field the name's word also names.)
      const properName = capitalised && /^[A-Z][a-z]/.test(tokens[mention.from].text);
      const identifier = adjacent!.kind !== "word" || /[\d_.-]|[a-z][A-Z]/.test(adjacent!.text) || (capitalised && !properName) || placed;
      const score = adjacent!.kind === "number" ? 0.8 : field.choices?.length || identifier ? 0.66 : 0.55;
      reading.candidates.push({ path: field.path, value: adjacentRead.value, ...(adjacentRead.optionIndex !== undefined ? { optionIndex: adjacentRead.optionIndex } : {}), start: adjacentRead.start, end: adjacentRead.end, score: score * sure(mention.weight), source: "named-adjacent" });
      const corrected = correctionAfter(scene, mention.to - 1, next, 3);
      const fixed = corrected ? readValue(field, scene.analysis, corrected) : null;
      if (fixed?.ok) reading.candidates.push({ path: field.path, value: fixed.value, start: fixed.start, end: fixed.end, score: score * sure(mention.weight), source: "named" });
      continue;
    }
    // "wrong db. events_archive, not events": the name said alone, its value in the next sentence.
    const following = nextSentenceValue(scene, mention);
    if (following) {
      const read = readValue(field, scene.analysis, following);
      if (read?.ok) {
        reading.candidates.push({ path: field.path, value: read.value, start: read.start, end: read.end, score: 0.74 * sure(mention.weight), source: "named" });
        continue;
      }
    }
    // ("correction on the port: … it listens on 14330, not 1433": after a correction named just
    // before, where nothing follows the name at once, the first other value is the new one.)
    const correcting = tokens.slice(Math.max(0, mention.from - 4), mention.from).some((token) => token.kind === "word" && /^(?:correction|fix|typo)$/.test(token.lower) && token.sentence === tokens[mention.from].sentence);
    const corrected = correcting && !negated ? anotherValueAfter(scene, mention) : null;
    if (corrected?.ok) {
      reading.candidates.push({ path: field.path, value: corrected.value, start: corrected.start, end: corrected.end, score: 0.74 * sure(mention.weight), source: "named" });
      continue;
    }
    // "one stream is enough, call it orders": a name given by a verb of naming later in the sentence.
    if (/(?:^|_)(?:name|title|label|alias)$/i.test(field.key)) {
      const sentence = tokens[mention.from].sentence;
      const rest = scene.analysis.text.slice(mention.end, scene.analysis.sentences[sentence]?.end ?? scene.analysis.text.length);
      const naming = NAMING_VERB.exec(rest);
      const at = naming ? mention.end + naming.index + naming[0].length - naming[1].length : -1;
      const token = tokens.find((candidate) => candidate.start === at && candidate.sentence === sentence);
      const read = token && !token.negated ? readValue(field, scene.analysis, [token]) : null;
      if (read?.ok) {
        reading.candidates.push({ path: field.path, value: read.value, start: read.start, end: read.end, score: 0.8 * sure(mention.weight), source: "named" });
        continue;
      }
    }
    const switched = switchedByName(scene, mention);
    if (switched !== null && !(after && !after.ok)) {
      reading.candidates.push({ path: field.path, value: switched, start: mention.start, end: mention.end, score: 0.8 * sure(mention.weight), source: "switch" });
      continue;
    }
    // "our activity log sync keeps timing out, so use slices of ten days": a number said with the
    // field's unit later in the sentence that names it is its value, where no other field is
    // named between.
    if (field.unit && !negated) {
      const sentence = tokens[mention.from].sentence;
      for (let at = mention.to; at + 1 < tokens.length && tokens[at].sentence === sentence; at++) {
        if (next && at >= next.from) break;
        const unit = tokens[at + 1];
        if (tokens[at].kind !== "number" || unit.kind !== "word") continue;
        const said = UNIT_ABBREVIATIONS[unit.lower] ?? unit.lower.replace(/s$/, "");
        if (said !== field.unit) continue;
        const read = readValue(field, scene.analysis, [tokens[at]]);
        if (read?.ok) reading.candidates.push({ path: field.path, value: read.value, start: read.start, end: read.end, score: 0.72 * sure(mention.weight), source: "named" });
        break;
      }
      if (reading.candidates.some((candidate) => candidate.path === field.path)) continue;
    }
    // Clearly given ("port: five-ish") but not this field's kind of value: said back, not stored.
    if (after && !after.ok && linked) reading.rejected.push({ path: field.path, raw: after.raw, reason: after.reason, score: 0.85 * mention.weight, start: mention.start, end: stretch[stretch.length - 1]?.end ?? mention.end });
  }
  return reading;
}
