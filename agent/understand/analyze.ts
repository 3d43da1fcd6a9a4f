// One analysis pass over a chat message, shared by every part of the understander (and by the
// secret screening): tokens with their spans and shapes, sentence and clause boundaries,
// question form, negation scope, correction cues, number words as numbers, dates (chrono-node)
// and key/value pairs of pasted blocks. Nothing here knows a connector; the vocabulary does.
//
// The analysis is pure and memoised by text (an LRU), so screening a message and then
// understanding it analyses it once.
import * as chrono from "chrono-node";
import { LRUCache } from "lru-cache";
import { stemLower } from "./stem.ts";
import { CORRECTION_CUES, CONTRAST, FUNCTION_WORDS, NEGATIONS, OPTION_CHANGE, SUBJECT_PRONOUNS, VERB_ADVERBS } from "./lexicon.ts";
import { numberWordsToDigits } from "./number-words.ts";
import { plainYears } from "./parse-value.ts";

export type TokenKind =
  /** scheme://… (web URLs and connection strings alike) */
  | "uri"
  | "email"
  /** host:port */
  | "hostport"
  /** dotted names: hosts, domains, "group.id", "api.eu" */
  | "dotted"
  | "path"
  /** the inside of quotes */
  | "quoted"
  | "number"
  | "word"
  /** anything else without spaces: ids and codes ("SERVICE-11842", "2/1207/x") */
  | "code"
  | "punct";

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  kind: TokenKind;
  /** Porter stem of a word ("services" → "servic"); the lower text for other kinds. */
  stem: string;
  /** The number a number token means. */
  number?: number;
  sentence: number;
  clause: number;
  /** Inside a negation's reach ("not the OAuth one", "we don't use a password"). */
  negated: boolean;
  /** The sentence this token is in asks something. */
  inQuestion: boolean;
  /** Said as a verb: right after a subject ("we only test strategies"), so it names no option. */
  verb?: boolean;
}

export interface Pair {
  key: string;
  value: string;
  /** Span of the value in the analysed text. */
  start: number;
  end: number;
  /** Span of the key. */
  keyStart: number;
  keyEnd: number;
  /** From a line of a pasted block (several such lines), rather than inline. */
  block: boolean;
}

export interface DateSpan {
  start: number;
  end: number;
  text: string;
  from: chrono.ParsedComponents;
  /** The other end of a range ("from March through June"). */
  to?: chrono.ParsedComponents;
  /** Where a range's first date ends: its own span is [start, split), the other end's [split, end). */
  split?: number;
}

export interface Analysis {
  /** The message with number words as digits ("fifty" → "50"): every span refers to this text. */
  text: string;
  /** The message as typed (trimmed): free text is stored as the person wrote it (`saidBetween`). */
  said: string;
  lower: string;
  tokens: Token[];
  /**
   * `tentative`: a question only by its question mark, with no question word ("5433?", "maybe
   * verify-full?"): a hesitant answer, put back to the person rather than stored or ignored.
   */
  sentences: Array<{ start: number; end: number; question: boolean; tentative?: boolean }>;
  clauses: Array<{ start: number; end: number; sentence: number }>;
  /** Character positions right after a correction cue ("no wait", "actually", "I mean"). */
  corrections: number[];
  pairs: Pair[];
  dates: DateSpan[];
}

