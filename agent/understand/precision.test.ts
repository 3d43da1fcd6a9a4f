// Precision before recall, end to end through understandOffline on inline specs: what is never
// a value, what a correction keeps, what a pasted line or a host says, when to ask back.
import { describe, expect, it } from "vitest";
import { understandOffline } from "./offline.ts";
import { screenUserText } from "../screen-secrets.ts";
import { screenOptionsFor } from "./screen-options.ts";
import { meaningless, fits } from "./fit.ts";
import { vocabularyOf } from "./vocabulary.ts";
import { contextOf, definitionOf, setsOf } from "./testing/definition.ts";

const ledger = definitionOf(
  "Ledgerly Cloud DB",
  {
    account_subdomain: { type: "string", title: "Account subdomain", description: "For acme.ledgerly.io it is acme." },
    region_name: { type: "string", title: "Region name" },
    batch_size: { type: "integer", title: "Batch size" },
    reports_fields: { type: "string", title: "Reports fields" },
    reports_include_totals: { type: "boolean", title: "Include totals in reports" },
    database: { type: "string", title: "Database" },
    default_schema: { type: "string", title: "Default schema" },
    start_date: { type: "string", title: "Start date", format: "date" },
    payout_currency: { type: "string", title: "Payout currency", examples: ["USD", "CHF"] },
    member_id: { type: "string", title: "Member ID" },
    site_urls: { type: "array", title: "Site URLs", items: { type: "string" } },
    metrics: { type: "array", title: "Metrics", items: { type: "string", enum: ["ledgerly_cost", "installs", "clicks"] } },
    exchange: { type: "string", title: "Exchange" },
    page_limit: { type: "string", title: "Page limit" },
    data_center: { type: "string", title: "Data center", enum: ["com", "eu", "in", "jp"] },
    retention_days: { type: "integer", title: "Retention window (days)" },
    aws_region: { type: "string", title: "AWS region", enum: ["us-east-1", "eu-west-1", "ap-northeast-1"] },
    end_date: { type: "string", title: "End date", format: "date" },
  },
  ["account_subdomain", "database"],
);

const read = (text: string, pending: string | null = null, values: Record<string, unknown> = {}) => understandOffline(text, contextOf(ledger, pending, values));
const sets = (text: string, pending: string | null = null) =>
  setsOf(read(text, pending));

