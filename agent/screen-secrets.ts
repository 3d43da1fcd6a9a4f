// Catches secrets in chat before anything reaches the agent, a transcript or a model. The session
// layer calls screenUserText on every chat message; each secret found is stored (as the field it
// belongs to, when that is known) and replaced by REDACTED, and only the redacted text travels on.
//
// What counts as a secret:
// - a connection URI's password (only the password: "postgres://reader:[redacted secret]@db/shop"
//   still gives its host, port, user and database);
// - the value of a pasted pair whose key names a secret field (PG_PASSWORD=…, "api_key": "…");
// - a value said after a secret field's name ("my key is …", "password hunter2");
// - a well-known token shape, or a random-looking word, unless the message gives it as the value of
//   a field that is not secret ("the client id is 8f3a…");
// - while a secret field is asked: the whole message, unless it is confidently the person steering
//   (a question, a command, a refusal, "skip", "let me check") or answering other fields. No word
//   count decides: a five-word passphrase is a passphrase.
import { findLooselyNamedSecret, namesAPlace } from "./screen-named-secrets.ts";
import type { FieldAsk } from "./protocol.ts";
import { looksRandom, TOKEN_SHAPES, URI_PASSWORD, LOGIN_PASSWORD } from "./secret-shapes.ts";
import { steers } from "./understand/steering.ts";
import { FUNCTION_WORDS } from "./understand/lexicon.ts";

export { looksRandom } from "./secret-shapes.ts";

export const REDACTED = "[redacted secret]";

export interface FoundSecret {
  /** The secret field it belongs to, when the message says (or the question asked does). */
  path: string | null;
  value: string;
}

export interface ScreenResult {
  text: string;
  /** The first secret found (the one a pending secret question gets). */
  secret: FoundSecret | null;
  /** Every secret found, in the order of the message. */
  secrets: FoundSecret[];
}

export interface ScreenOptions {
  /** The connector's secret fields by the names a person uses for them ("api key", "key"). */
  secretFields?: Array<{ path: string; names: string[] }>;
  /** Words of the connector's own name: said alone while a secret is asked, they are chat. */
  connectorWords?: string[];
  /** Values the message confidently gives to fields that are not secret: never taken for secrets. */
  plainValues?: (text: string) => string[];
  /** The message speaks of the setup (names a field or an option, corrects a value): chat, not a secret. */
  talksAboutSetup?: (text: string) => boolean;
  /** The secret field a pasted key names ("PG_PASSWORD" → "/password"), if any. */
  secretKeyPath?: (key: string) => string | null;
  /** The secret field a connection URI's password belongs to. */
  uriPasswordPath?: string | null;
  /** Values the understander reads for secret fields ("client id 7712…"), whatever they look like. */
  secretValues?: (text: string) => Array<{ path: string; start: number; end: number }>;
}

interface Span {
  start: number;
  end: number;
  path: string | null;
}

// "password is hunter2", "pw: s3cret", "api key = abc": a weak secret announced by its name.
const NAMED_SECRET =
  /\b(?:password|passwd|passphrase|pw|pwd|secret|api[ _-]?key|access[ _-]?token|auth[ _-]?token|token|private[ _-]?key|client[ _-]?secret)(?:'s\s+|\s*(?:is|=|:|->)\s*)["'`]?(?!\[redacted)([^\s"'`,;]{4,})/gi;

