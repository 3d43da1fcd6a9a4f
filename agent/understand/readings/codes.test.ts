// Codes and described values said in passing, for the one field that takes them.
import { describe, expect, it } from "vitest";
import { understandOffline } from "../offline.ts";
import { contextOf, definitionOf, setsOf } from "../testing/definition.ts";

describe("a currency in passing", () => {
  const rates = definitionOf("Ratesly", {
    app_id: { type: "string", title: "App ID", airbyte_secret: true },
    base: { type: "string", description: "Change base currency (3-letter code, default is USD)", examples: ["EUR", "USD"] },
    start_date: { type: "string", title: "Start date", format: "date" },
  });
  const sets = (text: string) => setsOf(understandOffline(text, contextOf(rates, "/app_id")));

  it("gives the one currency field the currency named, not the one a contrast turns down", () => {
    expect(sets("oh, before I paste it: the rates should be against the Swiss franc rather than the dollar")).toEqual({ "/base": "CHF" });
    expect(sets("rates against the euro please")).toEqual({ "/base": "EUR" });
  });

  it("takes none where two currencies are named", () => {
    expect(sets("we sell in euros and in Swiss francs")).toEqual({});
  });
});
