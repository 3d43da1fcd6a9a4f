// Weak secrets named loosely: "host db1.internal, password hunter" (no "is"), "the pw for user bob
// is Summer2024" (words between the name and "is"). Only for names that mean a credential and
// nothing else (password, pw, secret, token, api key...): after "key" or "pass" a plain word is
// usually not a secret, after "password" it usually is. screen-secrets calls this once the
// stricter "<name> is X" reading found nothing.
import type { ScreenOptions } from "./screen-secrets.ts";
import { FUNCTION_WORDS, PREPOSITIONS } from "./understand/lexicon.ts";

type SecretFields = NonNullable<ScreenOptions["secretFields"]>;

const STRONG_NAME = /(?:^|[\s_-])(?:password|passwd|passphrase|pw|pwd|secret|token|api[\s_-]?key|apikey)(?:$|[\s_-])/i;

/** A field name that only ever means a credential ("password", "client secret", "api key"). */
export function isStrongSecretName(name: string): boolean {
  return STRONG_NAME.test(name);
}

// Words that follow a credential's name without being the credential: control and stop words
// ("password please", "password needed"), and what people say about a password rather than give.
const NOT_THE_VALUE = new Set(
  `please thanks thank is was are were be been for from with without here there below above attached same this that these those
  unknown empty blank none missing not stored saved set secret required optional needed necessary correct wrong right fine ready
  coming later elsewhere somewhere what which where when why how who skip cancel stop back default help idk none
  field fields input box prompt policy policies manager reset change changes changed update updated rotate rotated rotation
  hint length rules rule type auth authentication authorization based login protected protection expired expires expiry
  expiration refresh works worked working fails failed failing again first next also then until because since after before
  instead only just still too either isn't wasn't doesn't won't hasn't can't don't does has have had will would should could
  must might shall may goes went comes came your their them they it's its mine yours ours theirs something anything nothing
  everything someone anyone somebody anybody`.split(/\s+/),
);

// "the pw for user bob is X": the name, a short phrase opening with one of these, then "is" or ":".
const GAP_OPENERS = "for|of|on|in|at|to|with|from|we|i|you|they|that|used";
// A phrase joining two clauses ("password and the port is 5432") is not about the password.
const CLAUSE_WORDS = "and|or|but|then|also|not|no|plus";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const cache = new WeakMap<SecretFields, Array<{ path: string; pattern: RegExp; bare: boolean }>>();

function patternsFor(fields: SecretFields): Array<{ path: string; pattern: RegExp; bare: boolean }> {
  let patterns = cache.get(fields);
  if (!patterns) {
    const value = `["'\`]?(?!\\[redacted)([^\\s"'\`,;]+)`;
    // Longest names first, across fields: "client key password X" is the client key's password.
    const named = fields
      .flatMap(({ path, names }) => names.filter(isStrongSecretName).map((name) => ({ path, name })))
      .sort((a, b) => b.name.length - a.name.length);
    patterns = named.flatMap(({ path, name }) => {
      const start = `(?<![a-z0-9_])${escapeRegExp(name)}`;
      return [
        // A few words between the name and "is": "pw for user bob is X", "password we use: X".
        new RegExp(
          `${start}\\s+(?:${GAP_OPENERS})\\b(?:\\s+(?!(?:${CLAUSE_WORDS})\\b)[^\\s,;:=!?"'\`]+){0,3}?\\s*(?:\\bis\\b|\\bwas\\b|=|:|->)\\s*${value}`,
          "gi",
        ),
        // The word right after the name: "password hunter".
        new RegExp(`${start}\\s+${value}`, "gi"),
      ].map((pattern, at) => ({ path, pattern, bare: at === 1 }));
    });
    cache.set(fields, patterns);
  }
  return patterns;
}

// Verbs of handing a credential over: the name after them is their object, not a label.
const GIVING = /\b(?:paste|send|type|enter|give|share|provide|put|drop|fill in|submit|upload|add)\b/i;

/** The words of the clause before a position (back to the last sentence or clause mark). */
function clauseBefore(text: string, at: number): string {
  const before = text.slice(0, at);
  return before.slice(Math.max(before.lastIndexOf("."), before.lastIndexOf(","), before.lastIndexOf(";"), before.lastIndexOf("!"), before.lastIndexOf("?"), before.lastIndexOf("\n")) + 1);
}

// After a plain word: "is"/":" a few words on (the value follows), or a preposition at once
// ("the token belongs to that user", "the password sits in the vault": a verb, not a value).
const LINK_AHEAD = new RegExp(`^(?:(?:\\s+[a-z']+){0,3}\\s*(?:\\bis\\b|\\bare\\b|:|=)|\\s+(?:${[...PREPOSITIONS].join("|")})\\b)`, "i");

/** The rest of the clause after a position (up to the next clause or sentence mark). */
function clauseAfter(text: string, at: number): string {
  return /^[^.,;!?\n]*/.exec(text.slice(at))![0];
}

/** The value after a strongly secret field name, said without "is" or a few words away from it. */
export function findLooselyNamedSecret(text: string, fields: ScreenOptions["secretFields"]): { start: number; end: number; path: string } | null {
  if (!fields?.length) return null;
  for (const { path, pattern, bare } of patternsFor(fields)) {
    for (const match of text.matchAll(pattern)) {
      const word = match[1]!.replace(/[.!?)]+$/, "");
      // "I'll paste the auth token privately": the name is what the person will give; the word
      // after it says how, and is no value. (With "is" or ":" a value follows all the same.)
      if (bare && GIVING.test(clauseBefore(text, match.index!))) continue;
      // (A bracketed aside or a YAML key on the next line is no value: "(not", "embeddings:".)
      // ("a user token under Developer > Settings": a preposition is no token.)
      // A plain word then "is" ("the password everyone uses is X") or an adverb ("the token
      // separately") says something about the secret; the value, if any, comes after.
      if (bare && /^[a-z]+$/.test(word) && (/ly$/.test(word) || LINK_AHEAD.test(clauseAfter(text, match.index! + match[0].length)))) continue;
      // "I don't see a refresh token anywhere": a name a negation reaches is given no value.
      if (bare && /\b(?:no|not|never|without)\b|n't\b/i.test(clauseBefore(text, match.index!))) continue;
      if (word.length < 4 || NOT_THE_VALUE.has(word.toLowerCase()) || FUNCTION_WORDS.has(word.toLowerCase()) || /^\(|:$/.test(word) || namesAPlace(word)) continue;
      const start = match.index! + match[0].length - match[1]!.length;
      return { start, end: start + word.length, path };
    }
  }
  return null;
}

/** A host name or an email ("shop.example.com", "ops@example.com"): where something is, never a credential. */
export function namesAPlace(word: string): boolean {
  const bare = word.replace(/[.,;!?)]+$/, "");
  return /^(?:[a-z0-9-]+\.)+[a-z]{2,6}$/.test(bare) || /^[a-z0-9._+-]+@(?:[a-z0-9-]+\.)+[a-z]{2,6}$/.test(bare);
}
