// Recall in passing, end to end through understandOffline on inline specs: values a person gives
// inside a longer message, before anyone asks for them, in the order and form people use.
import { describe, expect, it } from "vitest";
import { sceneOf, understandOffline } from "./offline.ts";
import { fieldOfKey } from "./readings/pairs.ts";
import { contextOf, definitionOf, setsOf } from "./testing/definition.ts";

const board = definitionOf(
  "Pinwheel Boards",
  {
    board_link: { type: "string", title: "Board link", examples: ["https://boards.pinwheel.example/b/1AbC/view"] },
    subdomain: { type: "string", title: "Subdomain", description: "For acme.pinwheel.example it is acme." },
    list_name: { type: "string", title: "List name" },
    created_after: { type: "string", title: "Created after", format: "date" },
    api_token: { type: "string", title: "API token", airbyte_secret: true },
  },
  ["board_link", "api_token"],
);

const sets = (text: string, pending: string | null = null) =>
  setsOf(understandOffline(text, contextOf(board, pending)));

describe("recall in passing", () => {
  it("knows a field by its examples' shape: a link where the examples are links", () => {
    const link = "https://boards.pinwheel.example/b/9ZyX/view";
    expect(sets(`morning! we keep the roadmap at ${link} and the team wants it in the warehouse`, "/board_link")).toMatchObject({ "/board_link": link });
  });

  it("takes a (sub)domain from a URL when no field wants the URL itself", () => {
    const board2 = definitionOf("Pinwheel Lite", { subdomain: board.connectionSpecification.properties!.subdomain, api_token: board.connectionSpecification.properties!.api_token }, ["subdomain"]);
    const decisions = understandOffline("ours lives at https://northwind.pinwheel.example , token later", contextOf(board2, "/subdomain"));
    expect(decisions).toContainEqual({ kind: "set", path: "/subdomain", value: "northwind" });
  });

  it("reads a polite request that carries a value as the value, not a question", () => {
    expect(sets("Could we only take cards created after March 3rd 2025?", "/board_link")).toMatchObject({ "/created_after": "2025-03-03" });
    // A real question keeps its value unread.
    expect(sets("could you explain what created after means?", "/board_link")).toEqual({});
  });

  it("takes a proper name written before its field's name, never a plain word", () => {
    expect(sets("we want the Backlog list please", "/board_link")).toMatchObject({ "/list_name": "Backlog" });
    expect(sets("we want the whole list please", "/board_link")).not.toHaveProperty("/list_name");
  });

  it("changes an option already chosen when a field of it is asked and another option is named", () => {
    const service = definitionOf(
      "Quillmail",
      {
        login: {
          type: "object",
          title: "Login",
          oneOf: [
            { title: "OAuth", required: ["client_id"], properties: { kind: { type: "string", const: "oauth" }, client_id: { type: "string", title: "Client ID", airbyte_secret: true } } },
            { title: "Access key", required: ["access_key"], properties: { kind: { type: "string", const: "access_key" }, access_key: { type: "string", title: "Access key", airbyte_secret: true } } },
          ],
        },
      },
      ["login"],
    );
    const decisions = understandOffline("we don't have an app registered there. just the access key then", contextOf(service, "/login/client_id", { login: { kind: "oauth" } }));
    expect(decisions).toEqual([{ kind: "choose", path: "/login", optionIndex: 1 }]);
    // A plain answer to a field of the chosen option is that answer, even when it spells another option.
    const named = definitionOf("Quillmail Three", {
      login: {
        type: "object",
        title: "Login",
        oneOf: [
          { title: "Header", properties: { kind: { type: "string", const: "header" }, header_name: { type: "string", title: "Header name" } } },
          { title: "Access key", properties: { kind: { type: "string", const: "access_key" }, access_key: { type: "string", title: "Access key", airbyte_secret: true } } },
        ],
      },
    });
    expect(understandOffline("access_key please", contextOf(named, "/login/header_name", { login: { kind: "header" } }))).toEqual([{ kind: "set", path: "/login/header_name", value: "access_key" }]);
    // Elsewhere in the form, an option word said in passing does not undo the choice made.
    const elsewhere = definitionOf("Quillmail Two", { ...service.connectionSpecification.properties, folder: { type: "string", title: "Folder" } }, ["login"]);
    expect(understandOffline("Inbox, and the access key is in the vault", contextOf(elsewhere, "/folder", { login: { kind: "oauth" } }))).not.toContainEqual(expect.objectContaining({ kind: "choose" }));
  });

  it("names enum values by a description's list in the enum's order, and production by elimination", () => {
    const market = definitionOf(
      "Tickerly Books API",
      {
        venue: { type: "string", title: "Venue", description: "Where orders go, either 'real', 'practice' or 'replay.sandbox'.", enum: ["main", "practice-main", "replay.sandbox"] },
        stage: { type: "string", title: "Stage", enum: ["demo-books", "books"] },
        login: { type: "string", title: "Login", description: "Member Access Code for the trading desk" },
      },
      ["venue", "login"],
    );
    const sets = (text: string, pending: string | null) =>
      setsOf(understandOffline(text, contextOf(market, pending)));
    expect(sets("the real one", "/venue")).toEqual({ "/venue": "main" });
    expect(sets("we trade in production, login is QX12", "/login")).toMatchObject({ "/stage": "books", "/login": "QX12" });
    // The description's opening phrase names a field whose title says little ("Login").
    expect(sets("Hi! my member access code is ZZ-4410", "/venue")).toMatchObject({ "/login": "ZZ-4410" });
    // Words of the connector's name said together are the connector, even where an option has one of them.
    expect(sets("Tickerly Books please", "/stage")).not.toHaveProperty("/stage");
    expect(sets("books please", "/stage")).toEqual({ "/stage": "books" });
  });

  it("picks an option whose title's words are all said in one clause, in any order, a region code in capitals too", () => {
    const hosted = definitionOf(
      "Formsy",
      {
        token: { type: "string", title: "Token", airbyte_secret: true },
        instance: {
          type: "object",
          title: "Base URL",
          oneOf: [
            { title: "US-hosted workspace", properties: { url: { type: "string", const: "https://us.formsy.example" } } },
            { title: "EU-hosted workspace", properties: { url: { type: "string", const: "https://eu.formsy.example" } } },
          ],
        },
      },
      ["token"],
    );
    const chosen = (text: string) => understandOffline(text, contextOf(hosted, "/token")).find((decision) => decision.kind === "choose");
    expect(chosen("the workspace we use is EU-hosted, token comes next")).toEqual({ kind: "choose", path: "/instance", optionIndex: 1 });
    // One title word alone ("workspace", shared by both) chooses nothing.
    expect(chosen("the workspace is new, token comes next")).toBeUndefined();
  });

  it("reads codes said by name into a code list whose description shows codes, and a code after a describing word", () => {
    const feeds = definitionOf(
      "Headliner",
      {
        regions: { type: "array", title: "Regions", description: "Countries to search. Example: fr, it, pl" },
        quote: { type: "string", title: "Quote", description: "The quote currency of prices", examples: ["GBP", "JPY"] },
      },
      [],
    );
    const sets = (text: string) => setsOf(understandOffline(text, contextOf(feeds)));
    expect(sets("regions: Norway, Italy and Austria")).toEqual({ "/regions": ["no", "it", "at"] });
    expect(sets("the quote currency should be the swiss franc")).toEqual({ "/quote": "CHF" });
  });

  it("takes the customer's label out of the vendor's host for a site or account name, never out of a hostname field", () => {
    const desk = definitionOf(
      "Helpdeskly",
      {
        site_name: { type: "string", title: "Site name", description: "Your site name as it appears in the URL" },
        region_host: { type: "string", title: "Region (hostname)", default: "us1.helpdeskly.example" },
      },
      ["site_name"],
    );
    const sets = (text: string) => setsOf(understandOffline(text, contextOf(desk)));
    expect(sets("site: https://bluefin.helpdeskly.example")).toEqual({ "/site_name": "bluefin" });
    expect(sets("site name: bluefin.myproxy.example.org")).toEqual({ "/site_name": "bluefin.myproxy.example.org" });
    expect(sets("region host: eu2.helpdeskly.example")).toEqual({ "/region_host": "eu2.helpdeskly.example" });
  });

  it("reads a pattern as one value, and an asked field by the option the form holds", () => {
    const stream = definitionOf(
      "Streamly",
      {
        topic_pattern: { type: "string", title: "Topic pattern", examples: ["orders.topic"] },
        security: {
          type: "object",
          title: "Security",
          oneOf: [
            { title: "Plain", properties: { protocol: { type: "string", const: "PLAIN" }, mechanism: { type: "string", title: "Mechanism", const: "PLAIN" } } },
            { title: "Scram", properties: { protocol: { type: "string", const: "SCRAM" }, mechanism: { type: "string", title: "Mechanism", enum: ["SHA-256", "SHA-512"] } } },
          ],
        },
      },
      [],
    );
    expect(understandOffline("use events-.* please", contextOf(stream, "/topic_pattern"))).toEqual([{ kind: "set", path: "/topic_pattern", value: "events-.*" }]);
    expect(understandOffline("SHA-512", contextOf(stream, "/security/mechanism", { security: { protocol: "SCRAM" } }))).toEqual([{ kind: "set", path: "/security/mechanism", value: "SHA-512" }]);
  });

  it("lets a title said loosely over three words outrank one word of another name", () => {
    const lake = definitionOf("Lakehouse", {
      dataset_id: { type: "string", title: "Default dataset ID" },
      scratch_dataset: { type: "string", title: "Scratch Tables Dataset Name", description: "Temporary tables go here" },
    });
    const sets = (text: string) => setsOf(understandOffline(text, contextOf(lake, null, { dataset_id: "main" })));
    expect(sets("the scratch tables should go to a dataset named tmp_zone")).toEqual({ "/scratch_dataset": "tmp_zone" });
  });

  it("names a long title said with one word left out, and a pasted key by the field's description", () => {
    const queue = definitionOf("Queuely", {
      page_batch_size: { type: "integer", title: "Invoice pages batch size" },
      max_batch: { type: "integer", title: "Max batch", description: "Max amount of jobs to take in one batch" },
      max_wait: { type: "integer", title: "Max wait", description: "Max seconds to wait for jobs before giving up" },
    });
    const sets = (text: string) => setsOf(understandOffline(text, contextOf(queue)));
    expect(sets("make the batch size for the pages twenty")).toEqual({ "/page_batch_size": 20 });
    expect(sets("QUEUELY_MAX_JOBS=7")).toEqual({ "/max_batch": 7 });
  });

  it("reads list items of the examples' kind, after a count of them", () => {
    const sites = definitionOf("Sitely", {
      site_urls: { type: "array", title: "Sites", items: { type: "string" }, examples: ["https://example.org/", "domain:example.net"] },
      token: { type: "string", title: "Token", airbyte_secret: true },
    });
    const read = (text: string) => understandOffline(text, contextOf(sites, "/site_urls")).find((decision) => decision.kind === "set");
    expect(read("three sites: https://a.example.org/ and domain:b.example.net")).toEqual({ kind: "set", path: "/site_urls", value: ["https://a.example.org/", "domain:b.example.net"] });
    expect(read("https://a.example.org/, domain:b.example.net, all of 2024 and drafts")).toEqual({ kind: "set", path: "/site_urls", value: ["https://a.example.org/", "domain:b.example.net"] });
  });

  it("fills a start and an end from a whole year, a start said as a month from its first day", () => {
    const span = definitionOf("Spanly", {
      start_date: { type: "string", title: "Start date", format: "date" },
      end_date: { type: "string", title: "End date", format: "date" },
    });
    const sets = (text: string) => setsOf(understandOffline(text, contextOf(span)));
    expect(sets("during 2023 please")).toEqual({ "/start_date": "2023-01-01", "/end_date": "2023-12-31" });
    expect(sets("since August 2022")).toEqual({ "/start_date": "2022-08-01" });
  });

  it("knows a Google key file by the names people give it, and skips it when they have none", () => {
    const store = definitionOf("Docstore", {
      project_id: { type: "string", title: "Project ID" },
      credentials_json: { type: "string", title: "Credentials JSON", airbyte_secret: true },
    }, ["project_id"]);
    const decisions = understandOffline("project is lab-7; there is no key file, the machine has its own identity", contextOf(store, "/project_id"));
    expect(decisions).toContainEqual({ kind: "skip", path: "/credentials_json" });
    expect(decisions).toContainEqual({ kind: "set", path: "/project_id", value: "lab-7" });
  });

  it("reads a bulleted list as one list, an enum word said as two words, and 'auth:' for the sign-in choice", () => {
    const feeds = definitionOf("Feedly Pro", {
      feed_urls: { type: "array", title: "Feeds", items: { type: "string" }, examples: ["https://example.org/feed"] },
      extra_columns: { type: "array", title: "Extra columns", items: { type: "string", enum: ["feedtitle", "item_id"] } },
      credentials: {
        type: "object",
        title: "Credentials",
        oneOf: [
          { title: "Password", properties: { kind: { type: "string", const: "password" }, password: { type: "string", airbyte_secret: true } } },
          { title: "Reader key", properties: { kind: { type: "string", const: "reader_key" }, key: { type: "string", airbyte_secret: true } } },
        ],
      },
    });
    const decisions = understandOffline("our feeds:\n- https://a.example.org/feed\n- https://b.example.org/feed\nauth: reader key\nextra columns feed title and item id", contextOf(feeds, "/feed_urls"));
    expect(decisions).toContainEqual({ kind: "set", path: "/feed_urls", value: ["https://a.example.org/feed", "https://b.example.org/feed"] });
    expect(decisions).toContainEqual({ kind: "choose", path: "/credentials", optionIndex: 1 });
    expect(decisions).toContainEqual({ kind: "set", path: "/extra_columns", value: ["feedtitle", "item_id"] });
    expect(fieldOfKey(sceneOf("auth: x", contextOf(feeds)), "auth")?.field.path).toBe("/credentials");
  });

  it("splits a connection URI into host, user, database, schema and its query's settings, and no web address field takes it", () => {
    const lake = definitionOf("Iceflake", {
      indexing: {
        type: "object",
        title: "Indexing",
        properties: {
          host: { type: "string", title: "Host" },
          username: { type: "string", title: "Username" },
          database: { type: "string", title: "Database" },
          default_schema: { type: "string", title: "Default schema" },
          warehouse: { type: "string", title: "Warehouse" },
          password: { type: "string", title: "Password", airbyte_secret: true },
        },
      },
      base_url: { type: "string", title: "Base URL", examples: ["https://api.example.com/v1"] },
    });
    const decisions = understandOffline("uri: iceflake://LOADER:[redacted secret]@AB123.eu-west-2/DOCS_DB/RAW?warehouse=WH_S", contextOf(lake));
    const sets = setsOf(decisions);
    expect(sets).toEqual({ "/indexing/host": "AB123.eu-west-2", "/indexing/username": "LOADER", "/indexing/database": "DOCS_DB", "/indexing/default_schema": "RAW", "/indexing/warehouse": "WH_S" });
  });

  it("takes JSON typed for a list of objects whole, and its keys are no other fields' names; an id is no date", () => {
    const files = definitionOf("Filestore", {
      region_name: { type: "string", title: "Region name" },
      feeds: { type: "array", title: "Feeds", items: { type: "object", properties: { name: { type: "string" }, glob: { type: "string" } } } },
      account_ids: { type: "array", title: "Account IDs", examples: ["222222222222222"], items: { type: "string", pattern: "^[0-9]+$" } },
    });
    expect(understandOffline('{"name": "sales", "glob": "sales/*.csv"} please', contextOf(files, "/feeds"))).toEqual([
      { kind: "set", path: "/feeds", value: [{ name: "sales", glob: "sales/*.csv" }] },
    ]);
    expect(understandOffline("20194857361, 30495867102", contextOf(files, "/account_ids"))).toEqual([{ kind: "set", path: "/account_ids", value: ["20194857361", "30495867102"] }]);
  });

  it("reads a count by its unit word typed with a slip, and ends a list of numbers at a plain word", () => {
    const pool = definitionOf("Poolside", {
      num_threads: { type: "integer", title: "Number of parallel threads" },
      survey_ids: { type: "array", title: "Survey IDs", items: { type: "string" } },
    });
    const sets = (text: string) => setsOf(understandOffline(text, contextOf(pool)));
    expect(sets("give it 12 thraeds pls")).toEqual({ "/num_threads": 12 });
    expect(sets("survey ids 55 and 71, results since may")).toMatchObject({ "/survey_ids": ["55", "71"] });
  });

  it("knows a test place written into a value ('testlane', 'paylanesandbox') and production beside it", () => {
    const pay = definitionOf("Paylane", {
      stage: { type: "string", title: "Stage", enum: ["api", "testlane"] },
      host_prefix: { type: "string", title: "Host prefix", enum: ["paylanesandbox", "paylane"] },
    });
    const sets = (text: string) => setsOf(understandOffline(text, contextOf(pay)));
    expect(sets("stage: the sandbox one, please")).toEqual({ "/stage": "testlane" });
    expect(sets("host prefix: production")).toEqual({ "/host_prefix": "paylane" });
  });
});