describe("precision", () => {
  it("stops a one-word field's value at the word: the rest of the clause is talk", () => {
    expect(sets("region name is north7 and we're the finance team, so keep it simple")).toEqual({ "/region_name": "north7" });
  });

  it("takes the subdomain out of a whole host when the field wants the label", () => {
    expect(sets("we log in at orbit-books.ledgerly.io")["/account_subdomain"]).toBe("orbit-books");
  });

  it("never stores a negation, a filler or a steering word as a value", () => {
    const vocabulary = vocabularyOf(ledger);
    for (const word of ["don't", "through", "leave", "whatever", "standard"]) expect(meaningless(word, vocabulary)).toBe(true);
    expect(sets("for reports, don't include totals")["/reports_fields"]).toBeUndefined();
  });

  it("keeps the value after a correction, hesitations and all", () => {
    expect(sets("batch size 200, erm no, make it 350")).toEqual({ "/batch_size": 350 });
    expect(sets("batch size 200 and database books")).toEqual({ "/batch_size": 200, "/database": "books" });
  });

  it("reads a pasted line by its key, a prefix aside, the key's head word naming a field when nothing else does", () => {
    expect(sets("LEDGERLY_DATABASE=books\nLEDGERLY_SCHEMA=finance\n")).toEqual({ "/database": "books", "/default_schema": "finance" });
  });

  it("a value written out as a field's own value is kept, even when it spells another field's name", () => {
    const vocabulary = vocabularyOf(ledger);
    const database = vocabulary.byPath.get("/database")!;
    expect(fits(database, "database", vocabulary).ok).toBe(false);
    expect(fits(database, "database", vocabulary, false, true).ok).toBe(true);
  });

  it("does not take the connector's own name words for a field ('Ledgerly Cloud DB source' names no database)", () => {
    expect(sets("Ledgerly Cloud DB source, db name books")).toEqual({ "/database": "books" });
  });

  it("reads 'between A and B' as a start and an end", () => {
    expect(sets("only rows between 4 March 2024 and 19 May 2024")).toEqual({ "/start_date": "2024-03-04", "/end_date": "2024-05-19" });
  });

  it("asks back a hesitant answer instead of storing it", () => {
    expect(read("books-eu?", "/database")).toEqual([{ kind: "confirm", path: "/database", value: "books-eu" }]);
    expect(read("yes", "/database", {}).some((decision) => decision.kind === "set")).toBe(false);
    const proposal = { path: "/database", value: "books-eu" };
    expect(understandOffline("yes", { ...contextOf(ledger, "/database"), proposal })).toEqual([{ kind: "set", path: "/database", value: "books-eu" }]);
  });

  it("reads 'a week' as one of the unit, in the field's unit", () => {
    expect(sets("retention window a week")).toEqual({ "/retention_days": 7 });
  });

  it("names a cloud region by where it is: stored when the field is named, asked back when said in passing", () => {
    expect(sets("the AWS region is Tokyo")).toEqual({ "/aws_region": "ap-northeast-1" });
    expect(read("our data sits in Tokyo")).toEqual([{ kind: "confirm", path: "/aws_region", value: "ap-northeast-1" }]);
  });

  it("hears a quoted field name inside a question as the field asked about", () => {
    expect(read("what does 'retention window' do?", "/database")).toEqual([{ kind: "question", path: "/retention_days" }]);
  });

  it("takes a currency by name for a field whose examples are currency codes", () => {
    expect(sets("payout currency swiss francs")).toEqual({ "/payout_currency": "CHF" });
    expect(sets("the euro", "/payout_currency")).toEqual({ "/payout_currency": "EUR" });
  });

  it("takes a value that resembles the field's name as the value ('member-7' for a member id)", () => {
    expect(sets("member-7", "/member_id")).toEqual({ "/member_id": "member-7" });
    expect(sets("it's member2", "/member_id")).toEqual({ "/member_id": "member2" });
  });

  it("reads a code in capitals as a value, though its letters spell a function word", () => {
    expect(sets("it's US", "/exchange")).toEqual({ "/exchange": "US" });
    expect(read("it is for us", "/exchange").some((decision) => decision.kind === "set")).toBe(false);
  });

  it("leaves a function word that spells a code alone in a sentence ('in' for India)", () => {
    expect(read("our team is in japan").find((decision) => "path" in decision && decision.path === "/data_center")).toMatchObject({ value: "jp" });
    expect(sets("in", "/data_center")).toEqual({ "/data_center": "in" });
  });

  it("cuts 'is fine' off an answer", () => {
    expect(sets("25 is fine", "/page_limit")).toEqual({ "/page_limit": "25" });
  });

  it("does not read a count before a plural word as an item of a list", () => {
    expect(sets("site urls: two properties, shop.example and blog.example")).toEqual({ "/site_urls": ["shop.example", "blog.example"] });
  });

  it("takes a subdomain out of a whole URL", () => {
    expect(sets("https://orbit-books.ledgerly.io/admin", "/account_subdomain")).toEqual({ "/account_subdomain": "orbit-books" });
  });

  it("does not take the connector's own name for an option in a list", () => {
    expect(sets("Ledgerly metrics: installs and clicks")).toEqual({ "/metrics": ["installs", "clicks"] });
  });

  it("keeps a list's items apart: a joining word is no slip of a value, a value taken back is no item", () => {
    const report = definitionOf("Metricsly", {
      measures: { type: "array", title: "Measures", items: { type: "string", enum: ["views", "shares", "paid_shares", "fee_shares", "likes"] } },
      breakdowns: { type: "array", title: "Breakdowns", items: { type: "string", enum: ["device", "region", "region_code"] } },
    });
    const sets = (text: string) => setsOf(understandOffline(text, contextOf(report)));
    expect(sets("measures: views, likes and shares")).toEqual({ "/measures": ["views", "likes", "shares"] });
    expect(sets("breakdowns device and region, no sorry, not region, region_code")).toEqual({ "/breakdowns": ["device", "region_code"] });
  });

  it("names no field by a word two fields' titles share, nor by title words a comma keeps apart", () => {
    const weather = definitionOf("Skycast", {
      forecast_hours: { type: "integer", title: "Hours to forecast" },
      past_hours: { type: "integer", title: "Past hours" },
    });
    const sets = (text: string) => setsOf(understandOffline(text, contextOf(weather)));
    // "36 hours" alone could be either field: neither is written.
    expect(sets("give me 36 hours please")).toEqual({});
    expect(sets("twelve hours of the rain forecast, and twenty hours back")).not.toHaveProperty("/past_hours", 12);
    expect(sets("twelve hours of the rain forecast, and twenty hours back")).not.toHaveProperty("/forecast_hours", 20);
  });

  it("reads a plural word counted by a number as its unit, not as an option ('800 tokens' is no token login)", () => {
    const store = definitionOf("Vectorly", {
      auth: {
        type: "object",
        title: "Authentication",
        oneOf: [
          { title: "API token", properties: { mode: { type: "string", const: "token" }, token: { type: "string", airbyte_secret: true } } },
          { title: "No authentication", properties: { mode: { type: "string", const: "no_auth" } } },
        ],
      },
      chunk_size: { type: "integer", title: "Chunk size" },
      units: { type: "string", title: "Units", enum: ["days", "hours"] },
    });
    const decisions = understandOffline("split into chunks of 800 tokens", contextOf(store));
    expect(decisions).not.toContainEqual(expect.objectContaining({ kind: "choose", path: "/auth" }));
    // A value written as said is still one: "30 days" for an enum of units.
    expect(understandOffline("30 days", contextOf(store, "/units"))).toEqual([{ kind: "set", path: "/units", value: "days" }]);
  });

  it("ends a name at a comma, takes no sentence after 'sorry' for a correction, and maps a word the description gives a value for", () => {
    const shop = definitionOf("Shopline", {
      store_name: { type: "string", title: "Store name" },
      zone: { type: "string", title: "Zone", description: "The API zone, e.g., 'na1' for US or 'eu2' for EU" },
    });
    const sets = (text: string) => setsOf(understandOffline(text, contextOf(shop)));
    expect(sets("store name is north-bakery, want it all from march")).toMatchObject({ "/store_name": "north-bakery" });
    expect(sets("the zone is eu, sorry, our account lives in the EU")).toEqual({ "/zone": "eu2" });
    expect(sets("zone na1, no wait, make that eu2")).toEqual({ "/zone": "eu2" });
  });
});


