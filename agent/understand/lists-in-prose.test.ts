// Lists said in prose: codes one after another, items inside words about them, items whose
// shape the examples show, and a list's name said with a slip or a tail word.
import { describe, expect, it } from "vitest";
import { understandOffline } from "./offline.ts";
import { contextOf, definitionOf, setsOf } from "./testing/definition.ts";

const markets = definitionOf(
  "Tradewind",
  {
    api_key: { type: "string", title: "API Key", airbyte_secret: true },
    symbols: { type: "array", title: "Symbols", items: { type: "string" }, examples: ["IBM", "TSLA"] },
    skip_queues: { type: "array", title: "Skip Queues", items: { type: "string" } },
    sectors: { type: "array", title: "Sectors", items: { type: "string" } },
  },
  ["api_key"],
);

describe("lists in prose", () => {
  it("takes codes typed one after another, spaces alone between them, as items", () => {
    expect(setsOf(understandOffline("symbols IBM ORCL SAP for now", contextOf(markets, "/api_key")))).toMatchObject({ "/symbols": ["IBM", "ORCL", "SAP"] });
  });

  it("calls a list of symbols by what markets call them", () => {
    expect(setsOf(understandOffline("the tickers are IBM and SAP", contextOf(markets, "/api_key")))).toMatchObject({ "/symbols": ["IBM", "SAP"] });
  });

  it("keeps the items the examples' shape shows, where words about them stand beside", () => {
    expect(setsOf(understandOffline("symbols: apple, oracle and sap (AAPL, ORCL and SAP)", contextOf(markets, "/api_key")))).toMatchObject({ "/symbols": ["AAPL", "ORCL", "SAP"] });
  });

  it("takes the marked word of each item said inside words, and goes on with the list", () => {
    expect(setsOf(understandOffline("please skip the jobs coming in from the night-batch and eu-retry queues", contextOf(markets, "/api_key")))).toMatchObject({ "/skip_queues": ["night-batch", "eu-retry"] });
  });

  it("takes a quoted name right before a list's name as its one item", () => {
    expect(setsOf(understandOffline('only the "night-ops" queue matters to us', contextOf(markets, "/api_key")))["/skip_queues"]).toBeUndefined();
    expect(setsOf(understandOffline('honestly only the "Energy" sector matters', contextOf(markets, "/api_key")))).toMatchObject({ "/sectors": ["Energy"] });
  });

  it("knows a list's name typed with a slip in its singular and finished by a tail word, and 'just' before the items", () => {
    expect(setsOf(understandOffline("sectr filter just Energy", contextOf(markets, "/api_key")))).toMatchObject({ "/sectors": ["Energy"] });
  });
});

describe("places named in passing", () => {
  const news = definitionOf("Newsly", {
    regions: { type: "array", title: "Regions", items: { type: "string" }, description: "Countries to search. Example: fr, de, jp" },
    topics: { type: "array", title: "Topics", items: { type: "string" } },
    from_date: { type: "string", title: "From date", format: "date" },
    to_date: { type: "string", title: "To date", format: "date" },
  });

  it("gives countries named in passing to the one list of country codes, and ends another list before them", () => {
    const sets = setsOf(understandOffline("stories from Japan, New Zealand and Peru, sport and travel topics only", contextOf(news, "/from_date")));
    expect(sets).toMatchObject({ "/regions": ["jp", "nz", "pe"], "/topics": ["sport", "travel"] });
  });

  it("ends a range at the end of the month said after 'to the end of'", () => {
    expect(setsOf(understandOffline("from March 2nd 2023 to the end of May 2023", contextOf(news, "/from_date")))).toMatchObject({ "/from_date": "2023-03-02", "/to_date": "2023-05-31" });
  });
});


