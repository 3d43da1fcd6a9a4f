// What a credential looks like by itself: the token shapes of well-known providers, and random
// strings (long, several character classes, high entropy). Used by the chat screening and by the
// model gateway's last line of defence.

// Shapes of credentials that are never anything else. Order matters: longer shapes first.
// Publishable keys (Stripe pk_) are meant to be public and are left alone.
export const TOKEN_SHAPES: RegExp[] = [
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
];

/** user:password@ inside a connection URI: group 1 is the password. */
export const URI_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:([^\s@/]+)@[^\s]+/gi;
/**
 * A login without a scheme: "reader:pw@db.internal:5432", Oracle's "user/pw@//host:1521/SVC".
 * Group 1 is the password. (Not inside a URI: the scheme's "//" comes before it there.)
 */
export const LOGIN_PASSWORD = /(?<![\w.$\/:@-])[\w.$-]+[:/]([^\s@/:]+)@(?:\/\/)?(?:localhost|[A-Za-z0-9][\w-]*(?:\.[\w-]+)+|[A-Za-z0-9][\w-]*:\d{1,5})/g;

const MIN_ENTROPY_LENGTH = 20;
const MIN_PASSWORD_LENGTH = 12;
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
// (With its port too: "mongo-a.internal:27017" is an address, however random its letters look.)
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*(?::\d{1,5})?$/i;
// A user without a password ("postgres://reader@db:5432/shop") is no credential.
// ("jdbc:teradata://host/DATABASE=x": a JDBC URL's double scheme too.)
const URL_WITHOUT_CREDENTIALS = /^(?:jdbc:)?[a-z][a-z0-9+.-]*:\/\/(?:[^\s:@/]+@)?[^\s@]+$/i;
// An address typed without its scheme ("forms.example.com/API", "host.example.net:8443/v2").
const HOST_WITH_PATH = /^(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d{1,5})?\/[\w./~%-]*$/i;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?$/;
const PATH_LIKE = /^(?:\.{0,2}\/|~\/)[\w./-]+$/;
const PUBLIC_KEY = /^pk_(?:live|test)_/;

/** A word that looks like a random credential: long, several character classes, high entropy. */
export function looksRandom(word: string): boolean {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(word)).length;
  // A shorter word with all four kinds of character is a typed password ("Qm7#vR2p!x..."): no
  // setting a person types has that shape, and one missed is a secret in the transcript.
  if (word.length < MIN_ENTROPY_LENGTH && !(word.length >= MIN_PASSWORD_LENGTH && classes === 4)) return false;
  // (A GUID in its braces, "{B7E3F2A1-…}", is an id as much as one without.)
  if (UUID.test(word.replace(/^[{(]|[})]$/g, "")) || EMAIL.test(word) || HOSTNAME.test(word) || URL_WITHOUT_CREDENTIALS.test(word) || HOST_WITH_PATH.test(word)) return false;
  if (DATE_LIKE.test(word) || PATH_LIKE.test(word) || PUBLIC_KEY.test(word)) return false;
  if (classes < 3 && !(classes === 2 && /[0-9]/.test(word) && word.length >= 32)) return false;
  // Ordinary identifiers (snake_case, kebab-case words) have long letter runs and few digits.
  if (/^[A-Za-z]+(?:[_-][A-Za-z]+)+$/.test(word)) return false;
  if (madeOfWords(word)) return false;
  // A typed password switches kind of character every char or two ("Tq4!ffea4eZk9&"), which
  // a name made of words and a number ("Customer_Orders-2024") does not; letter frequencies
  // alone miss it when a few characters repeat.
  // Its symbols are a password's ("!#&"), not a name's separators ("-_.").
  if (classes === 4 && /[^A-Za-z0-9._-]/.test(word) && kindSwitches(word) >= KIND_SWITCHES_PER_CHAR) return true;
  return shannonEntropy(word) >= ENTROPY_BITS_PER_CHAR;
}

const KIND_SWITCHES_PER_CHAR = 0.4;

/**
 * A name a person composes from a few words and numbers ("Customer_Orders-2024",
 * "MyWarehouse2024!"): each letter part pronounceable, few parts. Random strings break into many
 * short parts.
 */
function madeOfWords(word: string): boolean {
  const parts = word.replace(/[^A-Za-z0-9]+$/, "").match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+|[^A-Za-z0-9]+/g) ?? [];
  const named = parts.filter((part) => /[A-Za-z0-9]/.test(part));
  // Four words or more is a passphrase's shape ("CorrectHorseBatteryStaple1"), not a name's.
  if (named.length > 5 || named.filter((part) => /[A-Za-z]/.test(part)).length > 3) return false;
  // Acronyms ("DB", "SQL") are words too, and a letter before long words ("r/MechanicalKeyboards").
  return named.every((part) => /^(?:[0-9]+|[A-Z]{2,5})$/.test(part) || (part.length >= 2 && /[aeiouy]/i.test(part)) || (part.length === 1 && named.length <= 3 && /[A-Za-z]/.test(part)));
}

/** How often, per character, the kind of character (lower, upper, digit, other) changes. */
function kindSwitches(word: string): number {
  const kind = (char: string) => (/[a-z]/.test(char) ? 0 : /[A-Z]/.test(char) ? 1 : /[0-9]/.test(char) ? 2 : 3);
  let switches = 0;
  for (let i = 1; i < word.length; i += 1) if (kind(word[i]!) !== kind(word[i - 1]!)) switches += 1;
  return switches / word.length;
}
