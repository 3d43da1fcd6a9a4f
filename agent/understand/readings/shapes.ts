// Values known by their shape, whoever names them: a connection string holds host, port, user
// and database (or is the one connection-string field); host:port; a bare host name for the host
// field; a URL, an email, a file path, a domain for the one field that wants it; a word shaped
// like a field's own examples ("TSCO.LON").
import { domainValue } from "../read-value.ts";
import type { Token } from "../analyze.ts";
import type { Candidate } from "../types.ts";
import { emptyReading, isOpen, type Reading, type Scene } from "../scene.ts";
import { CLOUD_REGION_PLACES, GENERIC_HOST_LABELS, JUDGEMENT_WORDS } from "../lexicon.ts";
import { exampleShape, examplesOf, stemOf, type FieldEntry, type FieldShape } from "../vocabulary.ts";
import { shownPrefixes } from "../fit.ts";
import { readValue } from "../read-value.ts";

const DSN = /^([a-z][a-z0-9+.-]*):\/\/(?:([^:@\s/]+)(?::(?:\[redacted secret\]|[^@\s/]*))?@)?([^:/\s?#@,]+)(?::(\d{1,5}))?(?:\/([^\s?#/]+))?/i;
// "reader:[redacted secret]@db:5432/shop", "user/[redacted secret]@//host:1521/SVC": user, host, port, database.
const LOGIN = /^([\w.$-]+)[:/]\[redacted secret\]@(?:\/\/)?([^:/\s?#@,]+)(?::(\d{1,5}))?(?:\/([^\s?#/]+))?$/;
const CONNECTION_STRING_KEY = /(?:^|_)(?:connection_string|connection_uri|conn_string|dsn|uri|jdbc_url|connection_url|url)$/i;
const USER_KEY = /^(?:username|user|user_name|login|db_user)$/i;
const DATABASE_KEY = /^(?:database|db|dbname|db_name|database_name)$/i;

const parentOf = (path: string) => path.slice(0, path.lastIndexOf("/"));

/** The one field of a shape a value should go to: the asked one, else the only open one, else the only required one. */
function target(scene: Scene, wants: (field: FieldEntry) => boolean): { field: FieldEntry; sure: boolean } | null {
  const fields = scene.vocabulary.fields.filter((field) => !field.question.secret && wants(field));
  if (scene.pending && fields.some((field) => field.path === scene.pending!.path)) return { field: scene.pending, sure: true };
  const open = fields.filter((field) => isOpen(scene, field));
  // "sorry, wrong one … prod is https://…": a correction gives the one field of that shape, filled or not.
  if (open.length === 0 && fields.length === 1 && (scene.analysis.corrections.length > 0 || scene.analysis.tokens.some((token) => JUDGEMENT_WORDS.has(token.lower)))) return { field: fields[0], sure: false };
  if (open.length === 1) return { field: open[0], sure: false };
  const required = open.filter((field) => field.question.required);
  if (required.length === 1) return { field: required[0], sure: false };
  // The top-level one among nested twins (a database host beside an SSH tunnel's host).
  const shallow = open.filter((field) => field.path.split("/").length === 2);
  return shallow.length === 1 ? { field: shallow[0], sure: false } : null;
}

/** How many parts a link's path has (0 for a link that does not parse). */
function pathParts(link: string): number {
  try {
    return new URL(link.replace(/\[redacted secret\]/g, "x")).pathname.split("/").filter(Boolean).length;
  } catch {
    return 0;
  }
}

const byShape = (shape: FieldShape) => (field: FieldEntry) => field.shape === shape;

function connectionString(scene: Scene, token: Token, reading: Reading): void {
  const login = LOGIN.exec(token.text);
  // ("jdbc:postgresql://db:5432/shop" is read as the URL after "jdbc:".)
  const match = DSN.exec(token.text.replace(/^jdbc:/i, "")) ?? (login ? ["", "", ...login.slice(1)] : null);
  if (!match) return;
  const group = `uri@${token.start}`;
  if (/^https?$/i.test(match[1])) {
    const url = target(scene, byShape("url"));
    // "https://reader:[cut]@search.acme.io:9200": the login baked into a web address is the
    // user's (the screening kept the password); the address is stored without it.
    const userinfo = /^([a-z][a-z0-9+.-]*:\/\/)((?:[^@\s/]|\[redacted secret\])+)@/i.exec(token.text);
    const address = userinfo ? token.text.replace(userinfo[0], userinfo[1]) : token.text;
    if (userinfo && match[2]) {
      const users = scene.vocabulary.fields.filter((field) => USER_KEY.test(field.key) && !field.question.secret && isOpen(scene, field));
      if (users.length === 1) reading.candidates.push({ path: users[0].path, value: decodeURIComponent(match[2]), start: token.start, end: token.end, score: 0.85, source: "dsn", group });
    }
    if (url) reading.candidates.push({ path: url.field.path, value: domainValue(url.field, address), start: token.start, end: token.end, score: url.sure ? 0.88 : 0.72, source: "url", group });
    else {
      // No field takes a URL: its host names the (sub)domain field ("our shop is https://acme.example.com").
      const domain = target(scene, byShape("domain")) ?? target(scene, byShape("host"));
      if (domain) {
        reading.candidates.push({ path: domain.field.path, value: domain.field.shape === "host" ? new URL(token.text).hostname : domainValue(domain.field, token.text), start: token.start, end: token.end, score: domain.sure ? 0.8 : 0.66, source: "host", group });
        // ("our endpoint is https://db.us.fauna.com:443": the port and the scheme said with it go
        // to the fields beside the domain that hold them.)
        const siblings = scene.vocabulary.fields.filter((field) => parentOf(field.path) === parentOf(domain.field.path) && !field.question.secret && isOpen(scene, field));
        const port = siblings.find((field) => field.shape === "port" || /(?:^|_)port$/i.test(field.key));
        if (port && match[4]) reading.candidates.push({ path: port.path, value: port.question.type === "string" ? match[4] : Number(match[4]), start: token.start, end: token.end, score: 0.8, source: "host", group });
        const schemeField = siblings.find((field) => /^(?:scheme|protocol|url_scheme)$/i.test(field.key));
        if (schemeField) reading.candidates.push({ path: schemeField.path, value: match[1].toLowerCase(), start: token.start, end: token.end, score: 0.8, source: "host", group });
        // (A database's name as the one path part of a server's address with its port:
        // "https://…:8443/analytics"; a site's page, "https://acme.example.io/admin", names none.)
        const database = domain.field.shape === "host" && match[4] ? siblings.find((field) => DATABASE_KEY.test(field.key)) : undefined;
        if (database && match[5] && pathParts(token.text) === 1) reading.candidates.push({ path: database.path, value: decodeURIComponent(match[5]), start: token.start, end: token.end, score: 0.8, source: "host", group });
      }
      else {
        // "we log in at https://acme.picqer.com": under the vendor's own domain, the label in
        // front is the customer's name, for a field that holds it (as for a bare host below).
        const labels = new URL(token.text).hostname.toLowerCase().split(".");
        const vendor = labels.length >= 3 && !GENERIC_HOST_LABELS.has(labels[0]) && labels.slice(1).some((label) => scene.vocabulary.connectorStems.has(stemOf(label)));
        const owner = vendor ? target(scene, (field) => field.ownLabel === true) : null;
        if (owner) reading.candidates.push({ path: owner.field.path, value: labels[0], start: token.start, end: token.end, score: owner.sure ? 0.85 : 0.72, source: "host", group });
      }
    }
    return;
  }
  // A field that takes the whole string ("connection_string", "uri") takes it whole; else its parts.
  // (Not a web address field: "snowflake://..." is no Base URL whose examples are https.)
  const web = (field: FieldEntry) => examplesOf(field.question).some((example) => typeof example === "string" && /^https?:/i.test(example)) || field.question.format === "uri" || /(?:^|_)base_url$/i.test(field.key);
  // ("s3://bucket/file.csv" for a URL field whose examples show s3:// and https:// addresses alike.)
  const scheme = `${match[1]}://`.toLowerCase();
  const showsScheme = (field: FieldEntry) => examplesOf(field.question).some((example) => typeof example === "string" && example.toLowerCase().startsWith(scheme));
  const whole = login ? null : target(scene, (field) => field.shape !== "number" && field.shape !== "port" && CONNECTION_STRING_KEY.test(field.key) && (!web(field) || showsScheme(field)));
  if (whole) {
    // ("mongodb+srv://etl_reader:[cut]@cluster.example.net/" beside a username field: the string
    // is stored without its login, the user goes to the username, the password was cut to its field.)
    const userinfo = /^([a-z][a-z0-9+.-]*:\/\/)((?:[^@\s/]|\[redacted secret\])+)@/i.exec(token.text);
    const users = userinfo ? scene.vocabulary.fields.filter((field) => parentOf(field.path) === parentOf(whole.field.path) && USER_KEY.test(field.key) && !field.question.secret) : [];
    const value = userinfo && users.length === 1 ? token.text.replace(userinfo[0], userinfo[1]) : token.text;
    reading.candidates.push({ path: whole.field.path, value, start: token.start, end: token.end, score: whole.sure ? 0.9 : 0.82, source: "uri", group });
    if (userinfo && users.length === 1 && match[2]) reading.candidates.push({ path: users[0].path, value: decodeURIComponent(match[2]), start: token.start, end: token.end, score: 0.85, source: "dsn", group });
    return;
  }
  const host = target(scene, byShape("host"));
  if (!host) return;
  const siblings = scene.vocabulary.fields.filter((field) => parentOf(field.path) === parentOf(host.field.path) && !field.question.secret);
  const put = (field: FieldEntry | undefined, raw: string | undefined) => {
    if (!field || raw === undefined) return;
    let value: unknown = raw;
    try {
      value = decodeURIComponent(raw);
    } catch {
      // keep it as typed
    }
    if (field.shape === "port") value = Number(raw);
    reading.candidates.push({ path: field.path, value, start: token.start, end: token.end, score: 0.9, source: "dsn", group });
  };
  put(host.field, match[3]);
  put(siblings.find((field) => field.shape === "port"), match[4]);
  put(siblings.find((field) => USER_KEY.test(field.key)), match[2]);
  // (A path of pairs, "DATABASE=dw,DBS_PORT=1025", is read as pairs, not as a database name.)
  const database = siblings.find((field) => DATABASE_KEY.test(field.key));
  put(database, match[5]?.includes("=") ? undefined : match[5]);
  // "sftp://deploy@files.example.com:2222/outbound/daily": with no database beside the host, the
  // path is the folder, where one field beside it takes a path.
  const folders = siblings.filter((field) => field.shape === "path");
  // (A password cut from the login, "[redacted secret]", holds a space: read past it.)
  const path = /^[a-z][a-z0-9+.-]*:\/\/[^/\s]+(\/[^\s?#]*[^\s?#/.,;])/i.exec(token.text.replace(/\[redacted secret\]/g, "x"))?.[1];
  if (!database && folders.length === 1 && path) put(folders[0], path);
  // "account/DB/SCHEMA": a second path segment is the schema, where a schema field sits beside.
  const schema = /^[a-z][a-z0-9+.-]*:\/\/[^/\s]+\/[^/\s?#]+\/([^/\s?#]+)/i.exec(token.text.replace(/\[redacted secret\]/g, "x"))?.[1];
  put(siblings.find((field) => /(?:^|_)schema$/i.test(field.key)), schema);
}

/** "db.internal 6543", "db.internal on port 6543": a port right after a host. */
function portAfter(scene: Scene, index: number): Token | undefined {
  const { tokens } = scene.analysis;
  for (let ahead = index + 1; ahead < Math.min(tokens.length, index + 6); ahead++) {
    const token = tokens[ahead];
    if (token.kind === "number") return Number.isInteger(token.number) && token.number! > 0 && token.number! < 65536 ? token : undefined;
    if (!(token.kind === "word" && /^(?:on|at|port|its|the|standard|usual|default|and|it|listens|listening|runs|running)$/.test(token.lower)) && !(token.kind === "punct" && token.text === ",")) return undefined;
  }
  return undefined;
}

const CAPITAL_CODE = /^[A-Z]{2,6}$/;
const SCHEMELESS = /(?:^|[\s(])(?:[a-z0-9-]+\.)+[a-z]{2,}\/\S+/i;
const HOSTLIKE = /^(?:localhost|\d{1,3}(?:\.\d{1,3}){3}|(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*[a-z0-9])$/i;
// "profiles.yml", "settings.json": a file, not a host.
const FILE_NAME = /\.(?:ya?ml|json|env|txt|csv|tsv|py|js|ts|sql|properties|conf|cfg|ini|toml|xml|md|log|pem|key|crt|sh|zip|gz|parquet|avro)$/i;

/** Whether a host lies under the parent domain of a host the field's description or examples show. */
function sameParentDomain(field: FieldEntry, host: string): boolean {
  const shown = `${field.question.description ?? ""} ${examplesOf(field.question).join(" ")}`.toLowerCase().match(/(?:[a-z0-9-]+\.)+[a-z]{2,}/g) ?? [];
  const parent = (name: string) => name.split(".").slice(-2).join(".");
  return shown.some((name) => name.split(".").length >= 3 && parent(name) === parent(host) && host.split(".").length >= 3);
}

/** Values a description gives as examples: "(e.g. usd, eur, jpy, etc.)". */
function describedExamples(description: string | undefined): string[] {
  const match = /\be\.g\.?,?\s*([^)\n]*)/i.exec(description ?? "");
  if (!match) return [];
  return match[1]
    .split(/\s*(?:,|\bor\b|\band\b)\s*/)
    .map((item) => item.replace(/[`'".]/g, "").trim().toLowerCase())
    .filter((item) => /^[a-z][a-z0-9_-]{2,}$/.test(item) && item !== "etc");
}

// Oracle's JDBC thin address: "jdbc:oracle:thin:@host:1521:SID" or "…@//host:1521/SERVICE".
const ORACLE_THIN = /^jdbc:oracle:thin:@(\/\/)?([A-Za-z0-9][\w.-]*):(\d{1,5})([:/])([\w.$-]+)$/i;

/** The host, port and SID or service name of an Oracle JDBC thin address, for the fields holding them. */
function oracleThin(scene: Scene, token: Token, reading: Reading): void {
  const match = ORACLE_THIN.exec(token.text)!;
  const host = target(scene, byShape("host"));
  if (!host) return;
  const group = `jdbc@${token.start}`;
  const near = scene.vocabulary.fields.filter((field) => !field.question.secret && isOpen(scene, field) && field.path.startsWith(parentOf(host.field.path)));
  const put = (field: FieldEntry | undefined, value: unknown) => {
    if (field) reading.candidates.push({ path: field.path, value, start: token.start, end: token.end, score: 0.88, source: "dsn", group });
  };
  put(host.field, match[2]);
  const port = near.find((field) => field.shape === "port");
  put(port, port?.question.type === "string" ? match[3] : Number(match[3]));
  // ":SID" after the port names the instance; "/SERVICE" (after "//") a service.
  const service = match[4] === "/" || match[1] !== undefined;
  put(near.find((field) => (service ? /^service_name$/i : /^sid$/i).test(field.key)), match[5]);
}

export function shapedValues(scene: Scene): Reading {
  const reading = emptyReading();
  const { tokens } = scene.analysis;
  const push = (candidate: Candidate) => reading.candidates.push(candidate);
  for (const [index, token] of tokens.entries()) {
    if (token.inQuestion && token.kind !== "uri") continue;
    if (ORACLE_THIN.test(token.text)) {
      oracleThin(scene, token, reading);
      continue;
    }
    switch (token.kind) {
      case "uri":
        connectionString(scene, token, reading);
        break;
      case "quoted":
        // A connection string in quotes (pasted code) is one still.
        if (/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(token.text)) connectionString(scene, token, reading);
        break;
      case "hostport": {
        const host = target(scene, byShape("host"));
        if (!host) break;
        const cut = token.text.lastIndexOf(":");
        const group = `hostport@${token.start}`;
        push({ path: host.field.path, value: token.text.slice(0, cut), start: token.start, end: token.end, score: 0.88, source: "hostport", group });
        const port = scene.vocabulary.fields.find((field) => field.shape === "port" && parentOf(field.path) === parentOf(host.field.path));
        if (port) push({ path: port.path, value: port.question.type === "string" ? token.text.slice(cut + 1) : Number(token.text.slice(cut + 1)), start: token.start, end: token.end, score: 0.88, source: "hostport", group });
        break;
      }
      case "dotted":
      case "word": {
        // "forms.example.com/API": an address without its scheme, for the one URL field whose
        // description or examples show addresses written so.
        if (token.kind === "dotted" && /^[^/]+\.[a-z]{2,}(?::\d+)?\/\S*$/i.test(token.text)) {
          const url = target(scene, (field) => field.shape === "url" && SCHEMELESS.test(`${field.question.description ?? ""} ${examplesOf(field.question).join(" ")}`));
          if (url) push({ path: url.field.path, value: token.text, start: token.start, end: token.end, score: url.sure ? 0.88 : 0.75, source: "url" });
          break;
        }
        if (!HOSTLIKE.test(token.text) || FILE_NAME.test(token.text) || (token.kind === "word" && token.lower !== "localhost")) break;
        // ("routing key is sync.records.v2, not sync.records": what is turned down is no host.)
        if (token.negated) break;
        // "we use Judge.me for reviews": the connector's own name is no host of the person's.
        if (scene.vocabulary.connectorStems.has(token.lower.replace(/[^a-z0-9]/g, "")) || scene.vocabulary.connectorStems.has(stemOf(token.lower.replace(/[^a-z0-9]/g, "")))) break;
        // ("hook up monday.com": nor is its name with a top-level domain, the vendor's own site.)
        const named = token.lower.split(".").slice(0, -1);
        if (named.length > 0 && named.every((label) => scene.vocabulary.connectorStems.has(label) || scene.vocabulary.connectorStems.has(stemOf(label)))) break;
        const host = target(scene, byShape("host"));
        const domain = target(scene, byShape("domain"));
        // ("gitlab.acme.io" for an API URL whose examples show bare hosts: "gitlab.com".)
        const bareUrl = host || domain ? null : target(scene, (field) => field.shape === "url" && examplesOf(field.question).some((example) => typeof example === "string" && HOSTLIKE.test(example)));
        const chosen = host ?? domain ?? bareUrl;
        if (!chosen) {
          // "our workspace is at acmecorp.hellobaton.com": under the vendor's own domain, the label
          // in front is the customer's name for a field that holds it (company, site, account).
          const labels = token.lower.split(".");
          const vendor = !GENERIC_HOST_LABELS.has(labels[0]) && labels.slice(1).some((label) => scene.vocabulary.connectorStems.has(stemOf(label)));
          const owner = vendor ? target(scene, (field) => field.ownLabel === true) : null;
          if (owner) push({ path: owner.field.path, value: labels[0], start: token.start, end: token.end, score: owner.sure ? 0.85 : 0.72, source: "host" });
          break;
        }
        const group = `host@${token.start}`;
        // A host under the domain the field's description or example shows ("example.myshopify.com") is surely its.
        const sure = chosen.sure || sameParentDomain(chosen.field, token.lower);
        push({ path: chosen.field.path, value: domainValue(chosen.field, token.text), start: token.start, end: token.end, score: sure ? 0.85 : 0.66, source: "host", group });
        const port = host ? portAfter(scene, index) : undefined;
        const portField = host && scene.vocabulary.fields.find((field) => field.shape === "port" && parentOf(field.path) === parentOf(host.field.path));
        if (port && portField) push({ path: portField.path, value: portField.question.type === "string" ? port.text : port.number, start: port.start, end: port.end, score: 0.7, source: "host-port" });
        break;
      }
      case "email": {
        const email = target(scene, byShape("email"));
        if (email) push({ path: email.field.path, value: token.text, start: token.start, end: token.end, score: email.sure ? 0.88 : 0.75, source: "email" });
        break;
      }
      case "path": {
        const path = target(scene, byShape("path"));
        if (path) push({ path: path.field.path, value: token.text, start: token.start, end: token.end, score: path.sure ? 0.85 : 0.7, source: "path" });
        break;
      }
    }
  }
  // "the bucket is x in us-west-2": a cloud region's code said in passing is the one open region
  // field's (one without options; a field with options reads it as a choice).
  const regions = scene.vocabulary.fields.filter((field) => !field.choices?.length && !field.question.secret && isOpen(scene, field) && /region/i.test(`${field.key} ${field.question.title}`) && field.shape !== "list");
  if (regions.length === 1) {
    const code = tokens.find((token) => !token.inQuestion && !token.negated && Object.prototype.hasOwnProperty.call(CLOUD_REGION_PLACES, token.lower));
    const read = code ? readValue(regions[0], scene.analysis, [code]) : null;
    if (code && read?.ok) push({ path: regions[0].path, value: read.value, start: code.start, end: code.end, score: 0.72, source: "region" });
  }
  // Values a field's description gives as examples ("coin id (e.g. bitcoin)", "e.g. usd, eur"): said
  // in the message, they are that field's, when no other field's description claims them too.
  const described = scene.vocabulary.fields
    .filter((field) => !field.question.secret && (field.question.required || field.path === scene.pending?.path) && isOpen(scene, field) && field.shape !== "choice" && field.shape !== "enum")
    .map((field) => ({ field, words: describedExamples(field.question.description) }));
  for (const { field, words } of described) {
    const hit = tokens.find((token) => !token.inQuestion && !token.negated && words.includes(token.lower) && described.filter((other) => other.words.includes(token.lower)).length === 1);
    if (!hit) continue;
    const read = readValue(field, scene.analysis, [hit]);
    if (read?.ok) push({ path: field.path, value: read.value, start: hit.start, end: hit.end, score: field.path === scene.pending?.path ? 0.8 : 0.66, source: "example" });
  }
  // Words shaped like a field's own examples.
  for (const field of scene.vocabulary.fields) {
    if (field.question.secret || !isOpen(scene, field) || field.shape === "choice" || field.shape === "enum") continue;
    // (A list's default shows its items' shape where it has no examples: ["r/funny", "r/AskReddit"].)
    const listed = field.shape === "list" && Array.isArray(field.question.default) ? field.question.default : [];
    const examples = examplesOf(field.question).length ? examplesOf(field.question) : listed;
    const shapes = examples.map(exampleShape).filter((shape): shape is RegExp => shape !== null);
    // ("MSFT" for a required field whose examples are all codes in capitals, "AAPL": a ticker.)
    const plain = examples.filter((example) => exampleShape(example) === null);
    // (Or a list's, said as two codes or more: "for BTC, ETH and SOL" for Symbols, examples AVAX, BTC.)
    const codes = (field.question.required || field.shape === "list") && plain.length > 0 && plain.every((example) => typeof example === "string" && CAPITAL_CODE.test(example));
    if (codes) shapes.push(CAPITAL_CODE);
    // ("md:analytics" where two examples or more open with "md:": the prefix is the shape.)
    for (const prefix of shownPrefixes(field.question)) shapes.push(new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}[\\w.-]+$`, "i"));
    if (shapes.length === 0) continue;
    // (A code another field takes as one of its options is that field's: "EU" for a region.)
    const optionWord = (token: Token) => codes && scene.vocabulary.fields.some((other) => other.choices?.some((choice) => String(choice.value).toLowerCase() === token.lower || choice.names.some((name) => name.text === token.lower)));
    const hits = tokens.filter((token) => !token.inQuestion && shapes.some((shape) => shape.test(token.text)) && !optionWord(token));
    if (hits.length === 0 || (codes && !field.question.required && hits.length < 2)) continue;
    // Each word shaped like an example is one item of a list ("acme/api, acme/web").
    const read = field.shape === "list" ? { ok: true as const, value: [...new Set(hits.map((hit) => hit.text))] } : readValue(field, scene.analysis, [hits[0]]);
    if (read?.ok) push({ path: field.path, value: read.value, start: hits[0].start, end: hits[hits.length - 1].end, score: field.path === scene.pending?.path ? 0.75 : 0.6, source: "example" });
  }
  reading.candidates.push(...searchExpressions(scene));
  // "filter on event name ConsoleLogin": an identifier a field lists among its examples or as its
  // default ("ConsoleLogin", "EventName"), said as written or, for a joined name, as its words
  // ("event name"), is that field's, where no other field lists it.
  const identifiers = scene.vocabulary.fields
    .filter((field) => !field.question.secret && isOpen(scene, field) && field.shape !== "choice" && field.shape !== "enum" && field.question.type === "string")
    .map((field) => ({ field, names: [...examplesOf(field.question), field.question.default].filter((item): item is string => typeof item === "string" && /^[A-Za-z][A-Za-z0-9]{3,}$/.test(item) && /[a-z][A-Z]|[A-Za-z]\d/.test(item)) }));
  const said = new Map<string, Array<{ field: FieldEntry; start: number; end: number; exact: boolean }>>();
  for (const { field, names } of identifiers) {
    for (const name of new Set(names)) {
      const exact = tokens.find((token) => token.text === name && !token.inQuestion && !token.negated);
      const words = name.split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)/).map((word) => word.toLowerCase());
      const at = words.length >= 2 ? tokens.findIndex((token, index) => words.every((word, offset) => tokens[index + offset]?.lower === word && tokens[index + offset].clause === token.clause && !tokens[index + offset].negated)) : -1;
      const hit = exact ? { start: exact.start, end: exact.end, exact: true } : at >= 0 ? { start: tokens[at].start, end: tokens[at + words.length - 1].end, exact: false } : null;
      if (hit) said.set(name, [...(said.get(name) ?? []), { field, ...hit }]);
    }
  }
  for (const [name, owners] of said) {
    if (new Set(owners.map((owner) => owner.field.path)).size !== 1) continue;
    const { field, start, end, exact } = owners[0];
    // (Not the connector's own name, "OneDrive" of a drive name's default.)
    if (scene.vocabulary.connectorStems.has(name.toLowerCase()) || scene.vocabulary.connectorStems.has(stemOf(name.toLowerCase()))) continue;
    // (Read on from it where the field's examples show a comma list: "RESQ6t and Wx4kPz".)
    const from = tokens.findIndex((token) => token.start === start);
    const listed = examplesOf(field.question).some((example) => typeof example === "string" && example.includes(","));
    const read = exact && listed ? readValue(field, scene.analysis, tokens.slice(from).filter((token) => token.clause === tokens[from].clause)) : null;
    const value = read?.ok && typeof read.value === "string" && read.value.startsWith(name) ? read.value : name;
    push({ path: field.path, value, start, end: read?.ok && value !== name ? read.end : end, score: exact ? 0.7 : 0.62, source: "example" });
  }
  return reading;
}


/** The operators in capitals a field's examples join words with ("environment AND NOT water"), once per field. */
const operatorsCache = new WeakMap<FieldEntry, Set<string>>();
function operatorsOf(field: FieldEntry): Set<string> {
  let operators = operatorsCache.get(field);
  if (!operators) {
    operators = new Set<string>();
    for (const example of examplesOf(field.question)) {
      if (typeof example !== "string") continue;
      const words = example.split(/\s+/);
      words.forEach((word, at) => {
        if (/^[A-Z]{2,3}$/.test(word) && at > 0 && at < words.length - 1) operators!.add(word);
      });
    }
    operatorsCache.set(field, operators);
  }
  return operators;
}

/**
 * "articles matching housing AND crisis": words joined by the operators in capitals a search
 * field's examples join theirs with ("environment AND NOT water"), for that one field.
 */
function searchExpressions(scene: Scene): Candidate[] {
  const { tokens } = scene.analysis;
  const found: Candidate[] = [];
  for (const field of scene.vocabulary.fields) {
    if (field.question.secret || field.question.type !== "string" || !isOpen(scene, field)) continue;
    const operators = operatorsOf(field);
    if (operators.size === 0) continue;
    for (let at = 0; at < tokens.length; at++) {
      const operand = (token: Token | undefined) => token?.kind === "word" && /^[a-z][a-z-]*$/.test(token.text) && !token.inQuestion;
      if (!operand(tokens[at]) || !operators.has(tokens[at + 1]?.text ?? "")) continue;
      let end = at;
      for (let next = at + 1; next < tokens.length && operators.has(tokens[next].text); ) {
        let after = next;
        while (after < tokens.length && operators.has(tokens[after].text)) after++;
        if (!operand(tokens[after])) break;
        end = after;
        next = after + 1;
      }
      if (end === at) continue;
      const value = scene.analysis.text.slice(tokens[at].start, tokens[end].end);
      found.push({ path: field.path, value, start: tokens[at].start, end: tokens[end].end, score: 0.8, source: "example" });
      break;
    }
  }
  return found.length === 1 ? found : [];
}
