// What a connector's words are, built once per definition: every field's names (its key, title,
// their stems, the usual synonyms no other field owns, the words of a count's unit), the shape
// of value it wants, and every enum value and oneOf option with the words that name it: the
// value or const itself, its title, the words only it has, what the field's description maps to
// it ("weekly(P1W)"), and, for codes, the places and languages they stand for ("Europe" for eu,
// "Canadian" for ca, "German" for de). Matching a message against these names lives here too.
import { distance } from "fastest-levenshtein";
import { LRUCache } from "lru-cache";
import countries from "i18n-iso-countries";
import english from "i18n-iso-countries/langs/en.json" with { type: "json" };
import ISO6391 from "iso-639-1";
import { stemLower } from "./stem.ts";
import { schemasAtAnyOption } from "../../specs/index.ts";
import type { Definition, JsonSchema, Question } from "../../specs/types.ts";
import type { Analysis, Token } from "./analyze.ts";
import { listFields } from "./fields.ts";
import {
  CLOUD_REGION_PLACES,
  FIELD_SYNONYMS,
  FUNCTION_WORDS,
  GENERIC_TITLE_WORDS,
  IRREGULAR_DEMONYMS,
  NAME_TAILS,
  ORDINAL_WORDS,
  ONE_WORD_TITLE_TAILS,
  PARAPHRASES,
  PERIOD_WORDS,
  PLAIN_OPTION_WORDS,
  POSTAL_WORDS,
  REGION_NAMES,
  VALUE_SYNONYMS,
  PRODUCTION_WORDS,
  TEST_PLACE_WORDS,
  TIME_UNITS,
  UNIT_ABBREVIATIONS,
  UNIT_SECONDS,
} from "./lexicon.ts";
import { timeUnitOf, wantsDate, wantsEpoch } from "./parse-value.ts";
import { isCodeOf, namesOfCode, type CodeKind } from "./code-names.ts";

countries.registerLocale(english);

/** A phrase that names something, as the stems of its words. */
export interface Name {
  stems: string[];
  /** How surely the phrase means it (1: its own key or title). */
  weight: number;
  /** The phrase as written, squashed ("apikey"): a single token spelled so matches it too. */
  squashed: string;
  /** The phrase's words, lower case ("api key"). */
  text: string;
}

export type FieldShape = "host" | "port" | "url" | "email" | "path" | "domain" | "date" | "number" | "boolean" | "list" | "choice" | "enum" | "one-word" | "text" | "object";

export interface ChoiceEntry {
  /** Option index (oneOf) or position in the enum. */
  index: number;
  /** The enum value, or the option's discriminator const. */
  value: unknown;
  title: string;
  names: Name[];
  /** One-letter codes ("E"/"M"): the word a person says begins with it. */
  initial?: string;
}

export interface FieldEntry {
  question: Question;
  path: string;
  key: string;
  names: Name[];
  /** Content stems of the title, for a title said loosely ("look back two weeks"). */
  titleStems: string[];
  /** The title's content words as written, stem by stem (titleWords[i] is titleStems[i]'s word). */
  titleWords: string[];
  shape: FieldShape;
  /** The time unit a number field counts in ("lookback window (days)"). */
  unit?: string;
  /** Enum values (of the field or of its items) or oneOf options. */
  choices?: ChoiceEntry[];
  /** Codes of a country or language list, named by the place or language. */
  codes?: CodeKind;
  /** The customer's own label in the vendor's host ("acme" of acme.vendor.com): a subdomain, a site or account name. */
  ownLabel?: boolean;
  /** The connector's name words, to know the vendor's part of a host. */
  vendor?: Set<string>;
  /** Words a free-text field's description maps to its values ("'eu1' for EU": eu → eu1). */
  valueFor?: Map<string, string>;
  /** A code as the field writes it ("au", "EUR"): its case and length. */
  codeSample?: string;
}

export interface Vocabulary {
  definition: Definition;
  fields: FieldEntry[];
  byPath: Map<string, FieldEntry>;
  /** Stems of the connector's own name ("stripe", "postgr"): never a value on their own. */
  connectorStems: Set<string>;
  /** How many fields' titles hold each stem: a stem one title alone has tells that field. */
  titleStemCounts: Map<string, number>;
}

export function stemOf(word: string): string {
  return stemLower(word.toLowerCase());
}

/** "authenticationMethod", "api_key", "Api Key (v2)" → ["authentication", "method"]. */
export function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/\(.*?\)/g, " ")
    .toLowerCase()
    .split(/[^a-z0-9à-ɏ']+/)
    .filter(Boolean);
}

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9à-ɏ]+/g, "");

export function nameOf(text: string, weight: number): Name | null {
  const words = wordsOf(text);
  if (words.length === 0) return null;
  return { stems: words.map(stemOf), weight, squashed: squash(text), text: words.join(" ") };
}

function addName(names: Name[], text: string, weight: number): void {
  const name = nameOf(text, weight);
  if (!name) return;
  const same = names.find((other) => other.stems.join(" ") === name.stems.join(" "));
  if (same) same.weight = Math.max(same.weight, weight);
  else names.push(name);
}

const lastKey = (path: string) => (path.split("/").pop() ?? "").replace(/~1/g, "/").replace(/~0/g, "~");

// ("store_host", "tunnel_host": a key that ends in "host" names a host too; a virtual host is a
// broker's namespace, "/events", no network host.)
const HOST_KEY = /^(?:host|hostname|host_name|server|server_address|address|hosts|host_address)$|(?<!virtual)_(?:host|hostname)$/i;
const ONE_WORD_KEY =
  /(?:^|_)(?:host|hostname|server|address|port|database|db|dbname|user|username|login|schema|schemas|bucket|region|account|id|ids|url|uri|endpoint|email|domain|subdomain|warehouse|project|dataset|role|key|slug|workspace|organization|org|tenant|site|index|table|column|topic|queue|collection|catalog|symbol|ticker|code)$/i;

/** The shape of a spec example distinctive enough to know a value by ("TSCO.LON", "acme/api"). */
export function exampleShape(example: unknown): RegExp | null {
  if (typeof example !== "string" || !/^[A-Za-z0-9]+(?:[._:\/-][A-Za-z0-9]+)+$/.test(example)) return null;
  const runs = example.replace(/[A-Z]+|[a-z]+|\d+|[._:\/-]/g, (run) => (/[A-Z]/.test(run) ? "[A-Z]+" : /[a-z]/.test(run) ? "[a-z]+" : /\d/.test(run) ? "\\d+" : `\\${run}`));
  return new RegExp(`^${runs}$`);
}

/** A field's examples, whichever of `examples` / `example` the spec uses. */
export function examplesOf(question: Question): unknown[] {
  return question.examples ?? (question.example !== undefined ? [question.example] : []);
}

/**
 * "The full address of the property, in the format of Street, City, State, Zip": an address whose
 * description names a postal address's parts is no host; its value runs on through its commas.
 */
