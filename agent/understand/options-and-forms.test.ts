// What names an option and in what form a value is written, end to end through understandOffline
// on inline specs: words in an option's brackets, words too plain to pick one, a setting's own
// name among its options' words; dates in the form a field shows; what a link field takes; values
// said against the one a field holds; describing words and pasted configs.
import { describe, expect, it } from "vitest";
import { understandOffline } from "./offline.ts";
import { contextOf, definitionOf, setsOf } from "./testing/definition.ts";
import type { Decision } from "./types.ts";

const chosen = (decisions: Decision[]) => decisions.flatMap((decision) => (decision.kind === "choose" ? [[decision.path, decision.optionIndex]] : []));

const sheets = definitionOf(
  "Tabletop Sheets",
  {
    credentials: {
      type: "object",
      title: "Authentication",
      oneOf: [
        { title: "Authenticate via Tabletop (OAuth)", properties: { auth_type: { type: "string", const: "Client" }, client_id: { type: "string", title: "Client ID", airbyte_secret: true } } },
        { title: "Service Account Key Authentication", properties: { auth_type: { type: "string", const: "Service" }, service_account_info: { type: "string", title: "Service Account Information", airbyte_secret: true } } },
      ],
    },
    sheet_link: { type: "string", title: "Sheet link" },
  },
  ["credentials", "sheet_link"],
);

describe("what names an option", () => {
  it("hears the words in an option's brackets, and their synonyms ('sign in' for an option titled '… (OAuth)')", () => {
    expect(chosen(understandOffline("I'll just sign in with my tabletop login.", contextOf(sheets)))).toEqual([["/credentials", 0]]);
  });

  it("takes no option from a word as plain as 'account' ('my own account' picks no Service Account option)", () => {
    expect(chosen(understandOffline("the sheet is in my own account", contextOf(sheets)))).toEqual([]);
    expect(chosen(understandOffline("we use a service account", contextOf(sheets)))).toEqual([["/credentials", 1]]);
  });

  it("takes no option from the setting's own name ('gzip compression' is no 'No Compression')", () => {
    const lake = definitionOf("Lakehouse", {
      format: {
        type: "object",
        title: "Output format",
        oneOf: [
          { title: "CSV", properties: { format_type: { type: "string", const: "CSV" }, compression: { type: "object", title: "Compression", oneOf: [{ title: "No Compression", properties: { compression_type: { type: "string", const: "none" } } }, { title: "GZIP", properties: { compression_type: { type: "string", const: "GZIP" } } }] } } },
          { title: "Avro", properties: { format_type: { type: "string", const: "Avro" }, codec: { type: "string", title: "Codec", enum: ["null", "snappy", "zstandard"] } } },
        ],
      },
    });
    const decisions = understandOffline("Avro files with snappy compression please", contextOf(lake));
    expect(chosen(decisions).map(([path]) => path)).not.toContain("/format/compression");
    expect(understandOffline("no compression", contextOf(lake, "/format/compression", { format: { format_type: "CSV" } })).some((decision) => decision.kind === "choose" && decision.optionIndex === 0)).toBe(true);
  });
});

describe("dates in the form the field shows", () => {
  const events = definitionOf("Eventful", {
    since: { type: "string", title: "Since", description: "Date and time from which to fetch data", examples: ["2000-10-31T01:30:00.000Z"] },
    from_date: { type: "string", title: "From date", description: "Format: 2021-10-24T03:30:30Z or 2021-10-24.", examples: ["2021-10-24T03:30:30Z"] },
  });
  const sets = (text: string) => setsOf(understandOffline(text, contextOf(events)));

  it("keeps a date typed in full as typed, and writes a date said in words as the examples show it", () => {
    expect(sets("since 2022-01-01T00:00:00.000Z")).toEqual({ "/since": "2022-01-01T00:00:00.000Z" });
    expect(sets("since the first of may 2023")).toEqual({ "/since": "2023-05-01T00:00:00.000Z" });
  });

  it("keeps a day alone where the description shows a day alone is taken", () => {
    expect(sets("from date should be 2024-01-01")).toEqual({ "/from_date": "2024-01-01" });
  });
});