const BACKTICK = "`";
// Longest shapes first; the first alternative that matches at a position wins.
const TOKEN = new RegExp(
  [
    String.raw`(?<uri>(?:jdbc:)?[a-z][a-z0-9+.-]*:\/\/(?:\[redacted secret\]|[^\s<>"'${BACKTICK}])+)`,
    // A login without a scheme, its password cut: "reader:[redacted secret]@db:5432/shop",
    // Oracle's "user/[redacted secret]@//host:1521/SVC". One value, read like a URI.
    String.raw`(?<login>[\w.$-]+[:/]\[redacted secret\]@(?:\/\/)?[A-Za-z0-9][\w.-]*(?::\d{1,5})?(?:\/[\w.$-]+)?)`,
    String.raw`(?<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)`,
    String.raw`"(?<dq>[^"\n]*)"|“(?<cq>[^”\n]*)”|${BACKTICK}(?<bq>[^${BACKTICK}\n]*)${BACKTICK}|(?<![\w])'(?<sq>[^'\n]+)'(?![\w])`,
    // An address without its scheme, a path after the host: "forms.example.com/API".
    String.raw`(?<hostpath>(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d{1,5})?\/[\w.~%\/-]*[\w\/])`,
    String.raw`(?<hostport>(?:localhost|\d{1,3}(?:\.\d{1,3}){3}|(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*):\d{1,5})(?![\w:])`,
    String.raw`(?<path>(?:~|\.{1,2})?\/[\w.\-\/]+|[a-z]:\\[\w.\-\\]+)`,
    // A pattern ("orders-.*", "^report_\d+$", "[a-z]+_v2") is one value, not words and stars.
    String.raw`(?<regex>[\w^\\.-]*(?:\.\*|\.\+|\\[dwsb]|\[[^\]\s]+\][*+?]?)[\w^$.*+?\[\]\\|-]*)`,
    // A glob ("exports/orders/*.csv", "**/*.parquet") or a folder prefix ("airbyte/cio/") is one
    // path; a bare "eu/us" stays two words a slash lists.
    // ("airbyte/raw/events" whole, its last part too; "w/" is the word "with", no folder.)
    String.raw`(?<glob>[\w.\-\/]*\*[\w.\-\/*]*|(?:[\w.\-]+\/){2,}[\w.\-]*|(?:[\w.\-]{3,}\/)(?=[\s,;)]|$))`,
    String.raw`(?<ordinal>\d{1,2}(?:st|nd|rd|th))(?![\w])`,
    String.raw`(?<number>[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w]|\.\w)|[-+]?\d+(?:\.\d+)?(?![\w\-/:@]|\.\w))`,
    String.raw`(?<dotted>[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+)(?![\w@])`,
    String.raw`(?<word>[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ0-9'’_-]*[A-Za-zÀ-ɏ0-9]|[A-Za-zÀ-ɏ])(?![\w/:@#$%^&*+=.-]*[/:@#$%^&*+=][\w])`,
    String.raw`(?<punct>[.,;:!?()\[\]{}=\-–—&+/]|\n)`,
    String.raw`(?<code>[^\s,;()\[\]{}<>"]+?)(?=[.,;:!?]*(?:[\s,;()\[\]{}<>"]|$))`,
  ].join("|"),
  "giu",
);

const QUESTION_OPENERS = /^(?:what|what's|whats|how|why|which|where|when|who|explain|define|can you explain|could you explain|could you tell|can you tell|tell me what|tell me about|do you know|does|do i|do we|is there|are there|should i|meaning of|i don'?t understand)\b/i;
const SENTENCE_FILLER = /^(?:(?:ok(?:ay)?|so|hmm+|um+|uh+|oh|and|also|btw|quick question|sorry|wait|hey|hi|one more thing|before we go on)[,:;!.—–-]*\s+)+/i;

function stemOf(kind: TokenKind, lower: string): string {
  return kind === "word" ? stemLower(lower) : lower;
}