// "the key is <random>", "token: <random>", "Bearer <random>": a random-looking word right after a
// credential's name is a secret even while an id field is asked (where randomness alone is not).
const NAMED_RANDOM = /\b[\w-]*?(?:key|secret|token|password|passwd|credentials?|bearer|pat)\b\W{0,3}(?:(?:is|was|=|:)\s*)?["'`]?([^\s"'`,;]{16,})/gi;

// Words that follow "my key is" without being the key.
const NOT_A_SECRET_VALUE =
  /^(?:here|there|below|above|attached|same|this|that|these|those|unknown|empty|blank|none|missing|not|stored|saved|set|secret|required|optional|correct|wrong|fine|ready|coming|later|elsewhere|somewhere|with|from|what|which|where|needed|necessary|please|thanks|true|false|yes|no|on|off|null|none)$/i;

/**
 * Words after a credential's name that cannot be the credential: a word of a sentence ("I'll
 * type it", "(not OAuth)"), a YAML key on the next line ("embeddings:"), or a known non-value.
 */
function notASecret(word: string): boolean {
  const bare = word.replace(/^[("'`]+|[)"'`.,;!?]+$/g, "").toLowerCase();
  // (Marks alone, "<-" or "...", point at something or leave it out: no secret has no letter or digit.)
  return NOT_A_SECRET_VALUE.test(word) || !/[\p{L}\p{N}]/u.test(word) || /^\(/.test(word) || /:$/.test(word) || FUNCTION_WORDS.has(bare) || FUNCTION_WORDS.has(bare.replace(/'.*$/, "")) || namesAPlace(word);
}

// Ids people are asked for often look random (client ids, site ids); when such a field is asked,
// randomness alone is not a secret there.
const ID_LIKE_FIELD = /(?:^|[_-])(?:id|ids|identifier|account|site|project|workspace|org|organization|tenant|realm|app|application|uuid|guid|slug|number)$|[a-z]Id$/i;

// "try MyAud1t_pw9z", "it's Tq7v...", "password's X": a lead-in before the one word that is the secret.
const SECRET_LEAD_IN = /^(?:try|maybe|perhaps|use|it'?s|it is|its|that'?s|here(?:'s| is| it is)?|the password is|password'?s|pw'?s|the key is|key'?s|the token is|token'?s|ok|okay|sure)[:,]?\s+(\S+)$/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const namePatterns = new WeakMap<NonNullable<ScreenOptions["secretFields"]>, Array<{ path: string; pattern: RegExp }>>();

function patternsFor(fields: NonNullable<ScreenOptions["secretFields"]>): Array<{ path: string; pattern: RegExp }> {
  let patterns = namePatterns.get(fields);
  if (!patterns) {
    // "<name> is X", "<name>: X", "<name>=X"; or "<name> X" when X looks like a credential.
    patterns = fields.flatMap(({ path, names }) =>
      [...names]
        .sort((a, b) => b.length - a.length)
        .map((name) => ({
          path,
          pattern: new RegExp(`(?<![a-z0-9_])${escapeRegExp(name)}(?:'s\\s+|\\s*(?:is|was|=|:|->)\\s*|\\s+)["'\`]?(?!\\[redacted)([^\\s"'\`,;]+)`, "gi"),
        })),
    );
    namePatterns.set(fields, patterns);
  }
  return patterns;
}

/** Values right after the name of one of the connector's secret fields ("my key is QX7R..."). */
function namedFieldSecrets(text: string, fields: ScreenOptions["secretFields"]): Span[] {
  if (!fields?.length) return [];
  const spans: Span[] = [];
  for (const { path, pattern } of patternsFor(fields)) {
    for (const match of text.matchAll(pattern)) {
      const word = match[1]!.replace(/[.!?)]+$/, "");
      const announced = /(?:is|was|'s|=|:|->)\s*["'`]?$/.test(match[0].slice(0, match[0].length - match[1]!.length));
      const at = match.index! + match[0].length - match[1]!.length;
      if (word.length < 4 || notASecret(word) || steersAlone(word) || prose(text, at + word.length, word)) continue;
      // Without "is" or ":", only a word that looks like a credential: "key QX7R4KD93AB1FM", not "key please".
      if (!announced && !(/\d/.test(word) && /[a-z]/i.test(word) && word.length >= 8)) continue;
      const start = match.index! + match[0].length - match[1]!.length;
      spans.push({ start, end: start + word.length, path });
    }
  }
  return spans;
}

const namePrefixes = new WeakMap<NonNullable<ScreenOptions["secretFields"]>, string[]>();

/** Whether the text holds the first letters of a word of a secret field's name. */
function mayNameSecret(text: string, fields: ScreenOptions["secretFields"]): boolean {
  if (!fields?.length) return false;
  let prefixes = namePrefixes.get(fields);
  if (!prefixes) {
    prefixes = [...new Set(fields.flatMap(({ names }) => names.flatMap((name) => name.toLowerCase().split(/[^a-z0-9]+/)).filter((word) => word.length >= 2).map((word) => word.slice(0, 4))))];
    namePrefixes.set(fields, prefixes);
  }
  const lower = text.toLowerCase();
  return prefixes.some((prefix) => lower.includes(prefix));
}

function looselyNamed(text: string, fields: ScreenOptions["secretFields"]): Span[] {
  const found = fields ? findLooselyNamedSecret(text, fields) : null;
  return found ? [found] : [];
}

function steersAlone(word: string): boolean {
  return /^(?:skip|cancel|stop|none|default|ready|help|back|test|later|thanks)$/i.test(word);
}

/** Pasted pairs whose key names a secret field: ".env" lines, YAML, JSON, curl headers. */
const PAIR = /(?:^|[\s,{;])["']?([A-Za-z_][\w.\-]{0,40}(?: [A-Za-z_][\w.\-]*){0,3}?)["']?[ \t]*(?:=|:(?!\/\/))[ \t]*("[^"\n]*"|'[^'\n]*'|[^\s,;}"'=]+)/gm;

/**
 * A plain word in running prose ("before the key: scratch Tesla, they want...") is not a value a
 * name announced; a weak password said at the end ("the password is hunter") still is.
 */
function prose(text: string, end: number, word: string): boolean {
  return /^[a-z]+$/.test(word) && /^[ \t]+[A-Za-z]/.test(text.slice(end));
}

function pairSecrets(text: string, secretKeyPath: ScreenOptions["secretKeyPath"]): Span[] {
  if (!secretKeyPath) return [];
  const spans: Span[] = [];
  // Keys of several words ("API Key: ...") only in a pasted block of such lines, never in prose.
  const block = (text.match(/^[ \t]*["']?[A-Za-z_][\w.\- ]{0,40}["']?[ \t]*[=:]/gm)?.length ?? 0) >= 2;
  for (const match of text.matchAll(PAIR)) {
    const key = match[1].trim();
    if (/\s/.test(key) && !(block && /(?:^|\n)[ \t]*["']?$/.test(text.slice(0, match.index! + match[0].indexOf(match[1]))))) continue;
    const path = secretKeyPath(key);
    if (!path) continue;
    const raw = match[2];
    const quoted = /^["']/.test(raw);
    // On a line of its own (a pasted .env or YAML line) the value is whole, "!" and all; in a
    // sentence, the sentence's closing mark is no part of it.
    const ownLine = /^[ \t]*(?:\r?\n|$)/.test(text.slice(match.index! + match[0].length));
    const value = quoted ? raw.slice(1, -1) : ownLine ? raw : raw.replace(/[.!?)]+$/, "");
    if (!value || notASecret(value) || steersAlone(value)) continue;
    const start = match.index! + match[0].length - raw.length + (quoted ? 1 : 0);
    if (!quoted && prose(text, start + value.length, value)) continue;
    spans.push({ start, end: start + value.length, path });
  }
  return spans;
}

function uriPasswords(text: string, path: string | null): Span[] {
  const spans: Span[] = [];
  for (const match of [...text.matchAll(URI_PASSWORD), ...text.matchAll(LOGIN_PASSWORD)]) {
    if (match[1] === REDACTED || match[1].startsWith("[redacted")) continue;
    const start = match.index! + match[0].lastIndexOf(`${match[1]}@`);
    spans.push({ start, end: start + match[1].length, path });
  }
  return spans;
}

const PUBLIC_IDENTIFIER = /^arn:aws[\w-]*:[\w-]*:[\w-]*:\d*:\S+$/i;

/** Values a message confidently gives to fields that are not secret; read only when a word needs it. */
interface PlainValues {
  has(word: string): boolean;
  readonly size: number;
}

function shapeSecrets(text: string, entropy: boolean, plain: PlainValues): Span[] {
  const spans: Span[] = [];
  for (const shape of TOKEN_SHAPES) {
    for (const match of text.matchAll(new RegExp(shape.source, shape.flags.includes("g") ? shape.flags : `${shape.flags}g`))) {
      // (A credential's shape named as a plain field's value is that field's: "access key id is
      // AKIA…" where the spec keeps the key id in plain sight.)
      if (plain.has(match[0])) continue;
      spans.push({ start: match.index!, end: match.index! + match[0].length, path: null });
    }
  }
  for (const match of text.matchAll(NAMED_SECRET)) {
    const word = match[1]!.replace(/[.!?)]+$/, "");
    // "the password is required" / "is not set": words about the secret, not the secret.
    if (notASecret(word) || plain.has(word)) continue;
    const start = match.index! + match[0].length - match[1]!.length;
    if (prose(text, start + word.length, word)) continue;
    spans.push({ start, end: start + word.length, path: null });
  }
  for (const match of text.matchAll(NAMED_RANDOM)) {
    const word = match[1]!.replace(/[.!?]+$/, "");
    if (!looksRandom(word) || plain.has(word)) continue;
    const start = match.index! + match[0].length - match[1]!.length;
    spans.push({ start, end: start + word.length, path: null });
  }
  // Code pasted from a client ('PasswordAuthenticator("svc", "cb-x7Q2...")', 'token = "..."'): a
  // quoted credential-looking string on a line that speaks of a credential.
  for (const line of text.matchAll(/^.*$/gm)) {
    if (!/(?:password|passwd|secret|token|api_?key|apikey|credential)/i.test(line[0])) continue;
    for (const quoted of line[0].matchAll(/["'`]([^"'`\s]{8,})["'`]/g)) {
      const word = quoted[1];
      const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(word)).length;
      if (classes < 3 || plain.has(word) || /^[a-z][a-z0-9+.-]*:\/\//i.test(word)) continue;
      const start = line.index! + quoted.index! + 1;
      spans.push({ start, end: start + word.length, path: null });
    }
  }
  if (entropy) {
    // ("KEY=value" is two words: the key is no part of a random-looking value. A URI is one
    // thing: its password is found above, its hosts and commas are no secret.)
    const uris = [...text.matchAll(/[a-z][a-z0-9+.-]*:\/\/\S+/gi)].map((match) => ({ start: match.index!, end: match.index! + match[0].length }));
    for (const match of text.matchAll(/[^\s,;"'`()<>[\]{}=]+/g)) {
      if (uris.some((uri) => match.index! >= uri.start && match.index! < uri.end)) continue;
      const word = match[0].replace(/[.!?]+$/, "");
      // An AWS ARN looks random but names a resource (a role, a bucket): it is no secret.
      if (PUBLIC_IDENTIFIER.test(word)) continue;
      if (looksRandom(word) && !plain.has(word)) spans.push({ start: match.index!, end: match.index! + word.length, path: null });
    }
  }
  return spans;
}

/** Overlapping finds keep the first (the most specific kind comes first). */
function disjoint(spans: Span[]): Span[] {
  const kept: Span[] = [];
  for (const span of spans) {
    const clash = kept.findIndex((other) => span.start < other.end && other.start < span.end);
    if (clash < 0) kept.push(span);
    else if (!kept[clash].path && span.path && span.start <= kept[clash].start && span.end >= kept[clash].end) kept[clash] = span;
  }
  return kept.sort((a, b) => a.start - b.start);
}

function cut(text: string, spans: Span[], pendingSecret: string | null): ScreenResult {
  let out = "";
  let last = 0;
  const secrets: FoundSecret[] = [];
  for (const span of spans) {
    out += text.slice(last, span.start) + REDACTED;
    last = span.end;
    secrets.push({ path: span.path ?? pendingSecret, value: text.slice(span.start, span.end) });
  }
  out += text.slice(last);
  // A pending secret question gets the first secret that names no other field.
  if (pendingSecret && !secrets.some((secret) => secret.path === pendingSecret)) {
    const free = secrets.find((secret) => secret.path === null);
    if (free) free.path = pendingSecret;
  }
  // Whitespace around a message that was only a secret says nothing; the transcript shows the mark alone.
  return { text: out.trim() === REDACTED ? REDACTED : out, secret: secrets[0] ?? null, secrets };
}

export function screenUserText(text: string, pending: FieldAsk | null, options: ScreenOptions = {}): ScreenResult {
  const pendingSecret = pending?.secret ? pending.path : null;
  // Reading the message for plain values runs the understander: only done once a word could be a
  // secret or a secret is asked (most messages have no such word, and the agent reads them next).
  let plainSet: Set<string> | undefined;
  // (A plain value that is a comma list, "b-1.example:9096,b-2.example:9096", is plain item by item too.)
  const plainOf = () => (plainSet ??= new Set((options.plainValues?.(text) ?? []).flatMap((value) => [value, ...value.split(/[,\s]+/)]).filter((value) => value.length >= 4)));
  const plain: PlainValues = { has: (word) => plainOf().has(word), get size() { return plainOf().size; } };
  const name = pending?.path.split("/").pop() ?? "";
  const entropy = !(pending && !pending.secret && ID_LIKE_FIELD.test(name));
  const spans = disjoint([
    ...uriPasswords(text, options.uriPasswordPath ?? null),
    ...pairSecrets(text, options.secretKeyPath),
    ...namedFieldSecrets(text, options.secretFields),
    ...looselyNamed(text, options.secretFields),
    // A value the message gives a secret field by its name is that secret, even one that looks
    // like an ordinary id: the field says it is secret, not its shape.
    // (Read only when a word could start a secret field's name: most messages name none, and the
    // agent reads the message next; a slip later in the word, "extention", still counts.)
    ...(options.secretValues && mayNameSecret(text, options.secretFields) ? options.secretValues(text) : []).filter((span) => {
      const word = text.slice(span.start, span.end);
      // (Shaped like a host or not: "client id 7712-ab.apps.googleusercontent.com" is the id.)
      return !(notASecret(word) && !namesAPlace(word)) && !steersAlone(word) && !prose(text, span.end, word);
    }),
    ...shapeSecrets(text, entropy, plain),
  ]);
  const value = text.trim();
  if (!pendingSecret || !value) return spans.length ? cut(text, spans, pendingSecret) : { text, secret: null, secrets: [] };
  // A secret is asked. Secrets the message names or shapes are cut out, and the rest is chat.
  if (spans.length) return cut(text, spans, pendingSecret);
  // The person steering, or answering other questions, is chat; any other text is the secret.
  if (steers(value, options.connectorWords) || plain.size > 0 || (/\s/.test(value) && options.talksAboutSetup?.(value))) return { text, secret: null, secrets: [] };
  // Sentences typed ("ok dont need that, set it to false", "one sec before the key, scratch the
  // second org."): clauses marked off by punctuation, with the small words of speech, are talk. A
  // passphrase is words too, but not clauses.
  if (/[,.;!?]\s+\S/.test(value) && value.toLowerCase().split(/[^a-z']+/).filter((word) => FUNCTION_WORDS.has(word)).length >= 2) return { text, secret: null, secrets: [] };
  const led = SECRET_LEAD_IN.exec(value);
  if (led && !steersAlone(led[1])) {
    const start = text.indexOf(led[1], text.indexOf(value) + led[0].length - led[1].length);
    return cut(text, [{ start, end: start + led[1].length, path: pendingSecret }], pendingSecret);
  }
  const start = text.indexOf(value);
  const whole = cut(text, [{ start, end: start + value.length, path: pendingSecret }], pendingSecret);
  return { ...whole, text: REDACTED };
}

/** Cuts every secret-looking part out of outbound text (the model gateway's last line of defence). */
export function redactSecrets(text: string): string {
  return screenUserText(text, null).text;
}

/** Cuts only the known credential shapes out: for text whose words are the agent's own (prompts, field titles). */
export function redactTokenShapes(text: string): string {
  let out = text;
  for (const shape of TOKEN_SHAPES) out = out.replace(new RegExp(shape.source, shape.flags.includes("g") ? shape.flags : `${shape.flags}g`), REDACTED);
  return out;
}