describe("what a link field takes", () => {
  const vision = definitionOf("Visionary", {
    image: { type: "string", title: "Image for detection", default: "https://visionary.example/sample.jpg" },
    enterprise_url: { type: "string", title: "Enterprise URL" },
  });

  it("knows a field whose default is a link takes one, and takes no word alone for a link", () => {
    expect(setsOf(understandOffline("for the detection image use our own test image: https://cdn.example.org/street-01.jpg", contextOf(vision)))).toEqual({ "/image": "https://cdn.example.org/street-01.jpg" });
    expect(setsOf(understandOffline("our enterprise API URL is https://forms.example.org/API", contextOf(vision)))).toEqual({ "/enterprise_url": "https://forms.example.org/API" });
  });
});

const store = definitionOf(
  "Paystore",
  {
    region: { type: "string", title: "Region", enum: ["eu", "na", "oc"], description: "Supported 'eu', 'na', 'oc'" },
    username: { type: "string", title: "Username" },
    workers: { type: "integer", title: "Number of workers" },
    organization_ids: { type: "array", title: "Organization IDs", items: { type: "string" } },
    member_ids: { type: "array", title: "Member IDs", items: { type: "string" } },
  },
  ["region", "username"],
);

describe("values said against what a field holds, and words that describe", () => {
  it("replaces the value a field holds when another is said against it ('so Oceania, not EU'), though the field is not named", () => {
    const values = { region: "eu", username: "PK1_a7b9" };
    expect(setsOf(understandOffline("hold on: our store is down under, so Oceania, not EU", contextOf(store, null, values)))).toEqual({ "/region": "oc" });
  });

  it("takes no describing word as a free-text value ('the account is the Australian one')", () => {
    expect(setsOf(understandOffline("the username is the Australian one", contextOf(store, null, { region: "oc" })))).toEqual({});
  });

  it("stores no 'empty' or 'blank': it says there is no value", () => {
    expect(setsOf(understandOffline("organization ids 5c2e-8b1a, and leave the member ids empty", contextOf(store)))).toEqual({ "/organization_ids": ["5c2e-8b1a"] });
    expect(setsOf(understandOffline("member ids blank please", contextOf(store)))).toEqual({});
  });

  it("lets 'make it X' correct the number said last in its sentence, however much was said between", () => {
    expect(setsOf(understandOffline("use ten workers, hmm no, our plan is the smaller one, make it eight", contextOf(store)))).toEqual({ "/workers": 8 });
    // (Not across another field named in between.)
    expect(setsOf(understandOffline("use ten workers, and the username is ops_1, make it ops_2", contextOf(store)))).toMatchObject({ "/workers": 10 });
  });
});

describe("a pasted config", () => {
  const panel = definitionOf(
    "Panelytics",
    {
      credentials: {
        type: "object",
        title: "Authentication",
        oneOf: [
          { title: "Service Account", properties: { option_title: { type: "string", const: "Service Account" }, username: { type: "string", title: "Username" }, secret: { type: "string", title: "Secret", airbyte_secret: true }, project_id: { type: "integer", title: "Project ID" } } },
          { title: "Project Secret", properties: { option_title: { type: "string", const: "Project Secret" }, api_secret: { type: "string", title: "Project Secret", airbyte_secret: true } } },
        ],
      },
      region: { type: "string", title: "Region", enum: ["US", "EU"] },
    },
    ["credentials"],
  );

  it("files a key found only inside an option under that option, and is no answer to the option asked", () => {
    const text = 'here is our setup:\n{\n  "username": "sync.7d41.svc",\n  "project_id": 2841937,\n  "region": "EU"\n}';
    const decisions = understandOffline(text, contextOf(panel, "/credentials"));
    expect(chosen(decisions)).toEqual([["/credentials", 0]]);
    expect(setsOf(decisions)).toEqual({ "/credentials/username": "sync.7d41.svc", "/credentials/project_id": 2841937, "/region": "EU" });
  });
});