describe("where a value ends and which one a correction keeps", () => {
  const desk = definitionOf(
    "Orbit Desk",
    {
      app_code: { type: "string", title: "App code" },
      team_filter: { type: "string", title: "Team filter" },
      board: { type: "string", title: "Board" },
      port: { type: "integer", title: "Port" },
      symbols: { type: "string", title: "Symbols", description: "Comma-separated symbols to follow." },
      order: { type: "string", title: "Order", examples: ["up", "dn"], description: "up lists the oldest first, dn the newest." },
      direction: { type: "string", title: "Direction", examples: ["asc", "desc"], description: "asc returns records in ascending order, desc in descending order." },
    },
    ["app_code"],
  );
  const setsIn = (text: string, pending: string | null = null) =>
    setsOf(understandOffline(text, contextOf(desk, pending)));

  it("skips a clause that only describes the value taken back and takes the one after it", () => {
    expect(setsIn("app code k-100-aa, no wait, that's the retired one, use k-200-bb")).toEqual({ "/app_code": "k-200-bb" });
    expect(setsIn("port 7001, no wait, it's 7002")).toEqual({ "/port": 7002 });
  });

  it("takes the value after a correction when the question asked is answered", () => {
    expect(setsIn("7001, no wait, 7002", "/port")).toEqual({ "/port": 7002 });
    expect(setsIn("k-100-aa sorry I mean k-300-cc", "/app_code")).toEqual({ "/app_code": "k-300-cc" });
  });

  it("ends free text where a new clause opens or at its comma", () => {
    expect(setsIn("the team filter should be squad:payments instead of the usual one")).toEqual({ "/team_filter": "squad:payments" });
    expect(setsIn("team filter squad:payments so the others stay out")).toEqual({ "/team_filter": "squad:payments" });
    expect(setsIn("team filter squad:payments, no board needed")).toEqual({ "/team_filter": "squad:payments" });
  });

  it("finds the value after a detour that follows a comma", () => {
    expect(setsIn("we want the roadmap board, its key is RM-2291")).toEqual({ "/board": "RM-2291" });
  });

  it("keeps a comma list whole where the field holds one, and writes 'and' as a comma", () => {
    expect(setsIn("symbols ABC,DEF,GHI. thanks")).toEqual({ "/symbols": "ABC,DEF,GHI" });
    expect(setsIn("symbols ABC, DEF and GHI")).toEqual({ "/symbols": "ABC,DEF,GHI" });
  });

  it("maps a word the description spells out to the example it abbreviates", () => {
    expect(setsIn("direction descending", null)).toEqual({ "/direction": "desc" });
    expect(setsIn("ascending", "/direction")).toEqual({ "/direction": "asc" });
  });
});

describe("words that judge a value are no value", () => {
  const portal = definitionOf(
    "Portal Hub",
    {
      login: { type: "string", title: "Login" },
      site_code: { type: "string", title: "Site code" },
      secret_phrase: { type: "string", title: "Secret phrase", airbyte_secret: true },
    },
    ["login", "site_code", "secret_phrase"],
  );
  const given = { login: "ops-1", site_code: "st-100" };
  const decide = (text: string, pending: string | null = "/secret_phrase") => understandOffline(text, contextOf(portal, pending, given));
  const setsHere = (text: string, pending: string | null = "/secret_phrase") => setsOf(decide(text, pending));

  it("takes the new value after 'X is wrong' from the next clause", () => {
    expect(setsHere("hold on the login is wrong, its ops_2 now")).toEqual({ "/login": "ops_2" });
  });

  it("reads 'wrong site code, that one is staging' as talk about the old value, and the new one where it is given", () => {
    expect(setsHere("argh, wrong site code, that one is staging. the live site code is pr-200")).toEqual({ "/site_code": "pr-200" });
    expect(setsHere("sorry, wrong login there. use ops-9 instead, the old account is being closed")).toEqual({ "/login": "ops-9" });
  });

  it("hears 'phrase next' as the field coming next, not as skipping it", () => {
    expect(decide("login ops-4. secret phrase next").some((decision) => decision.kind === "skip")).toBe(false);
    expect(decide("next", "/secret_phrase")).toEqual([{ kind: "skip" }]);
  });

  it("starts a list introduced by a colon after it: the words before described its items", () => {
    const teams = definitionOf("Teamboard", { team_ids: { type: "array", title: "Team IDs", items: { type: "string" } } });
    const decisions = understandOffline("only two teams matter, the Lisbon crew and the Porto one: tm-77a1 and tm-90b2", contextOf(teams, null));
    expect(decisions).toEqual([{ kind: "set", path: "/team_ids", value: ["tm-77a1", "tm-90b2"] }]);
  });
});