describe("values described before they are given", () => {
  const ledger = definitionOf(
    "Ledgerline",
    {
      login: { type: "string", title: "Login" },
      passcode: { type: "string", title: "Passcode", airbyte_secret: true },
      since: { type: "integer", title: "Since", description: "Moment to read from, as a Unix epoch timestamp." },
    },
    ["login"],
  );

  it("takes the value-shaped word after a describing noun phrase, not the phrase's first word", () => {
    const decisions = understandOffline("login is our service id zq4471-88, read since the 3rd of May 2023", contextOf(ledger, "/login"));
    expect(decisions).toContainEqual({ kind: "set", path: "/login", value: "zq4471-88" });
    expect(decisions).toContainEqual({ kind: "set", path: "/since", value: 1683072000 });
  });

  it("stores nothing when the phrase only describes the value", () => {
    const decisions = understandOffline("the login is the service id", contextOf(ledger, null));
    expect(decisions.filter((decision) => decision.kind === "set")).toEqual([]);
  });

  it("keeps a timestamp typed as digits and reads milliseconds where the field wants them", () => {
    expect(understandOffline("1683072000", contextOf(ledger, "/since"))).toEqual([{ kind: "set", path: "/since", value: 1683072000 }]);
    const millis = definitionOf("Ledgerline Ms", { since: { type: "integer", title: "Since", description: "Epoch time in milliseconds." } });
    expect(understandOffline("May 3 2023", contextOf(millis, "/since"))).toEqual([{ kind: "set", path: "/since", value: 1683072000000 }]);
  });
});