describe("hosts, settings said back, timestamps and test places", () => {
  const shop = definitionOf(
    "Shopkeep",
    {
      store_host: { type: "string", title: "Store Host" },
      virtual_host: { type: "string", title: "Virtual Host", description: "The broker's virtual host name." },
      limit: { type: "string", title: "Limit", default: "5" },
      start_date: { type: "integer", title: "Start date", description: "Required format - Unix timestamp." },
      end_date: { type: "integer", title: "End date", description: "Required format - Unix timestamp." },
      playground: { type: "boolean", title: "Playground", default: false },
    },
    ["store_host"],
  );
  const sets = (text: string, values: Record<string, unknown> = {}) => setsOf(understandOffline(text, contextOf(shop, null, values)));

  it("knows a key ending in _host takes a host, and a virtual host takes a name", () => {
    expect(sets("wait, scratch that host. we need the staging store first: staging.shop.example.co.uk", { store_host: "www.shop.example.co.uk" })).toEqual({ "/store_host": "staging.shop.example.co.uk" });
    expect(sets("virtual host /events")).toEqual({ "/virtual_host": "/events" });
  });

  it("links a value to the field named before 'put it', 'make it' ('the limit please put it 100')", () => {
    expect(sets("and the limit please put it 100, the 5 is too small")).toEqual({ "/limit": "100" });
    expect(sets("the limit, make it 250")).toEqual({ "/limit": "250" });
  });

  it("gives the later of two dates to the end when the start is named ('from … up to midnight on …'), as timestamps", () => {
    expect(sets("start from midnight UTC on the 1st of January 2024 up to midnight UTC on the 1st of April 2024")).toEqual({ "/start_date": 1704067200, "/end_date": 1711929600 });
  });

  it("switches a test-place setting off for 'production' and on for its own words, the test place winning when both are said", () => {
    expect(sets("shopkeep, production, host www.shop.example.com")).toMatchObject({ "/playground": false });
    expect(sets("this is only our playground store for now, before touching production")).toMatchObject({ "/playground": true });
  });
});

describe("a web address's parts, and names a description or a short word gives", () => {
  const vault = definitionOf(
    "Vaultly",
    {
      domain: { type: "string", title: "Domain", description: "Domain of Vaultly to query." },
      port: { type: "integer", title: "Port", default: 443 },
      scheme: { type: "string", title: "Scheme", default: "https" },
      subdomain: { type: "string", title: "Subdomain", description: "The company name used in signup, also visible in the URL when logged in." },
      organization_ids: { type: "array", title: "Organization ID", items: { type: "string" } },
    },
    ["domain"],
  );
  const sets = (text: string) => setsOf(understandOffline(text, contextOf(vault)));

  it("fills the port and the scheme beside a domain from the address said ('https://db.us.vaultly.com:8443')", () => {
    expect(sets("our endpoint is http://db.us.example.com:8443")).toEqual({ "/domain": "db.us.example.com", "/port": 8443, "/scheme": "http" });
  });

  it("names a field by the lower-case phrase its description opens with ('the company name used in signup')", () => {
    expect(sets("our company name on there is brightpath")).toEqual({ "/subdomain": "brightpath" });
  });

  it("hears a long title word's short form in the plural ('2 orgs: a1-b2 and c3-d4' for Organization ID)", () => {
    expect(sets("only 2 orgs: 3f1c-7b4d and 8a2d-1c3e")).toEqual({ "/organization_ids": ["3f1c-7b4d", "8a2d-1c3e"] });
  });
});