const CONTRACTIONS = new Set(["it's", "let's", "that's", "what's", "there's", "here's", "he's", "she's", "who's", "where's", "how's", "one's", "everyone's"]);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const groups = match.groups!;
    const kind = (Object.keys(groups).find((name) => groups[name] !== undefined) ?? "code") as string;
    let start = match.index!;
    let raw = match[0];
    let tokenKind: TokenKind;
    if (kind === "dq" || kind === "sq" || kind === "bq" || kind === "cq") {
      tokenKind = "quoted";
      raw = groups[kind]!;
      start += 1;
    } else tokenKind = kind === "ordinal" ? "word" : kind === "regex" ? "code" : kind === "glob" ? "path" : kind === "login" ? "uri" : kind === "hostpath" ? "dotted" : (kind as TokenKind);
    let trailing = "";
    if (tokenKind === "uri" || tokenKind === "code" || tokenKind === "dotted" || tokenKind === "path") {
      // A URL or code at the end of a sentence keeps its characters, not the full stop.
      // (A closing bracket its own opening bracket matches stays: "sum:errors.as_count()".)
      let trimmed = raw;
      while (/[.,;:!?)\]]$/.test(trimmed)) {
        const last = trimmed[trimmed.length - 1];
        const open = last === ")" ? "(" : last === "]" ? "[" : null;
        if (open && trimmed.split(open).length - 1 >= trimmed.split(last).length - 1) break;
        trimmed = trimmed.slice(0, -1);
      }
      if (trimmed) {
        trailing = raw.slice(trimmed.length);
        raw = trimmed;
      }
    }
    if (!raw) continue;
    const lower = raw.toLowerCase();
    const token: Token = { text: raw, lower, start, end: start + raw.length, kind: tokenKind, stem: stemOf(tokenKind, lower), sentence: 0, clause: 0, negated: false, inQuestion: false };
    if (tokenKind === "number") token.number = Number(raw.replace(/,/g, ""));
    // "14-day", "30-minute": a number and its unit joined by a hyphen are a number and a word.
    const counted = tokenKind === "code" ? /^(\d+)-((?:second|sec|minute|min|hour|hr|day|week|month|year)s?)$/i.exec(raw) : null;
    if (counted) {
      tokens.push({ ...token, text: counted[1], lower: counted[1], end: start + counted[1].length, kind: "number", stem: counted[1], number: Number(counted[1]) });
      const at = start + counted[1].length + 1;
      tokens.push({ ...token, text: counted[2], lower: counted[2].toLowerCase(), start: at, end: at + counted[2].length, kind: "word", stem: stemOf("word", counted[2].toLowerCase()) });
      continue;
    }
    // "the db's called test": the possessive or "is" after a name is a word of its own.
    const possessive = tokenKind === "word" ? /^(.+?)(['’]s)$/i.exec(raw) : null;
    if (possessive && !CONTRACTIONS.has(lower.replace(/’/g, "'"))) {
      const head = possessive[1];
      tokens.push({ ...token, text: head, lower: head.toLowerCase(), end: start + head.length, stem: stemOf("word", head.toLowerCase()) });
      tokens.push({ ...token, text: possessive[2], lower: "'s", start: start + head.length, stem: "'s" });
      continue;
    }
    tokens.push(token);
    for (const [offset, char] of [...trailing].entries()) {
      const at = token.end + offset;
      tokens.push({ text: char, lower: char, start: at, end: at + 1, kind: "punct", stem: char, sentence: 0, clause: 0, negated: false, inQuestion: false });
    }
  }
  return tokens;
}

const HARD_STOP = (token: Token) => token.kind === "punct" && /^[.!?;\n]$/.test(token.text);
const SOFT_WORDS = new Set(["and", "but", "so", "then", "also", "plus", "while", "whereas"]);
const SOFT_STOP = (token: Token) =>
  (token.kind === "punct" && /^[,()\[\]{}—–]$/.test(token.text)) || (token.kind === "punct" && token.text === "-") || (token.kind === "word" && SOFT_WORDS.has(token.lower));

function phraseAt(tokens: Token[], index: number, phrase: string[]): boolean {
  for (let offset = 0; offset < phrase.length; offset++) {
    const token = tokens[index + offset];
    if (!token || token.lower.replace(/’/g, "'") !== phrase[offset]) return false;
  }
  return true;
}

const CORRECTION_PHRASES = CORRECTION_CUES.map((cue) => cue.split(" ")).sort((a, b) => b.length - a.length);
const CONTRAST_PHRASES = CONTRAST.map((cue) => cue.split(" "));