describe("a list item's own questions", () => {
  const exports = definitionOf(
    "Filebox",
    {
      reports: {
        type: "array",
        title: "Reports",
        items: {
          type: "object",
          required: ["name", "format"],
          properties: {
            name: { type: "string", title: "Name" },
            format: {
              type: "object",
              title: "Format",
              oneOf: [
                { title: "Avro Format", properties: { filetype: { const: "avro" } } },
                { title: "CSV Format", properties: { filetype: { const: "csv" } } },
              ],
            },
          },
        },
      },
    },
    ["reports"],
  );

  it("reads the answer to an item's choice as that choice", () => {
    expect(understandOffline("csv please", contextOf(exports, "/reports/0/format", { reports: [{ name: "daily" }] }))).toEqual([{ kind: "choose", path: "/reports/0/format", optionIndex: 1 }]);
  });

  it("takes the first item's fields in passing, named by the list's own noun", () => {
    const decisions = understandOffline("one report called daily, CSV files please", contextOf(exports, null));
    expect(decisions).toContainEqual({ kind: "set", path: "/reports/0/name", value: "daily" });
    expect(decisions).toContainEqual({ kind: "choose", path: "/reports/0/format", optionIndex: 1 });
  });

  it("leaves an optional list's items alone: no item is made from talk", () => {
    const optional = definitionOf("Filebox Lite", { title: { type: "string", title: "Title" }, reports: exports.connectionSpecification.properties!.reports }, ["title"]);
    const decisions = understandOffline("one report called daily, csv files please", contextOf(optional, null));
    expect(decisions.filter((decision) => "path" in decision && String(decision.path).startsWith("/reports"))).toEqual([]);
  });
});


