// Values for a field the message does not name: "set it to" after asking about a field, a value
// between a title's words, a query in quotes that looks like a header.
import { describe, expect, it } from "vitest";
import { understandOffline } from "./offline.ts";
import { contextOf, definitionOf, setsOf } from "./testing/definition.ts";

const tracker = definitionOf(
  "Trackly",
  {
    api_token: { type: "string", title: "API Token", airbyte_secret: true },
    grace_period_minutes: { type: "integer", title: "Grace period (minutes)" },
    max_items_per_call: { type: "integer", title: "Max items per call" },
    filter: { type: "string", title: "Filter" },
    threads: { type: "integer", title: "Threads" },
  },
  ["api_token"],
);

describe("references", () => {
  it("takes 'set it to X' after the person asked about a field as that field's value", () => {
    const context = { ...contextOf(tracker, "/api_token"), recent: [{ role: "user" as const, text: "hold on, what is the grace period for?" }] };
    expect(setsOf(understandOffline("thanks. then set it to forty minutes, and four threads", context))).toEqual({ "/grace_period_minutes": 40, "/threads": 4 });
    // Without that question, "it" refers to nothing this reading knows.
    expect(setsOf(understandOffline("thanks. then set it to forty minutes", contextOf(tracker, "/api_token")))["/grace_period_minutes"]).toBeUndefined();
  });

  it("reads the number between a title's words said apart, not the words beside it", () => {
    expect(setsOf(understandOffline("at most three hundred items in one call", contextOf(tracker, "/api_token")))).toMatchObject({ "/max_items_per_call": 300 });
  });

  it("reads a quoted value with colons as the value, not as a pasted header", () => {
    expect(setsOf(understandOffline('the filter is "team:core state:open"', contextOf(tracker, "/api_token")))).toEqual({ "/filter": "team:core state:open" });
  });
});

describe("loose ways to stop", () => {
  it("cancels a setup not wanted after all or put off until later, and skips a field not needed", () => {
    for (const text of ["oh well, turns out finance bought another tool, so we won't need this one after all", "the admin is away, let's leave it here for now and come back to this next month"]) {
      expect(understandOffline(text, contextOf(tracker, "/api_token"))).toContainEqual({ kind: "cancel" });
    }
    expect(understandOffline("we don't need this field", contextOf(tracker, "/filter"))).not.toContainEqual({ kind: "cancel" });
  });
});

describe("corrections of a value held", () => {
  const site = definitionOf("Sitely", {
    base_url: { type: "string", title: "Base URL", examples: ["https://sitely.example.com"] },
    port: { type: "string", title: "Port" },
    token: { type: "string", title: "Access token", airbyte_secret: true },
  });

  it("takes the new address where the old one is said again beside it", () => {
    const context = contextOf(site, "/token", { base_url: "https://old.northwind.dev" });
    expect(setsOf(understandOffline("oops, wrong address: old.northwind.dev is being retired. the right one is https://web.northwind.dev", context))).toEqual({ "/base_url": "https://web.northwind.dev" });
  });

  it("takes the new value after 'correction on the port', past a clause about it and the one held", () => {
    const context = contextOf(site, "/token", { port: "7000" });
    expect(setsOf(understandOffline("one correction on the port: that box is a replica and it answers on 7100, not 7000.", context))).toEqual({ "/port": "7100" });
  });

  it("takes the first other value after 'the wrong port', past the one held and a sentence about it", () => {
    const context = contextOf(site, "/token", { port: "7000" });
    expect(setsOf(understandOffline("hmm, wrong port, 7000 is the staging box. it's 7010.", context))).toEqual({ "/port": "7010" });
  });
});

