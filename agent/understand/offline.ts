// The deterministic understander (ONRAMP_MODEL=offline): intents from the shape of the message,
// values for one or several fields from their names ("host db.internal port 5433, user reader"),
// and the bare answer to the pending question. No network, same input → same decisions.
import type { Question } from "../../specs/types.ts";
import { getAt } from "../../specs/index.ts";
import { looksLikeSecret, NOT_A_VALUE, valueAfter, valueBefore, valueDecision } from "./clauses.ts";
import { findMentions, type Mention } from "./mentions.ts";
import { scopedIntents } from "./scoped-intents.ts";
import { spotEnumValues } from "./spot-enums.ts";
import { spotDates } from "./spot-dates.ts";
import { correction } from "./corrections.ts";
import { switchedByName, valueInside } from "./mention-values.ts";
import { numberWordsToDigits } from "./number-words.ts";
import { optionsOfNamedFields } from "./option-of-field.ts";
import { parseValue, unwrapAnswer, wantsDate } from "./parse-value.ts";
import { fuzzyOption, spotDsn, spotExamples, spotHostPort, spotOptions, spotShaped } from "./spot.ts";
import type { Decision, UnderstandContext } from "./types.ts";

const INTENTS: Array<[RegExp, Decision["kind"]]> = [
  [/^(?:cancel|abort|quit|exit|stop)(?: (?:it|this|that|the setup|setup|everything|please))*$|\b(?:cancel (?:the |this )?setup|i want to (?:cancel|stop|quit)|forget it|never ?mind,? (?:cancel|stop))\b/, "cancel"],
  [/\b(?:start (?:over|again|from scratch)|restart(?: the setup)?|from scratch|begin again|reset everything)\b/, "start_over"],
  [/^(?:go )?back$|\b(?:go back|previous (?:question|field|one|step)|back to the (?:previous|last) (?:question|field|one)|undo that)\b/, "back"],
  [/^(?:test|test (?:it|now|again|the connection|connection)|run (?:the |a )?test|check (?:the |my )?connection|retest|try again)$/, "test"],
  [/\b(?:(?:i )?(?:don'?t|do not|dont) know|no idea|not sure|idk|dunno|no clue|where (?:do|can|would|should) i find|how (?:do|can) i find)\b/, "dont_know"],
  [/^(?:skip|skip (?:it|this|that|this one|that one|for now|this field|this question)|pass|next|none|n\/?a|no thanks|leave (?:it )?(?:blank|empty)|not needed|nothing|not applicable|no need)$/, "skip"],
  [/^(?:|default|defaults|use (?:the )?defaults?(?: value| one)?|(?:the )?default (?:one|value|is fine|please|will do|works)|the default|keep (?:the )?default|whatever the default is|press enter|enter|leave (?:it )?as (?:is|default))$/, "use_default"],
  [/^(?:that'?s (?:right|correct|it|fine|good)|correct|right|exactly|yes,? (?:that'?s )?(?:right|correct)|yep,? (?:that'?s )?(?:right|correct)|sounds good|looks good|all good|that works|keep (?:it|that|as is)|leave it|no change|unchanged)$/, "agree"],
];

const CHITCHAT =
  /^(?:hi|hello|hey|hiya|howdy|yo|good (?:morning|afternoon|evening|day)|greetings|thanks|thank you|thx|cheers|ok|okay|cool|great|nice|sure|alright|hi there|hello there|hey there)(?: there)?[\s!.,]*(?:(?:can|could) you help(?: me)?\??)?[\s!.]*$/;

const QUESTION_INSIDE = /((?:what|how|why|which|can you explain|could you explain)\b[^.?!]*\?)/i;

const QUESTION_START =
  /^(?:what|what's|whats|how|why|which|explain|tell me (?:about|what)|help(?: me)?(?: with)?|can you explain|could you explain|meaning of|define|i don'?t understand)\b/;

// "there isn't one, leave it blank": every clause declines the question.
const REFUSAL =
  /^(?:there (?:isn'?t|is no|'?s no|are no) (?:one|any|password|key|token|such thing)|(?:we|i) (?:don'?t|do not) (?:have|use|need) (?:one|it|any|an? \w+)|leave it (?:blank|empty|out)|(?:it'?s |that'?s )?not (?:needed|required|set|used)|none|nope|no (?:password|key|token|one|need)|skip(?: it| that)?|nothing|not applicable|n\/a)$/;

function refuses(lower: string): boolean {
  const clauses = lower.split(/\s*[,.;!]+\s*|\s+(?:so|and)\s+/).map((clause) => clause.trim()).filter(Boolean);
  return clauses.length > 0 && clauses.every((clause) => REFUSAL.test(clause));
}

function intentOf(lower: string, pending: Question | null): Decision["kind"] | null {
  const bare = lower.replace(/[.!]+$/, "").replace(/\s+please$/, "").trim();
  if (pending && pending.type !== "boolean" && refuses(bare)) return "skip";
  for (const [pattern, kind] of INTENTS) {
    if (!pattern.test(bare)) continue;
    // A bare "test" asked for a database name is the name, not a request to test.
    if (kind === "test" && pending?.kind === "field" && pending.type === "string" && !/\s/.test(bare)) continue;
    // "no" / "none" answer a yes-no or a list question; "next" may be a real value.
    if (kind === "skip" && pending && (pending.type === "boolean" || pending.enum?.some((value) => String(value).toLowerCase() === bare))) continue;
    // "right" / "correct" answer a yes-no question or name an option; they agree elsewhere.
    if (kind === "agree" && pending && (pending.type === "boolean" || pending.enum?.some((value) => String(value).toLowerCase() === bare))) continue;
    // "default" is a real value (a database named default) when the field offers no default.
    if (kind === "use_default" && bare && pending && pending.default === undefined && pending.kind === "field") continue;
    return kind;
  }
  return null;
}

// Fields whose values are one word (no spaces): a sentence given for them is not their value.
const ONE_WORD_NAMES =
  /(?:^|_)(?:host|hostname|server|address|port|database|db|dbname|user|username|login|schema|schemas|bucket|region|account|id|url|uri|endpoint|email|domain|subdomain|warehouse|project|dataset|role)(?:_|$)/;

function wantsOneWord(question: Question): boolean {
  const name = (question.path.split("/").pop() ?? "").toLowerCase();
  return question.kind === "field" && question.type === "string" && !question.enum && !question.multiline && !wantsDate(question) && ONE_WORD_NAMES.test(name);
}

const DATE_LEAD_INS = /^(?:since|start|starting|from date)$/;


const SETUP_TALK = /\b(?:set ?up|setup|connect|hook(?:ing)? up|configure|add|create|pull|sync|integrate|link|want|need|help)\b/;
const FILLER = new Set(["the", "a", "an", "my", "our", "please", "pls", "thanks", "source", "destination", "connector", "integration", "one", "for", "me", "i", "we", "to", "with", "via", "now", "ok", "okay", "hi", "hello", "hey"]);

function connectorWords(context: UnderstandContext): Set<string> {
  const { definition } = context;
  return new Set(
    `${definition.displayName} ${definition.name.replace(/^(?:source|destination)-/, "")}`
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((word) => word.length >= 3),
  );
}

/** True while no field holds a value the person chose (defaults and choices don't count). */
function nothingAnsweredYet(context: UnderstandContext): boolean {
  return context.fields.every((field) => {
    if (field.kind === "choice") return true;
    const value = getAt(context.values, field.path);
    return value === undefined || value === field.default;
  });
}

/** "Set up postgres please", "Stripe please": talk about the connector itself, not an answer. */
function isConnectorTalk(lower: string, context: UnderstandContext): boolean {
  // Paths, URLs and hosts are values even when they contain the connector's name ("/data/sync.duckdb").
  const words = lower.replace(/\S*[/:@]\S*|\S+\.\S+/g, " ");
  const names = connectorWords(context);
  const spoken = words.split(/[^a-z0-9]+/).filter(Boolean);
  // A bare connector name opens a conversation ("Stripe please"); once the person has answered
  // something, the same word is an answer ("postgres" for the user of a Postgres database).
  const namesOnly = spoken.length > 0 && spoken.some((word) => names.has(word)) && spoken.every((word) => names.has(word) || FILLER.has(word));
  if (namesOnly && nothingAnsweredYet(context)) return true;
  if (!SETUP_TALK.test(words)) return false;
  return [...names].some((word) => words.includes(word)) || /\b(?:connector|source|destination|database|integration|data)\b/.test(words);
}

// "keep the defaults for port, protocol and user": the fields named after it take their defaults.
const DEFAULTS_FOR = /\b(?:keep|use|leave|accept|take)\s+(?:the\s+|all\s+)?defaults?\s+(?:for|on)\b/;

/** Control words win when they open the message: "Actually, cancel this. I'll do it later." */
function leadingIntent(lower: string, pending: Question | null): Decision["kind"] | null {
  const first = lower.split(/[.!;]\s/)[0].replace(/^(?:actually|oh|ok(?:ay)?|sorry|well|hmm|you know what|no)[,!.]?\s+/, "").trim();
  if (first === lower.trim()) return null;
  const kind = intentOf(first, pending);
  return kind === "cancel" || kind === "start_over" ? kind : null;
}

export function understandOffline(text: string, context: UnderstandContext, depth = 0): Decision[] {
  const { pending, fields, values } = context;
  // "two thousand records", "three workers": digits for every rule below.
  const trimmed = depth === 0 ? numberWordsToDigits(text.trim()) : text.trim();
  const lower = trimmed.toLowerCase();

  if (CHITCHAT.test(lower) && !(pending && (pending.type === "boolean" || pending.enum?.length || pending.kind === "choice"))) {
    return [{ kind: "chitchat" }];
  }
  // A don't-know or "no X" about one named field: that field only, the rest read as usual.
  const scoped = depth === 0 ? scopedIntents(trimmed, fields, pending) : null;
  if (scoped) {
    const scopedPaths = new Set(scoped.decisions.map((decision) => ("path" in decision ? decision.path : undefined)));
    const others = scoped.rest ? understandOffline(scoped.rest, context, depth + 1) : [];
    const kept = others.filter(
      (decision) => decision.kind !== "unclear" && decision.kind !== "chitchat" && !("path" in decision && scopedPaths.has(decision.path)),
    );
    return [...kept, ...scoped.decisions];
  }
  const intent = intentOf(lower, pending) ?? leadingIntent(lower, pending);
  if (intent === "dont_know" && ((QUESTION_START.test(lower) && !/\b(?:don'?t|do not|dont) know\b/.test(lower)) || (lower.endsWith("?") && /\b(?:what|why|which|explain|mean|means)\b/.test(lower)))) {
    return [{ kind: "question", path: pending?.path ?? null }];
  }
  if (intent) return [{ kind: intent } as Decision];

  // A short message naming one of the pending choice's options is that answer, whatever words
  // of other field names it contains ("Logical replication (CDC)"); a longer one may say more.
  let pendingPick: Decision | null = null;
  const choosing = pending && (pending.kind === "choice" || pending.enum?.length) && pending.type !== "array" ? pending : null;
  if (choosing) {
    const whole = valueDecision(choosing, unwrapAnswer(trimmed));
    if (whole.kind === "choose" || whole.kind === "set") {
      if (unwrapAnswer(trimmed).split(/\s+/).length <= 4) return [whole];
      pendingPick = whole;
    } else pendingPick = fuzzyPick(trimmed, choosing, context);
  }

  const mentions = findMentions(lower, fields, pending);

  // "actually make that 7 days, not 30": a correction that names a value, not a field.
  if (mentions.length === 0) {
    const corrected = correction(trimmed, context);
    if (corrected) return [corrected];
  }

  // "since Jan 1st 2023" answers the date being asked (even an end date), unless the message
  // names fields with their own words ("start date ..., end date ...").
  if (pending && wantsDate(pending) && mentions.every((mention) => DATE_LEAD_INS.test(lower.slice(mention.start, mention.end)))) {
    const parsed = parseValue(pending, unwrapAnswer(trimmed.replace(/^(?:since|from|starting(?: from| on)?|until|till|up to|as of|on)\s+/i, "")));
    if (parsed.ok) return [{ kind: "set", path: pending.path, value: parsed.value }];
  }
  // A question inside a longer message ("before we go on — what does the catalog setting mean?
  // we moved last year"): answered, and the other sentences read for values as usual.
  const asked = depth === 0 && !QUESTION_START.test(lower) ? QUESTION_INSIDE.exec(trimmed) : null;
  if (asked) {
    const about = findMentions(asked[1].toLowerCase(), fields, pending)[0]?.question.path ?? pending?.path ?? null;
    const rest = (trimmed.slice(0, asked.index) + " " + trimmed.slice(asked.index + asked[0].length)).trim();
    const others = rest ? understandOffline(rest, { ...context, pending: null }, depth + 1).filter((decision) => decision.kind === "set" || decision.kind === "choose") : [];
    return [...others, { kind: "question", path: about }];
  }
  if (QUESTION_START.test(lower) || (lower.endsWith("?") && !/^(?:it'?s|is it|use)\b/.test(lower))) {
    const about = mentions.find((mention) => mention.question.path !== pending?.path) ?? mentions[0];
    return [{ kind: "question", path: about?.question.path ?? pending?.path ?? null }];
  }

  const decisions: Decision[] = [];
  const seen = new Set<string>();
  const defaultsFrom = DEFAULTS_FOR.exec(lower);
  for (const [index, mention] of mentions.entries()) {
    const next = mentions[index + 1]?.start ?? trimmed.length;
    if (seen.has(mention.question.path)) continue;
    if (defaultsFrom && mention.start > defaultsFrom.index && mention.question.default !== undefined && !/[.;]/.test(lower.slice(defaultsFrom.index, mention.start))) {
      seen.add(mention.question.path);
      decisions.push({ kind: "set", path: mention.question.path, value: mention.question.default });
      continue;
    }
    // "backend-api is the project I want synced": the value said before "is the <name>" wins over
    // whatever words follow the name.
    const introduced = /\b(?:is|are)\s+(?:the|my|our|its)(?:\s+(?:\d+|both))?\s+$/i.test(trimmed.slice(Math.max(0, mention.start - 16), mention.start));
    const before = introduced ? valueBefore(trimmed, mention, mentions[index - 1]?.end ?? 0) : null;
    // A field named by one of its own values ("CDC" for Replication method): that value.
    const named = mention.question.enum?.find((value) => String(value).toLowerCase() === lower.slice(mention.start, mention.end));
    if (named !== undefined && !before) {
      seen.add(mention.question.path);
      decisions.push({ kind: "set", path: mention.question.path, value: named });
      continue;
    }
    const raw = before ? null : valueAfter(trimmed, mention, next);
    // "port whatever the default is": the field's default, said after its name.
    if (raw !== null && mention.question.default !== undefined && /^(?:whatever\s+)?(?:the\s+)?(?:default|usual|standard)(?:\s+(?:one|value|is|is fine|please|port))?$/i.test(raw.trim())) {
      seen.add(mention.question.path);
      decisions.push({ kind: "set", path: mention.question.path, value: mention.question.default });
      continue;
    }
    let decision: Decision | null = before ?? (raw === null ? null : valueDecision(mention.question, raw));
    if (decision?.kind === "secret_in_chat" && raw !== null && !looksLikeSecret(raw)) decision = null;
    // A word that merely resembles a field name ("user" in passing) must not become an error.
    if (decision?.kind === "invalid" && mention.question.path !== pending?.path) decision = null;
    if (!decision || decision.kind === "invalid") {
      decision = valueBefore(trimmed, mention, mentions[index - 1]?.end ?? 0) ?? decision;
    }
    // A title said loosely may hold its value inside ("leave out [billing-svc and legacy-api] services").
    if ((!decision || decision.kind === "invalid") && mention.inner) decision = valueInside(trimmed, mention) ?? decision;
    // A yes/no setting named without a value is switched on ("drop tables with cascade"), or off
    // when a negation leads up to it ("don't use the deprecated orders API").
    if (!decision) decision = switchedByName(lower, mention, mentions[index - 1]?.end ?? 0);
    if (!decision) continue;
    seen.add(mention.question.path);
    decisions.push(decision);
  }
  if (pendingPick && pending) {
    // The option named in the message beats a clause about the same field that did not parse.
    const own = decisions.findIndex((decision) => "path" in decision && decision.path === pending.path);
    if (own < 0 || decisions[own].kind === "invalid") {
      if (own >= 0) decisions.splice(own, 1);
      seen.add(pending.path);
      decisions.unshift(pendingPick);
    }
  }
  // Values recognised by their shape, for fields the words above did not fill; a one-word answer
  // to the question asked is only that answer ("analytics.prod" for a database is not a host).
  const bareAnswer = pending !== null && mentions.length === 0 && !/\s/.test(unwrapAnswer(trimmed));
  const spotted: Decision[] = [
    ...spotOptions(trimmed, fields, values, pending, connectorWords(context)),
    ...spotDsn(trimmed, fields, values, pending),
    ...spotHostPort(trimmed, fields, values, pending),
    ...spotShaped(trimmed, fields, values, pending),
    ...spotExamples(trimmed, fields, values, pending),
    ...spotEnumValues(trimmed, fields, values, pending, namedWords(lower, mentions, connectorWords(context))),
  ];
  // A field only one option of an unchosen oneOf has ("my personal access token") picks it.
  // (Only names said in full: "token" alone is a word many options' fields answer to.)
  const namedInFull = mentions.filter((mention) => mention.end - mention.start >= 8).map((mention) => mention.question);
  spotted.push(...optionsOfNamedFields(context.definition, namedInFull, values));
  // Dates by their lead-in ("answers from 2024-01-01"); after a date field named with its own
  // words, only the other end of a range or an "until" date.
  const namedDates = new Set<string>(
    [...decisions, ...spotted].flatMap((decision) =>
      decision.kind === "set" && fields.some((field) => field.path === decision.path && wantsDate(field)) ? [decision.path] : [],
    ),
  );
  spotted.push(...spotDates(trimmed, fields, values, pending, namedDates));
  const answersPending = spotted.some((decision) => "path" in decision && decision.path === pending?.path);
  for (const decision of bareAnswer && !answersPending ? [] : spotted) {
    const path = "path" in decision ? decision.path : null;
    if (!path || seen.has(path)) continue;
    seen.add(path);
    decisions.push(decision);
  }
  // A choice goes before the values of its own fields, which only exist once it is made.
  // The answer to the question asked comes next, as the person would read it back.
  const rank = (decision: Decision) => (decision.kind === "choose" ? 2 : "path" in decision && decision.path === pending?.path ? 1 : 0);
  decisions.sort((a, b) => rank(b) - rank(a));

  if (pending && !seen.has(pending.path)) {
    // Text before the first field name answers the pending question ("5433, database shop").
    const head = mentions.length > 0 && decisions.length > 0 ? trimmed.slice(0, mentions[0].start) : trimmed;
    const raw = unwrapAnswer(head.replace(/[,;]\s*$/, "").replace(/\b(?:the|a|an|my|our)\s*$/i, ""));
    if (decisions.length === 0 && isConnectorTalk(lower, context)) return [{ kind: "chitchat", topic: "connector" }];
    if (raw && decisions.length > 0 && wantsOneWord(pending) && /\s/.test(raw)) return decisions;
    if (raw && decisions.length === 0 && wantsOneWord(pending) && /\s/.test(raw)) {
      return [{ kind: "invalid", path: pending.path, text: raw, reason: `"${raw}" doesn't look like a ${pending.title.toLowerCase()}; it is one word, without spaces` }];
    }
    // Beside values for other fields, leftover words are not the secret asked: chat reaches the
    // understander only when the session's screening found no secret in it.
    if (pending.secret && decisions.length > 0) return decisions;
    // The session's screening found no secret in this text: a sentence said while a secret is
    // asked is chat, not the secret typed in the open ("News API: top headlines from gb").
    if (pending.secret && decisions.length === 0 && raw && !looksLikeSecret(raw)) {
      return [isConnectorTalk(lower, context) ? { kind: "chitchat", topic: "connector" } : { kind: "unclear" }];
    }
    if (raw && (decisions.length === 0 || !NOT_A_VALUE.test(raw))) {
      const decision = valueDecision(pending, raw);
      if (decisions.length === 0 || decision.kind !== "invalid") decisions.unshift(decision);
    }
  }
  return decisions.length > 0 ? decisions : [{ kind: "unclear" }];
}

/** Words a value spotted by its shape may not be: field names said, the connector's own name. */
function namedWords(lower: string, mentions: Mention[], connector: Set<string>): Set<string> {
  const words = new Set(connector);
  for (const mention of mentions) for (const word of lower.slice(mention.start, mention.end).split(/[^a-z0-9._-]+/)) if (word) words.add(word);
  return words;
}

/** A misspelled option somewhere in a longer message ("the silnt mode"), not a connector word. */
function fuzzyPick(text: string, question: Question, context: UnderstandContext): Decision | null {
  const names = question.kind === "choice"
    ? (question.options ?? []).map((option) => [option.title, ...(option.value !== undefined ? [String(option.value)] : [])])
    : (question.enum ?? []).map((value) => [String(value)]);
  const index = fuzzyOption(text, names, connectorWords(context));
  if (index < 0) return null;
  if (question.kind === "choice") return { kind: "choose", path: question.path, optionIndex: question.options![index].index };
  return { kind: "set", path: question.path, value: question.enum![index] };
}