describe("dates as said, addresses as shown, clauses and proper names", () => {
  const topups = definitionOf("Topups", {
    start_date: { type: "string", title: "Start date", format: "date-time", pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$" },
    oldest: { type: "string", title: "Oldest article", description: "A date and optional time.", pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2})?$" },
    shop_url: { type: "string", title: "Shop URL", description: "Shop URL without trailing slash." },
    search_store: { type: "string", title: "Search Store", default: "apple" },
  });
  const sets = (text: string, values: Record<string, unknown> = {}) => setsOf(understandOffline(text, contextOf(topups, null, values)));

  it("reads a date led by 'on' after its name, and lets a date with its year outweigh one without", () => {
    expect(sets("start on 2024-07-01")).toEqual({ "/start_date": "2024-07-01T00:00:00Z" });
    expect(sets("sorry, wrong. we only have data from July, so start on 2024-07-01 instead", { start_date: "2024-01-01T00:00:00Z" })).toEqual({ "/start_date": "2024-07-01T00:00:00Z" });
  });

  it("reads 'from 1 June of 2023' as that day, not one o'clock", () => {
    expect(sets("start from 1 June of 2023")).toEqual({ "/start_date": "2023-06-01T00:00:00Z" });
  });

  it("writes a day alone where the pattern takes a day and an optional time", () => {
    expect(sets("oldest article the 3rd of November 2025")).toEqual({ "/oldest": "2025-11-03" });
  });

  it("drops a trailing slash the description says to leave out, though it shows no link", () => {
    expect(sets("the shop url is https://boutique.example.fr/")).toEqual({ "/shop_url": "https://boutique.example.fr" });
  });

  it("takes no capitalised word before a capitalised name as its value ('our App Store numbers')", () => {
    expect(sets("pull our App Store numbers into the warehouse")).toEqual({});
  });

  it("leaves a list's name followed by ', and …' without the words of the next clause", () => {
    const hub = definitionOf("Datahub", { subsets: { type: "array", title: "Dataset Subsets", items: { type: "string" } }, splits: { type: "array", title: "Dataset Splits", items: { type: "string" } } });
    expect(setsOf(understandOffline("just the cola and sst2 subsets, and only the validation split", contextOf(hub)))["/subsets"]).toEqual(["cola", "sst2"]);
  });

  it("takes an Oracle JDBC thin address apart into host, port and SID or service name", () => {
    const oracle = definitionOf("Oracle DW", {
      host: { type: "string", title: "Host" },
      port: { type: "integer", title: "Port" },
      sid: { type: "string", title: "SID" },
      service_name: { type: "string", title: "Service name" },
      jdbc_url_params: { type: "string", title: "JDBC URL Params" },
    });
    expect(setsOf(understandOffline("JDBC url is jdbc:oracle:thin:@ora-dw01.corp.example.se:1521:DWPROD", contextOf(oracle)))).toEqual({ "/host": "ora-dw01.corp.example.se", "/port": 1521, "/sid": "DWPROD" });
    expect(setsOf(understandOffline("jdbc:oracle:thin:@//db.example.com:1522/ORCLPDB1", contextOf(oracle)))).toEqual({ "/host": "db.example.com", "/port": 1522, "/service_name": "ORCLPDB1" });
  });
});

describe("a server's address and values a description maps", () => {
  it("fills port and database beside a host from a server's address with its port, and no database from a site's page", () => {
    const house = definitionOf("Househouse", {
      host: { type: "string", title: "Hostname" },
      port: { type: "string", title: "Port", default: "8443" },
      protocol: { type: "string", title: "Protocol", enum: ["http", "https"] },
      database: { type: "string", title: "Database" },
    });
    expect(setsOf(understandOffline("destination: https://abc123.eu-central-1.example.cloud:9440/analytics", contextOf(house)))).toEqual({ "/host": "abc123.eu-central-1.example.cloud", "/port": "9440", "/protocol": "https", "/database": "analytics" });
    expect(setsOf(understandOffline("destination: https://abc123.example.cloud/admin", contextOf(house)))["/database"]).toBeUndefined();
  });

  it("takes a word a free-text field's description maps to a value, said in passing ('US workspace' for \"'api' for US\")", () => {
    const tracks = definitionOf("Tracks", { region: { type: "string", title: "Region", description: "The region for the API, e.g., 'api' for US or 'eu1' for EU", default: "api" }, start_date: { type: "string", title: "Start date", format: "date" } });
    expect(setsOf(understandOffline("tracks please. EU workspace, start date 2024-05-01", contextOf(tracks)))).toEqual({ "/region": "eu1", "/start_date": "2024-05-01" });
    // ("us" in lower case is a pronoun.)
    expect(setsOf(understandOffline("let us start with the start date 2024-05-01", contextOf(tracks)))).toEqual({ "/start_date": "2024-05-01" });
  });
});