describe("two lists in one sentence", () => {
  const events = definitionOf("Billy", {
    text_property_keys: { type: "array", title: "Property keys (text)", items: { type: "string" } },
    number_property_keys: { type: "array", title: "Property keys (number)", items: { type: "string" } },
    usage_grouping_key: { type: "string", title: "Usage grouping key" },
    tier_id: { type: "string", title: "Tier ID" },
  });

  it("gives 'the W ones' to the sibling whose name differs by W, and reads a snake_case value that begins with a field's name as a value", () => {
    const sets = setsOf(understandOffline("the text property keys are country and tier_name, the number ones are cpu_seconds and bytes_out. group usage by account_group", contextOf(events, "/tier_id")));
    expect(sets).toMatchObject({
      "/text_property_keys": ["country", "tier_name"],
      "/number_property_keys": ["cpu_seconds", "bytes_out"],
      "/usage_grouping_key": "account_group",
    });
    expect(sets["/tier_id"]).toBeUndefined();
  });
});

describe("bullet lines", () => {
  const stations = definitionOf(
    "Weatherline",
    {
      api_key: { type: "string", title: "API Key", airbyte_secret: true },
      lookup_by: { type: "string", title: "Lookup by", enum: ["station ids", "postal addresses"] },
      sites: { type: "array", title: "Sites" },
      variables: { type: "array", title: "Variables", items: { type: "string", enum: ["rain", "wind"] } },
    },
    ["api_key", "sites"],
  );

  it("takes each bullet line whole as an item of the one open list of free items, commas inside it included", () => {
    const text = "two orchards, by postal address:\n- 12 Elm Rd, Salem, OR 97301\n* 9 Oak St, Bend, OR 97701\nrain only";
    expect(setsOf(understandOffline(text, contextOf(stations, "/api_key")))).toMatchObject({
      "/lookup_by": "postal addresses",
      "/sites": ["12 Elm Rd, Salem, OR 97301", "9 Oak St, Bend, OR 97701"],
    });
  });

  it("reads no bullets of key: value lines as a list", () => {
    expect(setsOf(understandOffline("- lookup by: station ids\n- api key: later", contextOf(stations, "/api_key")))["/sites"]).toBeUndefined();
  });
});

describe("options of a list said in passing", () => {
  const reports = definitionOf("Tally", {
    token: { type: "string", title: "Token", airbyte_secret: true },
    metrics: { type: "array", title: "Metrics", items: { type: "string", enum: ["installs", "clicks", "cost", "paid_cost", "revenue"] } },
    groupings: { type: "array", title: "Groupings", items: { type: "string", enum: ["country", "app", "os"] } },
  }, ["token"]);

  it("takes a value named inside a longer one as part of its name, and a short one after 'and' repeating the word before its sibling", () => {
    const sets = setsOf(understandOffline("installs, clicks and paid cost, split by country and by app", contextOf(reports, "/token")));
    expect(sets).toEqual({ "/metrics": ["installs", "clicks", "paid_cost"], "/groupings": ["country", "app"] });
  });
});

describe("where a list ends", () => {
  const quotes = definitionOf("Tickerly", {
    api_key: { type: "string", title: "API Key", airbyte_secret: true },
    symbols: { type: "array", title: "Companies", items: { type: "string" } },
    category: { type: "string", title: "News Category", enum: ["general", "forex", "crypto"] },
    exchange: { type: "string", title: "Exchange" },
  }, ["api_key"]);

  it("ends a list at the item after 'and', and takes a code in capitals right after a name", () => {
    expect(setsOf(understandOffline("companies AAPL, MSFT and NVDA, crypto news category, exchange US", contextOf(quotes, "/api_key")))).toEqual({
      "/symbols": ["AAPL", "MSFT", "NVDA"],
      "/category": "crypto",
      "/exchange": "US",
    });
  });
});

describe("a list's item pattern", () => {
  const polls = definitionOf("Pollster", {
    survey_ids: { type: "array", title: "Survey IDs", items: { type: "string", pattern: "^[0-9]{1,8}$" } },
  });

  it("keeps only the items the spec's item pattern takes ('only two surveys count, ids 12 and 77')", () => {
    expect(setsOf(understandOffline("only two surveys count, ids 12 and 77", contextOf(polls)))).toEqual({ "/survey_ids": ["12", "77"] });
  });
});