function structure(text: string, tokens: Token[]): Pick<Analysis, "sentences" | "clauses" | "corrections"> {
  const sentences: Analysis["sentences"] = [];
  const clauses: Analysis["clauses"] = [];
  let sentence = 0;
  let clause = 0;
  let sentenceStart = 0;
  let clauseStart = 0;
  for (const [index, token] of tokens.entries()) {
    token.sentence = sentence;
    token.clause = clause;
    // A line break before a bulleted line ("- https://a", "* b") goes on with the list: one sentence.
    const bulletNext = token.text === "\n" && /^[ \t]*[-*•][ \t]+\S/.test(text.slice(token.end));
    if (HARD_STOP(token) && !bulletNext && !(token.text === "." && tokens[index + 1] && tokens[index + 1].start === token.end)) {
      sentences.push({ start: sentenceStart, end: token.end, question: false });
      clauses.push({ start: clauseStart, end: token.end, sentence });
      sentence++;
      clause++;
      sentenceStart = clauseStart = token.end;
    } else if (SOFT_STOP(token)) {
      clauses.push({ start: clauseStart, end: token.start, sentence });
      clause++;
      clauseStart = token.end;
      if (token.kind === "word") token.clause = clause;
    }
  }
  sentences.push({ start: sentenceStart, end: text.length, question: false });
  clauses.push({ start: clauseStart, end: text.length, sentence });
  for (const [index, span] of sentences.entries()) {
    const body = text.slice(span.start, span.end).trim();
    const words = body.replace(SENTENCE_FILLER, "");
    // "can you pull our orders since March?" asks the agent to do something: a request, not a question.
    // "could we start from January?" asks for it too: a polite way to give a value.
    // ("…, can we use that instead?", "can I just sign in with Google instead?": asking to change
    // course is a request too, in any clause.)
    const request =
      /^(?:can|could|would|will|may)\s+(?:you|we|u)\s+(?!explain|tell|describe|clarify|say|know|help|have|need)\w+/i.test(words) ||
      /^(?:please|pls)\b/i.test(words) ||
      (/(?:^|[,;]\s*)(?:can|could|may)\s+(?:i|we|u)\s+(?:just\s+)?(?!explain|tell|describe|clarify|say|know|help|find|see)\w+/i.test(words) && OPTION_CHANGE.test(words));
    // "When a row is deleted, keep it", "Where possible, use SSL": without a question mark, these
    // openers lead a condition, not a question.
    const condition = /^(?:when|where|which|who)\b/i.test(words) && !/\?\s*$/.test(body);
    span.question = !request && (/\?\s*$/.test(body) || (QUESTION_OPENERS.test(words) && !condition));
    if (span.question) for (const token of tokens) if (token.sentence === index) token.inQuestion = true;
    if (span.question && !QUESTION_OPENERS.test(words)) span.tentative = true;
  }
  // Negation reaches to the end of its clause ("no ssh tunnel, port 22" negates the tunnel only).
  const cueStarts = new Set<number>();
  for (let index = 0; index < tokens.length; index++) if (CORRECTION_PHRASES.some((cue) => phraseAt(tokens, index, cue))) cueStarts.add(index);
  for (const [index, token] of tokens.entries()) {
    // "no wait" takes a value back; it negates nothing.
    if (cueStarts.has(index)) continue;
    const negation = token.kind === "word" && (NEGATIONS.has(token.lower.replace(/’/g, "'")) || token.lower.endsWith("n't"));
    const contrast = CONTRAST_PHRASES.find((phrase) => phraseAt(tokens, index, phrase));
    if (!negation && !contrast) continue;
    const from = index + (contrast ? contrast.length : 1);
    for (let next = from; next < tokens.length && tokens[next].clause === token.clause; next++) tokens[next].negated = true;
    // "not X but Y": what follows the "but" is meant (its own clause already).
  }
  for (const [index, token] of tokens.entries()) {
    const subject = token.lower.replace(/’/g, "'");
    // ("we're still testing it": after a subject and its "be", a word in -ing is the verb too.)
    const being = /^(?:we're|i'm|they're|you're)$/.test(subject);
    if (token.kind !== "word" || (!SUBJECT_PRONOUNS.has(subject) && !being)) continue;
    const next = tokens[index + 1]?.kind === "word" && VERB_ADVERBS.has(tokens[index + 1].lower) ? index + 2 : index + 1;
    if (tokens[next]?.kind === "word" && tokens[next].clause === token.clause && (!being || /[a-z]{3,}ing$/.test(tokens[next].lower))) tokens[next].verb = true;
  }
  // "I want to read from Firebolt": the word after a verb's "to" is a verb too.
  for (let index = 2; index < tokens.length; index++) {
    if (tokens[index - 1].lower === "to" && tokens[index - 2].verb && tokens[index].kind === "word" && tokens[index].clause === tokens[index - 1].clause) tokens[index].verb = true;
  }
  const corrections: number[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const phrase = CORRECTION_PHRASES.find((cue) => phraseAt(tokens, index, cue));
    // ("no wait" and its own "wait" end at the same place: one cue.)
    if (phrase && corrections[corrections.length - 1] !== tokens[index + phrase.length - 1].end) corrections.push(tokens[index + phrase.length - 1].end);
  }
  return { sentences, clauses, corrections };
}