describe("talk around a question and durations", () => {
  const crm = definitionOf(
    "Pipewise",
    {
      auth_flow: { type: "string", title: "Auth flow" },
      start_date: { type: "string", title: "Start date", format: "date" },
      login: { type: "string", title: "Login" },
    },
    ["auth_flow", "login"],
  );

  it("takes no answer from the talk that follows a question about the field asked", () => {
    const decisions = understandOffline("what is the auth flow exactly? my admin only sent me a login and a key", contextOf(crm, "/auth_flow"));
    expect(decisions.some((decision) => decision.kind === "set" && decision.path === "/auth_flow")).toBe(false);
    expect(decisions).toContainEqual(expect.objectContaining({ kind: "question" }));
  });

  it("reads 'for three years now' as how long, never as a start date", () => {
    expect(understandOffline("we have used Pipewise for about three years now. login ops@pipe.example", contextOf(crm, "/login"))).toEqual([{ kind: "set", path: "/login", value: "ops@pipe.example" }]);
  });
});

describe("comma lists said in prose", () => {
  const archive = definitionOf(
    "Chainvault",
    {
      vault_ids: { type: "string", title: "Vault IDs", examples: ["0", "0,1"] },
      batch: { type: "integer", title: "Batch" },
    },
    ["vault_ids"],
  );

  it("writes 'ids 3 and 7' as the comma list, and a lone item named later is that list again", () => {
    expect(understandOffline("we keep two vaults, ids 3 and 7. vault 3 is the big one", contextOf(archive, null))).toEqual([{ kind: "set", path: "/vault_ids", value: "3,7" }]);
  });
});

describe("sentences are no one-word or free-text answers", () => {
  const deploys = definitionOf(
    "Shipyardly",
    {
      host: { type: "string", title: "Host", description: "Hostname of the instance" },
      shipyardlyusername: { type: "string", title: "Shipyardly Username" },
      release_tag: { type: "string", title: "Release tag", description: "The version to read" },
      api: { type: "string", title: "api" },
    },
    ["host", "shipyardlyusername", "release_tag", "api"],
  );
  const decide = (text: string, pending: string) => understandOffline(text, contextOf(deploys, pending));
  const setOf = (text: string, pending: string) => setsOf(decide(text, pending));

  it("takes no plain word of a sentence as the host asked, but a URL's host name", () => {
    expect(setOf("I want to pull our deploy logs from Shipyardly.", "/host")).toEqual({});
    expect(setOf("do you want the whole link? ours is https://ships.harbor-labs.example", "/release_tag")).toEqual({ "/host": "ships.harbor-labs.example" });
  });

  it("reads a field whose title ends in Username as one word", () => {
    expect(setOf("shipyardly pls, login is kim@harbor.example", "/shipyardlyusername")).toEqual({ "/shipyardlyusername": "kim@harbor.example" });
  });

  it("hears a sentence about us as talk where free text is asked, and 'the api token is X' as the api field's value", () => {
    expect(setOf("Our team ships every day, I'd like the releases synced. The api token is sy_tok_88aa21", "/release_tag")).toEqual({ "/api": "sy_tok_88aa21" });
  });
});

describe("dates where they belong", () => {
  const space = definitionOf(
    "Spacely",
    {
      space: { type: "string", title: "Space" },
      since: { type: "string", title: "Since", pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:Z|[+-]\\d{2}:\\d{2})$" },
    },
    ["space"],
  );

  it("takes no date words as the value of a field that is no date", () => {
    const decisions = understandOffline("we moved our space last year", contextOf(space, "/since", { space: "s-44" }));
    expect(decisions.some((decision) => decision.kind === "set" && decision.path === "/space")).toBe(false);
  });

  it("keeps a date typed in a form the pattern takes as typed", () => {
    expect(understandOffline("since 2024-04-01T00:00:00+02:00", contextOf(space, "/space", {}))).toContainEqual({ kind: "set", path: "/since", value: "2024-04-01T00:00:00+02:00" });
  });
});

describe("a value by name against a value by shape", () => {
  const db = definitionOf("Rowbase", {
    host: { type: "string", title: "Host" },
    database: { type: "string", title: "Database" },
  }, ["host", "database"]);

  it("takes the host given by the field's name over another host-shaped word, while the host is asked", () => {
    const sets = setsOf(understandOffline("host 10.0.4.12, database inventory. It's only reachable through our bastion bastion.acme.io", contextOf(db, "/host")));
    expect(sets).toEqual({ "/host": "10.0.4.12", "/database": "inventory" });
  });
});

describe("switches, counts and names said in passing", () => {
  const mailbox = definitionOf("Postbox", {
    include_archive_and_drafts: { type: "boolean", title: "Include Archive & Drafts", default: false },
    tag_ids: { type: "string", title: "Segment Export Tag IDs", description: "Comma-separated list of tag IDs" },
    since: { type: "string", title: "Since", description: "UTC date and time in the format 2020-05-01T00:00:00Z.", examples: ["2020-05-01 00:00:00Z"] },
  });
  const read = (text: string) => setsOf(understandOffline(text, contextOf(mailbox)));

  it("turns a setting off when the person leaves its things out ('leave out whatever is in archive and drafts')", () => {
    expect(read("please leave out whatever is in archive and drafts")).toEqual({ "/include_archive_and_drafts": false });
    expect(read("include archive and drafts")).toEqual({ "/include_archive_and_drafts": true });
  });

  it("reads a number between a name's words as a count, and a name of several capitalised words as no one-word value", () => {
    expect(read("export the segments of our three tags, Big Spender and Early Bird")["/tag_ids"]).toBeUndefined();
  });

  it("writes a date said in words as a date and time where the description shows a time", () => {
    expect(read("since the first of May 2023")).toEqual({ "/since": "2023-05-01T00:00:00Z" });
    // (A time of day after the date is the date's, though "08:00" has a port's shape.)
    expect(read("since 2 May 2023, 08:00")).toEqual({ "/since": "2023-05-02T08:00:00Z" });
  });
});