describe("a number kept as text", () => {
  const feed = definitionOf("Feedly Rows", { rows_limit: { type: "string", title: "Rows limit", default: "25" }, region: { type: "string", title: "Region" } }, ["region"]);

  it("reads a count said per request or as a page size into a string setting whose default is a number", () => {
    expect(understandOffline("region north, and pull two hundred rows per request", contextOf(feed, "/region"))).toContainEqual({ kind: "set", path: "/rows_limit", value: "200" });
    expect(understandOffline("page size forty please", contextOf(feed, "/region"))).toContainEqual({ kind: "set", path: "/rows_limit", value: "40" });
  });
});

describe("hosts, short forms and the connector's own name", () => {
  const shop = definitionOf(
    "Rate.it Reviews",
    {
      shop_domain: { type: "string", title: "Shop Domain", description: "example.shopmaker.com" },
      account_id: { type: "string", title: "Account ID" },
      user_id: { type: "string", title: "User ID", description: "Account ID" },
    },
    ["shop_domain"],
  );

  it("takes a host under the domain the field's description shows, and never the connector's own name", () => {
    const decisions = understandOffline("we sell mugs (the store is blue-mugs.shopmaker.com) and use Rate.it for reviews", contextOf(shop, null));
    expect(decisions).toContainEqual({ kind: "set", path: "/shop_domain", value: "blue-mugs.shopmaker.com" });
    expect(JSON.stringify(decisions)).not.toContain("Rate.it");
  });

  it("knows a title word by its short form", () => {
    expect(understandOffline("acct id 7f3e-22, thx", contextOf(shop, "/shop_domain"))).toContainEqual({ kind: "set", path: "/account_id", value: "7f3e-22" });
  });

  it("does not take the connector's name said before a field's name as its value", () => {
    const agency = definitionOf("Agencyly", { user_id: shop.connectionSpecification.properties!.user_id });
    expect(understandOffline("Agencyly for the agency account. user id 440021", contextOf(agency, null))).toEqual([{ kind: "set", path: "/user_id", value: "440021" }]);
  });
});

