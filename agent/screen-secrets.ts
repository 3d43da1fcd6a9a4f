// Catches a secret pasted into chat before anything reaches the agent or a model. The session
// layer calls screenUserText on every chat message: a secret found here is stored (as the asked
// field's secret when one is asked) or dropped, and only the redacted text travels on.
import { distance } from "fastest-levenshtein";
import type { FieldAsk } from "./protocol.ts";
import { findLooselyNamedSecret } from "./screen-named-secrets.ts";

export const REDACTED = "[redacted secret]";

export interface ScreenResult {
  text: string;
  secret: { path: string | null; value: string } | null;
}

// Shapes of credentials that are never anything else. Order matters: longer shapes first.
// Publishable keys (Stripe pk_) are meant to be public and are left alone.
const TOKEN_SHAPES: RegExp[] = [
  /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$)/,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/,
  /\bgh[pousr]_[A-Za-z0-9]{20,}/,
  /\bglpat-[A-Za-z0-9_-]{20,}/,
  /\bsk-(?:proj-|live-|test-|ant-)?[A-Za-z0-9_-]{16,}/,
  // Stripe secret and restricted keys, webhook signing secrets.
  /\b[sr]k_(?:live|test)_[A-Za-z0-9]{10,}/,
  /\bwhsec_[A-Za-z0-9+/=]{16,}/,
  // Slack bot/user/app tokens and incoming-webhook URLs.
  /\bxox[abeoprs]-[A-Za-z0-9-]{10,}/,
  /\bxapp-\d-[A-Za-z0-9-]{10,}/,
  /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]{20,}/,
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/,
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/,
  // Google API keys, OAuth access tokens and client secrets.
  /\bAIza[A-Za-z0-9_-]{30,}/,
  /\bya29\.[A-Za-z0-9_-]{20,}/,
  /\bGOCSPX-[A-Za-z0-9_-]{20,}/,
  /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/,
  /\bnpm_[A-Za-z0-9]{30,}/,
  /\bhf_[A-Za-z0-9]{30,}/,
  /\bshp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}/,
  /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]+@[^\s]+/i,
];

// "password is hunter2", "pw: s3cret", "api key = abc": a weak secret announced by its name.
const NAMED_SECRET =
  /\b(?:password|passwd|passphrase|pw|pwd|secret|api[ _-]?key|access[ _-]?token|auth[ _-]?token|token|private[ _-]?key|client[ _-]?secret)(?:'s\s+|\s*(?:is|=|:|->)\s*)["'`]?(?!\[redacted)([^\s"'`,;]{4,})/i;