describe("holidays and nouns that look like commands", () => {
  const store = definitionOf("Parcelo", {
    api_key: { type: "string", title: "API Key", airbyte_secret: true },
    start_date: { type: "string", title: "Start Date", format: "date" },
  }, ["api_key"]);

  it("reads a holiday of a fixed day as its date ('since Christmas Eve 2023')", () => {
    expect(setsOf(understandOffline("orders since Christmas Eve 2023", contextOf(store, "/api_key")))).toEqual({ "/start_date": "2023-12-24" });
  });

  it("hears 'the test one' as a noun, not a request to test", () => {
    const decisions = understandOffline("from 2024-02-01, with the live key, not the test one", contextOf(store, "/api_key"));
    expect(decisions.some((decision) => decision.kind === "test")).toBe(false);
  });
});

describe("windows, years and corrections that belong to other fields", () => {
  const books = definitionOf("Ledgerkit", {
    start_date: { type: "string", title: "Start date", format: "date-time" },
    lookback_window: { type: "integer", title: "Lookback window", description: "How far back (in minutes) to read again on each sync." },
    payroll_year: { type: "number", title: "Payroll Year" },
    component_keys: { type: "array", title: "Component Keys", items: { type: "string" } },
  });

  it("reads 'the last ninety minutes' as a window of time, never a start date", () => {
    const sets = setsOf(understandOffline("re-read the last ninety minutes on every sync", contextOf(books)));
    expect(sets["/start_date"]).toBeUndefined();
    expect(sets["/lookback_window"]).toBe(90);
  });

  it("gives a year said beside a field's name to that field, not to a date field in passing", () => {
    expect(setsOf(understandOffline("for payroll, only the year twenty twenty-three", contextOf(books)))).toEqual({ "/payroll_year": 2023 });
  });

  it("leaves the answer asked whole when a correction in the message is of another field's value", () => {
    const sets = setsOf(understandOffline("projects web-app and billing-api. start 2024-01-01T00:00:00Z, no wait, 2024-03-01T00:00:00Z, we only moved in March", contextOf(books, "/component_keys")));
    expect(sets["/component_keys"]).toEqual(["web-app", "billing-api"]);
  });
});

describe("values a description lists", () => {
  const reports = definitionOf("Teamly", {
    period: { type: "string", title: "Period", description: "Length of time the report covers. The supported values are: D7, D30, D90, and D180.", examples: ["D7"] },
  });

  it("writes a value as the description's list writes it, and a number said for it as the listed value with that number", () => {
    expect(setsOf(understandOffline("period d30", contextOf(reports)))).toEqual({ "/period": "D30" });
    expect(setsOf(understandOffline("make the period 180 days", contextOf(reports)))).toEqual({ "/period": "D180" });
  });
});

describe("words around values: contractions, verbs, brackets, turned-down hosts, prefixed codes", () => {
  const feed = definitionOf("Feedline", {
    username: { type: "string", title: "Username" },
    api_key: { type: "string", title: "API Key", airbyte_secret: true },
    fields: { type: "array", title: "Export Fields", items: { type: "string" } },
    query: { type: "string", title: "Query" },
    host: { type: "string", title: "Host" },
    routing_key: { type: "string", title: "Routing Key" },
    region_id: { type: "string", title: "Region ID", default: "r_us", description: "A two-letter country code prepended with the r_ prefix." },
  });
  const read = (text: string, pending: string | null = null, values: Record<string, unknown> = {}) => setsOf(understandOffline(text, contextOf(feed, pending, values)));

  it("reads past 'you'll need' to the value ('the username you'll need is feed-bot')", () => {
    expect(read("oh, the username you'll need is feed-bot", "/api_key")).toEqual({ "/username": "feed-bot" });
  });

  it("drops the verb before a determiner from a list's first item ('pull the author, tags and url')", () => {
    expect(read("export fields: pull the author, tags and url")).toEqual({ "/fields": ["author", "tags", "url"] });
  });

  it("keeps the opening bracket of a value that closes one", () => {
    expect(read("(cats OR dogs) -is:reply", "/query")).toEqual({ "/query": "(cats OR dogs) -is:reply" });
  });

  it("reads a dotted name turned down ('not orders.raw') as no host", () => {
    expect(read("routing key is orders.raw.v2, not orders.raw", null, { routing_key: "orders.raw" })).toEqual({ "/routing_key": "orders.raw.v2" });
  });

  it("writes a country said by name as the prefixed code the description and default show", () => {
    expect(read("region id should be France")).toEqual({ "/region_id": "r_fr" });
  });
});