describe("values of a shape the field shows", () => {
  const films = definitionOf(
    "Filmbase",
    {
      locale: { type: "string", title: "Locale", examples: ["en-US", "fr-CA"] },
      film_id: { type: "string", title: "Film ID" },
      portal_url: { type: "string", title: "Portal URL", description: "Your portal's address without https:// (Example: acme.example.org/portal)" },
    },
    ["locale"],
  );

  it("takes the word shaped like the examples said beside a plain name ('Dutch, nl-NL')", () => {
    expect(understandOffline("locale should be Dutch, nl-NL.", contextOf(films, null))).toEqual([{ kind: "set", path: "/locale", value: "nl-NL" }]);
  });

  it("takes the new value from later in the sentence after 'X is wrong', never the one held", () => {
    const decisions = understandOffline("the film id is wrong: 411 is the sequel but I want the first one, that is 388", contextOf(films, "/locale", { film_id: "411" }));
    expect(decisions).toContainEqual({ kind: "set", path: "/film_id", value: "388" });
  });

  it("leaves the scheme out where the description says so", () => {
    expect(understandOffline("portal url https://films.example.org/portal", contextOf(films, null))).toContainEqual({ kind: "set", path: "/portal_url", value: "films.example.org/portal" });
  });
});

describe("a bare year as a start", () => {
  const events = definitionOf("Eventa", { unit_id: { type: "string", title: "Unit ID" }, start_date: { type: "string", title: "Start date", format: "date" } }, ["unit_id"]);

  it("reads 'start from 2019' and 'since 2019 onwards' as the first of January, and leaves the asked id alone", () => {
    expect(understandOffline("Start from 2019.", contextOf(events, "/unit_id"))).toEqual([{ kind: "set", path: "/start_date", value: "2019-01-01" }]);
    expect(understandOffline("since 2021 onwards", contextOf(events, "/unit_id"))).toEqual([{ kind: "set", path: "/start_date", value: "2021-01-01" }]);
  });
});

describe("a bare year beside a fuller date", () => {
  it("takes the full date as the start, not a year said in passing", () => {
    const ring = definitionOf("Ringly", { start_date: { type: "string", title: "Start date", format: "date" }, token: { type: "string", title: "Token", airbyte_secret: true } }, ["token"]);
    expect(understandOffline("I've had the ring since 2022 and want data from March 3rd 2024 onwards", contextOf(ring, null))).toContainEqual({ kind: "set", path: "/start_date", value: "2024-03-03" });
  });
});

describe("loose words for enum values", () => {
  const feed = definitionOf(
    "Feedline",
    {
      sync_kind: { type: "string", title: "Sync kind", enum: ["Full", "Incremental"], default: "Full" },
      bucket_by: { type: "string", title: "Bucket by", enum: ["region", "date", "channel"], default: "region" },
      source_name: { type: "string", title: "Source name" },
    },
    ["source_name"],
  );

  it("reads 'only what changed since the last run' as incremental and 'bucketed per day' as date", () => {
    const decisions = understandOffline("source name north. we only want what changed since the last run, bucketed per day", contextOf(feed, null));
    expect(decisions).toContainEqual({ kind: "set", path: "/sync_kind", value: "Incremental" });
    expect(decisions).toContainEqual({ kind: "set", path: "/bucket_by", value: "date" });
  });
});

describe("the answer said after 'is' in a sentence", () => {
  const portal = definitionOf("Portalio", { login: { type: "string", title: "Login" }, since: { type: "string", title: "Since", format: "date" } }, ["login"]);

  it("takes the one value-shaped word after 'is' as the one-word answer asked, whatever its noun", () => {
    expect(understandOffline("From Settings > Access the handle is 7fa91c20be, the rest later. Since May 2 2024.", contextOf(portal, "/login"))).toContainEqual({ kind: "set", path: "/login", value: "7fa91c20be" });
    // Two such words: no guess.
    expect(understandOffline("the handle is 7fa91c20be or maybe 7fa91c20bf, let me check", contextOf(portal, "/login")).some((decision) => decision.kind === "set")).toBe(false);
  });
});