// "the key is <random>", "token: <random>", "Bearer <random>": a random-looking word right after a
// credential's name is a secret even while an id field is asked (where randomness alone is not).
const NAMED_RANDOM =
  /\b[\w-]*?(?:key|secret|token|password|passwd|credentials?|bearer|pat)\b\W{0,3}(?:(?:is|was|=|:)\s*)?["'`]?([^\s"'`,;]{16,})/gi;

const MIN_ENTROPY_LENGTH = 20;
const ENTROPY_BITS_PER_CHAR = 3.5;

function shannonEntropy(word: string): number {
  const counts = new Map<string, number>();
  for (const char of word) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / word.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*$/i;
// A user without a password ("postgres://reader@db:5432/shop") is no credential; user:password@ is
// caught by TOKEN_SHAPES before randomness is looked at.
const URL_WITHOUT_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/(?:[^\s:@/]+@)?[^\s@]+$/i;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?$/;
const PATH_LIKE = /^(?:\.{0,2}\/|~\/)[\w./-]+$/;
// Keys that are public by design (Stripe publishable keys ship in web pages).
const PUBLIC_KEY = /^pk_(?:live|test)_/;

/** A word that looks like a random credential: long, several character classes, high entropy. */
export function looksRandom(word: string): boolean {
  if (word.length < MIN_ENTROPY_LENGTH) return false;
  if (UUID.test(word) || EMAIL.test(word) || HOSTNAME.test(word) || URL_WITHOUT_CREDENTIALS.test(word)) return false;
  if (DATE_LIKE.test(word) || PATH_LIKE.test(word) || PUBLIC_KEY.test(word)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(word)).length;
  if (classes < 3 && !(classes === 2 && /[0-9]/.test(word) && word.length >= 32)) return false;
  // Ordinary identifiers (snake_case, kebab-case words) have long letter runs and few digits.
  if (/^[A-Za-z]+(?:[_-][A-Za-z]+)+$/.test(word)) return false;
  return shannonEntropy(word) >= ENTROPY_BITS_PER_CHAR;
}

// Ids people are asked for often look random (client ids, site ids); when such a field is asked,
// only known credential shapes count as secrets, not randomness alone.
const ID_LIKE_FIELD =
  /(?:^|[_-])(?:id|ids|identifier|account|site|project|workspace|org|organization|tenant|realm|app|application|uuid|guid|slug|number)$|[a-z]Id$/i;

// Words that follow "my key is" without being the key.
const NOT_A_SECRET_VALUE =
  /^(?:here|there|below|above|attached|same|this|that|these|those|unknown|empty|blank|none|missing|not|stored|saved|set|secret|required|optional|correct|wrong|fine|ready|coming|later|elsewhere|somewhere|with|from|what|which|where|needed|necessary|please|thanks)$/i;

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

/** A value right after the name of one of the connector's secret fields ("my key is QX7R..."). */
function findNamedField(text: string, fields: ScreenOptions["secretFields"]): { start: number; end: number; path: string } | null {
  if (!fields?.length) return null;
  for (const { path, pattern } of patternsFor(fields)) {
    for (const match of text.matchAll(pattern)) {
      const word = match[1]!.replace(/[.!?)]+$/, "");
      const announced = /(?:is|was|'s|=|:|->)\s*["'`]?$/.test(match[0].slice(0, match[0].length - match[1]!.length));
      if (word.length < 4 || NOT_A_SECRET_VALUE.test(word) || CONTROL_WORDS.test(word)) continue;
      // Without "is" or ":", only a word that looks like a credential: "key QX7R4KD93AB1FM", not "key please".
      if (!announced && !(/\d/.test(word) && /[a-z]/i.test(word) && word.length >= 8)) continue;
      const start = match.index! + match[0].length - match[1]!.length;
      return { start, end: start + word.length, path };
    }
  }
  return null;
}

function findSecret(text: string, entropy = true, fields?: ScreenOptions["secretFields"]): { start: number; end: number; path?: string } | null {
  const byName = findNamedField(text, fields) ?? findLooselyNamedSecret(text, fields);
  if (byName) return byName;
  for (const shape of TOKEN_SHAPES) {
    const match = shape.exec(text);
    if (match) return { start: match.index, end: match.index + match[0].length };
  }
  const named = NAMED_SECRET.exec(text);
  // "the password is required" / "is not set": words about the secret, not the secret.
  if (named && named[1] && !NOT_A_SECRET_VALUE.test(named[1].replace(/[.!?)]+$/, ""))) {
    const start = named.index + named[0].length - named[1].length;
    return { start, end: start + named[1].length };
  }
  for (const match of text.matchAll(NAMED_RANDOM)) {
    const word = match[1]!.replace(/[.!?]+$/, "");
    if (!looksRandom(word)) continue;
    const start = match.index! + match[0].length - match[1]!.length;
    return { start, end: start + word.length };
  }
  if (!entropy) return null;
  const wordPattern = /[^\s,;"'`()<>[\]{}]+/g;
  for (let match = wordPattern.exec(text); match; match = wordPattern.exec(text)) {
    const word = match[0].replace(/[.!?]+$/, "");
    if (looksRandom(word)) return { start: match.index, end: match.index + word.length };
  }
  return null;
}

/**
 * Screens one chat message. While a secret field is asked, the whole message is the secret
 * (people paste the password as the answer); otherwise a token-shaped or random-looking word is
 * cut out. Every secret found is replaced by REDACTED in the returned text.
 */
// While a secret field is asked, these are the person steering, not a password.
const CONTROL_WORDS =
  /^(?:skip(?: (?:it|this|this one|that|for now))?|cancel|stop|quit|go back|back|previous(?: question)?|none|no password|there is no password|there isn'?t one|n\/a|i don'?t know|i do not know|dont know|no idea|idk|not sure|default|use (?:the )?default|help|ready|i'?m ready|ok|okay|start over|test(?: it)?|what|huh|why|how|wait|sorry|hmm+|hm|thanks|thank you|hello|hi|hey)[.!?]*(?: please)?$/i;

// "try MyAud1t_pw9z", "it's Tq7v...", "password's X": a lead-in before the one word that is the secret.
const SECRET_LEAD_IN = /^(?:try|maybe|perhaps|use|it'?s|it is|its|that'?s|here(?:'s| is| it is)?|the password is|password'?s|pw'?s|the key is|key'?s|the token is|token'?s|ok|okay|sure)[:,]?\s+(\S+)$/i;

function steersRatherThanAnswers(text: string): boolean {
  const value = text.trim();
  if (CONTROL_WORDS.test(value)) return true;
  // A sentence asking something ("what is this password for?") is not a password, nor is a
  // plain sentence of five words or more ("let me check with our admin first").
  const words = value.split(/\s+/);
  if (words.length >= 2 && /\?/.test(value)) return true;
  // Sentences ("Setting up Klaviyo. Could you set the lookback to 30 days?") are chat, and so is
  // anything of seven words or more: a passphrase is a few words, typed into the masked field.
  if (/[.!?]\s+\S/.test(value) || words.length >= 7) return true;
  return words.length >= 5 && words.filter((word) => /^[a-z',.!]+$/i.test(word)).length >= words.length - 1;
}

// "Set up OpenWeather", "connect our Stripe", "I want to add Postgres": a request to the
// assistant (often the opening message of a session whose first question is a secret).
const REQUEST =
  /^(?:hi|hello|hey|set ?up|setup|connect|configure|add|create|start|begin|i (?:want|need|would like)|i'?d like|let'?s|can you|could you|help me|we (?:want|need|use))\b/i;

export interface ScreenOptions {
  /**
   * True when a sentence gives values for other (non-secret) fields: the person answered other
   * questions while a secret was asked (an opening message, say), so the text is chat.
   */
  fillsOtherFields?: (text: string) => boolean;
  /** The connector's secret fields by the names a person uses for them ("api key", "key"). */
  secretFields?: Array<{ path: string; names: string[] }>;
  /** Words of the connector's own name: said alone while a secret is asked, they are chat. */
  connectorWords?: string[];
}

function namesConnector(word: string, connectorWords: string[] | undefined): boolean {
  const lower = word.toLowerCase().replace(/[.!?,]+$/, "");
  return !!connectorWords?.some((name) => name === lower || (name.length >= 6 && distance(name, lower) <= 1));
}

export function screenUserText(text: string, pending: FieldAsk | null, options: ScreenOptions = {}): ScreenResult {
  if (pending?.secret) {
    const value = text.trim();
    if (!value) return { text, secret: null };
    // One word is the secret itself. In a sentence, a credential-shaped or named value is the
    // secret ("it's ghp_...", "password is hunter2"); a plain request or question, or values for
    // other fields, are chat; any other text is a passphrase.
    if (/\s/.test(value)) {
      const cut = screenUserText(text, null, options);
      if (cut.secret) return { text: cut.text, secret: { path: cut.secret.path ?? pending.path, value: cut.secret.value } };
      if (steersRatherThanAnswers(value) || REQUEST.test(value)) return { text, secret: null };
      if (options.fillsOtherFields?.(value)) return { text, secret: null };
      const led = SECRET_LEAD_IN.exec(value);
      if (led && !CONTROL_WORDS.test(led[1])) return { text: text.replace(led[1], REDACTED), secret: { path: pending.path, value: led[1] } };
    } else if (CONTROL_WORDS.test(value) || /^\S+\?$/.test(value) || namesConnector(value, options.connectorWords)) {
      return { text, secret: null };
    }
    return { text: REDACTED, secret: { path: pending.path, value } };
  }
  let remaining = text;
  let first: string | null = null;
  // A value given under a secret field's name is that field's secret, wherever it stands.
  let firstPath: string | null = null;
  // A message may carry more than one; the first is kept as "the" secret, all are cut out.
  const name = pending?.path.split("/").pop() ?? "";
  const entropy = !(pending && !pending.secret && ID_LIKE_FIELD.test(name));
  // The guard only bounds pathological input; running out of it fails closed (all text withheld).
  for (let guard = 0; ; guard++) {
    const found = findSecret(remaining, entropy, options.secretFields);
    if (!found) break;
    const value = remaining.slice(found.start, found.end);
    if (found.path && firstPath === null) {
      firstPath = found.path;
      first = value;
    }
    first ??= value;
    if (guard >= 200) {
      remaining = REDACTED;
      break;
    }
    remaining = remaining.slice(0, found.start) + REDACTED + remaining.slice(found.end);
  }
  if (first === null) return { text, secret: null };
  return { text: remaining, secret: { path: firstPath, value: first } };
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