describe("corrections of another field while one is asked, durations and free text", () => {
  const prices = definitionOf("Priceline", {
    tickers: { type: "string", title: "Tickers", description: "Comma-separated identifiers for the stocks to be queried." },
    interval: { type: "string", title: "Interval", enum: ["1m", "5m", "15m", "30m", "1h", "1d"] },
    cards_query: { type: "string", title: "Search cards query", description: "Query for searching cards" },
  });

  it("names a duration enum value by its count said in words ('every 15 minutes' for 15m)", () => {
    expect(setsOf(understandOffline("bars every 15 minutes please", contextOf(prices)))).toEqual({ "/interval": "15m" });
  });

  it("answers the question asked with what came before another field's corrected clause ('A,B - hourly bars, no wait, make that every 15 minutes')", () => {
    expect(setsOf(understandOffline("SPY,QQQ,IWM - hourly bars, no wait, make that every 15 minutes", contextOf(prices, "/tickers")))).toEqual({ "/tickers": "SPY,QQQ,IWM", "/interval": "15m" });
  });

  it("takes no words that lead on ('matching the') as free text, and reads the value after the name instead", () => {
    expect(setsOf(understandOffline("only cards matching the search onboarding", contextOf(prices)))).toEqual({ "/cards_query": "onboarding" });
  });
});

describe("names that describe, titles that differ in brackets, wholes and parts", () => {
  it("names a field by the head of its description's 'X name' phrase, over a synonym of another field, and writes the part before the domain the description names", () => {
    const cortex = definitionOf("Cortexa", {
      host: { type: "string", title: "Host", description: "Enter the account name you want to use to access the database. This is usually the identifier before .cortexa-computing.com" },
      username: { type: "string", title: "Username" },
    });
    expect(setsOf(understandOffline("Account is globex-analytics, user RAG_BOT.", contextOf(cortex)))).toEqual({ "/host": "globex-analytics", "/username": "RAG_BOT" });
    expect(setsOf(understandOffline("account: ACME_EU.cortexa-computing.com", contextOf(cortex)))).toEqual({ "/host": "ACME_EU" });
  });

  it("takes the customer's label of a vendor link for a server name ('server: https://sc-acme.formly.com')", () => {
    const formly = definitionOf("Formly", { server_name: { type: "string", title: "Server Name", description: "The name of the Formly server" } });
    expect(setsOf(understandOffline("server: https://sc-acme.formly.com", contextOf(formly)))).toEqual({ "/server_name": "sc-acme" });
  });

  it("reads no date field's title around a date ('Date range 2024-01-01 through the end of June 2024')", () => {
    const ads = definitionOf("Adsnap", { start_date: { type: "string", title: "Start Date", format: "date" }, end_date: { type: "string", title: "End Date", format: "date" } });
    expect(setsOf(understandOffline("Date range 2024-01-01 through the end of June 2024.", contextOf(ads)))).toEqual({ "/start_date": "2024-01-01", "/end_date": "2024-06-30" });
  });

  it("takes an enum value said whole over its parts ('by year and then month' for YEAR/MONTH)", () => {
    const lake = definitionOf("Lakely", { partitioning: { type: "string", title: "Choose how to partition data", enum: ["NO PARTITIONING", "YEAR", "MONTH", "YEAR/MONTH"] } });
    expect(setsOf(understandOffline("partition the data by year and then month", contextOf(lake)))).toEqual({ "/partitioning": "YEAR/MONTH" });
  });

  it("picks no option from words two options share as surely ('a client secret' for two sign-ins that have one)", () => {
    const blob = definitionOf("Blobby", {
      credentials: {
        type: "object",
        title: "Authentication",
        oneOf: [
          { title: "Authenticate via Oauth2", properties: { auth_type: { type: "string", const: "oauth2" }, client_secret: { type: "string", title: "Client secret", airbyte_secret: true } } },
          { title: "Authenticate via Service Principal", properties: { auth_type: { type: "string", const: "service_principal" }, client_secret: { type: "string", title: "Client secret", airbyte_secret: true } } },
        ],
      },
    });
    expect(chosen(understandOffline("it's an app registration with a client secret", contextOf(blob)))).toEqual([]);
    expect(chosen(understandOffline("a service principal with a client secret", contextOf(blob)))).toEqual([["/credentials", 1]]);
  });

  it("tells options whose titles differ only in brackets by the brackets' words, and hears a code in a title, not 'use'", () => {
    const lever = definitionOf("Leverly", {
      credentials: {
        type: "object",
        title: "Authentication",
        oneOf: [
          { title: "Authenticate via Leverly (OAuth)", properties: { auth_type: { type: "string", const: "Client" } } },
          { title: "Authenticate via Leverly (Api Key)", properties: { auth_type: { type: "string", const: "Api Key" } } },
        ],
      },
      region: { type: "object", title: "Region", oneOf: [{ title: "US-hosted workspace", properties: { url: { type: "string", const: "us" } } }, { title: "EU-hosted workspace", properties: { url: { type: "string", const: "eu" } } }] },
    });
    expect(chosen(understandOffline("Authenticate via Leverly (OAuth)", contextOf(lever, "/credentials")))).toEqual([["/credentials", 0]]);
    expect(chosen(understandOffline("the workspace we use is EU-hosted", contextOf(lever)))).toEqual([["/region", 1]]);
  });
});