describe("a host under the vendor's domain, and a URL corrected", () => {
  const desk = definitionOf(
    "Deskbee",
    {
      company: { type: "string", title: "company", examples: ["google"] },
      portal_url: { type: "string", title: "Portal URL", examples: ["https://calm-fox-1.deskbee.example"] },
      api_key: { type: "string", title: "API Key", airbyte_secret: true },
    },
    ["company", "portal_url", "api_key"],
  );

  it("takes the customer's label from a host under the vendor's own domain for the field that holds it", () => {
    expect(understandOffline("our workspace is at northwind.deskbee.example. Can you connect it?", contextOf(desk, "/api_key"))).toContainEqual({ kind: "set", path: "/company", value: "northwind" });
  });

  it("gives a URL said after 'wrong one' to the one URL field, though it is filled", () => {
    const decisions = understandOffline("sorry, wrong one, that was staging. prod is https://bold-owl-7.deskbee.example", contextOf(desk, "/api_key", { company: "northwind", portal_url: "https://calm-fox-1.deskbee.example" }));
    expect(decisions).toContainEqual({ kind: "set", path: "/portal_url", value: "https://bold-owl-7.deskbee.example" });
  });
});

describe("milliseconds", () => {
  const stream = definitionOf("Streamly", {
    bootstrap: { type: "string", title: "Bootstrap servers" },
    request_timeout_ms: { type: "integer", title: "Request Timeout, ms", description: "How long the client waits for a reply before it retries.", default: 30000 },
    session_timeout: { type: "integer", title: "Session timeout (milliseconds)" },
  });

  it("turns seconds and minutes said for a field counted in milliseconds into milliseconds", () => {
    expect(setsOf(understandOffline("set the request timeout to sixty seconds and the session timeout to 2 minutes", contextOf(stream, "/bootstrap")))).toEqual({ "/request_timeout_ms": 60000, "/session_timeout": 120000 });
    expect(setsOf(understandOffline("45000", contextOf(stream, "/request_timeout_ms")))).toEqual({ "/request_timeout_ms": 45000 });
  });
});

describe("a link to a page of the service", () => {
  const tracker = definitionOf("Bugwatch", {
    token: { type: "string", title: "Auth Token", airbyte_secret: true },
    hostname: { type: "string", title: "Host Name", default: "bugwatch.io" },
    organization: { type: "string", title: "Organization", description: "The slug of the organization." },
    project: { type: "string", title: "Project", description: "The name (slug) of the project to read." },
  }, ["token", "organization", "project"]);

  it("takes the values its path names by their fields, and its host; a link is no project name", () => {
    const text = "the project page is https://bugs.acme.dev/organizations/acme-eng/projects/web-shop/ if that helps";
    expect(setsOf(understandOffline(text, contextOf(tracker, "/token")))).toEqual({ "/hostname": "bugs.acme.dev", "/organization": "acme-eng", "/project": "web-shop" });
    expect(setsOf(understandOffline("project is https://bugs.acme.dev/dashboard/", contextOf(tracker, "/token")))["/project"]).toBeUndefined();
  });
});

describe("a pattern said in passing", () => {
  const files = definitionOf("Filehop", {
    host: { type: "string", title: "Host Address" },
    folder_path: { type: "string", title: "Folder Path", examples: ["/logs/2022"] },
    file_pattern: { type: "string", title: "File Pattern", description: "The regular expression files must match" },
  }, ["host"]);

  it("goes to the one open field that takes a pattern, brackets and escapes whole; a plain word is no pattern", () => {
    expect(setsOf(understandOffline("files are in /exports. Only pick up files matching orders_[0-9]{8}\\.csv.", contextOf(files, "/host")))).toEqual({ "/folder_path": "/exports", "/file_pattern": "orders_[0-9]{8}\\.csv" });
    expect(setsOf(understandOffline("only pick up the orders files", contextOf(files, "/host")))["/file_pattern"]).toBeUndefined();
  });
});

describe("a version said in words", () => {
  const billing = definitionOf("Billbox", {
    site: { type: "string", title: "Site" },
    product_catalog: { type: "string", title: "Product Catalog", description: "Product Catalog version of your site.", enum: ["1.0", "2.0"], default: "2.0" },
  }, ["site"]);

  it("reads 'version one' after the field's name and a comma as the enum's 1.0", () => {
    expect(setsOf(understandOffline("site is acme-billing, we're still on the old product catalog, version one.", contextOf(billing, "/site")))).toEqual({ "/site": "acme-billing", "/product_catalog": "1.0" });
  });
});

describe("links, resource names and units the description tells", () => {
  const queue = definitionOf("Streamly", {
    project: { type: "string", title: "Project ID" },
    queue_id: { type: "string", title: "Streamly Queue ID" },
    survey_ids: { type: "array", title: "Survey IDs", items: { type: "string" }, description: "Find a survey's ID in its link: in https://acme.streamly.example/s/q7RtZ the survey ID is q7RtZ." },
    account_subdomain: { type: "string", title: "Account Subdomain", description: "Your account's subdomain (without https://)." },
    flush_wait: { type: "integer", title: "Flush: Delay", description: "Number of ms before the buffer is flushed" },
    flush_size: { type: "integer", title: "Flush: Size", description: "Number of events before the buffer is flushed" },
  });
  const read = (text: string) => setsOf(understandOffline(text, contextOf(queue)));

  it("reads a resource name's parts by the words before them ('projects/P/queues/Q')", () => {
    expect(read("write to projects/north-prod/queues/orders-feed please")).toEqual({ "/project": "north-prod", "/queue_id": "orders-feed" });
  });

  it("takes the part of a pasted link where the description shows the value, and a subdomain from a link", () => {
    expect(read("the surveys are https://north.streamly.example/s/Ab12x and https://north.streamly.example/s/Zz9Qk")).toEqual({ "/survey_ids": ["Ab12x", "Zz9Qk"] });
    expect(read("our account subdomain is https://northwind.streamly.example")).toEqual({ "/account_subdomain": "northwind" });
  });

  it("names a number's field by the unit its description counts ('every 200 events or 30 ms')", () => {
    expect(read("flush every 200 events or 30 ms")).toEqual({ "/flush_size": 200, "/flush_wait": 30 });
  });
});

