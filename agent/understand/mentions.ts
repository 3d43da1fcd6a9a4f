// Field names in a message: a field's key, its title, their stems, singular and counted forms
// ("500 records" names record_count), and the usual synonyms no other field of the definition
// owns ("schema" is the database only where no field is called schema).
import type { Question } from "../../specs/types.ts";
import { countMentions, looseMentions } from "./loose-mentions.ts";

// Words people use for common fields, by the field's own name (the last pointer segment).
const SYNONYMS: Record<string, string[]> = {
  username: ["user", "user name", "login", "username", "log in", "logs in", "logged in", "account"],
  user: ["username", "user name", "login", "log in", "logs in", "logged in", "account"],
  password: ["pw", "pwd", "pass", "passwd"],
  database: ["db", "dbname", "database name", "db name", "schema"],
  host: ["hostname", "host name", "server", "address"],
  port: ["port number"],
  schemas: ["schema"],
  api_key: ["api key", "apikey", "key"],
  start_date: ["start", "since", "starting", "from date", "start date"],
  base_url: ["url", "base url", "endpoint"],
  ssl_mode: ["ssl", "sslmode", "ssl mode"],
  replication_method: ["replication", "update method", "cdc"],
  tunnel_method: ["tunnel", "ssh tunnel", "ssh"],
  access_token: ["token", "access token"],
  repositories: ["repo", "repos", "repository"],
  repository: ["repo", "repos", "repositories"],
  count: ["rows", "records", "row count", "record count", "number of rows", "number of records"],
  organization: ["org", "org slug", "organization slug", "organisation", "org name"],
  organization_id: ["org", "org id", "organisation id"],
  workspace: ["workspace slug", "workspace name"],
  jdbc_url_params: ["jdbc params", "jdbc parameters", "jdbc url params"],
};


function plural(noun: string): string {
  if (/(?:s|x|z|ch|sh)$/.test(noun)) return `${noun}es`;
  return /[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : `${noun}s`;
}

/** A field's own names: its key, its title, their stems and singular forms. */
function ownAliases(question: Question): Set<string> {
  const name = question.path.split("/").pop() ?? "";
  const aliases = new Set<string>();
  const add = (alias: string) => {
    const cleaned = alias.toLowerCase().replace(/\s+/g, " ").trim();
    if (cleaned.length >= 2) aliases.add(cleaned);
  };
  add(name);
  add(name.replace(/[_-]+/g, " "));
  add(question.title.replace(/\(.*?\)/g, ""));
  // "500 records" names record_count.
  const counted = /^(.+?)[_ ]count$/.exec(name.toLowerCase());
  if (counted && counted[1].length >= 3) {
    add(plural(counted[1].replace(/[_-]+/g, " ")));
    // Records are "rows" to people who know databases.
    if (/^(?:record|row|entry|item|document)$/.test(counted[1])) for (const word of ["rows", "records"]) add(word);
  }
  for (const alias of [...aliases]) {
    // "account" names account_id, "database" names Database Name.
    const stem = alias.replace(/[ _](?:id|name)$/, "");
    if (stem !== alias && stem.length >= 4) add(stem);
    // "the repository acme/api" names Repositories, "schema" names schemas.
    const singular = alias.replace(/ies$/, "y").replace(/(?<=[^s])s$/, "");
    if (singular !== alias && singular.length >= 4) add(singular);
  }
  return aliases;
}

const aliasCache = new WeakMap<Question[], Map<string, string[]>>();

/** Own names, plus the usual synonyms that no other field of the definition owns. */
export function aliasesOf(question: Question, fields: Question[]): string[] {
  let byPath = aliasCache.get(fields);
  if (!byPath) {
    byPath = new Map();
    const own = new Map(fields.map((field) => [field.path, ownAliases(field)]));
    for (const field of fields) {
      const aliases = new Set(own.get(field.path));
      const name = field.path.split("/").pop() ?? "";
      for (const synonym of SYNONYMS[name] ?? []) {
        if (![...own].some(([path, names]) => path !== field.path && names.has(synonym))) aliases.add(synonym);
      }
      byPath.set(field.path, [...aliases]);
    }
    aliasCache.set(fields, byPath);
  }
  return byPath.get(question.path) ?? [...ownAliases(question)];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export interface Mention {
  question: Question;
  start: number;
  end: number;
  /** A loose mention's own inside words ("leave out [the billing-svc and legacy-api] services"). */
  inner?: { start: number; end: number };
}

const patternCache = new WeakMap<Question, Array<{ alias: string; pattern: RegExp }>>();

function patternsOf(question: Question, fields: Question[]): Array<{ alias: string; pattern: RegExp }> {
  let patterns = patternCache.get(question);
  if (!patterns) {
    patterns = aliasesOf(question, fields).map((alias) => ({
      alias,
      // A one-word name said in the plural counts too ("boards" for Board).
      pattern: new RegExp(`(?<![a-z0-9_./@-])${escapeRegExp(alias)}${/^[a-z]{4,}$/.test(alias) && !alias.endsWith("s") ? "(?:s|es)?" : ""}(?![a-z0-9_@-]|\\.[a-z0-9])`, "g"),
    }));
    patternCache.set(question, patterns);
  }
  return patterns;
}

/** Field names found in the text, longest first at a position, left to right, not overlapping. */
export function findMentions(lower: string, fields: Question[], pending: Question | null): Mention[] {
  const found: Mention[] = [];
  for (const question of fields) {
    for (const { alias, pattern } of patternsOf(question, fields)) {
      if (!lower.includes(alias)) continue;
      for (const match of lower.matchAll(pattern)) {
        found.push({ question, start: match.index ?? 0, end: (match.index ?? 0) + match[0].length });
      }
    }
  }
  const depth = (question: Question) => question.path.split("/").length;
  found.sort(
    (a, b) =>
      a.start - b.start ||
      b.end - b.start - (a.end - a.start) ||
      Number(b.question.path === pending?.path) - Number(a.question.path === pending?.path) ||
      depth(a.question) - depth(b.question),
  );
  const kept: Mention[] = [];
  for (const mention of found) {
    const previous = kept[kept.length - 1];
    if (previous && mention.start < previous.end) continue;
    kept.push(mention);
  }
  // Titles said loosely ("40 requests a minute") for fields the exact names did not find.
  for (const loose of looseMentions(lower, fields, kept)) kept.push(loose);
  for (const counted of countMentions(lower, fields, kept)) kept.push(counted);
  kept.sort((a, b) => a.start - b.start);
  return kept;
}