describe("corrections with a describing clause, regions said for a bucket, short noun descriptions", () => {
  const lake = definitionOf("Lakebolt", {
    client_id: { type: "string", title: "Client ID", description: "Lakebolt service account ID." },
    port: { type: "integer", title: "Port" },
    staging: {
      type: "object",
      title: "Staging",
      properties: { bucket: { type: "string", title: "Bucket" }, region: { type: "string", title: "Bucket region" } },
    },
  });
  const read = (text: string, values: Record<string, unknown> = {}) => setsOf(understandOffline(text, contextOf(lake, null, values)));

  it("takes the one number of a describing clause after a correction of a number ('port 5432, sorry no, this one listens on 6000')", () => {
    expect(read("port 5432 - sorry no, this box listens on 6000")).toEqual({ "/port": 6000 });
  });

  it("gives a region code said for a bucket to the region beside it", () => {
    expect(read("the bucket is in eu-west-2, not us-east-1", { staging: { bucket: "raw", region: "us-east-1" } })).toEqual({ "/staging/region": "eu-west-2" });
  });

  it("names a field by a description that is only a short noun phrase ('service account id')", () => {
    expect(read("service account id 7hq2mzx0c4ka9v1e3yrt8n5wbd6lpfus")).toEqual({ "/client_id": "7hq2mzx0c4ka9v1e3yrt8n5wbd6lpfus" });
  });
});

describe("two numbers inside one name, a marked word before a path", () => {
  const rag = definitionOf("Vectorly", {
    processing: {
      type: "object",
      title: "Processing",
      properties: {
        chunk_size: { type: "integer", title: "Chunk size", description: "Size of chunks in tokens" },
        chunk_overlap: { type: "integer", title: "Chunk overlap", description: "Size of overlap between chunks in tokens" },
        text_splitter: {
          type: "object",
          title: "Text splitter",
          description: "Split text fields into chunks",
          oneOf: [{ type: "object", title: "By Separator", description: "Split the text by separators until the chunk size is reached.", properties: { mode: { type: "string", const: "separator" }, separators: { type: "array", title: "Separators", description: "List of separator strings to split text fields by.", items: { type: "string" } }, keep_separator: { type: "boolean", title: "Keep separator", description: "Whether to keep the separator in the resulting chunks" } } }],
        },
      },
    },
    bucket_name: { type: "string", title: "Bucket name", examples: ["airbyte_staging"] },
    bucket_path: { type: "string", title: "Bucket path" },
  });
  const read = (text: string) => setsOf(understandOffline(text, contextOf(rag)));

  it("gives the number right before a name's last word to that name ('chunks of 800 tokens with 80 overlap')", () => {
    expect(read("chunks of 800 tokens with 80 overlap")["/processing/chunk_overlap"]).toBe(80);
  });

  it("takes the marked word after a name before a path said later ('the bucket tmp-7 under the prefix a/b')", () => {
    expect(read("use the bucket tmp-7 under the prefix stage/raw")["/bucket_name"]).toBe("tmp-7");
  });
});

describe("'for now' is no date", () => {
  const pay = definitionOf("Paylane", {
    start_date: { type: "string", title: "Start date", format: "date-time" },
    environment: { type: "string", title: "Environment", enum: ["sandbox", "production"] },
  });

  it("reads no start date in 'only from the sandbox for now', and the real one said later", () => {
    expect(setsOf(understandOffline("only from the sandbox for now, not production; everything starting the first of May 2024", contextOf(pay)))).toMatchObject({ "/start_date": "2024-05-01T00:00:00Z" });
  });
});

describe("a switch said loosely", () => {
  const chat = definitionOf("Chatterly", {
    include_private_channels: { type: "boolean", title: "Include private channels", default: false },
    join_channels: { type: "boolean", title: "Join all channels", default: true },
    channel_filter: { type: "array", title: "Channel name filter", items: { type: "string" } },
  });

  it("turns no switch from its title said loosely without the word only it has ('only the channels a and b')", () => {
    expect(setsOf(understandOffline("only the channels ops and sales", contextOf(chat)))["/include_private_channels"]).toBeUndefined();
    expect(setsOf(understandOffline("please include the privat channels too", contextOf(chat)))["/include_private_channels"]).toBe(true);
  });
});