export function isPostalAddress(question: Question): boolean {
  const key = lastKey(question.path).toLowerCase();
  if (!HOST_KEY.test(key) || question.format === "hostname" || question.type !== "string") return false;
  return (question.description ?? "").toLowerCase().match(/[a-z]+/g)?.some((word) => POSTAL_WORDS.has(word)) ?? false;
}

function shapeOf(question: Question): FieldShape {
  const key = lastKey(question.path).toLowerCase();
  // "storage_account_name", "database_name", "domain_name": the name of a one-word thing is one word.
  const named = /^(.+)_(?:name|id)$/.exec(key)?.[1] ?? "";
  if (question.kind === "choice") return "choice";
  if (question.enum?.length && question.type !== "array") return "enum";
  if (question.type === "boolean") return "boolean";
  if (question.type === "array") return "list";
  if (question.type === "object") return "object";
  if (wantsEpoch(question)) return "date";
  // A string setting whose default is a number ("50" records per request) is a number said as text.
  if (question.type === "string" && !question.pattern && !question.format && typeof question.default === "string" && /^\d+$/.test(question.default)) return "number";
  if (question.type === "integer" || question.type === "number") return /(?:^|_)port$/.test(key) ? "port" : "number";
  if (wantsDate(question)) return "date";
  if (question.format === "email" || /(?:^|_)e?mail(?:_address)?$/.test(key)) return "email";
  if (question.format === "uri" || question.format === "url" || /(?:^|_)(?:url|uri|endpoint|webhook)$/.test(key)) return "url";
  if (/(?:^|_)port$/.test(key)) return "port";
  // A field whose examples are URLs ("https://my-cluster.example.net", a spreadsheet's link)
  // takes a URL, whatever its key says; with no examples, a default that is one says so too.
  const examples = examplesOf(question);
  const shown = examples.length > 0 ? examples : question.default !== undefined ? [question.default] : [];
  if (shown.length > 0 && shown.every((example) => typeof example === "string" && /^https?:\/\/\S+$/i.test(example))) return "url";
  if (HOST_KEY.test(key) && examples.some((example) => typeof example === "string" && /^[a-z][a-z0-9+.-]*:\/\//i.test(example))) return "url";
  if (isPostalAddress(question)) return "text";
  if (HOST_KEY.test(key) || question.format === "hostname") return "host";
  if (/(?:^|_)(?:path|file|filename|dir|directory|folder)$/.test(key)) return "path";
  if (/(?:^|_)(?:domain|subdomain|site|instance|workspace_domain|account_domain)$/.test(key) || /(?:^|_)(?:domain|subdomain)$/.test(named)) return "domain";
  if (question.multiline || /(?:^|_)(?:description|query|sql|json|filter|expression|template|notes?|message|body|text)$/.test(key)) return "text";
  // A list item's name ("one stream called orders") is an identifier, one word.
  // ("HoorayHR Username" keyed hoorayhrusername: the title's last word says it too.)
  const titleTail = (question.title.toLowerCase().match(/[a-z]+/g) ?? []).pop() ?? "";
  if (ONE_WORD_KEY.test(key) || (named && ONE_WORD_KEY.test(named)) || /\/\d+\/name$/.test(question.path) || (titleTail !== key && ONE_WORD_TITLE_TAILS.has(titleTail))) return "one-word";
  // Examples that are all one word ("my-store") say the field is.
  if (examples.length > 0 && examples.every((example) => typeof example === "string" && example.length > 0 && !/\s/.test(example))) return "one-word";
  return "text";
}

/** The field's own names; synonyms are added by the caller once every field's own names are known. */
function ownNames(question: Question): Name[] {
  const names: Name[] = [];
  const key = lastKey(question.path);
  addName(names, key, 1);
  addName(names, question.title, 1);
  // "api_key" typed as "apikey", "ssl_mode" as "sslmode".
  for (const text of [key, question.title.replace(/\(.*?\)/g, "")]) {
    const squashed = squash(text);
    if (squashed.length >= 5 && wordsOf(text).length > 1) names.push({ stems: [stemOf(squashed)], weight: 0.95, squashed, text: squashed });
  }
  // "lat" described as "Latitude, decimal": a short key the description's first word spells out is
  // called by that word.
  const spelled = /^[A-Za-z]{5,}/.exec((question.description ?? "").trim())?.[0].toLowerCase();
  if (/^[a-z]{2,5}$/i.test(key) && spelled?.startsWith(key.toLowerCase()) && spelled !== key.toLowerCase()) addName(names, spelled, 0.9);
  // "account" names account_id, "database" names Database Name.
  for (const name of [...names]) {
    const words = name.stems;
    if (words.length >= 2 && /^(?:id|name)$/.test(words[words.length - 1]) && words.slice(0, -1).join("").length >= 3) {
      names.push({ stems: words.slice(0, -1), weight: 0.8, squashed: name.squashed.replace(/(?:id|name)$/, ""), text: name.text.split(" ").slice(0, -1).join(" ") });
    }
  }
  // "ordering: yes" for ordering_enabled, "deletes" for include_deletes: a switch is called by what it switches.
  if (question.type === "boolean") {
    const bare = key.replace(/^(?:is|use|enable|include|should|allow)_|_(?:enabled|enable|on|flag)$/gi, "");
    if (bare !== key && bare.length >= 3) addName(names, bare, 0.8);
  }
  // "components acme_api and acme_web" for component_keys: a list is called by the things it lists.
  if (question.type === "array") {
    const things = /^(.+?)_(?:keys|ids|names|list|values|codes|identifiers)$/i.exec(key)?.[1];
    if (things && things.length >= 3) addName(names, things, 0.8);
  }
  // "one stream called orders": a list item's name is called by the list's own noun.
  const item = /\/([^/]+)\/\d+\/([^/]+)$/.exec(question.path);
  if (item && /^(?:name|title|label)$/i.test(item[2])) addName(names, item[1], 0.8);
  // "500 records" names record_count.
  const counted = /^(.+?)[_ ]count$/i.exec(key);
  if (counted && counted[1].length >= 3) {
    addName(names, counted[1], 0.8);
    if (/^(?:record|row|entry|item|document)$/i.test(counted[1])) for (const word of ["rows", "records"]) addName(names, word, 0.8);
  }
  return names;
}

function titleWordsOf(question: Question): string[] {
  const seen = new Set<string>();
  return wordsOf(question.title).filter((word) => word.length >= 2 && !FUNCTION_WORDS.has(word) && !seen.has(stemOf(word)) && seen.add(stemOf(word)));
}

// ---- choices ---------------------------------------------------------------------------------

function looksLikeCodes(values: unknown[]): boolean {
  return values.length >= 2 && values.every((value) => typeof value === "string" && /^[a-z]{2,3}$/i.test(value));
}

function codesOf(question: Question, values: unknown[]): FieldEntry["codes"] {
  // ("currency", "report_currency" with nothing shown: a currency field takes its ISO code.)
  if (values.length === 0 && question.type === "string" && !question.pattern && /(?:^|_)currency(?:_code)?$/i.test(lastKey(question.path))) return "currency";
  if (!looksLikeCodes(values)) return undefined;
  const about = `${lastKey(question.path)} ${question.title} ${question.description ?? ""}`.toLowerCase();
  if (/currenc/.test(about) && values.every((value) => /^[a-z]{3}$/i.test(String(value)))) return "currency";
  if (/lang/.test(about)) return "language";
  if (/countr|nation|iso 3166|3166/.test(about)) return "country";
  return undefined;
}

/**
 * "Frankfurt" for a free-text region field whose default, examples or description show a cloud's
 * region codes ("for example, us-west-1 or us-west-2"): the places of the codes of that shape.
 */
function regionPlaces(question: Question, examples: unknown[]): Map<string, string> {
  const places = new Map<string, string>();
  if (!/region/i.test(`${lastKey(question.path)} ${question.title}`)) return places;
  const said = (question.description ?? "").match(/[a-z]+(?:-[a-z]+)*-?\d+[a-z]?/g) ?? [];
  const shown = [...examples, question.default, ...said].filter((sample): sample is string => typeof sample === "string" && sample in CLOUD_REGION_PLACES);
  const shapes = shown.map(exampleShape).filter((shape): shape is RegExp => shape !== null);
  if (shapes.length === 0) return places;
  for (const [code, names] of Object.entries(CLOUD_REGION_PLACES)) {
    if (!shapes.some((shape) => shape.test(code))) continue;
    for (const name of names) if (!places.has(name)) places.set(name, code);
  }
  return places;
}

/** What the description maps to a value: "weekly(P1W)", "`eu` - Europe", "E = English units". */
function describedAs(description: string | undefined, value: string): string[] {
  if (!description || value.length < 1) return [];
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const found: string[] = [];
  const after = new RegExp(`(?:^|[\\s,;(])['"\`]?${escaped}['"\`]?\\s*(?:-|–|:|=|\\(|for|means)\\s*([A-Za-z][^,;.()\\n]{1,40})`, "g");
  const before = new RegExp(`([A-Za-z][A-Za-z ]{1,30}?)\\s*\\(\\s*['"\`]?${escaped}['"\`]?\\s*\\)`, "g");
  for (const match of description.matchAll(after)) found.push(match[1].trim());
  for (const match of description.matchAll(before)) found.push(match[1].trim());
  return found.filter((text) => wordsOf(text).some((word) => !FUNCTION_WORDS.has(word)));
}

/**
 * "either 'live', 'paper' or 'broker-api.sandbox'" for the values api, paper-api and
 * broker-api.sandbox: a description that lists as many quoted words as the enum has values, in
 * the enum's order, with at least one of them the value itself, names each value by its word.
 */
function alignedList(description: string | undefined, values: Array<string | number | boolean>): string[] {
  if (!description || values.length < 2) return [];
  const quoted = [...description.matchAll(/['"`‘“]([^'"`’”]{1,40})['"`’”]/g)].map((match) => match[1].trim());
  for (let start = 0; start + values.length <= quoted.length; start++) {
    const run = quoted.slice(start, start + values.length);
    const equal = run.filter((word, at) => word.toLowerCase() === String(values[at]).toLowerCase()).length;
    if (equal >= 1 && equal < values.length && new Set(run.map((word) => word.toLowerCase())).size === run.length) return run;
  }
  return [];
}

/** The noun phrase a description opens with ("API Key ID" of "API Key ID for the market"), two to four words. */
function describedPhrase(description: string | undefined, brand: string): string | null {
  const first = (description ?? "").split(/[.;:(\n]/)[0].trim();
  const words = first.split(/\s+/);
  let at = 0;
  // (The brand is left out too: "Your Alpaca API Secret Key" is the API Secret Key.)
  while (at < words.length && (/^(?:the|your|a|an|enter|provide|specify|our|this)$/i.test(words[at]) || stemOf(words[at].toLowerCase()) === brand)) at++;
  const phrase: string[] = [];
  // (A description that is only a short noun phrase, "Firebolt service account ID.", names the
  // field in lower case too.)
  const rest = words.slice(at);
  const short = rest.length >= 2 && rest.length <= 4 && /\.\s*$|^[^.]*$/.test(description ?? "") && rest.every((word) => /^[A-Za-z][A-Za-z0-9]*$/.test(word) && !FUNCTION_WORDS.has(word.toLowerCase())) && (description ?? "").trim().split(/[.;:(\n]/).filter((part) => part.trim()).length === 1;
  for (; at < words.length && phrase.length < 5; at++) {
    const word = words[at];
    // A noun phrase of names: capitalised words or acronyms ("API Key ID"), not a sentence.
    if ((!short && !/^[A-Z][A-Za-z0-9]*$/.test(word)) || FUNCTION_WORDS.has(word.toLowerCase())) break;
    phrase.push(word);
  }
  if (phrase.length >= 2 && phrase.length <= 4) return phrase.join(" ");
  // ("The company name used in signup": a lower-case phrase of two words that ends in a word
  // that names a thing's handle, name or id, before the sentence goes on.)
  const [one, two] = words.slice(at - phrase.length);
  if (phrase.length === 0 && one && two && /^[a-z]+$/.test(one) && /^[a-z]+$/i.test(two) && !FUNCTION_WORDS.has(one) && NAME_TAILS.has(two.toLowerCase())) return `${one} ${two.toLowerCase()}`;
  return null;
}

/** A subdomain by its key, title or description, or the name of a site, account or workspace. */
function ownsLabel(question: Question, shape: FieldShape): boolean {
  if (shape !== "domain" && shape !== "one-word" && shape !== "text") return false;
  const about = `${lastKey(question.path)} ${question.title} ${(question.description ?? "").split(/[.\n]/)[0]}`;
  return /sub-?domain/i.test(about) || /(?:^|_)(?:site|account|instance|workspace|company|tenant|org|organization|shop|store|server)(?:_name|_id)?$/i.test(lastKey(question.path));
}

/** "e.g., 'api' for US or 'eu1' for EU": the word each quoted value stands for. */
function describedValues(description: string | undefined, examples: unknown[] = []): Map<string, string> {
  const map = new Map<string, string>();
  // An example that is an abbreviation the description spells out: "asc will return results in
  // ascending order" → "ascending" names asc. (Only when one word of the description starts so.)
  const words: string[] = (description ?? "").toLowerCase().match(/[a-z]+/g) ?? [];
  for (const example of examples) {
    if (typeof example !== "string" || !/^[a-z]{2,6}$/i.test(example)) continue;
    const short = example.toLowerCase();
    if (!words.includes(short)) continue;
    const spelled = [...new Set(words.filter((word) => word.length > short.length + 1 && word.startsWith(short)))];
    if (spelled.length === 1) map.set(spelled[0], example);
  }
  // "asc will return … (oldest at the top), desc will return … (newest at the top)": a word only
  // the clause an example opens says names that example ("newest first" is desc).
  const clauses = (description ?? "").split(/[,;]\s+|\.\s+|\.$/).map((clause) => clause.trim().toLowerCase());
  const opened = new Map<string, Set<string>>();
  for (const example of examples) {
    if (typeof example !== "string" || !/^[a-z0-9_-]{1,20}$/i.test(example)) continue;
    const clause = clauses.find((candidate) => candidate.split(/\s+/)[0] === example.toLowerCase());
    if (clause) opened.set(example, new Set((clause.match(/[a-z]+/g) ?? []).filter((word) => word.length >= 4 && !FUNCTION_WORDS.has(word) && word !== example.toLowerCase())));
  }
  if (opened.size >= 2) {
    for (const [example, said] of opened) {
      for (const word of said) if (![...opened].some(([other, otherWords]) => other !== example && otherWords.has(word)) && !map.has(word)) map.set(word, example);
    }
  }
  for (const match of (description ?? "").matchAll(/['"`]([A-Za-z0-9._-]{1,30})['"`]\s+(?:for|means|=)\s+(?:the\s+)?([A-Za-z][A-Za-z ]{0,20}?)(?=[,;.)]|\s+or\b|\s+and\b|$)/g)) {
    map.set(match[2].trim().toLowerCase(), match[1]);
  }
  return map;
}

/** Values a description lists as its example: "Example: au, jp, br", "e.g. usd, eur". */
function listedInDescription(description: string | undefined): string[] {
  const match = /\b(?:examples?|e\.g\.?|such as|like)\s*:?\s*((?:[A-Za-z0-9_-]+\s*,\s*)+(?:(?:and|or)\s+)?[A-Za-z0-9_-]+)/i.exec(description ?? "");
  return match ? match[1].split(/\s*,\s*|\s+(?:and|or)\s+/).map((item) => item.trim()).filter(Boolean) : [];
}

/** The one value among test places (sandbox, paper, staging...) that is none. */
/** A value that is a place for trying things out: "sandbox", "paper", and joined ones ("testflight", "nexiopaysandbox"). */
const testLike = (words: Set<string>) =>
  [...words].some((word) => TEST_PLACE_WORDS.includes(word) || word === "paper" || TEST_PLACE_WORDS.some((place) => place.length >= 4 && word.length > place.length + 2 && (word.startsWith(place) || word.endsWith(place))));

/** The one value among others that is a test place: "sandbox" and its kin name it. */
function testPlaceIndex(wordsByValue: Array<Set<string>>): number {
  const places = wordsByValue.flatMap((words, index) => (testLike(words) ? [index] : []));
  return places.length === 1 && wordsByValue.length >= 2 ? places[0] : -1;
}

function productionIndex(wordsByValue: Array<Set<string>>): number {
  const plain = wordsByValue.flatMap((words, index) => (testLike(words) ? [] : [index]));
  return plain.length === 1 && wordsByValue.length >= 2 && !wordsByValue.some((words) => [...words].some((word) => PRODUCTION_WORDS.includes(word))) ? plain[0] : -1;
}

function synonymsOf(word: string): string[] {
  const lower = word.toLowerCase();
  return VALUE_SYNONYMS.filter((group) => group.includes(lower)).flat().filter((other) => other !== lower);
}

function enumChoices(question: Question, values: Array<string | number | boolean>, codes: FieldEntry["codes"]): ChoiceEntry[] {
  // An enum value's brackets are part of it: "EMEA (Dublin)" and "EMEA (Frankfurt)" differ by them.
  const unbracket = (text: string) => text.replace(/[()]/g, " ");
  const wordsByValue = values.map((value) => new Set(wordsOf(unbracket(String(value)))));
  const ownWords = new Set(wordsOf(`${question.title} ${lastKey(question.path)}`));
  return values.map((value, index) => {
    const names: Name[] = [];
    const text = String(value);
    addName(names, unbracket(text), 1);
    // Two neighbouring words of a longer value ("zip codes" of "California zip codes") say more than one.
    const valueWords = wordsOf(unbracket(text));
    if (valueWords.length > 2) for (let at = 0; at + 1 < valueWords.length; at++) {
      const pair = valueWords.slice(at, at + 2);
      if (pair.every((word) => !FUNCTION_WORDS.has(word)) && !wordsByValue.some((other, other_index) => other_index !== index && pair.every((word) => other.has(word)))) addName(names, pair.join(" "), 0.8);
    }
    names.push({ stems: [text.toLowerCase()], weight: 1, squashed: squash(text), text: text.toLowerCase() });
    const distinct = [...wordsByValue[index]].filter((word) => !FUNCTION_WORDS.has(word) && !ownWords.has(word) && !wordsByValue.some((other, at) => at !== index && other.has(word)));
    const single = wordsByValue[index].size === 1;
    for (const word of distinct) if (!single) addName(names, word, word.length >= 4 || /^[a-z]{2}$/.test(word) ? 0.75 : 0.6);
    for (const word of [text.toLowerCase(), ...distinct]) {
      // Region names are for regions and data centres; a language list's "uk" is Ukrainian.
      if (codes !== "language") for (const place of REGION_NAMES[word] ?? []) addName(names, place, 0.8);
      for (const place of CLOUD_REGION_PLACES[word] ?? []) addName(names, place, 0.8);
      for (const synonym of synonymsOf(word)) addName(names, synonym, 0.75);
    }
    if (codes) for (const name of namesOfCode(codes, text)) addName(names, name, 0.85);
    // "sandbox-merchant" and "merchant": where every other value is a test place, the one that is
    // not is production ("our production account", "live").
    if (productionIndex(wordsByValue) === index) for (const word of PRODUCTION_WORDS) addName(names, word, 0.8);
    if (testPlaceIndex(wordsByValue) === index) for (const word of TEST_PLACE_WORDS) if (!wordsByValue[index].has(word)) addName(names, word, 0.8);
    for (const meaning of describedAs(question.description, text)) addName(names, meaning, 0.75);
    // "60min" is hourly, "1d" daily, "7_DAY" weekly: a duration's period word names it.
    // (A number of the field's unit too: 7 of a "period (in days)" is weekly.)
    const unit = typeof value === "number" ? timeUnitOf(question) : undefined;
    const seconds = unit && typeof value === "number" ? value * UNIT_SECONDS[unit] : durationSeconds(text);
    if (seconds !== undefined) for (const [word, period] of Object.entries(PERIOD_WORDS)) if (durationSeconds(period) === seconds) addName(names, word, 0.8);
    // ("1.0" of versions "1.0"/"2.0" is "version 1", "v1", "the first version".)
    const version = /^v?(\d)(?:\.0)*$/i.exec(text.trim());
    if (version && values.length >= 2 && values.every((other) => /^v?\d+(?:\.\d+)*$/i.test(String(other)))) {
      const number = Number(version[1]);
      for (const said of [`version ${number}`, `v${number}`, `${Object.entries(ORDINAL_WORDS).find(([word, at]) => at === number && /^[a-z]+$/.test(word))?.[0] ?? ""} version`]) if (!said.startsWith(" ")) addName(names, said, 0.8);
    }
    // ("15m" is "15 minutes", "90m" "90 minutes": a duration said in words names it.)
    const counted = /^(\d+)[\s_-]*([a-z]+)$/i.exec(text.trim());
    const unitWord = counted ? UNIT_ABBREVIATIONS[counted[2].toLowerCase()] ?? TIME_UNITS.find((candidate) => counted[2].toLowerCase() === candidate || counted[2].toLowerCase() === `${candidate}s`) : undefined;
    if (counted && unitWord) addName(names, `${counted[1]} ${unitWord}${counted[1] === "1" ? "" : "s"}`, 0.85);
    const aligned = alignedList(question.description, values)[index];
    if (aligned && aligned.toLowerCase() !== text.toLowerCase()) addName(names, aligned, 0.8);
    // ("staging" is a test place, but where another value is api.staging it names that one.)
    const othersWords = new Set(wordsByValue.flatMap((words, at) => (at === index ? [] : [...words])));
    for (let at = names.length - 1; at >= 0; at--) if (names[at].stems.length === 1 && othersWords.has(names[at].text) && !wordsByValue[index].has(names[at].text)) names.splice(at, 1);
    return { index, value, title: text, names, ...(/^[A-Z]$/.test(text) ? { initial: text.toLowerCase() } : {}) };
  });
}

/** Seconds in "60min", "1d", "7_DAY", "2 week", "hour"; undefined for anything else. */
function durationSeconds(text: string): number | undefined {
  const match = /^(\d+)?[\s_-]*([a-z]+)$/i.exec(text.trim());
  if (!match) return undefined;
  const word = match[2].toLowerCase();
  const unit = UNIT_ABBREVIATIONS[word] ?? TIME_UNITS.find((candidate) => word === candidate || word === `${candidate}s`);
  return unit ? Number(match[1] ?? 1) * UNIT_SECONDS[unit] : undefined;
}

function optionChoices(question: Question, fields: Question[], connectorStems: Set<string>, definition: Definition): ChoiceEntry[] {
  const options = question.options ?? [];
  // (Words in brackets too: "Authenticate via Google (OAuth)" is the OAuth option, "sign in" names it.)
  const titleWords = options.map((option) => new Set(wordsOf(`${option.title.replace(/[()]/g, " ")} ${typeof option.value === "string" ? option.value : ""}`)));
  // Fields of each option, by the names only that option's fields answer to ("personal access token").
  const node = schemasAtAnyOption(definition.connectionSpecification, question.path).find((candidate) => Array.isArray(candidate?.oneOf));
  const fieldNamesByOption = options.map((option) => {
    const properties = Object.keys((node?.oneOf?.[option.index] as JsonSchema | undefined)?.properties ?? {});
    return fields.filter((field) => properties.some((key) => field.path === `${question.path}/${key}`));
  });
  const ownWords = new Set(wordsOf(`${question.title} ${lastKey(question.path)}`));
  // ("Authenticate via Lever (OAuth)" and "… (Api Key)": a title without its brackets that
  // another option's title also is names neither; the whole title, brackets' words too, does.)
  const unbracketed = options.map((option) => wordsOf(option.title).join(" "));
  return options.map((option, position) => {
    const names: Name[] = [];
    if (unbracketed.filter((title) => title === unbracketed[position]).length === 1) addName(names, option.title, 1);
    addName(names, option.title.replace(/[()]/g, " "), 1);
    for (const inner of option.title.matchAll(/\(([^)]+)\)/g)) addName(names, inner[1], 0.9);
    if (typeof option.value === "string" && option.value.trim()) {
      const value = option.value;
      // A const with a separator ("api_key", "verify-full") or a long one is distinctive on its own.
      addName(names, value, /[_\s.-]/.test(value.trim()) || value.length >= 5 ? 0.95 : 0.8);
      names.push({ stems: [value.toLowerCase()], weight: 0.9, squashed: squash(value), text: value.toLowerCase() });
    }
    const distinct = [...titleWords[position]].filter(
      (word) =>
        // ("compression" of "No Compression" under Compression names the setting, not the option.)
        !ownWords.has(word) &&
        // ("EU-based account": a region's code is distinctive however short.)
        (word.length >= 3 || REGION_NAMES[word] !== undefined) &&
        !FUNCTION_WORDS.has(word) &&
        !PLAIN_OPTION_WORDS.has(word) &&
        !connectorStems.has(stemOf(word)) &&
        !titleWords.some((other, at) => at !== position && other.has(word)),
    );
    for (const word of distinct) addName(names, word, word.length >= 6 ? 0.8 : word.length >= 5 ? 0.7 : 0.6);
    for (const word of distinct) for (const place of REGION_NAMES[word] ?? []) addName(names, place, 0.75);
    for (const word of [...titleWords[position], String(option.value ?? "").toLowerCase()]) {
      if (!word || titleWords.some((other, at) => at !== position && other.has(word))) continue;
      for (const synonym of synonymsOf(word)) addName(names, synonym, 0.7);
    }
    for (const field of fieldNamesByOption[position]) {
      const others = fieldNamesByOption.some((list, at) => at !== position && list.some((other) => lastKey(other.path) === lastKey(field.path)));
      if (others) continue;
      for (const name of ownNames(field)) if (name.stems.join("").length >= 5) names.push({ ...name, weight: Math.min(name.weight, 0.75) });
    }
    return { index: option.index, value: option.value, title: option.title, names };
  });
}

// ---- building ----------------------------------------------------------------------------------

const cache = new WeakMap<Definition, Vocabulary>();

export function vocabularyOf(definition: Definition): Vocabulary {
  const cached = cache.get(definition);
  if (cached) return cached;
  const questions = listFields(definition);
  const connectorStems = new Set(
    wordsOf(`${definition.displayName} ${definition.name.replace(/^(?:source|destination)-/, "")}`)
      // (Two letters count when written in capitals: the "DB" of "Ledgerly Cloud DB".)
      .filter((word) => word.length >= 3 || new RegExp(`\\b${word.toUpperCase()}\\b`).test(definition.displayName))
      .map(stemOf),
  );
  connectorStems.add(stemOf(squash(definition.displayName)));
  // "Firebase Realtime DB": the usual short forms of the name's words are the name too.
  for (const [word, synonyms] of Object.entries(FIELD_SYNONYMS)) {
    if (!connectorStems.has(stemOf(word))) continue;
    for (const synonym of synonyms) if (!/\s/.test(synonym)) connectorStems.add(stemOf(synonym));
  }
  const fields: FieldEntry[] = questions.map((question) => entryFor(question, questions, connectorStems, definition));
  // A synonym names a field only where no other field of the definition is called so.
  const own = new Map(fields.map((field) => [field.path, new Set(field.names.map((name) => name.stems.join(" ")))]));
  // (Or is described so: Snowflake's Host, "Enter the account name you want to use", owns
  // "account", which would otherwise be the username's synonym.)
  // (Each description's opening phrase is read once here and used again for names below.)
  const brand = stemOf((wordsOf(definition.displayName)[0] ?? "").toLowerCase());
  const phrases = new Map(fields.map((field) => [field.path, describedPhrase(field.question.description, brand)]));
  for (const field of fields) {
    const phrase = phrases.get(field.path);
    const words = phrase ? wordsOf(phrase) : [];
    if (words.length >= 2 && NAME_TAILS.has(words[words.length - 1])) own.get(field.path)!.add(words.slice(0, -1).map(stemOf).join(" "));
  }
  // A sibling's key also owns its last word: "default_schema" beside "database" is the one called "schema".
  const parent = (path: string) => path.slice(0, path.lastIndexOf("/"));
  const headOf = (field: FieldEntry) => stemOf(wordsOf(field.key.replace(/[_-](?:name|id)$/i, "").replace(/[_-]/g, " ")).pop() ?? "");
  for (const field of fields) {
    // By the whole key, else by its last word ("data_region" is called what "region" is).
    const key = field.key.toLowerCase();
    // "database_name" is called what "database" is.
    const thing = key.replace(/[_-](?:name|id)$/, "");
    const head = thing.split(/[_-]/).pop() ?? "";
    // "aws_region" is "the region" too, where the head is a setting people name alone (one the
    // synonyms know) and no sibling ends in the same word.
    const headName = head !== key && FIELD_SYNONYMS[head] ? [head] : [];
    // ("organization_ids" is called what "organization_id" is.)
    const singularKey = key.replace(/s$/, "");
    // (A switch is named by its head only where the head is all it says, "is_sandbox":
    // "include_custom_domain" is no domain, so no "data center".)
    const bare = field.shape !== "boolean" || key.replace(/^(?:is|use|enable|has)[_-]/, "") === head;
    const synonyms = bare ? [...headName, ...(FIELD_SYNONYMS[key] ?? FIELD_SYNONYMS[singularKey] ?? FIELD_SYNONYMS[thing] ?? FIELD_SYNONYMS[head] ?? [])] : FIELD_SYNONYMS[key] ?? [];
    for (const synonym of synonyms) {
      const name = nameOf(synonym, 0.85);
      if (!name) continue;
      const owned =
        [...own].some(([path, names]) => path !== field.path && names.has(name.stems.join(" "))) ||
        (name.stems.length === 1 && fields.some((other) => other !== field && parent(other.path) === parent(field.path) && headOf(other) === name.stems[0]));
      if (!owned) addName(field.names, synonym, 0.85);
    }
  }
  // "GCS Bucket Path" is "the bucket path", or "the path" where no other title has that word:
  // people leave out the connector's own name, and a title's last word tells it from the others.
  const titleHolders = new Map<string, number>();
  for (const field of fields) for (const stem of new Set(field.titleStems)) titleHolders.set(stem, (titleHolders.get(stem) ?? 0) + 1);
  // Words every sibling's key shares (the "s3" of s3_bucket_name, s3_bucket_path,
  // s3_access_key_id) are left out as the connector's name is: "the bucket" is the S3 bucket.
  const parentOf = (path: string) => path.slice(0, path.lastIndexOf("/"));
  const keyStems = (field: FieldEntry) => wordsOf(field.key.replace(/[_-]/g, " ")).map(stemOf);
  const sharedBySiblings = new Map<string, Set<string>>();
  for (const field of fields) {
    const parent = parentOf(field.path);
    if (sharedBySiblings.has(parent)) continue;
    const siblings = fields.filter((other) => parentOf(other.path) === parent && other.shape !== "choice");
    const shared = siblings.length >= 3 ? new Set(keyStems(siblings[0]).filter((stem) => siblings.every((other) => keyStems(other).includes(stem)))) : new Set<string>();
    sharedBySiblings.set(parent, shared);
  }
  for (const field of fields) {
    const known = new Set(field.names.map((name) => name.stems.join(" ")));
    const shared = sharedBySiblings.get(parentOf(field.path)) ?? new Set<string>();
    const free = (text: string) => {
      const name = nameOf(text, 1);
      return name && !known.has(name.stems.join(" ")) && ![...own].some(([path, names]) => path !== field.path && names.has(name.stems.join(" ")));
    };
    for (const name of [...field.names]) {
      const words = name.text.split(" ");
      const stripped = words.filter((word) => !connectorStems.has(stemOf(word)) && !shared.has(stemOf(word)));
      if (words.length >= 2 && stripped.length >= 1 && stripped.length < words.length && free(stripped.join(" "))) addName(field.names, stripped.join(" "), Math.min(name.weight, 0.95) * (stripped.length === 1 ? 0.85 : 1));
    }
    // (Past a word that ends many names: "Unity Catalog Name" is called "the catalog".)
    const last = field.titleWords.length - (field.titleWords.length >= 3 && /^names?$/.test(field.titleWords[field.titleWords.length - 1]) ? 2 : 1);
    const tail = field.titleStems[last];
    const tailWord = field.titleWords[last];
    // (Not for a secret, and not a word that ends many names: "token", "key", "code". Not for a
    // switch or a list: "Ignore missing tables" is not what "tables" means alone.)
    if (field.titleStems.length >= 2 && !["boolean", "list", "choice", "enum", "object"].includes(field.shape) && tail && tailWord && tailWord.length >= 4 && titleHolders.get(tail) === 1 && !field.question.secret && !NAME_TAILS.has(tailWord) && !isGenericTitleWord(tail) && !connectorStems.has(tail) && free(tailWord)) addName(field.names, tailWord, 0.8);
  }
  // "units: metric" for Unit of Measure: a title "A of B" is called by A, where no other title has A.
  for (const field of fields) {
    const head = /^([A-Za-z]{4,})\s+of\s+\S/.exec(field.question.title)?.[1].toLowerCase();
    if (!head || field.question.secret || isGenericTitleWord(stemOf(head)) || titleHolders.get(stemOf(head)) !== 1 || connectorStems.has(stemOf(head))) continue;
    if (![...own].some(([path, names]) => path !== field.path && names.has(stemOf(head))) && !field.names.some((name) => name.stems.join(" ") === stemOf(head))) addName(field.names, head, 0.8);
  }
  // A generic title with a telling description ("Username": "API Key ID for the alpaca market"):
  // the description's opening noun phrase names the field too, where no other field is called so.
  for (const field of fields) {
    const phrase = phrases.get(field.path);
    const name = phrase ? nameOf(phrase, 0.8) : null;
    if (!name || field.names.some((other) => other.stems.join(" ") === name.stems.join(" "))) continue;
    if ([...own].some(([path, names]) => path !== field.path && names.has(name.stems.join(" ")))) continue;
    field.names.push(name);
    // ("the account name you want" is "the account": a phrase of two words ending in name or id is
    // said by its first, where no other field is called so.)
    const words = name.text.split(" ");
    if (words.length === 2 && words[0].length >= 4 && !field.question.secret && NAME_TAILS.has(words[1]) && !isGenericTitleWord(name.stems[0]) && !fields.some((other) => other !== field && other.names.some((known) => known.stems.join(" ") === name.stems[0]))) addName(field.names, words[0], 0.75);
    // (A phrase of three words or more is said without its first, a qualifier: "Key ID" for API
    // Key ID, as a title of three words may lose one in loose mentions.)
    const tail = name.stems.length >= 3 ? nameOf(name.text.split(" ").slice(1).join(" "), 0.75) : null;
    if (!tail || tail.stems.every(isGenericTitleWord) || [...own].some(([path, names]) => path !== field.path && names.has(tail.stems.join(" ")))) continue;
    if (!fields.some((other) => other !== field && other.names.some((known) => known.stems.join(" ") === tail.stems.join(" ")))) field.names.push(tail);
  }
  const vocabulary: Vocabulary = { definition, fields, byPath: new Map(fields.map((field) => [field.path, field])), connectorStems, titleStemCounts: titleHolders };
  cache.set(definition, vocabulary);
  return vocabulary;
}


/** One field's entry: its names, shape, choices and codes. */
function entryFor(question: Question, questions: Question[], connectorStems: Set<string>, definition: Definition): FieldEntry {
  const shape = shapeOf(question);
  const enumValues = question.enum ?? [];
  // A free-text field whose examples are codes ("EUR", "USD") takes a name for its code too.
  const examples = examplesOf(question);
  // (A list without an enum shows its codes in its examples or its description: "Example: au, jp, br".)
  const shown = enumValues.length ? enumValues : question.type === "string" ? examples : question.type === "array" ? (examples.length ? examples.flat() : listedInDescription(question.description)) : [];
  const codes = codesOf(question, shown);
  const titleWords = titleWordsOf(question);
  const entry: FieldEntry = { question, path: question.path, key: lastKey(question.path), names: ownNames(question), titleStems: titleWords.map(stemOf), titleWords, shape };
  const unit = timeUnitOf(question);
  if (unit) entry.unit = unit;
  if (codes) entry.codes = codes;
  if (ownsLabel(question, shape)) Object.assign(entry, { ownLabel: true, vendor: connectorStems });
  if (codes && typeof shown[0] === "string") entry.codeSample = shown[0];
  // (With no codes shown, the case of one its description writes: "(e.g. usd, eur, jpy)".)
  else if (codes) entry.codeSample = listedInDescription(question.description).find((word) => isCodeOf(codes, word));
  const described = !enumValues.length && question.type === "string" ? describedValues(question.description, examples) : undefined;
  if (described) for (const [place, code] of regionPlaces(question, examples)) if (!described.has(place)) described.set(place, code);
  // ("weekly aggregates" for a timespan whose examples are units, "day": a period word's unit.)
  if (described && examples.length > 0 && examples.every((example) => typeof example === "string" && (TIME_UNITS as readonly string[]).includes(example))) {
    for (const [word, unit] of Object.entries(PERIOD_WORDS)) if ((TIME_UNITS as readonly string[]).includes(unit) && !described.has(word)) described.set(word, unit);
  }
  if (described?.size) entry.valueFor = described;
  if (question.kind === "choice") entry.choices = optionChoices(question, questions, connectorStems, definition);
  else if (enumValues.length) entry.choices = enumChoices(question, enumValues, codes);
  else if (question.type === "boolean" && testLike(new Set(titleWords.map((word) => word.toLowerCase())))) entry.choices = testPlaceSwitch(titleWords);
  return entry;
}

/**
 * A yes/no setting titled as a test place ("Playground", "Sandbox", "Is test"): its title turns
 * it on, a production word ("production", "live") off: "klarna, production, eu" is no
 * playground.
 */
function testPlaceSwitch(titleWords: string[]): ChoiceEntry[] {
  const on: Name[] = [];
  const off: Name[] = [];
  // (Only its own words turn it on: "our staging store" is the person's own, no vendor's playground.)
  addName(on, titleWords.join(" "), 1);
  for (const word of titleWords) if (testLike(new Set([word.toLowerCase()]))) addName(on, word, 0.8);
  // (Less sure than a test place said: "our sandbox, before touching production" is the sandbox.)
  for (const word of PRODUCTION_WORDS) addName(off, word, 0.75);
  return [
    { index: 0, value: true, title: "yes", names: on },
    { index: 1, value: false, title: "no", names: off },
  ];
}

/**
 * The entry for a question asked now, where the form's choices decide its enum: a field two
 * options share by path ("sasl_mechanism" is PLAIN under one option, a list under another).
 */
export function entryForAsked(definition: Definition, question: Question): FieldEntry {
  const vocabulary = vocabularyOf(definition);
  const known = vocabulary.byPath.get(question.path);
  if (known && JSON.stringify(known.question.enum ?? null) === JSON.stringify(question.enum ?? null) && JSON.stringify(known.question.options?.map((option) => option.value) ?? null) === JSON.stringify(question.options?.map((option) => option.value) ?? null)) {
    return { ...known, question };
  }
  return entryFor(question, listFields(definition), vocabulary.connectorStems, definition);
}

// ---- matching ----------------------------------------------------------------------------------

export interface NameHit {
  /** Token range [from, to). */
  from: number;
  to: number;
  start: number;
  end: number;
  weight: number;
  /** Read through a slip of the keyboard, not as written. */
  slip?: boolean;
}

/** Edits between two words, a swap of neighbours counting as one ("subdomian", "frankfrut"). */
export function slips(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

/**
 * What sameWord and findName read of a token besides its text, worked out once per analysis: a
 * message's tokens are compared with every name of every field, on every turn.
 */
interface TokenForms {
  squashed: string;
  /** "EU" of "EU-based": a code in capitals joined to a word. */
  capitalHead?: string;
  /** "cursor" of "cursor-based": the first part of a joined word, and its stem. */
  head?: string;
  headStem?: string;
}
/** Every form a message's tokens take, so that a name none of them can match is passed over at once. */
interface TokenIndex {
  forms: TokenForms[];
  /** Lower texts, stems, squashed texts, joined-word heads and their stems, capital codes. */
  said: Set<string>;
  /** Two words in a row squashed ("sheet name" → "sheetname"). */
  pairs: Set<string>;
  /** First letters of words long enough to be a slip. */
  slipInitials: Set<string>;
}
const indexByAnalysis = new WeakMap<Analysis, TokenIndex>();
function tokenIndex(analysis: Analysis): TokenIndex {
  let index = indexByAnalysis.get(analysis);
  if (!index) {
    const said = new Set<string>();
    const pairs = new Set<string>();
    const slipInitials = new Set<string>();
    const forms = analysis.tokens.map((token) => {
      const form: TokenForms = { squashed: squash(token.text) };
      if (token.kind === "word" && /^[A-Z]{2,3}-[a-z]/.test(token.text)) form.capitalHead = token.lower.split("-")[0];
      if (token.kind === "word" && /[-_]/.test(token.lower)) {
        form.head = token.lower.split(/[-_]/)[0];
        form.headStem = stemOf(form.head);
      }
      for (const text of [token.lower, `${token.stem}\u0000stem`, form.squashed, form.capitalHead, form.head, form.headStem && `${form.headStem}\u0000stem`]) if (text) said.add(text);
      if (token.kind === "word" && token.lower.length >= 5) slipInitials.add(token.lower[0]);
      return form;
    });
    analysis.tokens.forEach((token, at) => {
      const next = analysis.tokens[at + 1];
      if (token.kind === "word" && next?.kind === "word") pairs.add(forms[at].squashed + forms[at + 1].squashed);
    });
    index = { forms, said, pairs, slipInitials };
    indexByAnalysis.set(analysis, index);
  }
  return index;
}

/** What findName compares of a name, worked out once per name (names live as long as their vocabulary). */
interface NameKeys {
  written: string[];
  /** The name's words as written line up with its stems. */
  wordsWritten: boolean;
  /** The forms a token takes when it can begin the name (sameWord's cases, looser). */
  opening: string[];
  first: string;
}
const keysByName = new WeakMap<Name, NameKeys>();
function keysOf(name: Name): NameKeys {
  let keys = keysByName.get(name);
  if (!keys) {
    const written = name.text.split(" ");
    const wordsWritten = written.length === name.stems.length;
    const first = wordsWritten ? written[0] : name.stems[0];
    keys = { written, wordsWritten, first, opening: [name.squashed, first, `${first}s`, `${name.stems[0]}\u0000stem`, name.stems[0]] };
    keysByName.set(name, keys);
  }
  return keys;
}

/** Whether any token could be the name's first word or the name squashed. */
function mayBeSaid(index: TokenIndex, name: Name, keys: NameKeys, allowSlip: boolean): boolean {
  return keys.opening.some((form) => index.said.has(form)) || index.pairs.has(name.squashed) || (allowSlip && keys.first.length >= 5 && index.slipInitials.has(keys.first[0]));
}

// Slip distances between a said word and a name's word: the same pairs come back on every turn.
const slipMemo = new LRUCache<string, number>({ max: 20_000 });
function slipsBetween(said: string, written: string): number {
  const key = `${said}\u0000${written}`;
  let distance = slipMemo.get(key);
  if (distance === undefined) slipMemo.set(key, (distance = slips(said, written)));
  return distance;
}

/** A word said for a word of a name: the same stem, or a slip in a long word ("projcts", "servr"). */
function sameWord(token: Token, forms: TokenForms, stem: string, allowSlip: boolean, text?: string): number {
  const written = text ?? stem;
  // The word as written beats a word of the same stem ("https" is https, not http).
  if (token.lower === written) return 1;
  // Short words match as written only: "using" stems to "us", which is no country code.
  // ("EU-based" in capitals says EU; "in-house" is no India.)
  if (written.length <= 3) {
    // (Its plural too: "orgs" says org.)
    if (written.length === 3 && token.lower === `${written}s`) return 0.95;
    return forms.capitalHead === written ? 0.95 : 0;
  }
  // A shared stem counts for forms of one word ("services"/"service"), not for words the stemmer
  // merges from afar ("public"/"publication").
  // (Not an adverb for a noun the stemmer merges it with: "separately" says no separator.)
  const adverb = token.lower.endsWith("ly") && !written.endsWith("ly");
  if ((token.stem === stem || token.lower === stem) && Math.abs(token.lower.length - written.length) <= 3 && !adverb) return 0.97;
  // "cursor-based" says "cursor": the first part of a joined word counts as the word.
  if (forms.head && (forms.head === written || forms.headStem === stem)) return 0.95;
  if (!allowSlip || token.kind !== "word") return 0;
  const said = token.lower;
  if (said.length < 5 || written.length < 5 || said[0] !== written[0]) return 0;
  // ("industy" for "industries": a slip in the singular.)
  return slipsBetween(said, written) <= (written.length >= 9 ? 2 : 1) || slipsBetween(said, singularOf(written)) <= 1 ? 0.85 : 0;
}

/** "industries" → "industry", "services" → "service": enough of a singular to compare slips with. */
export function singularOf(word: string): string {
  return /ies$/.test(word) ? word.slice(0, -3) + "y" : /[^s]s$/.test(word) ? word.slice(0, -1) : word;
}

/** Where a name is said: its words in a row (stems, or one token spelled squashed). */
export function findName(analysis: Analysis, name: Name, options: { slips?: boolean } = {}): NameHit[] {
  const hits: NameHit[] = [];
  const { tokens } = analysis;
  const said = tokenIndex(analysis);
  const keys = keysOf(name);
  const { written, wordsWritten } = keys;
  const allowSlip = options.slips !== false && name.stems.length <= 3;
  if (!mayBeSaid(said, name, keys, allowSlip)) return hits;
  const { forms } = said;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (token.kind === "punct") continue;
    if (name.squashed.length >= 2 && forms[index].squashed === name.squashed && (name.stems.length > 1 || token.kind !== "word" || token.stem === name.stems[0] || token.lower === name.squashed)) {
      hits.push({ from: index, to: index + 1, start: token.start, end: token.end, weight: name.weight });
      continue;
    }
    // "sheet name" for the one word "sheetname": two words said for a name written as one.
    const next = tokens[index + 1];
    if (name.stems.length === 1 && name.squashed.length >= 7 && token.kind === "word" && next?.kind === "word" && token.lower.length >= 3 && next.lower.length >= 3 && forms[index].squashed + forms[index + 1].squashed === name.squashed) {
      hits.push({ from: index, to: index + 2, start: token.start, end: next.end, weight: name.weight * 0.95 });
      continue;
    }
    let score = 1;
    let slip = false;
    let at = index;
    for (let position = 0; position < name.stems.length; position++) {
      const current = tokens[at];
      const same = current ? sameWord(current, forms[at], name.stems[position], allowSlip, wordsWritten ? written[position] : undefined) : 0;
      if (!same) {
        score = 0;
        break;
      }
      score *= same;
      if (same <= 0.85) slip = true;
      at++;
    }
    if (score > 0) hits.push({ from: index, to: at, start: token.start, end: tokens[at - 1].end, weight: name.weight * score, ...(slip ? { slip } : {}) });
  }
  return hits;
}

/** A demonym's country code ("canadian" → CA, "dutch" → NL), for country code lists. */
export function demonymCountry(word: string): string | undefined {
  const lower = word.toLowerCase();
  if (IRREGULAR_DEMONYMS[lower]) return IRREGULAR_DEMONYMS[lower];
  const root = /^(.{4,}?)(?:ian|ean|an|ese|ish|i|n)$/.exec(lower)?.[1];
  if (!root) return undefined;
  const names = countries.getNames("en", { select: "official" });
  const matches = Object.entries(names).filter(([, name]) => name.toLowerCase().startsWith(root));
  return matches.length === 1 ? matches[0][0] : undefined;
}

/** Paraphrases of title words ("leave out" for exclude), as names. */
// Both lists are fixed: their stems (and the paraphrases as names) are worked out once.
let paraphrasesByStem: Map<string, Name[]> | undefined;
let genericTitleStems: Set<string> | undefined;

export function paraphraseNames(stem: string): Name[] {
  if (!paraphrasesByStem) {
    paraphrasesByStem = new Map();
    for (const [word, texts] of Object.entries(PARAPHRASES)) {
      const key = stemOf(word);
      // The first entry of a stem wins, as a search of the list in order would find it.
      if (!paraphrasesByStem.has(key)) paraphrasesByStem.set(key, texts.map((text) => nameOf(text, 0.8)).filter((name): name is Name => name !== null));
    }
  }
  return paraphrasesByStem.get(stem) ?? [];
}

export function isGenericTitleWord(stem: string): boolean {
  genericTitleStems ??= new Set([...GENERIC_TITLE_WORDS].map(stemOf));
  return genericTitleStems.has(stem);
}

export { distance };
