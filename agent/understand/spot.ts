// Values found by their shape rather than by a field name next to them: "127.0.0.1:5432" (host and
// port), "cache.internal 6380", a URL or a file path for the one field that wants it, an option
// title said in passing ("with a bearer token"), a misspelled option word, a value the field's own
// description gives as an example ("coin id (e.g. bitcoin)").
import { distance } from "fastest-levenshtein";
import { getAt } from "../../specs/index.ts";
import type { Question } from "../../specs/types.ts";
import type { Decision } from "./types.ts";

const lastName = (question: Question) => (question.path.split("/").pop() ?? "").toLowerCase();
const parentOf = (path: string) => path.slice(0, path.lastIndexOf("/"));

export const HOST_FIELD = /^(?:host|hostname|host_name|server|server_address|address)$/;
// A host: localhost, an IPv4 address, or dotted labels ending in a letter label ("ch.example.org").
const HOST_TOKEN = /(?<![\w/:.@-])(localhost|\d{1,3}(?:\.\d{1,3}){3}|(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*[a-z0-9])(?![\w@/-]|\.\w)/gi;
const PORT_AFTER = /^(?::(\d{1,5})|,?(?:\s+(?:and\s+)?(?:it\s+)?(?:listens|listening|runs|running))?(?:\s+(?:on|at))?(?:\s+(?:the|its))?(?:\s+(?:standard|usual|default|regular|normal))?(?:\s+port)?\s+(\d{2,5}))(?![\w.:-])/i;

function plainField(question: Question): boolean {
  return question.kind === "field" && !question.secret && question.type === "string" && !question.enum;
}

function isUnset(question: Question, values: Record<string, unknown>, pending: Question | null): boolean {
  return question.path === pending?.path || getAt(values, question.path) === undefined;
}

/** Hosts (and the port right after one) for a definition that has a host field. */
export function spotHostPort(text: string, fields: Question[], values: Record<string, unknown>, pending: Question | null): Decision[] {
  const hosts = fields.filter((field) => plainField(field) && HOST_FIELD.test(lastName(field)));
  if (hosts.length === 0) return [];
  const host = hosts.find((field) => field.path === pending?.path) ?? hosts.sort((a, b) => a.path.split("/").length - b.path.split("/").length)[0];
  const port = fields.find((field) => lastName(field) === "port" && parentOf(field.path) === parentOf(host.path) && !field.secret);
  const found: Array<{ host: string; port?: string }> = [];
  for (const match of text.matchAll(HOST_TOKEN)) {
    const start = match.index ?? 0;
    // Inside a URL ("http://x.y:8080/") the host belongs to the URL field.
    if (/:\/\/\S*$/.test(text.slice(0, start))) continue;
    const after = PORT_AFTER.exec(text.slice(start + match[1].length));
    found.push({ host: match[1], port: after ? after[1] ?? after[2] : undefined });
  }
  if (found.length !== 1) return [];
  const decisions: Decision[] = [];
  if (isUnset(host, values, pending)) decisions.push({ kind: "set", path: host.path, value: found[0].host });
  const number = Number(found[0].port);
  if (port && found[0].port && number > 0 && number < 65536) {
    decisions.push({ kind: "set", path: port.path, value: port.type === "string" ? found[0].port : number });
  }
  return decisions;
}

// "postgresql://reader@db.internal:5433/shop": a connection string holds several fields at once.
const DSN = /(?<![\w+.-])([a-z][a-z0-9+.-]*):\/\/(?:([^:@\s/]+)(?::[^@\s/]*)?@)?([^:/\s?#@]+)(?::(\d{1,5}))?(?:\/([^\s?#/]+))?/i;

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Host, port, user and database from a connection string (never its password). */
export function spotDsn(text: string, fields: Question[], values: Record<string, unknown>, pending: Question | null): Decision[] {
  const match = DSN.exec(text);
  if (!match || /^https?$/i.test(match[1])) return [];
  const top = fields.filter((field) => plainField(field) || (field.kind === "field" && field.type === "integer" && !field.secret));
  const byName = (pattern: RegExp) => top.filter((field) => pattern.test(lastName(field))).sort((a, b) => a.path.split("/").length - b.path.split("/").length)[0];
  const host = byName(HOST_FIELD);
  if (!host) return [];
  const decisions: Decision[] = [];
  const put = (field: Question | undefined, value: string | undefined) => {
    if (!field || value === undefined || !isUnset(field, values, pending)) return;
    decisions.push({ kind: "set", path: field.path, value: field.type === "integer" ? Number(value) : safeDecode(value) });
  };
  put(host, match[3]);
  put(byName(/^port$/), match[4]);
  put(byName(/^(?:username|user|user_name|login)$/), match[2]);
  put(byName(/^(?:database|db|dbname|db_name|database_name)$/), match[5]);
  return decisions;
}

const URL_TOKEN = /\bhttps?:\/\/[^\s,;'"<>)]+[^\s,;'"<>).!?]/gi;
const EMAIL_TOKEN = /(?<![\w.+-])([\w.+-]+@[\w-]+(?:\.[\w-]+)+)(?![\w-])/gi;
const PATH_TOKEN = /(?<![\w:/.])((?:~|\.{1,2})?\/[\w.\-/]+|[a-z]:\\[\w.\-\\]+)/gi;

/** A URL or a file path for the field that wants one (the pending one first, else the only one). */
export function spotShaped(text: string, fields: Question[], values: Record<string, unknown>, pending: Question | null): Decision[] {
  const decisions: Decision[] = [];
  const shapes: Array<[RegExp, (question: Question) => boolean]> = [
    [URL_TOKEN, (question) => /(?:^|_)(?:url|uri|endpoint)$/.test(lastName(question)) || question.format === "uri"],
    [PATH_TOKEN, (question) => /(?:^|_)(?:path|file|filename|dir|directory|folder)$/.test(lastName(question))],
    // "I'm dev@acme.io": the one email field.
    [EMAIL_TOKEN, (question) => /(?:^|_)(?:email|e_mail|mail)(?:_address)?$/.test(lastName(question)) || question.format === "email"],
    // "our site is acme.atlassian.net": a domain field (hosts have spotHostPort).
    [HOST_TOKEN, (question) => /(?:^|_)(?:domain|subdomain|site|instance|workspace_domain|account_domain)$/.test(lastName(question))],
  ];
  for (const [shape, wants] of shapes) {
    // A path or URL at the end of a sentence keeps its words, not the full stop.
    const tokens = [...text.matchAll(shape)].map((match) => (match[1] ?? match[0]).replace(/[.,;:!?]+$/, ""));
    if (tokens.length !== 1) continue;
    const candidates = fields.filter((field) => plainField(field) && wants(field) && isUnset(field, values, pending));
    const required = candidates.filter((field) => field.required);
    const target = candidates.find((field) => field.path === pending?.path) ?? (candidates.length === 1 ? candidates[0] : required.length === 1 ? required[0] : undefined);
    if (target) decisions.push({ kind: "set", path: target.path, value: tokens[0] });
  }
  return decisions;
}

const normalize = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "");

/** Option titles said in passing ("with a bearer token", "signing in"): one option per choice. */
export function spotOptions(
  text: string,
  fields: Question[],
  values: Record<string, unknown>,
  pending: Question | null,
  connectorWords: Set<string> = new Set(),
): Decision[] {
  // Words inside a URL or a path ("https://x/oauth") name no option, nor do words after a "not"
  // ("a personal token, not the OAuth thing", "CDC rather than standard").
  const lower = withoutNegated(text.toLowerCase().replace(/\S*(?::\/\/|\/)\S*/g, " "));
  const decisions: Decision[] = [];
  for (const choice of fields) {
    if (choice.kind !== "choice" || !isUnset(choice, values, pending)) continue;
    const hits = new Set<number>();
    for (const option of choice.options ?? []) {
      const title = option.title.toLowerCase().replace(/\(.*?\)/g, "").replace(/\s+/g, " ").trim();
      const names = [title.split(" ").length >= 2 ? title : ""];
      // A const with a separator ("api_key", "verify-full", "Api Key") is distinctive enough on its own.
      if (typeof option.value === "string" && /[_\s-]/.test(option.value.trim())) names.push(option.value.toLowerCase().trim());
      // So is what a title says in parentheses: "Authenticate via Lever (Api Key)".
      for (const inner of option.title.matchAll(/\(([^)]+)\)/g)) if (/\s/.test(inner[1].trim()) || /^[A-Z]{3,}$/.test(inner[1].trim())) names.push(inner[1].toLowerCase().trim());
      if (/\boauth\b/i.test(option.title) && /\b(?:sign(?:ing)?[ -]in|log(?:ging)?[ -]in with|oauth)\b/.test(lower)) hits.add(option.index);
      for (const name of names.filter((name) => name.length >= 4 || /^[a-z]{3}$/.test(name))) {
        const pattern = new RegExp(`(?<![a-z0-9])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![a-z0-9])`);
        if (pattern.test(lower)) hits.add(option.index);
      }
    }
    if (hits.size === 0) for (const index of optionWordHits(lower, choice, fields, pending, connectorWords)) hits.add(index);
    if (hits.size === 0) for (const index of optionPhraseTypos(lower, choice)) hits.add(index);
    if (hits.size === 1) decisions.push({ kind: "choose", path: choice.path, optionIndex: [...hits][0] });
  }
  return decisions;
}

/** Blanks the words a negation or contrast leads ("not the OAuth thing", "rather than standard"). */
export function withoutNegated(lower: string): string {
  return lower.replace(/\b(not|rather than|instead of|except|other than)(\s+(?:the\s+|an?\s+|our\s+)?)([a-z0-9_-]+(?:\s+[a-z0-9_-]+)?)/g, (_match, cue: string, gap: string, words: string) => `${cue}${gap}${" ".repeat(words.length)}`);
}

/** A two- or three-word option title said with a slip ("app password" for API Password). */
function optionPhraseTypos(lower: string, choice: Question): number[] {
  const words = lower.split(/[^a-z0-9]+/).filter(Boolean);
  const grams = new Set<string>();
  for (let index = 0; index < words.length; index++) {
    if (index + 1 < words.length) grams.add(`${words[index]}${words[index + 1]}`);
    if (index + 2 < words.length) grams.add(`${words[index]}${words[index + 1]}${words[index + 2]}`);
  }
  const hits = new Set<number>();
  for (const option of choice.options ?? []) {
    const title = option.title.toLowerCase().replace(/\(.*?\)/g, " ").split(/[^a-z0-9]+/).filter(Boolean);
    if (title.length < 2 || title.length > 3) continue;
    const squashed = title.join("");
    if (squashed.length < 8) continue;
    const allowed = squashed.length >= 10 ? 2 : 1;
    if ([...grams].some((gram) => Math.abs(gram.length - squashed.length) <= allowed && distance(gram, squashed) <= allowed)) hits.add(option.index);
  }
  return [...hits];
}

// Option words too plain to pick an option by themselves ("the standard port").
const PLAIN_OPTION_WORDS = new Set(["standard", "default", "custom", "other", "basic", "advanced", "manual", "automatic", "simple", "normal", "regular", "method", "option", "using", "with", "based", "column", "value", "values", "changes", "change", "mode", "type", "none", "enabled", "disabled"]);
const wordsOf = (text: string) => text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/**
 * "Cursor-based updates are fine": a word only one option of a choice has ("cursor"), in a
 * message that speaks of that choice (a word sharing a stem with its title: "updates" for
 * "Update method") or while the choice is asked. Words of field names never count.
 */
function usedElsewhere(word: string, choice: Question, fields: Question[]): boolean {
  return fields.some(
    (field) =>
      field.path !== choice.path &&
      ((field.options ?? []).some((option) => wordsOf(option.title).includes(word)) || (field.enum ?? []).some((value) => wordsOf(String(value)).includes(word))),
  );
}

function optionWordHits(lower: string, choice: Question, fields: Question[], pending: Question | null, connectorWords: Set<string>): number[] {
  const said = wordsOf(lower);
  const stem = (word: string) => word.slice(0, 5);
  const aboutChoice =
    choice.path === pending?.path || wordsOf(`${choice.title} ${lastName(choice)}`).some((word) => word.length >= 4 && said.some((spoken) => stem(spoken) === stem(word)));
  const fieldWords = new Set(fields.filter((field) => field.path !== choice.path).flatMap((field) => wordsOf(`${field.title} ${lastName(field)}`)));
  const options = choice.options ?? [];
  const wordsByOption = options.map((option) => new Set(wordsOf(`${option.title} ${typeof option.value === "string" ? option.value : ""}`)));
  const hits = new Set<number>();
  for (const [position, words] of wordsByOption.entries()) {
    for (const word of words) {
      // The connector's own name ("Sign in with Taskboard") says nothing about which option.
      if (word.length < 5 || PLAIN_OPTION_WORDS.has(word) || fieldWords.has(word) || connectorWords.has(word)) continue;
      if (wordsByOption.some((other, index) => index !== position && other.has(word))) continue;
      // Without a word of the choice's own title in the message, only a long word that no other
      // choice of the connector uses picks an option ("plain cursor-based sync").
      if (!aboutChoice && (word.length < 6 || usedElsewhere(word, choice, fields))) continue;
      if (said.includes(word)) hits.add(options[position].index);
    }
  }
  return [...hits];
}

/** The one option (or enum value) a word or two of the message spells, allowing a typo. */
export function fuzzyOption(text: string, names: string[][], ignore: Set<string>): number {
  const words = text.toLowerCase().split(/[^a-z0-9_-]+/).filter((word) => word.length >= 3 && !ignore.has(word));
  const grams = [...words, ...words.slice(1).map((word, index) => `${words[index]} ${word}`)];
  const hits = new Set<number>();
  for (const gram of grams) {
    const squashed = normalize(gram);
    for (const [index, aliases] of names.entries()) {
      for (const alias of aliases) {
        const name = normalize(alias);
        if (name.length < 3) continue;
        if (distance(name, squashed) <= Math.max(name === squashed ? 0 : 1, Math.floor(name.length / 4))) hits.add(index);
      }
    }
  }
  return hits.size === 1 ? [...hits][0] : -1;
}

/** Values a field's description gives as examples ("(e.g. usd, eur, jpy, etc.)"). */
function describedExamples(question: Question): string[] {
  const match = /\be\.g\.?,?\s*([^)\n]*)/i.exec(question.description ?? "");
  if (!match) return [];
  return match[1]
    .split(/\s*(?:,|\bor\b|\band\b)\s*/)
    .map((item) => item.replace(/[`'".]/g, "").trim().toLowerCase())
    .filter((item) => /^[a-z][a-z0-9_-]{2,}$/.test(item) && item !== "etc");
}

/**
 * The shape of a spec example that is distinctive enough to recognise a value by ("TSCO.LON" →
 * upper-case letters, a dot, upper-case letters): only examples with a separator inside, so
 * plain words ("bitcoin", "AAPL") never turn every such word of a sentence into a value.
 */
export function exampleShape(example: unknown): RegExp | null {
  if (typeof example !== "string" || !/^[A-Za-z0-9]+(?:[._:\/-][A-Za-z0-9]+)+$/.test(example)) return null;
  const runs = example.replace(/[A-Z]+|[a-z]+|\d+|[._:\/-]/g, (run) =>
    /[A-Z]/.test(run) ? "[A-Z]+" : /[a-z]/.test(run) ? "[a-z]+" : /\d/.test(run) ? "\\d+" : `\\${run}`,
  );
  return new RegExp(`^${runs}$`);
}

/** Words of the message shaped like one of a field's spec examples. */
function shapedLikeExamples(question: Question, tokens: string[]): string[] {
  const shapes = (question.examples ?? (question.example !== undefined ? [question.example] : []))
    .map(exampleShape)
    .filter((shape): shape is RegExp => shape !== null);
  return shapes.length ? tokens.filter((token) => shapes.some((shape) => shape.test(token))) : [];
}

/** A word of the message that a required field's description or examples name as a value. */
export function spotExamples(text: string, fields: Question[], values: Record<string, unknown>, pending: Question | null): Decision[] {
  const words = new Set(text.toLowerCase().split(/[^a-z0-9_-]+/));
  const tokens = [...new Set(text.split(/[\s,;()"'`]+/).map((token) => token.replace(/[!?,]+$|\.$/, "")).filter(Boolean))];
  const decisions: Decision[] = [];
  const claimed = new Map<string, number>();
  const hits: Array<{ question: Question; word: string }> = [];
  for (const question of fields) {
    if (!plainField(question) || !(question.required || question.path === pending?.path) || !isUnset(question, values, pending)) continue;
    const found = new Set([...describedExamples(question).filter((example) => words.has(example)), ...shapedLikeExamples(question, tokens)]);
    for (const example of found) {
      hits.push({ question, word: example });
      claimed.set(example, (claimed.get(example) ?? 0) + 1);
    }
  }
  const seen = new Set<string>();
  for (const { question, word } of hits) {
    if (claimed.get(word) !== 1 || seen.has(question.path)) continue;
    seen.add(question.path);
    const original = tokens.find((token) => token === word) ?? new RegExp(`\\b${word}\\b`, "i").exec(text)?.[0] ?? word;
    decisions.push({ kind: "set", path: question.path, value: original });
  }
  return decisions;
}