describe("what a search is called", () => {
  it("takes the words searched for as the search query", () => {
    const news = definitionOf("Newsy", { search_query: { type: "string", title: "Search Query" }, page_size: { type: "integer", title: "Page size" } });
    expect(setsOf(understandOffline('we only care about news that mentions "solid state batteries"; search for that please', contextOf(news, "/page_size")))["/search_query"]).toBeUndefined();
    expect(setsOf(understandOffline('please search for "solid state batteries" in the titles', contextOf(news, "/page_size")))).toMatchObject({ "/search_query": "solid state batteries" });
    const sections = definitionOf("Papery", { query: { type: "string", title: "Query" }, section: { type: "string", title: "Section" } });
    expect(setsOf(understandOffline("search for tidal power in the science section", contextOf(sections, "/section")))["/query"]).toBe("tidal power");
  });
});

describe("the spec's spelling", () => {
  it("writes a value the way the field's default or examples spell it", () => {
    const store = definitionOf("Storely", { market: { type: "string", title: "Market", default: "googleplay", examples: ["apple", "googleplay"] }, page_size: { type: "integer", title: "Page size" } });
    expect(setsOf(understandOffline("the market is Apple", contextOf(store, "/page_size")))).toEqual({ "/market": "apple" });
  });
});


describe("values by their place and shape", () => {
  const quotes = definitionOf(
    "Quotely",
    {
      api_key: { type: "string", title: "API Key", airbyte_secret: true },
      ticker: { type: "string", title: "Ticker", examples: ["IBM", "VOD.LON"] },
      region: { type: "string", title: "Region", enum: ["EU", "US"] },
      target_schema: { type: "string", title: "Target schema" },
    },
    ["api_key", "ticker"],
  );

  it("takes a code in capitals for the required field whose plain examples are such codes, not another field's option", () => {
    expect(setsOf(understandOffline("quotely. ORCL please, EU", contextOf(quotes, "/api_key")))).toMatchObject({ "/ticker": "ORCL", "/region": "EU" });
  });

  it("takes a plain word before a name said as a place things go into", () => {
    expect(setsOf(understandOffline("rows should land in the finance schema", contextOf(quotes, "/api_key")))).toMatchObject({ "/target_schema": "finance" });
  });
});

describe("'no X' for a choice, and a word a title says", () => {
  const link = definitionOf("Linkly", {
    transport: {
      type: "object",
      title: "Transport encryption",
      oneOf: [
        { title: "Unencrypted", properties: { method: { type: "string", const: "unencrypted" } } },
        { title: "TLS", properties: { method: { type: "string", const: "tls" } } },
      ],
    },
    base_url: { type: "string", title: "Base URL" },
    store: { type: "object", title: "Store", properties: { host: { type: "string", title: "Public Endpoint", examples: ["https://store.example.com"] } } },
  });

  it("chooses the option that means none for 'no X needed'", () => {
    expect(understandOffline("no transport encryption needed, it is a private link", contextOf(link, "/base_url"))).toContainEqual({ kind: "choose", path: "/transport", optionIndex: 0 });
  });

  it("gives a word to the field whose own title says it before a field it is a synonym of", () => {
    expect(setsOf(understandOffline("endpoint is https://store-7.linkly.net", contextOf(link, "/transport")))).toEqual({ "/store/host": "https://store-7.linkly.net" });
  });
});

describe("the setup's own words and 'no auth'", () => {
  const db = definitionOf("Docly", {
    database: { type: "string", title: "Database" },
    auth_type: {
      type: "object",
      title: "Authorization type",
      oneOf: [
        { title: "None", properties: { authorization: { type: "string", const: "none" } } },
        { title: "Login/Password", properties: { authorization: { type: "string", const: "login" }, username: { type: "string", title: "User" } } },
      ],
    },
  });

  it("takes neither 'source' nor 'destination' as a value, and 'no auth' as the None option", () => {
    expect(setsOf(understandOffline("hook our reporting database up as a source please", contextOf(db, "/auth_type")))["/database"]).toBeUndefined();
    expect(understandOffline("db is ledger_7. no auth, it is on a private network", contextOf(db, "/database"))).toEqual(expect.arrayContaining([{ kind: "choose", path: "/auth_type", optionIndex: 0 }, { kind: "set", path: "/database", value: "ledger_7" }]));
  });
});