describe("values shaped like a field's examples, and a name's word after a comma", () => {
  const duck = definitionOf("Duckling", {
    destination_path: { type: "string", title: "Destination DB", examples: ["/local/destination.duckdb", "md:", "md:data_db", "md:my_db"] },
    schema: { type: "string", title: "Schema" },
    symbols: { type: "array", title: "Symbol", items: { type: "string" }, examples: ["AVAX", "BTC"] },
    account_id: { type: "string", title: "Account ID" },
  });
  const sets = (text: string) => setsOf(understandOffline(text, contextOf(duck)));

  it("takes a value that opens as two examples or more do ('md:analytics')", () => {
    expect(sets("duckling dest. md:analytics, schema airbyte_raw")).toEqual({ "/destination_path": "md:analytics", "/schema": "airbyte_raw" });
  });

  it("takes two codes or more said together for an optional list whose examples are codes, and not one alone", () => {
    expect(sets("current prices for BTC, ETH and SOL")).toEqual({ "/symbols": ["BTC", "ETH", "SOL"] });
    expect(sets("prices in USD")).toEqual({});
  });

  it("reads 'our ads acct, id is 5497…' as the account id", () => {
    expect(sets("connect our ads acct, id is 549755885175")).toEqual({ "/account_id": "549755885175" });
  });
});

describe("versions said in words", () => {
  it("names version enum values by 'version N', 'vN' and 'the first version'", () => {
    const billing = definitionOf("Billsy", { product_catalog: { type: "string", title: "Product Catalog", enum: ["1.0", "2.0"], default: "2.0" }, workers: { type: "integer", title: "Number of workers" } });
    const sets = (text: string) => setsOf(understandOffline(text, contextOf(billing)));
    expect(sets("we're still on the old product catalog (the first version, never migrated)")).toEqual({ "/product_catalog": "1.0" });
    expect(sets("product catalog v2 please")).toEqual({ "/product_catalog": "2.0" });
    expect(sets("use version 2 of the catalog")).toEqual({ "/product_catalog": "2.0" });
  });
});