// "KEY=value", "key: value", "- key: value", "export KEY=value", `"key": "value",`
const LINE_PAIR = /^[ \t]*(?:export\s+|[-*•]\s+)?["']?([A-Za-z_][A-Za-z0-9_.\- ]{0,40}?)["']?[ \t]*(=|:)[ \t]*(.*?)[ \t]*,?[ \t]*$/gm;
const SEMICOLON_PAIRS = /(?:[A-Za-z][\w ]{0,40}=[^;\n]*;){2,}(?:[A-Za-z][\w ]{0,40}=[^;\n\s]*;?)?/g;
// A server as connection strings write it: "tcp:host,1433", "host\\INSTANCE,1433".
const SERVER_VALUE = /^(?:tcp:)?([A-Za-z0-9][\w.-]*)(?:\\[\w$]+)?(?:,(\d{1,5}))?$/;
const INLINE_PAIR = /(?<![\w.\-/:@])([A-Za-z_][\w.\-]*)=("[^"]*"|'[^']*'|[^\s,;&]+)/g;
const JSON_PAIR = /"([A-Za-z_][\w.\-]*)"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false)/g;
// (A space after the colon, as headers are written: "service:payments" in quotes is a value.)
const QUOTED_HEADER = /["']([A-Za-z][\w-]*):\s+([^"']+)["']/g;