describe("a region in passing and a date to the microsecond", () => {
  it("gives a cloud region's code said in passing to the one region field, and writes a date as a pattern of microseconds wants it", () => {
    const bucket = definitionOf("Bucketly", {
      bucket: { type: "string", title: "Bucket" },
      aws_region: { type: "string", title: "AWS Region" },
      since: { type: "string", title: "Start Date", format: "date-time", pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}.[0-9]{6}Z$" },
    });
    expect(setsOf(understandOffline("the bucket is north-drops in eu-west-2, files since March 3rd 2024", contextOf(bucket, "/bucket")))).toMatchObject({
      "/bucket": "north-drops",
      "/aws_region": "eu-west-2",
      "/since": "2024-03-03T00:00:00.000000Z",
    });
  });
});

describe("'the real one is'", () => {
  const billing = definitionOf("Billwise", {
    api_key: { type: "string", title: "API Key", airbyte_secret: true },
    site: { type: "string", title: "Site", description: "The site prefix of your instance.", examples: ["acme-test"] },
    region: { type: "string", title: "Region" },
  }, ["api_key", "site"]);

  it("gives the value after 'the real one is' to the field named before it, while a secret is asked", () => {
    const context = { ...contextOf(billing, "/api_key", { site: "lakeview-test" }), answered: ["/site"] };
    expect(setsOf(understandOffline("oops, wrong site, lakeview-test is the sandbox. the real one is just lakeview", context))).toEqual({ "/site": "lakeview" });
    // Without the field's name, the field whose value it says before: not the one answered last.
    const lastAnswered = { ...contextOf(billing, "/api_key", { site: "lakeview-test", region: "west" }), answered: ["/site", "/region"] };
    expect(setsOf(understandOffline("argh, lakeview-test is the sandbox. the real one is lakeview", lastAnswered))).toEqual({ "/site": "lakeview" });
  });
});

describe("a short key the description spells out", () => {
  const weather = definitionOf("Skycast", {
    appid: { type: "string", description: "API KEY", airbyte_secret: true },
    lat: { type: "string", description: "Latitude, decimal (-90; 90).", pattern: "^[-]?\\d{1,2}(\\.\\d+)?$" },
    lon: { type: "string", description: "Longitude, decimal (-180; 180).", pattern: "^[-]?\\d{1,3}(\\.\\d+)?$" },
  }, ["appid", "lat", "lon"]);

  it("is called by the word it abbreviates ('lat' for Latitude)", () => {
    expect(setsOf(understandOffline("the coordinates are latitude 45.7640 and longitude 4.8357", contextOf(weather, "/appid")))).toEqual({ "/lat": "45.7640", "/lon": "4.8357" });
  });
});

describe("a switch turned by a later clause", () => {
  const events = definitionOf("Eventful", {
    api_key: { type: "string", title: "API Key", airbyte_secret: true },
    group_by_region: { type: "boolean", title: "Active Users Group by Region", default: true },
    skip_archived: { type: "boolean", title: "Skip archived projects", default: false },
  }, ["api_key"]);

  it("reads 'switch that off' and 'it should be on' after the switch's name", () => {
    expect(setsOf(understandOffline("the region grouping for active users kept failing, so please switch that off", contextOf(events, "/api_key")))).toEqual({ "/group_by_region": false });
    expect(setsOf(understandOffline("skip archived projects, it should be on", contextOf(events, "/api_key")))).toEqual({ "/skip_archived": true });
  });
});

describe("'turn that on' after a question about a switch", () => {
  const reports = definitionOf("Reportly", {
    api_token: { type: "string", title: "API Token", airbyte_secret: true },
    until_today: { type: "boolean", title: "Until Today", description: "Syncs data up until today." },
  }, ["api_token"]);

  it("sets the switch the person just asked about", () => {
    const context = { ...contextOf(reports, "/api_token"), recent: [{ role: "user" as const, text: "what does the 'until today' setting do?" }] };
    expect(setsOf(understandOffline("ok, turn that on then, we run this every morning", context))).toEqual({ "/until_today": true });
    expect(setsOf(understandOffline("hmm, switch it off", context))).toEqual({ "/until_today": false });
  });
});