describe("a region said by its place", () => {
  const trail = definitionOf("Logtrail", {
    region_name: { type: "string", title: "Region Name", description: "The AWS region to read from, for example, us-east-2 or eu-west-1.", default: "us-east-1" },
    bucket: { type: "string", title: "Bucket" },
  });

  it("writes a place as the region code of the cloud the description's codes belong to ('our Paris region' is eu-west-3)", () => {
    expect(setsOf(understandOffline("logs live in our Paris region, bucket audit-raw", contextOf(trail)))).toEqual({ "/region_name": "eu-west-3", "/bucket": "audit-raw" });
  });
});

describe("settings said by their units, their contrast or their alternative", () => {
  const shop = definitionOf("Shelfie", {
    reload_days: { type: "integer", title: "Reload Window (in days)", description: "How many days of data are read again on each run." },
    grace_minutes: { type: "integer", title: "Grace", description: "How long to wait for late rows. (in minutes)" },
    use_legacy_api: { type: "boolean", title: "Use Legacy Catalog API", default: true },
    region: { type: "string", title: "Data region", enum: ["Global", "Sandbox"], default: "Sandbox" },
  });
  const read = (text: string) => setsOf(understandOffline(text, contextOf(shop)));

  it("names a number's field by the unit its title says ('read back five days'), a time in words in the field's unit ('one hour' of minutes)", () => {
    expect(read("read back five days each run")).toEqual({ "/reload_days": 5 });
    expect(read("grace of one hour please")).toEqual({ "/grace_minutes": 60 });
  });

  it("turns a switch off when its distinctive word is what the person turns down ('the new catalog API rather than the legacy one')", () => {
    expect(read("go with the new catalog API rather than the legacy one")).toEqual({ "/use_legacy_api": false });
  });

  it("chooses the other of two options when the person turns one down", () => {
    expect(read("our main shop, not the sandbox one")).toEqual({ "/region": "Global" });
  });

  it("takes a correction after a value said before its unit ('six days of data, no wait, nine')", () => {
    expect(read("read back six days each time, no wait, nine")).toEqual({ "/reload_days": 9 });
  });
});

describe("identifiers a field lists", () => {
  const audit = definitionOf("Ledgerwatch", {
    filter: {
      type: "object",
      title: "Filter",
      required: ["attribute_key", "attribute_value"],
      properties: {
        attribute_key: { type: "string", title: "Attribute key", examples: ["EventSource"], default: "EventSource" },
        attribute_value: { type: "string", title: "Attribute value", examples: ["DeleteBucket", "PutObject"] },
      },
    },
    tag_ids: { type: "string", title: "Tag IDs", examples: ["Ab12", "Ab12,Cd34"] },
  });
  const read = (text: string) => setsOf(understandOffline(text, contextOf(audit)));

  it("takes an identifier a field lists as written, and a joined one said as its words ('event source' for EventSource)", () => {
    expect(read("only where event source is PutObject")).toEqual({ "/filter/attribute_key": "EventSource", "/filter/attribute_value": "PutObject" });
  });

  it("reads on from a listed identifier where the field's examples show a comma list", () => {
    expect(read("the tags are Ab12 and Qz9Kx")).toEqual({ "/tag_ids": "Ab12,Qz9Kx" });
  });
});

describe("options said among others, and links as the description shows them", () => {
  const hub = definitionOf("Flagly", {
    environment: { type: "string", title: "Environment", enum: ["api.sandbox", "api.staging", "api"], default: "api" },
    data_center: { type: "string", title: "Data Center", enum: ["com", "eu", "com.au", "in"], default: "com" },
    partitioning: { type: "string", title: "Choose how to partition data", enum: ["NONE", "YEAR", "MONTH", "YEAR/MONTH"] },
    api_url: { type: "string", title: "API URL", description: "Your API URL. No trailing slash. ex: https://flags.example.com/api" },
  });
  const read = (text: string) => setsOf(understandOffline(text, contextOf(hub)));

  it("names an option by its own word over another's synonym, and hears 'we're still testing' as a verb", () => {
    expect(read("we're still testing, so the staging environment please")).toEqual({ "/environment": "api.staging" });
  });

  it("chooses no option of two listed with 'and', nor one put off for another day", () => {
    expect(read("we're in both the EU and Australian data centres; this one is the Australian one, I'll do the EU one another day")).toEqual({ "/data_center": "com.au" });
  });

  it("reads a value of several words said with 'and' whole ('by year and month')", () => {
    expect(read("partition it by year and month")).toEqual({ "/partitioning": "YEAR/MONTH" });
  });

  it("cuts a copied request back to the address the description shows, without a trailing slash", () => {
    expect(read("the api url: https://flags.acme.dev/api/client/features?project=web")).toEqual({ "/api_url": "https://flags.acme.dev/api" });
    expect(read("api url https://flags.acme.dev/api/")).toEqual({ "/api_url": "https://flags.acme.dev/api" });
  });
});