function unquote(value: string): string {
  const trimmed = value.trim();
  return /^(["'`]).*\1$/.test(trimmed) && trimmed.length >= 2 ? trimmed.slice(1, -1) : trimmed;
}

function pairsOf(text: string, tokens: Token[]): Pair[] {
  const pairs: Pair[] = [];
  const lines = [...text.matchAll(LINE_PAIR)].filter((match) => match[3] && !/^\/\//.test(match[3]));
  // A block is two lines or more of pairs; one "Key: value" line in running text is a sentence.
  const block = lines.length >= 2 && text.includes("\n");
  // One "host: x, port: y" line is a sentence: the names in it are read as names (see named values).
  for (const match of block ? lines : []) {
    const key = match[1].trim();
    if (/\s/.test(key) && key.split(/\s+/).length > 4) continue;
    const raw = match[3];
    if (!raw || /^[{[]$/.test(raw.trim())) continue;
    const valueOffset = match.index! + match[0].indexOf(raw, match[0].indexOf(match[2]) + 1);
    const value = unquote(raw.replace(/\s+#.*$/, ""));
    const start = valueOffset + raw.indexOf(value);
    const keyStart = match.index! + match[0].indexOf(match[1]);
    pairs.push({ key, value, start, end: start + value.length, keyStart, keyEnd: keyStart + match[1].length, block });
  }
  const inUri = (at: number) => tokens.some((token) => token.kind === "uri" && at >= token.start && at < token.end);
  // "Server=tcp:db.example.net,1433;Initial Catalog=erp;User ID=etl;Encrypt=True": an ADO.NET or
  // ODBC connection string, keys of a few words, values up to the semicolon.
  for (const run of text.matchAll(SEMICOLON_PAIRS)) {
    let offset = run.index!;
    for (const segment of run[0].split(";")) {
      const equals = segment.indexOf("=");
      if (equals > 0) {
        const words = segment.slice(0, equals).trim().split(/\s+/);
        // ("the app uses Data Source=…": the key is its capitalised words, else its last word.)
        let from = words.length - 1;
        while (from > 0 && /^[A-Z]/.test(words[from - 1]) && words.length - from < 3) from--;
        const key = words.slice(from).join(" ");
        const raw = segment.slice(equals + 1);
        const value = raw.trim();
        const start = offset + equals + 1 + raw.indexOf(value);
        const keyStart = offset + segment.lastIndexOf(key, equals);
        const server = SERVER_VALUE.exec(value);
        if (server && /^(?:server|data source|address|addr|host)$/i.test(key)) {
          // "tcp:db.example.net,1433": the host and its port.
          const hostStart = start + value.indexOf(server[1]);
          // ("Data Source" is what these strings call the host.)
          pairs.push({ key: "host", value: server[1], start: hostStart, end: hostStart + server[1].length, keyStart, keyEnd: keyStart + key.length, block: false });
          if (server[2]) pairs.push({ key: "port", value: server[2], start: start + value.lastIndexOf(server[2]), end: start + value.length, keyStart, keyEnd: keyStart + key.length, block: false });
        } else if (value) pairs.push({ key, value, start, end: start + value.length, keyStart, keyEnd: keyStart + key.length, block: false });
      }
      offset += segment.length + 1;
    }
  }
  for (const match of text.matchAll(INLINE_PAIR)) {
    if (inUri(match.index!) || pairs.some((pair) => match.index! >= pair.keyStart && match.index! < pair.end)) continue;
    const value = unquote(match[2]);
    const start = match.index! + match[0].indexOf(match[2]) + (match[2].length - value.length) / 2;
    pairs.push({ key: match[1], value, start, end: start + value.length, keyStart: match.index!, keyEnd: match.index! + match[1].length, block: false });
  }
  // {"host": "db", "port": 5432}: JSON said on one line.
  for (const match of text.matchAll(JSON_PAIR)) {
    if (pairs.some((pair) => match.index! >= pair.keyStart && match.index! < pair.end)) continue;
    const value = unquote(match[2]);
    const start = match.index! + match[0].lastIndexOf(match[2]) + (match[2].length - value.length) / 2;
    pairs.push({ key: match[1], value, start, end: start + value.length, keyStart: match.index! + 1, keyEnd: match.index! + 1 + match[1].length, block: false });
  }
  // curl -H "X-Api-Key: abc": a header is a pair too.
  for (const match of text.matchAll(QUOTED_HEADER)) {
    if (pairs.some((pair) => match.index! >= pair.keyStart && match.index! < pair.end)) continue;
    const start = match.index! + match[0].indexOf(match[2]);
    pairs.push({ key: match[1], value: match[2].trim(), start, end: start + match[2].trim().length, keyStart: match.index! + 1, keyEnd: match.index! + 1 + match[1].length, block: false });
  }
  // A JDBC URL's path may hold pairs too: "jdbc:teradata://host/DATABASE=dw,DBS_PORT=1025".
  for (const token of tokens) {
    if (token.kind !== "uri" || !/^jdbc:/i.test(token.text)) continue;
    const slash = token.text.indexOf("/", token.text.indexOf("//") + 2);
    if (slash < 0) continue;
    let offset = token.start + slash + 1;
    for (const part of token.text.slice(slash + 1).split(/[,;?&]/)) {
      const equals = part.indexOf("=");
      if (equals > 0) pairs.push({ key: part.slice(0, equals), value: part.slice(equals + 1), start: offset + equals + 1, end: offset + part.length, keyStart: offset, keyEnd: offset + equals, block: false });
      offset += part.length + 1;
    }
  }
  // A URL's query holds pairs ("?api_key=…&region=eu") the same way.
  for (const token of tokens) {
    if (token.kind !== "uri") continue;
    const query = token.text.indexOf("?");
    if (query < 0) continue;
    let offset = token.start + query + 1;
    for (const part of token.text.slice(query + 1).split("&")) {
      const equals = part.indexOf("=");
      if (equals > 0) {
        let value = part.slice(equals + 1);
        try {
          value = decodeURIComponent(value);
        } catch {
          // keep it as typed
        }
        pairs.push({ key: part.slice(0, equals), value, start: offset + equals + 1, end: offset + part.length, keyStart: offset, keyEnd: offset + equals, block: false });
      }
      offset += part.length + 1;
    }
  }
  return pairs;
}


function datesOf(text: string, tokens: Token[]): DateSpan[] {
  const dates: DateSpan[] = [];
  // Shapes that merely look like dates to chrono are values of their own (versions, hosts, ports).
  const opaque = tokens.filter((token) => token.kind === "dotted" || token.kind === "hostport" || token.kind === "uri" || token.kind === "code" || token.kind === "path" || token.kind === "email");
  const readable = plainYears(text);
  // Every date kept below has a digit or one of these words in it: text without any of them
  // skips chrono (the costliest step of reading a message) and finds the same nothing.
  if (!/\d/.test(readable) && !/(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|today|yesterday|last|this|ago)/i.test(readable)) return dates;
  for (const result of chrono.parse(readable, new Date(), { forwardDate: false })) {
    const start = result.index;
    const end = start + result.text.length;
    // (A time of day, "08:00", is read as a port's shape; inside a date it is the date's time.)
    if (opaque.some((token) => start < token.end && token.start < end && !/^\d{4}-\d{2}-\d{2}/.test(token.text) && !/^\d{1,2}:\d{2}(?::\d{2})?$/.test(token.text))) continue;
    // A bare number or weekday is not a date here; a month, a day of a month or a year is.
    if (!result.start.isCertain("month") && !result.start.isCertain("year")) continue;
    // ("only the sandbox for now": "now" alone is talk, never a date to start from.)
    if (/^(?:right\s+)?now$/i.test(result.text.trim())) continue;
    // "re-fetch the last sixty minutes on every run": minutes or hours back from now are a window
    // of time, never a date a setting starts from.
    if (result.start.tags().has("result/relativeDate") && /\b(?:seconds?|minutes?|mins?|hours?|hrs?)\b/i.test(result.text)) continue;
    // "for about three years now" is how long, not when: chrono reads it three years ahead.
    if (result.start.tags().has("result/relativeDate") && result.start.date().getTime() > Date.now() && !/\b(?:in|next|from now)\b/i.test(result.text)) continue;
    if (!/\d/.test(result.text) && !/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|today|yesterday|last|this|ago)/i.test(result.text)) continue;
    let split: number | undefined;
    if (result.end) {
      const joiner = /\s+(?:through|thru|to|until|till|and)\s+|\s*[-–]\s*/gi;
      let last: RegExpExecArray | null = null;
      for (const match of result.text.matchAll(joiner)) last = match as RegExpExecArray;
      split = last ? start + last.index! : undefined;
    }
    dates.push({ start, end, text: text.slice(start, end), from: result.start, ...(result.end ? { to: result.end } : {}), ...(split !== undefined ? { split } : {}) });
  }
  // "all of 2025", "the whole of 2024", "during 2023": a year said as a stretch of time is its
  // range (chrono reads no bare year).
  for (const match of text.matchAll(/\b(?:all of|the whole of|the entire year(?: of)?|whole year(?: of)?|throughout|during|for the year|the year)\s+((?:19|20)\d{2})\b/gi)) {
    const start = match.index! + match[0].length - match[1].length;
    const end = start + match[1].length;
    if (dates.some((date) => date.start < end && start < date.end)) continue;
    const year = () => new chrono.ParsingComponents(new chrono.ReferenceWithTimezone(new Date()), { year: Number(match[1]) });
    dates.push({ start, end, text: match[1], from: year(), to: year(), split: end });
  }
  // "start from 2019", "since 2019": a bare year after a start's cue is the start of that year;
  // unless a fuller date is said too ("had it since 2023 … data from January 1st 2024").
  const fuller = dates.some((date) => date.from.isCertain("month"));
  for (const match of fuller ? [] : text.matchAll(/\b(?:since|from|starting(?: from| in)?|as of|start(?: date)?(?: is)?)\s+((?:19|20)\d{2})\b(?![-/.:]\d)/gi)) {
    const start = match.index! + match[0].length - match[1].length;
    const end = start + match[1].length;
    if (dates.some((date) => date.start < end && start < date.end)) continue;
    dates.push({ start, end, text: match[1], from: new chrono.ParsingComponents(new chrono.ReferenceWithTimezone(new Date()), { year: Number(match[1]), month: 1, day: 1 }) });
  }
  dates.sort((a, b) => a.start - b.start);
  // "all of 2024, so from the first of January to the thirty-first of December": a date said
  // without its year takes the year said last before it in the message.
  let said: number | undefined;
  for (const date of dates) {
    for (const part of [date.from, date.to]) {
      if (!part) continue;
      if (part.isCertain("year")) said = part.get("year") ?? said;
      else if (said !== undefined && "assign" in part) (part as chrono.ParsingComponents).assign("year", said);
    }
  }
  // "between 3 Feb and 9 Sep", "3 Feb through 9 Sep": two dates chrono read apart are one range.
  for (let index = 0; index + 1 < dates.length; index++) {
    const [first, second] = [dates[index], dates[index + 1]];
    if (first.to || second.to) continue;
    const joiner = text.slice(first.end, second.start);
    const between = /^\s*and\s*$/i.test(joiner) && /\bbetween\s*$/i.test(text.slice(Math.max(0, first.start - 12), first.start));
    if (!between && !/^\s*(?:through|thru|until|till|up to|[-–])\s*$/i.test(joiner)) continue;
    dates.splice(index, 2, { start: first.start, end: second.end, text: text.slice(first.start, second.end), from: first.from, to: second.from, split: first.end });
  }
  return dates;
}

const cache = new LRUCache<string, Analysis>({ max: 500 });

export function analyze(message: string): Analysis {
  const cached = cache.get(message);
  if (cached) return cached;
  const text = numberWordsToDigits(message.replace(/\r\n?/g, "\n").trim());
  const tokens = tokenize(text);
  const shape = structure(text, tokens);
  const said = message.replace(/\r\n?/g, "\n").trim();
  const analysis: Analysis = { text, said, lower: text.toLowerCase(), tokens, ...shape, pairs: pairsOf(text, tokens), dates: datesOf(text, tokens) };
  cache.set(message, analysis);
  return analysis;
}

/**
 * Where each character of the analysed text was typed: the two texts differ only where number
 * words became digits ("three" → "3"), so they are walked together and each run of digits that
 * differs is matched to the words it replaced, up to where both texts agree again. Null when
 * they cannot be lined up (then the analysed text stands for what was typed).
 */
const alignments = new WeakMap<Analysis, Int32Array | null>();
function alignment(analysis: Analysis): Int32Array | null {
  if (alignments.has(analysis)) return alignments.get(analysis)!;
  const { text, said } = analysis;
  let map: Int32Array | null = new Int32Array(text.length + 1);
  let i = 0;
  let j = 0;
  while (map && j < text.length) {
    if (said[i] === text[j]) {
      map[j++] = i++;
      continue;
    }
    const digits = /^[\d.,]+/.exec(text.slice(j))?.[0].length ?? 0;
    const resume = j + digits;
    const sample = text.slice(resume, resume + 8);
    let typed = -1;
    for (let at = i + 1; digits > 0 && at <= Math.min(said.length, i + 120); at++) {
      if (!/^[A-Za-z\s-]+$/.test(said.slice(i, at))) break;
      if (said.startsWith(sample, at) && (sample.length > 0 || at === said.length)) {
        typed = at;
        break;
      }
    }
    if (typed < 0) map = null;
    else {
      for (let at = j; at < resume; at++) map[at] = i;
      i = typed;
      j = resume;
    }
  }
  if (map) map[text.length] = said.length;
  alignments.set(analysis, map);
  return map;
}

/** The text typed for a span of the analysed text: number words as written ("in three bullet points"). */
export function saidBetween(analysis: Analysis, start: number, end: number): string {
  if (analysis.said === analysis.text) return analysis.text.slice(start, end);
  const map = alignment(analysis);
  return map ? analysis.said.slice(map[start], map[end]) : analysis.text.slice(start, end);
}

/** Content tokens: words that carry meaning (not function words) and every non-word value. */
/** "US", "IT", "OR" in capitals: a code (an exchange, a country), not the words us, it, or. */
export function isCode(text: string): boolean {
  return /^[A-Z]{2,}$/.test(text.trim());
}

export function isContent(token: Token): boolean {
  if (token.kind === "punct") return false;
  if (token.kind !== "word") return true;
  if (isCode(token.text)) return true;
  return !FUNCTION_WORDS.has(token.lower.replace(/’/g, "'"));
}

/** The tokens inside a character span. */
export function tokensIn(analysis: Analysis, start: number, end: number): Token[] {
  return analysis.tokens.filter((token) => token.start >= start && token.end <= end);
}

/** Is there a correction cue between two positions ("5432, no wait, 6543")? */
export function correctedBetween(analysis: Analysis, from: number, to: number): boolean {
  return analysis.corrections.some((at) => at > from && at <= to);
}
