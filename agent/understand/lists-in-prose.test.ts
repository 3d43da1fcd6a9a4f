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

  it("knows a list's name typed with a slip in its singular and finished by a tail word, and 'just' before the items", () => {
    expect(setsOf(understandOffline("sectr filter just Energy", contextOf(markets, "/api_key")))).toMatchObject({ "/sectors": ["Energy"] });
  });
});