describe("options in joined capitals, things a description names, and units per", () => {
  const inbox = definitionOf("Mailroom", {
    caption_format: { type: "string", title: "Caption format", enum: ["vtt", "srt"], default: "srt" },
    kind: { type: "string", title: "Kind", description: "Kind parameter for `shared_labels` stream", enum: ["label", "team"], default: "label" },
    limit: { type: "string", title: "Limit", description: "Max records per page limit", default: "50" },
  });
  const read = (text: string) => setsOf(understandOffline(text, contextOf(inbox)));

  it("reads an option from a word in joined capitals ('WebVTT'), and 'not the other format' as no refusal", () => {
    expect(read("captions as WebVTT, not the other caption format")).toEqual({ "/caption_format": "vtt" });
  });

  it("reads no option in the name of the thing the description says the field is for ('the shared labels')", () => {
    expect(read("for the shared labels we want teams rather than plain labels")).toEqual({ "/kind": "team" });
  });

  it("names a text field holding a number by the unit its description counts per ('pages of 200 records')", () => {
    expect(read("pages of 200 records")).toEqual({ "/limit": "200" });
  });
});

describe("grouped numbers and a vendor's login address", () => {
  const bank = definitionOf("Tallybank", {
    iban: { type: "string", title: "IBAN", pattern: "^[A-Z0-9]*$" },
    username: { type: "string", title: "Username" },
    organization_name: { type: "string", title: "Organization Name", description: "The organization name used to log in" },
  });
  const read = (text: string) => setsOf(understandOffline(text, contextOf(bank)));

  it("writes a value typed in groups without the spaces where the pattern takes none", () => {
    expect(read("IBAN DE89 3704 0044 0532 0130 00")).toEqual({ "/iban": "DE89370400440532013000" });
  });

  it("takes the label before the vendor's domain in a login address as the organization, not a generic one", () => {
    expect(read("we log in at https://northwind.tallybank.com, user ops@northwind.io")).toEqual({ "/organization_name": "northwind", "/username": "ops@northwind.io" });
    expect(read("we log in at https://app.tallybank.com, user ops@northwind.io")).toEqual({ "/username": "ops@northwind.io" });
  });
});

describe("a name said the other way round, modal links and hedges", () => {
  const reports = definitionOf("Pipewise", {
    report_granularity: { type: "string", title: "Report Granularity" },
    report_type: { type: "string", title: "Report Type" },
    radius: { type: "integer", title: "Radius" },
  });
  const read = (text: string) => setsOf(understandOffline(text, contextOf(reports)));

  it("reads 'Granularity of report must be weekly' for Report Granularity", () => {
    expect(read("granularity of report must be weekly")).toEqual({ "/report_granularity": "weekly" });
  });

  it("reads past a hedge between a name and its value ('radius I think 40 is fine')", () => {
    expect(read("radius I think 40 is fine")).toEqual({ "/radius": 40 });
  });
});

describe("a link whose description shows a placeholder where the value sits", () => {
  const ci = definitionOf("Buildly", {
    org_id: { type: "string", title: "Organization ID", description: "The org ID found in `https://app.buildly.example/settings/organization/buildly/xxxxx/overview`" },
  });

  it("takes the part in the placeholder's place from a pasted link, said without the field's name", () => {
    expect(setsOf(understandOffline("settings page: https://app.buildly.example/settings/organization/buildly/5f1e2a90-77aa-4c1d-9b0e-3c2d1e0f9a8b/overview", contextOf(ci)))).toEqual({ "/org_id": "5f1e2a90-77aa-4c1d-9b0e-3c2d1e0f9a8b" });
  });
});

describe("an option named by a link's host label", () => {
  const crm = definitionOf("Pipelane", {
    service: { type: "string", title: "Data Center", enum: ["eu-central", "us-east", "ca-central"] },
    space_id: { type: "string", title: "Space ID" },
    region: { type: "string", title: "Region", enum: ["us-east-1", "eu-west-1"] },
    endpoint: { type: "string", title: "Endpoint" },
  });
  const read = (text: string) => setsOf(understandOffline(text, contextOf(crm)));

  it("reads the data center from the host of a pasted API link, beside the link's other parts", () => {
    expect(read("our API is at https://us-east.api.pipelane.example/api/v2/spaces/acme_42/entities/")).toMatchObject({ "/service": "us-east", "/space_id": "acme_42" });
  });

  it("keeps a region said in words when the endpoint link repeats its code", () => {
    expect(read("tables in the Ireland region, endpoint https://db.eu-west-1.cloud.example")).toEqual({ "/region": "eu-west-1", "/endpoint": "https://db.eu-west-1.cloud.example" });
  });
});

describe("one value for a family of fields", () => {
  const media = definitionOf("Clipster", {
    query: { type: "string", title: "Keyword for lookup calls", default: "foo" },
    query_for_video: { type: "string", title: "Keyword for video lookup calls", default: "foo" },
    query_for_audio: { type: "string", title: "Keyword for audio lookup calls", default: "foo" },
    query_for_image: { type: "string", title: "Keyword for image lookup calls", default: "foo" },
  });

  it("gives a quoted value said for every member to each, and the one after 'except' to that member", () => {
    expect(setsOf(understandOffline("take 'harbour' as the keyword for all of them, except audio, where it should be 'sea shanty'", contextOf(media)))).toEqual({
      "/query": "harbour",
      "/query_for_video": "harbour",
      "/query_for_audio": "sea shanty",
      "/query_for_image": "harbour",
    });
  });
});