describe("what a sentence says around a value", () => {
  const warehouse = definitionOf(
    "Frostbyte",
    {
      client_id: { type: "string", title: "Client ID", description: "Service account ID.", examples: ["bbl9qth066hmxkwyb0hy2iwk8ktez9dz"] },
      account: { type: "string", title: "Account" },
      vector_field: { type: "string", title: "Vector Field", description: "The field in the entity that contains the vector" },
      start_date: { type: "string", title: "Start date", format: "date-time", pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$" },
      prompt: { type: "string", title: "AI prompt", description: "The prompt sent with each file" },
    },
    ["client_id", "account"],
  );

  it("takes no verb for a one-word answer: the word after a verb's 'to' is a verb ('I want to read from it')", () => {
    const sets = setsOf(understandOffline("Hi, I want to read from Frostbyte. The account is northbeam.", contextOf(warehouse, "/client_id")));
    expect(sets["/client_id"]).toBeUndefined();
    expect(sets["/account"]).toBe("northbeam");
  });

  it("takes no words a negation reaches for the value of a name it does not reach", () => {
    expect(setsOf(understandOffline("just use random vectors, I don't want to pay OpenAI for a trial", contextOf(warehouse)))["/vector_field"]).toBeUndefined();
  });

  it("takes a date said in words and then in digits as the digits say", () => {
    expect(setsOf(understandOffline("we only need things from the start of this year, so 2024-01-01.", contextOf(warehouse)))["/start_date"]).toBe("2024-01-01T00:00:00Z");
  });

  it("keeps number words in free text as typed, pasted or answered", () => {
    expect(setsOf(understandOffline("prompt: Summarize each contract in three bullet points", contextOf(warehouse)))["/prompt"]).toBe("Summarize each contract in three bullet points");
    expect(setsOf(understandOffline("list the twenty-five largest invoices", contextOf(warehouse, "/prompt")))["/prompt"]).toBe("list the twenty-five largest invoices");
  });
});

describe("a postal address and a count in the description's unit", () => {
  const homes = definitionOf("Homefinder", {
    address: { type: "string", title: "Address", description: "The full address of the property, in the format of Street, City, State, Zip." },
    radius: { type: "string", title: "Radius", description: "The radius of the search area in miles, with a maximum of 100." },
    host: { type: "string", title: "Host", description: "The server address." },
  });

  it("reads a postal address whole, through its commas, up to the next name or 'and'", () => {
    expect(setsOf(understandOffline("address: 1600 Barton Springs Rd, Austin, TX, 78704 / radius: 5 miles", contextOf(homes)))).toMatchObject({ "/address": "1600 Barton Springs Rd, Austin, TX, 78704" });
    expect(setsOf(understandOffline("the address is 12 Main St, Springfield, IL and the radius is 3", contextOf(homes)))["/address"]).toBe("12 Main St, Springfield, IL");
    // (A server's address is still a host: one word.)
    expect(setsOf(understandOffline("host db-1.internal, thanks", contextOf(homes)))["/host"]).toBe("db-1.internal");
  });

  it("stores a count said with the unit the description counts in as the count", () => {
    expect(setsOf(understandOffline("radius: 5 miles", contextOf(homes)))["/radius"]).toBe("5");
    expect(setsOf(understandOffline("make the radius 10 miles, not 5", contextOf(homes, null, { radius: "5" })))["/radius"]).toBe("10");
  });
});

describe("a setting said not to matter, an adverb, and a pasted key of a nested field", () => {
  const stream = definitionOf("Pubsy", {
    ordering_enabled: { type: "boolean", title: "Message Ordering Enabled", default: false },
    batching_enabled: { type: "boolean", title: "Message Batching Enabled", default: false },
    text_splitter: {
      type: "object",
      title: "Text splitter",
      oneOf: [
        { title: "By Separator", type: "object", properties: { mode: { type: "string", const: "separator" }, separators: { type: "array", title: "Separators", items: { type: "string" } } } },
        { title: "By Markdown header", type: "object", properties: { mode: { type: "string", const: "markdown" } } },
      ],
    },
    key_id: { type: "string", title: "Key ID", airbyte_secret: true },
    lookup_filter: {
      type: "object",
      title: "Filter applied while fetching records",
      properties: {
        attribute_key: { type: "string", title: "Attribute Key from the response to filter", examples: ["EventName"] },
        attribute_value: { type: "string", title: "Corresponding value to the given attribute key" },
      },
    },
  });

  it("turns a switch off when its name is followed by a negated need ('order doesn't matter to us')", () => {
    const sets = setsOf(understandOffline("Order doesn't matter to us at all, but please batch the messages.", contextOf(stream)));
    expect(sets["/ordering_enabled"]).toBe(false);
    expect(sets["/batching_enabled"]).toBe(true);
  });

  it("hears no option in an adverb the stemmer merges with its word ('separately' is no separator)", () => {
    expect(understandOffline("I'll give you the keys separately.", contextOf(stream)).some((decision) => decision.kind === "choose" && decision.path === "/text_splitter")).toBe(false);
  });

  it("gives a pasted key whose words are along a nested field's path to that field, not to a secret sharing one word", () => {
    const pasted = "from our .env:\nAWS_REGION=eu-central-1\nLOOKUP_KEY=EventName\nLOOKUP_VALUE=ConsoleLogin";
    expect(setsOf(understandOffline(pasted, contextOf(stream, "/key_id")))["/lookup_filter/attribute_key"]).toBe("EventName");
    // (Nor does the screening take it for the secret asked.)
    expect(screenUserText(pasted, null, screenOptionsFor(stream, {}, "/key_id")).secrets).toEqual([]);
  });
});

describe("a list's items by the shape of its default", () => {
  const posts = definitionOf("Postly", {
    query: { type: "string", title: "Query", default: "airbyte" },
    subreddits: { type: "array", title: "Subreddits", description: "Subreddits for exploration", default: ["r/funny", "r/AskReddit"], items: { type: "string" } },
  });

  it("reads words shaped like the default's items as the list, where the field has no examples", () => {
    expect(setsOf(understandOffline("need posts from r/MechanicalKeyboards and r/buildapc", contextOf(posts)))["/subreddits"]).toEqual(["r/MechanicalKeyboards", "r/buildapc"]);
  });
});

describe("a currency field that shows no codes", () => {
  const reports = definitionOf("Reportly", {
    currency: { type: "string", title: "Currency", description: "Currency to be used on the report" },
    note: { type: "string", title: "Note" },
  });

  it("takes a currency's name as its ISO code, named or answered", () => {
    expect(setsOf(understandOffline("The currency for reports must be euro.", contextOf(reports)))["/currency"]).toBe("EUR");
    expect(setsOf(understandOffline("euros", contextOf(reports, "/currency")))["/currency"]).toBe("EUR");
    expect(setsOf(understandOffline("USD please", contextOf(reports, "/currency")))["/currency"]).toBe("USD");
    // (In the case the description writes its codes in.)
    const market = definitionOf("Coinly", { vs_currency: { type: "string", description: "The target currency of market data (e.g. usd, eur, jpy, etc.)" } });
    expect(setsOf(understandOffline("euros", contextOf(market, "/vs_currency")))["/vs_currency"]).toBe("eur");
  });
});

describe("a polite word before a value, and a pasted value in its brackets", () => {
  const wms = definitionOf("Wmsly", {
    page_size: { type: "integer", title: "Page size", default: 10 },
    tpl_key: { type: "string", title: "3PL GUID" },
    facility_id: { type: "integer", title: "Facility ID" },
  });

  it("skips 'please' between a name and its value ('Page size please five hundred')", () => {
    expect(setsOf(understandOffline("Page size please five hundred, and that's all.", contextOf(wms)))["/page_size"]).toBe(500);
  });

  it("keeps a pasted value's brackets ('tpl_key: {B7E3…}')", () => {
    const sets = setsOf(understandOffline("settings:\ntpl_key: {B7E3F2A1-5C8D-4E6F-9A0B-1C2D3E4F5A6B}\nfacility_id: 2", contextOf(wms)));
    expect(sets["/tpl_key"]).toBe("{B7E3F2A1-5C8D-4E6F-9A0B-1C2D3E4F5A6B}");
  });
});

describe("a setting asked about, then switched", () => {
  const desk = definitionOf("Deskly", {
    include_custom_domain: { type: "boolean", title: "Include Custom Domain", default: false },
    sync_archived: { type: "boolean", title: "Sync archived tickets", default: false },
  });

  it("answers the question and switches the setting an instruction after it turns with 'it'", () => {
    const decisions = understandOffline("what is 'include custom domain' about? we run help.ourbrand.eu, so if that's what it's for, turn it on.", contextOf(desk));
    expect(decisions.some((decision) => decision.kind === "question")).toBe(true);
    expect(setsOf(decisions)["/include_custom_domain"]).toBe(true);
    // (A question alone switches nothing.)
    expect(setsOf(understandOffline("what is 'include custom domain' about?", contextOf(desk)))["/include_custom_domain"]).toBeUndefined();
  });
});

describe("a value by the words of the clause its example opens", () => {
  const bars = definitionOf("Barsly", {
    sort: { type: "string", title: "Sort", examples: ["asc", "desc"], description: "Sort the results by timestamp. asc will return results in ascending order (oldest at the top), desc will return results in descending order (newest at the top)." },
    ticker: { type: "string", title: "Ticker" },
  });

  it("reads 'newest first' as desc: 'newest' is said only in the clause desc opens", () => {
    expect(setsOf(understandOffline("ticker NVDA, newest first", contextOf(bars)))["/sort"]).toBe("desc");
    expect(setsOf(understandOffline("ticker NVDA, oldest first", contextOf(bars)))["/sort"]).toBe("asc");
  });
});

describe("a search expression in the grammar a field's examples show", () => {
  const news = definitionOf("Newsly", {
    query: { type: "string", title: "Query", description: "Supports AND, OR and NOT operators.", examples: ["environment AND NOT water", "political"] },
    section: { type: "string", title: "Section", examples: ["media"] },
  });

  it("reads words joined by the examples' operators in capitals as the query", () => {
    expect(setsOf(understandOffline("I'd like articles matching housing AND crisis in the society section", contextOf(news)))["/query"]).toBe("housing AND crisis");
    expect(setsOf(understandOffline("anything on housing AND NOT rent please", contextOf(news)))["/query"]).toBe("housing AND NOT rent");
    // (Words joined by a plain "and" are prose.)
    expect(setsOf(understandOffline("articles on housing and crisis", contextOf(news)))["/query"]).toBeUndefined();
  });
});

describe("a period word for a field whose examples are time units", () => {
  const bars = definitionOf("Candly", {
    timespan: { type: "string", title: "Timespan", examples: ["day"], description: "The size of the time window." },
    ticker: { type: "string", title: "Ticker" },
  });

  it("reads 'weekly' as week, in passing or as the answer", () => {
    expect(setsOf(understandOffline("ticker NVDA, weekly aggregates please", contextOf(bars)))["/timespan"]).toBe("week");
    expect(setsOf(understandOffline("hourly", contextOf(bars, "/timespan")))["/timespan"]).toBe("hour");
  });
});
